/**
 * The decision on the application page once it is made, with the grant's amount per year and each
 * year's report and deadline; and, for the fund administration when it is not deciding, the fund's
 * frames over the application's period.
 */
import { Link } from "@remix-run/react";
import {
  ApplicationStatusBadge,
  FrameOverviewTable,
  FrameWarnings,
  grantReportPath,
  ReportStateBadge,
} from "~/components/fund-parts";
import { isDecided } from "~/domain/disposition-fund";
import { formatAmount, formatDate } from "~/domain/format";
import type { ApplicationPageView } from "./application.presenter.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export function DecisionAndGrant({
  fund,
  application,
  grant,
  frames,
  permissions,
}: Pick<ApplicationPageView, "fund" | "application" | "grant" | "frames" | "permissions">) {
  const decided = isDecided(application.status);
  return (
    <>
      {decided ? (
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
              <h3>Bevilling og afrapportering</h3>
              <ScrollTable>
                <table className="data">
                  <TableCaption className="sr-only">
                    Bevilget beløb pr. år med afrapportering og frist
                  </TableCaption>
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
                          <ReportStateBadge
                            status={y.reportStatus}
                            state={y.state}
                            ended={y.ended}
                          />
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
      ) : null}

      {frames && !permissions.canDecide ? (
        <section className="panel" aria-labelledby="frames-title">
          <h2 id="frames-title">Fondens ramme</h2>
          <FrameWarnings
            overview={frames}
            intro="Fondens ramme er overskredet, eller der er bevilget i et år uden ramme:"
          />
          <FrameOverviewTable
            overview={frames}
            caption="Fondens ramme, bevilget beløb og rest pr. år i ansøgningens periode"
            showProposed={application.status === "submitted"}
          />
        </section>
      ) : null}
    </>
  );
}
