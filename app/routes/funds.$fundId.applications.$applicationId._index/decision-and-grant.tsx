/**
 * The decision on the application page once it is made, with the grant's amount per year and each
 * year's report and deadline. Shown first under the panel: once decided, it is what everybody
 * comes back for.
 */
import { Link } from "@remix-run/react";
import { ApplicationStatusBadge, grantReportPath, ReportStateBadge } from "~/components/fund-parts";
import { ScrollTable, TableCaption } from "~/components/scroll-table";
import { isDecided } from "~/domain/disposition-fund";
import { formatAmount, formatDate } from "~/domain/format";
import type { ApplicationPageView } from "./application.presenter.server";

/** The grant section's heading id: the panel's words about reporting link to it. */
export const GRANT_ANCHOR = "grant-title";

export function DecisionAndGrant({
  fund,
  application,
  grant,
}: Pick<ApplicationPageView, "fund" | "application" | "grant">) {
  if (!isDecided(application.status)) return null;
  const grantCaption = "Bevilget beløb pr. år med afrapportering og frist";
  return (
    <section className="panel" aria-labelledby="decision-title">
      <h2 id="decision-title">Afgørelse</h2>
      <dl className="facts">
        <dt>Afgørelse</dt>
        <dd>
          <ApplicationStatusBadge status={application.status} />
        </dd>
        <dt>Dato</dt>
        <dd>{application.decisionDate ? formatDate(application.decisionDate) : "–"}</dd>
        <dt>Vilkår</dt>
        <dd className="fund-text">{application.decisionConditions ?? "Ingen"}</dd>
      </dl>
      {grant ? (
        <>
          <h3 id={GRANT_ANCHOR}>Bevilling og afrapportering</h3>
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">{grantCaption}</TableCaption>
              <thead>
                <tr>
                  <th scope="col">År</th>
                  <th scope="col" className="num">
                    Bevilget
                  </th>
                  <th scope="col">Afrapportering</th>
                  <th scope="col">Frist</th>
                  <th scope="col">
                    <span className="sr-only">Handling</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {grant.years.map((y) => (
                  <tr key={y.year}>
                    <th scope="row">{y.year}</th>
                    <td className="num">{formatAmount(y.amount)}</td>
                    <td>
                      <ReportStateBadge status={y.reportStatus} state={y.state} ended={y.ended} />
                      {y.spent != null ? (
                        <div className="muted small">Forbrug: {formatAmount(y.spent)}</div>
                      ) : null}
                    </td>
                    <td>{formatDate(y.due)}</td>
                    <td>
                      <Link to={grantReportPath(fund.id, grant.id, y.year)}>
                        {y.reportStatus === "submitted" || !y.started
                          ? `Se afrapportering ${y.year}`
                          : `Afrapportér ${y.year}`}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="total-row">
                  <th scope="row">I alt</th>
                  <td className="num">{formatAmount(grant.total)}</td>
                  <td />
                  <td />
                  <td />
                </tr>
              </tfoot>
            </table>
          </ScrollTable>
        </>
      ) : null}
    </section>
  );
}
