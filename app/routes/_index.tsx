/**
 * "Mine helhedsplaner": the plans the user takes part in, the revisions that are overdue or due
 * within 60 days (R6), with the agreements never approved, and each plan's progress report on the
 * previous year with its deadline.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDate, formatPeriod, todayInDenmark } from "~/domain/format";
import { planStatusLabels } from "~/domain/plan";
import { reportDeadlinesToShow } from "~/domain/reporting";
import { deadlineState } from "~/domain/revision";
import { canCreatePlans, planRoleLabels } from "~/domain/roles";
import { listPlansForUser } from "~/models/plans.server";
import { listReportDeadlines } from "~/models/reporting.server";
import { listRevisionDeadlines, type RevisionDeadline } from "~/models/revisions.server";
import { agreementPath, reportPath } from "~/paths";

export const meta: MetaFunction = () => [{ title: "Mine helhedsplaner · Samarbejdsaftaler" }];

type DueState = "overdue" | "soon" | "unapproved";
const dueOrder: Record<DueState, number> = { overdue: 0, soon: 1, unapproved: 2 };

/** Overdue first, then due soon (earliest first), then the agreements never approved. */
function revisionsToShow(deadlines: RevisionDeadline[], today: string) {
  return deadlines
    .flatMap((d): (RevisionDeadline & { state: DueState })[] => {
      if (!d.due) return [{ ...d, state: "unapproved" }];
      const state = deadlineState(d.due, today);
      return state === "ok" ? [] : [{ ...d, state }];
    })
    .sort(
      (a, b) => dueOrder[a.state] - dueOrder[b.state] || (a.due ?? "").localeCompare(b.due ?? ""),
    );
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const today = todayInDenmark();
  const reportYear = Number(today.slice(0, 4)) - 1;
  const [plans, deadlines, reportingPlans] = await Promise.all([
    listPlansForUser(db, user),
    listRevisionDeadlines(db, user),
    listReportDeadlines(db, user, reportYear),
  ]);
  return {
    plans,
    revisions: revisionsToShow(deadlines, today),
    reports: reportDeadlinesToShow(reportingPlans, today),
    reportYear,
    canCreate: canCreatePlans(
      user,
      plans.map((p) => p.role),
    ),
  };
}

export default function Dashboard() {
  const { plans, revisions, reports, reportYear, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Mine helhedsplaner"
        actions={
          canCreate ? (
            <Link className="button button-primary" to="/plans/new">
              Opret helhedsplan
            </Link>
          ) : null
        }
      />
      {plans.length === 0 ? (
        <p className="empty">
          Du er ikke tilknyttet nogen helhedsplaner endnu. Kontakt en administrator for at få
          adgang.
        </p>
      ) : (
        <ul className="plan-list">
          {plans.map((plan) => (
            <li key={plan.id}>
              <h2>
                <Link to={`/plans/${plan.id}`}>{plan.name}</Link>
              </h2>
              <p className="muted">
                {formatPeriod(plan.periodStart, plan.periodEnd)} · {plan.fundingRoundName}
                {plan.municipalityName ? ` · ${plan.municipalityName}` : ""}
              </p>
              <span className="badge">{planStatusLabels[plan.status]}</span>{" "}
              <span className="badge">Din rolle: {planRoleLabels[plan.role]}</span>
            </li>
          ))}
        </ul>
      )}
      {plans.length ? (
        <div className="grid-2">
          <section className="panel" aria-labelledby="revisions-title">
            <h2 id="revisions-title">Revisioner</h2>
            {revisions.length === 0 ? (
              <p className="muted">Ingen delaftaler skal revideres inden for de næste 60 dage.</p>
            ) : (
              <div className="table-wrap">
                <table className="data">
                  <caption className="sr-only">
                    Delaftaler, hvis revision er overskredet eller snart skal foretages
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Delaftale</th>
                      <th scope="col">Helhedsplan</th>
                      <th scope="col">Næste revision</th>
                    </tr>
                  </thead>
                  <tbody>
                    {revisions.map((r) => (
                      <tr key={r.agreementId}>
                        <td>
                          <Link to={agreementPath(r.planId, r.agreementId)}>{r.focusArea}</Link>
                        </td>
                        <td>{r.planName}</td>
                        <td>
                          {r.due ? (
                            <>
                              {formatDate(r.due)}{" "}
                              {r.state === "overdue" ? (
                                <span className="badge badge-danger">Overskredet</span>
                              ) : (
                                <span className="badge badge-warn">Snart</span>
                              )}
                            </>
                          ) : (
                            <span className="badge">Ikke godkendt endnu</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="panel" aria-labelledby="reports-title">
            <h2 id="reports-title">Statusrapporter</h2>
            {reports.length === 0 ? (
              <p className="muted">
                Ingen af planerne skal aflægge statusrapport for {reportYear}.
              </p>
            ) : (
              <div className="table-wrap">
                <table className="data">
                  <caption className="sr-only">
                    Statusrapporter for {reportYear} og fristen for hver plan
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Helhedsplan</th>
                      <th scope="col">Rapport for</th>
                      <th scope="col">Frist</th>
                    </tr>
                  </thead>
                  <tbody>
                    {reports.map((r) => (
                      <tr key={r.planId}>
                        <td>
                          <Link to={`/plans/${r.planId}`}>{r.planName}</Link>
                        </td>
                        <td>
                          <Link to={reportPath(r.planId, r.year)}>Statusrapport {r.year}</Link>
                        </td>
                        <td>
                          {formatDate(r.due)}
                          {r.reportStatus === "final" ? (
                            <>
                              {" "}
                              <span className="badge badge-ok">Endelig</span>
                            </>
                          ) : r.state === "overdue" ? (
                            <>
                              {" "}
                              <span className="badge badge-danger">Overskredet</span>
                            </>
                          ) : r.state === "soon" ? (
                            <>
                              {" "}
                              <span className="badge badge-warn">Snart</span>
                            </>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      ) : null}
    </>
  );
}
