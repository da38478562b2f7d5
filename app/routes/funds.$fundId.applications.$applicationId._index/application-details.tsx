/**
 * What the application says and what is computed from it, as the application page shows it to
 * everybody who may see it: the facts, the budget with the other funding and the key figures, the
 * guideline checklist, the history and the fund administration's assessment.
 */
import { Link } from "@remix-run/react";
import { BudgetTable } from "~/components/budget-table";
import { FundChecklist } from "~/components/fund-parts";
import { ScrollTable, TableCaption } from "~/components/scroll-table";
import { RichTextView } from "~/components/rich-text";
import {
  fundFundingKindLabels,
  fundNeedLabels,
  fundRecommendationLabels,
} from "~/domain/disposition-fund";
import { formatAmount, formatDate, formatDateTime, formatPercent } from "~/domain/format";
import type { ApplicationPageView } from "./application.presenter.server";

export function periodText(startYear: number, endYear: number) {
  const years = endYear - startYear + 1;
  return startYear === endYear
    ? `${startYear} (1 år)`
    : `${startYear}–${endYear} (${years > 0 ? years : 0} år)`;
}

const kroner = (value: number | null) => (value == null ? "–" : formatAmount(Math.round(value)));

export function ApplicationDetails({
  estate,
  application,
  funding,
  totals,
  checklist,
}: Pick<ApplicationPageView, "estate" | "application" | "funding" | "totals" | "checklist">) {
  return (
    <>
      <section className="panel" aria-labelledby="application-title">
        <h2 id="application-title">Ansøgningen</h2>
        <dl className="facts">
          <dt>Afdeling</dt>
          <dd>{estate.name}</dd>
          <dt>Antal lejemål</dt>
          <dd>{application.tenancies ?? "Ikke oplyst"}</dd>
          <dt>Behov</dt>
          <dd>{fundNeedLabels[application.need]}</dd>
          <dt>Periode</dt>
          <dd>{periodText(application.startYear, application.endYear)}</dd>
          <dt>Almindelig fællesaktivitet?</dt>
          <dd>
            {application.notOrdinaryActivity
              ? "Nej, ansøgeren har bekræftet, at indsatsen ikke er en almindelig fællesaktivitet"
              : "Ikke bekræftet"}
          </dd>
        </dl>
        <h3>Beskrivelse af indsatsen</h3>
        {application.description ? (
          <RichTextView text={application.description} />
        ) : (
          <p className="muted">Ikke udfyldt.</p>
        )}
        <h3>Formål</h3>
        {application.purpose ? (
          <RichTextView text={application.purpose} />
        ) : (
          <p className="muted">Ikke udfyldt.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="budget-title">
        <h2 id="budget-title">Budget</h2>
        {/* BudgetTable's caption names the same, but it is shared with pages without a box. */}
        <ScrollTable label="Ansøgt beløb og egenfinansiering pr. år">
          <BudgetTable totals={totals} variant="full" />
        </ScrollTable>

        <h3>Anden finansiering</h3>
        {funding.length === 0 ? (
          <p className="muted">Der er ikke søgt eller opnået anden finansiering.</p>
        ) : (
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">Anden finansiering i hele perioden</TableCaption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Navn</th>
                  <th scope="col" className="num">
                    Beløb
                  </th>
                </tr>
              </thead>
              <tbody>
                {funding.map((f) => (
                  <tr key={f.id}>
                    <td>{fundFundingKindLabels[f.kind]}</td>
                    <td>
                      {f.planId != null && f.planVisible ? (
                        <Link to={`/plans/${f.planId}`}>{f.planName ?? f.name}</Link>
                      ) : (
                        (f.planName ?? f.name ?? "–")
                      )}
                    </td>
                    <td className="num">{formatAmount(f.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}

        <h3>Nøgletal</h3>
        <dl className="facts">
          <dt>Ansøgt i alt</dt>
          <dd>{formatAmount(totals.requested)}</dd>
          <dt>Egenfinansiering</dt>
          <dd>{formatAmount(totals.own)}</dd>
          <dt>Anden finansiering</dt>
          <dd>{formatAmount(totals.other)}</dd>
          <dt>Samlet budget</dt>
          <dd>{formatAmount(totals.total)}</dd>
          <dt>Egenfinansieringens andel</dt>
          <dd>{totals.ownShare == null ? "–" : formatPercent(totals.ownShare)}</dd>
          <dt>Ansøgt pr. lejemål pr. år</dt>
          <dd>{kroner(totals.perTenancyPerYear)}</dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="checklist-title">
        <h2 id="checklist-title">Tjekliste efter fondens retningslinjer</h2>
        <p className="muted">
          Beregnet ud fra ansøgningen. Organisationsbestyrelsen kan godt afgøre anderledes.
        </p>
        <FundChecklist items={checklist} />
      </section>

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Forløb</h2>
        <ol className="fund-history">
          <li>
            Oprettet {formatDateTime(application.createdAt)}
            {application.createdBy ? ` af ${application.createdBy}` : ""}
          </li>
          {application.submittedAt ? (
            <li>
              Indsendt {formatDateTime(application.submittedAt)}
              {application.submittedBy ? ` af ${application.submittedBy}` : ""}
            </li>
          ) : null}
          {application.assessedAt ? (
            <li>
              Vurderet {formatDateTime(application.assessedAt)}
              {application.assessedBy ? ` af ${application.assessedBy}` : ""}
            </li>
          ) : null}
          {application.decisionDate ? (
            <li>
              Afgjort af organisationsbestyrelsen {formatDate(application.decisionDate)}
              {application.decidedAt
                ? ` (registreret ${formatDateTime(application.decidedAt)}${application.decidedBy ? ` af ${application.decidedBy}` : ""})`
                : ""}
            </li>
          ) : null}
          {application.status === "withdrawn" ? <li>Trukket tilbage</li> : null}
        </ol>
      </section>

      {application.assessment ? (
        <section className="panel" aria-labelledby="assessment-title">
          <h2 id="assessment-title">Fondsadministrationens vurdering</h2>
          {application.recommendation ? (
            <p>
              <strong>{fundRecommendationLabels[application.recommendation]}</strong>
            </p>
          ) : null}
          <p className="fund-text">{application.assessment}</p>
        </section>
      ) : null}
    </>
  );
}
