/**
 * The strategic agreement laid out as its document, from the same view as the Word document:
 * parties, period, vision, objectives, organisation (the working groups read from the
 * delaftaler), focus areas with their overall goals, the budget computed from the delaftaler with
 * the LBF share, and the plan's clauses.
 */
import type { ReactNode } from "react";
import { formatAmount } from "~/domain/format";
import {
  lbfShareText,
  objectiveRefs,
  STRATEGIC_HEADINGS as H,
  type StrategicAgreementView,
  type StrategicBodyView,
} from "~/domain/strategic-agreement";
import { ScrollTable, TableCaption } from "./scroll-table";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="doc-section">
      <div className="doc-section-head">
        <h2 id={`${id}-title`}>{title}</h2>
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: string }) {
  return <p className="muted">{children}</p>;
}

function Paragraphs({ text, empty }: { text: string; empty?: string }) {
  const parts = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return empty ? <Empty>{empty}</Empty> : null;
  return (
    <>
      {parts.map((p, i) => (
        <p key={i} className="review-text">
          {p}
        </p>
      ))}
    </>
  );
}

function Body({
  body,
  id,
  children,
}: {
  body: StrategicBodyView;
  id: string;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{body.name}</h3>
      <Paragraphs text={body.description} />
      {body.members.length ? (
        <ScrollTable>
          <table className="data">
            <TableCaption className="sr-only">Medlemmer af {body.name}</TableCaption>
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">Organisation</th>
                <th scope="col">Rolle</th>
              </tr>
            </thead>
            <tbody>
              {body.members.map((m, i) => (
                <tr key={i}>
                  <th scope="row">{m.name}</th>
                  <td>{m.organisation}</td>
                  <td>{m.role}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : (
        <Empty>Ingen medlemmer skrevet ind endnu.</Empty>
      )}
      {children}
    </section>
  );
}

export function StrategicDocument({ view }: { view: StrategicAgreementView }) {
  const b = view.budget;
  const share = lbfShareText(b);
  return (
    <article className="document" aria-label={view.title}>
      <Section id="parties" title={H.parties}>
        {view.parties.length ? (
          <ul>
            {view.parties.map((p, i) => (
              <li key={i}>
                <strong>{p.name}</strong>
                {p.signatoryName
                  ? ` v. ${[p.signatoryName, p.signatoryTitle].filter(Boolean).join(", ")}`
                  : null}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>Ingen parter endnu.</Empty>
        )}
      </Section>
      <Section id="period" title={H.period}>
        <p>Aftalen gælder for perioden {view.periodText}.</p>
      </Section>
      <Section id="vision" title={H.vision}>
        <Paragraphs text={view.vision} empty="Visionen er ikke skrevet endnu." />
      </Section>
      <Section id="objectives" title={H.objectives}>
        {view.objectives.length ? (
          <ol>
            {view.objectives.map((o) => (
              <li key={o.key} className="review-text">
                {o.text}
              </li>
            ))}
          </ol>
        ) : (
          <Empty>Ingen målsætninger endnu.</Empty>
        )}
      </Section>
      <Section id="organisation" title={H.organisation}>
        <Body body={view.board} id="body-board">
          {view.board.termsOfReference ? (
            <>
              <h4>{H.termsOfReference}</h4>
              <Paragraphs text={view.board.termsOfReference} />
            </>
          ) : null}
        </Body>
        <Body body={view.followGroup} id="body-follow" />
        <Body body={view.secretariat} id="body-secretariat" />
        <section aria-labelledby="body-working-groups">
          <h3 id="body-working-groups">{H.workingGroups}</h3>
          {view.workingGroups.length ? (
            view.workingGroups.map((g, i) => (
              <div key={i}>
                <h4>
                  {g.name} <span className="muted">({g.focusArea})</span>
                </h4>
                <ul>
                  {g.members.map((m, j) => (
                    <li key={j}>{m}</li>
                  ))}
                </ul>
              </div>
            ))
          ) : (
            <Empty>Delaftalerne har ingen arbejdsgrupper endnu.</Empty>
          )}
        </section>
      </Section>
      <Section id="focus-areas" title={H.focusAreas}>
        {view.focusAreas.length ? (
          view.focusAreas.map((f) => (
            <section key={f.focusAreaId} aria-labelledby={`focus-${f.focusAreaId}`}>
              <h3 id={`focus-${f.focusAreaId}`}>{f.name}</h3>
              <Paragraphs text={f.goal} empty="Det overordnede mål er ikke skrevet endnu." />
              {f.objectives.length ? (
                <p className="muted">Bidrager til: {objectiveRefs(f.objectives)}</p>
              ) : null}
            </section>
          ))
        ) : (
          <Empty>Ingen indsatsområder endnu.</Empty>
        )}
      </Section>
      <Section id="budget" title={H.budget}>
        {b.rows.length ? (
          <>
            <p className="muted">
              Beløbene er summen af delaftalernes budgetter for hele perioden.
            </p>
            <ScrollTable>
              <table className="data">
                <TableCaption className="sr-only">{H.budget}</TableCaption>
                <thead>
                  <tr>
                    <th scope="col">Indsatsområde</th>
                    {b.funders.map((f) => (
                      <th scope="col" className="num" key={f.key}>
                        {f.label}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      I alt
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r) => (
                    <tr key={r.focusAreaId}>
                      <th scope="row">{r.focusArea}</th>
                      {r.amounts.map((a, i) => (
                        <td className="num" key={i}>
                          {formatAmount(a)}
                        </td>
                      ))}
                      <td className="num">{formatAmount(r.total)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">I alt</th>
                    {b.totals.amounts.map((a, i) => (
                      <td className="num" key={i}>
                        <strong>{formatAmount(a)}</strong>
                      </td>
                    ))}
                    <td className="num">
                      <strong>{formatAmount(b.totals.total)}</strong>
                    </td>
                  </tr>
                </tfoot>
              </table>
            </ScrollTable>
            {share ? (
              <p className={b.lbfShareTooHigh ? "alert alert-error" : undefined}>{share}</p>
            ) : null}
          </>
        ) : (
          <Empty>Delaftalerne har intet budget endnu.</Empty>
        )}
      </Section>
      <Section id="clauses" title={H.clauses}>
        {view.clauses.length ? (
          view.clauses.map((c, i) => (
            <section key={i} aria-labelledby={`clause-${i}`}>
              <h3 id={`clause-${i}`}>{c.heading}</h3>
              <Paragraphs text={c.text} />
            </section>
          ))
        ) : (
          <Empty>Ingen øvrige bestemmelser endnu.</Empty>
        )}
      </Section>
    </article>
  );
}
