/**
 * The agreement laid out like the fund's template, from the same view object as the Word
 * document. With `editBase` set, each section gets an edit link (hidden when printing).
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { AgreementView, CriterionView } from "~/domain/agreement-view";
import { formatAmount, formatPercent } from "~/domain/format";
import { REVISION_CLAUSE_NOTE } from "~/domain/texts.da";
import { RichTextView } from "./rich-text";

function Section({
  id,
  title,
  edit,
  children,
  level = 2,
}: {
  id: string;
  title: string;
  edit?: string;
  children: ReactNode;
  level?: 2 | 3;
}) {
  const Heading = `h${level}` as const;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="doc-section">
      <div className="doc-section-head">
        <Heading id={`${id}-title`}>{title}</Heading>
        {edit ? (
          <Link className="no-print doc-edit" to={edit} aria-label={`Rediger: ${title}`}>
            Rediger
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  );
}

function Empty({ children = "Ikke udfyldt endnu." }: { children?: ReactNode }) {
  return <p className="muted doc-empty">{children}</p>;
}

function List({ items, leadIn }: { items: string[]; leadIn?: string | null }) {
  if (!items.length && !leadIn) return <Empty />;
  return (
    <>
      {leadIn ? <p className="doc-lead-in">{leadIn}</p> : null}
      {items.length ? (
        <ul>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function GoalList({ goals, leadIn }: { goals: AgreementView["goals"]; leadIn: string | null }) {
  if (!goals.length && !leadIn) return <Empty />;
  return (
    <>
      {leadIn ? <p className="doc-lead-in">{leadIn}</p> : null}
      <ul>
        {goals.map((goal) => (
          <li key={goal.id}>
            {goal.text}
            {goal.subGoals.length ? (
              <ul aria-label="Delmål">
                {goal.subGoals.map((sub) => (
                  <li key={sub.id}>Delmål: {sub.text}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function CriteriaTable({
  criteria,
  caption,
}: {
  criteria: CriterionView[];
  caption: string;
}) {
  if (!criteria.length) return <Empty>Ingen succeskriterier endnu.</Empty>;
  return (
    <div className="table-wrap">
      <table className="data doc-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Succeskriterium</th>
            <th scope="col">Datakilde</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.id}>
              <td>
                {c.text}
                {c.baseline || c.target ? (
                  <div className="muted small">
                    {c.baseline ? `Udgangspunkt: ${c.baseline.text}` : null}
                    {c.baseline && c.target ? " · " : null}
                    {c.target ? `Mål: ${c.target.text}` : null}
                  </div>
                ) : null}
              </td>
              <td>{c.dataSource}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BudgetTable({ view }: { view: AgreementView }) {
  const { budget } = view;
  if (budget.total.total === 0 && !budget.lbf.length && !budget.local.length) return <Empty />;
  const row = (label: string, byYear: number[], total: number, className?: string) => (
    <tr className={className}>
      <th scope="row">{label}</th>
      {byYear.map((amount, i) => (
        <td key={i} className="num">
          {formatAmount(amount)}
        </td>
      ))}
      <td className="num">{formatAmount(total)}</td>
    </tr>
  );
  return (
    <>
      <div className="table-wrap">
        <table className="data doc-table">
          <caption className="sr-only">Finansiering pr. år</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              {budget.years.map((y) => (
                <th key={y} scope="col" className="num">
                  {y}
                </th>
              ))}
              <th scope="col" className="num">
                I alt
              </th>
            </tr>
          </thead>
          <tbody>
            {row("Landsbyggefonden", budget.lbfTotal.byYear, budget.lbfTotal.total, "strong-row")}
            {row(
              "Lokal medfinansiering",
              budget.localTotal.byYear,
              budget.localTotal.total,
              "strong-row",
            )}
            {budget.local.map((l) => (
              <tr key={l.id} className="sub-row">
                <th scope="row">{l.label}</th>
                {l.byYear.map((a, i) => (
                  <td key={i} className="num">
                    {formatAmount(a)}
                  </td>
                ))}
                <td className="num">{formatAmount(l.total)}</td>
              </tr>
            ))}
            {row(
              "Samlet budget for indsatsområdet",
              budget.total.byYear,
              budget.total.total,
              "total-row",
            )}
          </tbody>
        </table>
      </div>
      {budget.lbfShare !== null ? (
        <p className="muted">Landsbyggefondens andel: {formatPercent(budget.lbfShare)}</p>
      ) : null}
    </>
  );
}

export function AgreementDocument({
  view,
  editBase,
  showTitle = true,
}: {
  view: AgreementView;
  editBase?: string;
  /** False when the page's own h1 already is the agreement's title. */
  showTitle?: boolean;
}) {
  const edit = (section: string) => (editBase ? `${editBase}/${section}` : undefined);
  const primaryCount = view.parties.primary.reduce((n, g) => n + g.parties.length, 0);
  return (
    <article className="agreement-document" aria-label={view.title}>
      {showTitle ? <h1>{view.title}</h1> : null}
      <p className="opening-clause">
        <strong>{view.openingClause}</strong>
      </p>
      <Section
        id="basics"
        title="Navn på den boligsociale indsats, som delaftalen vedrører"
        edit={edit("basics")}
      >
        <p>{view.plan.name}</p>
      </Section>

      <Section id="parties" title="Aftalens parter" edit={edit("parties")}>
        <h3>Primære samarbejdspartnere</h3>
        {primaryCount === 0 ? <Empty /> : null}
        {view.parties.primary.map((group, i) => (
          <div key={i} className="party-group">
            {group.heading ? <h4>{group.heading}</h4> : null}
            <ul className="party-list">
              {group.parties.map((p) => (
                <li key={p.id}>
                  {p.name}
                  {p.contact ? <div className="muted">{p.contact}</div> : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div className="doc-subsection" id="working-groups">
          <div className="doc-section-head">
            <h3>Arbejdsgrupper</h3>
            {editBase ? (
              <Link
                className="no-print doc-edit"
                to={`${editBase}/working-groups`}
                aria-label="Rediger: Arbejdsgrupper"
              >
                Rediger
              </Link>
            ) : null}
          </div>
          {view.workingGroups.length === 0 ? <Empty /> : null}
          {view.workingGroups.map((g) => (
            <div key={g.id}>
              <h4>{g.name}</h4>
              <ul>
                {g.members.map((m) => (
                  <li key={m.id}>{m.text}</li>
                ))}
              </ul>
            </div>
          ))}
        </div>
        <h3>Sekundære samarbejdspartnere</h3>
        {view.parties.secondary.length === 0 ? <Empty /> : null}
        {view.parties.secondary.map((group, i) => (
          <div key={i} className="party-group">
            {group.heading ? <h4>{group.heading}</h4> : null}
            <ul className="party-list">
              {group.parties.map((p) => (
                <li key={p.id}>
                  {p.name}
                  {p.contact ? <div className="muted">{p.contact}</div> : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </Section>

      <Section id="problem" title="Problemkompleks for indsatsområdet" edit={edit("problem")}>
        {view.problemStatement ? <RichTextView text={view.problemStatement} /> : <Empty />}
      </Section>

      <Section
        id="purpose"
        title="Formål og lokalt opstillede målinger for indsatsområdet"
        edit={edit("purpose")}
      >
        <h3>Formål</h3>
        <List items={view.purposes} leadIn={view.purposesLeadIn} />
        <h3>Mål</h3>
        <GoalList goals={view.goals} leadIn={view.goalsLeadIn} />
        {view.primaryTargetGroup ? (
          <>
            <h3>Primær målgruppe for indsatsområdet</h3>
            <RichTextView text={view.primaryTargetGroup} />
          </>
        ) : null}
        <h3>Metode</h3>
        {view.method ? <RichTextView text={view.method} /> : <Empty />}
      </Section>

      <Section
        id="criteria"
        title="Lokalt opstillede målinger (succeskriterier)"
        edit={edit("criteria")}
      >
        <CriteriaTable
          criteria={view.criteria}
          caption="Delaftalens succeskriterier og datakilder"
        />
      </Section>

      <Section
        id="activities"
        title="Aktiviteter, som skal bidrage til indfrielse af formål og mål"
        edit={edit("activities")}
      >
        {view.activities.length ? (
          <ul>
            {view.activities.map((a) => (
              <li key={a.id}>
                <a href={`#activity-${a.id}`}>{a.title}</a>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>Ingen aktiviteter endnu.</Empty>
        )}
      </Section>

      <Section
        id="interplay"
        title="Samspil med og supplement til den kommunale indsats i boligområdet"
        edit={edit("interplay")}
      >
        {view.municipalInterplay ? <RichTextView text={view.municipalInterplay} /> : <Empty />}
        <h3 id="anchoring">Forankring af aktiviteterne</h3>
        {view.anchoring ? <RichTextView text={view.anchoring} /> : <Empty />}
      </Section>

      <Section id="financing" title="Finansiering" edit={edit("financing")}>
        <BudgetTable view={view} />
      </Section>

      <Section id="staff" title="Medarbejderressourcer på indsatsområdet" edit={edit("staff")}>
        <List items={view.staff.map((s) => s.text)} />
      </Section>

      <Section id="clauses" title="Konflikthåndtering og underretning" edit={edit("clauses")}>
        {view.conflictHandling ? <RichTextView text={view.conflictHandling} /> : <Empty />}
        <h3>Revision af delaftalen</h3>
        {view.revisionClause ? <RichTextView text={view.revisionClause} /> : <Empty />}
        <p className="muted">
          <em>{REVISION_CLAUSE_NOTE}</em>
        </p>
        <h3>Delaftalen gælder fra</h3>
        <p>{view.validityText}</p>
      </Section>

      {view.activities.length ? <h2 className="page-break">Aktivitetsskemaer</h2> : null}
      {view.activities.map((a, index) => (
        <section
          key={a.id}
          id={`activity-${a.id}`}
          className="doc-section activity-schema"
          aria-labelledby={`activity-${a.id}-title`}
        >
          <div className="doc-section-head">
            <h3 id={`activity-${a.id}-title`}>
              Aktivitet {index + 1}: {a.title}
            </h3>
            {editBase ? (
              <Link
                className="no-print doc-edit"
                to={`${editBase}/activities/${a.id}`}
                aria-label={`Rediger aktiviteten ${a.name}`}
              >
                Rediger
              </Link>
            ) : null}
          </div>
          <h4>Indhold og praksis</h4>
          {a.content ? <RichTextView text={a.content} headingLevel={5} /> : <Empty />}
          <h4>Formål</h4>
          <List items={a.purposes} leadIn={a.purposesLeadIn} />
          <h4>Målgruppe(r)</h4>
          <List items={a.targetGroups} leadIn={a.targetGroupsLeadIn} />
          <h4>Succeskriterier og datakilde for aktiviteten</h4>
          <CriteriaTable criteria={a.criteria} caption={`Succeskriterier for ${a.name}`} />
          <h4>Organisering, ansvar og rollefordeling</h4>
          {a.responsibilities.length ? (
            a.responsibilities.map((r) => (
              <div key={r.id} className="responsibility">
                <p>
                  <strong>{r.party}:</strong>
                </p>
                <List items={r.duties} />
              </div>
            ))
          ) : (
            <Empty />
          )}
        </section>
      ))}
    </article>
  );
}
