/**
 * The agreement laid out like the fund's template, from the same view object as the Word
 * document: the first half as headings and text, the second half (financing, staff, clauses,
 * validity, activity schemas) as the template's label | content tables with its labels. With
 * `editBase` set, each section or row gets an edit link. On screen an empty row says so; printed,
 * it is left out, as in Word (links, empty rows and name-only schemas are not printed).
 *
 * The edit links are plain anchors: the agreement page navigates them client-side with one
 * listener (client-links.ts) instead of a <Link> apiece, the largest share of this render's cost.
 */
import { YearColumnsHead } from "~/components/year-columns-head";
import type { ReactNode } from "react";
import {
  ACTIVITY_CRITERIA_NOTE,
  budgetLineLabel,
  budgetLines,
  CLAUSE_LABELS,
  FINANCING_LABELS,
  hasFinancing,
  hasSchemaContent,
  NO_YEARLY_AMOUNT,
  SCHEMA_CRITERIA_HEADER,
  SCHEMA_LABELS,
  SCHEMAS_LEAD,
} from "~/domain/agreement-layout";
import type { ActivityLine, CriterionLine, DocumentView } from "~/domain/agreement-view";
import type { Budget } from "~/domain/budget";
import { formatAmount, formatPercent } from "~/domain/format";
import type { RichText } from "~/domain/rich-text";
import { RichTextView } from "./rich-text";
import { ScrollTable, TableCaption } from "./scroll-table";

function Section({
  id,
  title,
  edit,
  children,
  level = 2,
  hiddenTitle = false,
}: {
  id: string;
  title: string;
  edit?: string;
  children: ReactNode;
  level?: 2 | 3;
  /** For the template's tables, whose labels are their headings: the title is for screen readers. */
  hiddenTitle?: boolean;
}) {
  const Heading = `h${level}` as const;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="doc-section">
      <div className="doc-section-head">
        <Heading id={`${id}-title`} className={hiddenTitle ? "sr-only" : undefined}>
          {title}
        </Heading>
        {edit ? (
          <a className="no-print doc-edit" href={edit} aria-label={`Rediger: ${title}`}>
            Rediger
          </a>
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

function GoalList({ goals, leadIn }: { goals: DocumentView["goals"]; leadIn: string | null }) {
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
                  <li key={sub.id}>{`Delmål: ${sub.text}`}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** "Udgangspunkt: 42 % (2016) · Mål: 50 % (2020)": one text node, not three. */
function measuresText(c: CriterionLine): string {
  const parts: string[] = [];
  if (c.baseline) parts.push(`Udgangspunkt: ${c.baseline.text}`);
  if (c.target) parts.push(`Mål: ${c.target.text}`);
  return parts.join(" · ");
}

export function CriteriaTable({
  criteria,
  caption,
  header = ["Succeskriterium", "Datakilde"],
}: {
  criteria: CriterionLine[];
  caption: string;
  header?: [string, string];
}) {
  if (!criteria.length) return <Empty>Ingen succeskriterier endnu.</Empty>;
  return (
    <ScrollTable>
      <table className="data doc-table">
        <TableCaption className="sr-only">{caption}</TableCaption>
        <thead>
          <tr>
            <th scope="col">{header[0]}</th>
            <th scope="col">{header[1]}</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.id}>
              <td>
                {c.text}
                {c.baseline || c.target ? (
                  <div className="muted small">{measuresText(c)}</div>
                ) : null}
                {c.goal ? (
                  <div className="small criterion-goal">
                    {`Måler på ${c.goal.label.toLocaleLowerCase("da")}`}
                  </div>
                ) : null}
              </td>
              <td>{c.dataSource}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** The template's `Organisation | Finansiering` table, for the whole period. */
function FinancingTable({ budget }: { budget: Budget }) {
  return (
    <ScrollTable>
      <table className="data doc-table doc-financing">
        <TableCaption className="sr-only">Finansiering for hele perioden</TableCaption>
        <thead>
          <tr>
            <th scope="col">{FINANCING_LABELS.organisation}</th>
            <th scope="col" className="num">
              {FINANCING_LABELS.financing}
            </th>
          </tr>
        </thead>
        <tbody>
          {budgetLines(budget).map((line) => (
            <tr key={line.id} className="strong-row">
              <th scope="row">{budgetLineLabel(line)}</th>
              <td className="num">{formatAmount(line.total)}</td>
            </tr>
          ))}
          <tr className="total-row">
            <th scope="row">{FINANCING_LABELS.total}</th>
            <td className="num">{formatAmount(budget.total.total)}</td>
          </tr>
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** The lines per year, after the totals, when some source is split by year. */
function YearlyTable({ budget }: { budget: Budget }) {
  const lines = budgetLines(budget);
  // Year sums are only true totals when every line is split by year.
  const allYearly = lines.every((line) => line.yearly);
  const cells = (byYear: number[], yearly: boolean) =>
    byYear.map((amount, i) => (
      <td key={budget.years[i]} className="num">
        {yearly ? formatAmount(amount) : NO_YEARLY_AMOUNT}
      </td>
    ));
  return (
    <ScrollTable>
      <table className="data doc-table doc-financing-years">
        <TableCaption className="sr-only">{FINANCING_LABELS.yearly}</TableCaption>
        <YearColumnsHead
          label={FINANCING_LABELS.yearly}
          years={budget.years}
          totalLabel={FINANCING_LABELS.yearlyTotal}
        />
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <th scope="row">{budgetLineLabel(line)}</th>
              {cells(line.byYear, line.yearly)}
              <td className="num">{formatAmount(line.total)}</td>
            </tr>
          ))}
          <tr className="total-row">
            <th scope="row">{FINANCING_LABELS.yearlyTotal}</th>
            {cells(budget.total.byYear, allYearly)}
            <td className="num">{formatAmount(budget.total.total)}</td>
          </tr>
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function Financing({ budget }: { budget: Budget }) {
  if (!hasFinancing(budget)) return <Empty />;
  return (
    <>
      <FinancingTable budget={budget} />
      {budget.hasYearly ? <YearlyTable budget={budget} /> : null}
      {budget.lbfShare !== null ? (
        <p className="muted no-print">Landsbyggefondens andel: {formatPercent(budget.lbfShare)}</p>
      ) : null}
    </>
  );
}

/**
 * One row of the template's label | content tables. An empty row says so on screen and is not
 * printed; the edit link sits under the label.
 */
function LabelRow({
  id,
  label,
  empty,
  edit,
  editName,
  children,
}: {
  id?: string;
  label: string;
  empty: boolean;
  edit?: string;
  /** What the edit link edits, for its accessible name ("Rediger: …"). */
  editName?: string;
  children?: ReactNode;
}) {
  return (
    <tr id={id} className={empty ? "doc-empty-row" : undefined}>
      <th scope="row">
        {label}
        {edit ? (
          <a className="no-print doc-edit" href={edit} aria-label={`Rediger: ${editName ?? label}`}>
            Rediger
          </a>
        ) : null}
      </th>
      <td>{empty ? <Empty /> : children}</td>
    </tr>
  );
}

/** Rich text in a table cell; its own sub-headings one level under the section's heading. */
function Rich({ text, headingLevel }: { text: RichText | null; headingLevel: 3 | 4 }) {
  return text ? <RichTextView text={text} headingLevel={headingLevel} /> : null;
}

function ClausesTable({
  view,
  edit,
}: {
  view: DocumentView;
  edit: (section: string) => string | undefined;
}) {
  const staff = view.staff.filter((s) => s.text.trim());
  return (
    <table className="doc-form">
      <caption className="sr-only">
        Medarbejderressourcer, konflikthåndtering, revision og gyldighed
      </caption>
      <tbody>
        <LabelRow id="staff" label={CLAUSE_LABELS.staff} empty={!staff.length} edit={edit("staff")}>
          {staff.map((s) => (
            <p key={s.id}>{s.text}</p>
          ))}
        </LabelRow>
        <LabelRow
          label={CLAUSE_LABELS.conflict}
          editName="Konflikthåndtering og underretning"
          empty={!view.conflictHandling}
          edit={edit("clauses")}
        >
          <Rich text={view.conflictHandling} headingLevel={3} />
        </LabelRow>
        <LabelRow
          label={CLAUSE_LABELS.revision}
          editName="Revision af delaftalen"
          empty={!view.revisionClause}
          edit={edit("clauses")}
        >
          <Rich text={view.revisionClause} headingLevel={3} />
        </LabelRow>
        <LabelRow
          id="validity"
          label={CLAUSE_LABELS.validity}
          editName="Delaftalen gælder fra"
          empty={false}
          edit={edit("basics")}
        >
          <p>{view.validityText}</p>
        </LabelRow>
      </tbody>
    </table>
  );
}

export function ActivitySchemaTable({ activity }: { activity: ActivityLine }) {
  const a = activity;
  const purposes = a.purposes.filter((p) => p.trim());
  const targetGroups = a.targetGroups.filter((t) => t.trim());
  return (
    <table className="doc-form">
      <caption className="sr-only">{`Aktivitetsskema for ${a.name}`}</caption>
      <tbody>
        <LabelRow label={SCHEMA_LABELS.name} empty={false}>
          <p>
            <strong>{a.title}</strong>
          </p>
        </LabelRow>
        <LabelRow label={SCHEMA_LABELS.content} empty={!a.content}>
          <Rich text={a.content} headingLevel={4} />
        </LabelRow>
        <LabelRow label={SCHEMA_LABELS.purposes} empty={!a.purposesLeadIn && !purposes.length}>
          <List items={purposes} leadIn={a.purposesLeadIn} />
        </LabelRow>
        <LabelRow
          label={SCHEMA_LABELS.targetGroups}
          empty={!a.targetGroupsLeadIn && !targetGroups.length}
        >
          <List items={targetGroups} leadIn={a.targetGroupsLeadIn} />
        </LabelRow>
        <LabelRow label={SCHEMA_LABELS.criteria} empty={!a.criteria.length}>
          <p>
            <em>{ACTIVITY_CRITERIA_NOTE}</em>
          </p>
          <CriteriaTable
            criteria={a.criteria}
            caption={`Succeskriterier for ${a.name}`}
            header={SCHEMA_CRITERIA_HEADER}
          />
        </LabelRow>
        <LabelRow label={SCHEMA_LABELS.roles} empty={!a.responsibilities.length}>
          {a.responsibilities.map((r) => (
            <div key={r.id} className="responsibility">
              {r.party ? (
                <p>
                  <strong>{`${r.party}:`}</strong>
                </p>
              ) : null}
              {r.duties.length ? <List items={r.duties} /> : null}
            </div>
          ))}
        </LabelRow>
      </tbody>
    </table>
  );
}
export function AgreementDocument({
  view,
  editBase,
  showTitle = true,
}: {
  view: DocumentView;
  editBase?: string;
  /** False when the page's own h1 already is the agreement's title. */
  showTitle?: boolean;
}) {
  const edit = (section: string) => (editBase ? `${editBase}/${section}` : undefined);
  const primaryCount = view.parties.primary.reduce((n, g) => n + g.parties.length, 0);
  const schemaCount = view.activities.filter(hasSchemaContent).length;
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
              <a
                className="no-print doc-edit"
                href={`${editBase}/working-groups`}
                aria-label="Rediger: Arbejdsgrupper"
              >
                Rediger
              </a>
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
        {view.problemStatement ? (
          <RichTextView text={view.problemStatement} headingLevel={3} />
        ) : (
          <Empty />
        )}
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
                <a href={`#activity-${a.id}`}>{a.listTitle}</a>
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
        {view.municipalInterplay ? (
          <RichTextView text={view.municipalInterplay} headingLevel={3} />
        ) : (
          <Empty />
        )}
        <h3 id="anchoring">Forankring af aktiviteterne</h3>
        {view.anchoring ? <RichTextView text={view.anchoring} /> : <Empty />}
      </Section>

      <Section id="financing" title="Finansiering" edit={edit("financing")} hiddenTitle>
        <Financing budget={view.budget} />
      </Section>

      <Section
        id="clauses"
        title="Medarbejderressourcer, konflikthåndtering, revision og gyldighed"
        hiddenTitle
      >
        <ClausesTable view={view} edit={edit} />
      </Section>

      {view.activities.length ? (
        <div className={`page-break${schemaCount ? "" : " no-print"}`}>
          <h2>Aktivitetsskemaer</h2>
          <p>
            <strong>{SCHEMAS_LEAD}</strong>
          </p>
        </div>
      ) : null}
      {view.activities.map((a, index) => {
        const filled = hasSchemaContent(a);
        return (
          <section
            key={a.id}
            id={`activity-${a.id}`}
            className={`doc-section activity-schema${filled ? "" : " no-print"}`}
            aria-labelledby={`activity-${a.id}-title`}
          >
            <div className="doc-section-head">
              <h3 id={`activity-${a.id}-title`} className="schema-title">
                {`Aktivitet ${index + 1}: ${a.title}`}
              </h3>
              {editBase ? (
                <a
                  className="no-print doc-edit"
                  href={`${editBase}/activities/${a.id}`}
                  aria-label={`Rediger aktiviteten ${a.name}`}
                >
                  Rediger
                </a>
              ) : null}
            </div>
            {filled ? (
              <ActivitySchemaTable activity={a} />
            ) : (
              <Empty>Aktivitetsskemaet er ikke udfyldt endnu.</Empty>
            )}
          </section>
        );
      })}
    </article>
  );
}
