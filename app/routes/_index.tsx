/**
 * "Mine helhedsplaner": the plans the user takes part in, the revisions that are overdue or due
 * within 60 days (R6), with the agreements never approved, and each plan's progress report on the
 * previous year with its deadline. For users of a dispositionsfond also the yearly reports due on
 * their grants and, for fund administrators, the applications awaiting the board's decision.
 * A fixed number of queries, however many plans, grants and applications.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { DeadlineBadge } from "~/components/deadline-badge";
import { applicationPath, grantReportPath, ReportStateBadge } from "~/components/fund-parts";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDate, formatPeriod, todayInDenmark } from "~/domain/format";
import { planStatusLabels } from "~/domain/plan";
import { reportDeadlinesToShow } from "~/domain/reporting";
import { deadlineState } from "~/domain/revision";
import { canCreatePlans, planRoleLabels } from "~/domain/roles";
import { getFundAccess } from "~/models/disposition-funds.server";
import { listApplicationsAwaitingDecision } from "~/models/fund-applications.server";
import {
  listGrantReportDeadlines,
  type GrantReportDeadlineOfFund,
} from "~/models/fund-reports.server";
import { listDueFollowUps, listMyActions } from "~/models/activity-log/index.server";
import { listPlansForUser } from "~/models/plans.server";
import { listReportDeadlines } from "~/models/reporting.server";
import { listRevisionDeadlines, type RevisionDeadline } from "~/models/revision-views.server";
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

/**
 * The grant reports still to write (overdue first), and those already submitted that were due this
 * year, so the estate sees this year's report is in; older submitted ones drop off.
 */
function grantReportsToShow(deadlines: GrantReportDeadlineOfFund[], today: string) {
  const startOfYear = `${today.slice(0, 4)}-01-01`;
  return deadlines.filter((d) => !d.submitted || d.due >= startOfYear);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const today = todayInDenmark();
  const reportYear = Number(today.slice(0, 4)) - 1;
  // One round of queries for everyone (the fund lists are empty for users without a fund role),
  // so the count stays fixed instead of depending on the access check's answer.
  const [plans, deadlines, reportingPlans, fundAccess, grantDeadlines, awaiting, due, mine] =
    await Promise.all([
      listPlansForUser(db, user),
      listRevisionDeadlines(db, user),
      listReportDeadlines(db, user, reportYear),
      getFundAccess(db, user),
      listGrantReportDeadlines(db, user, today),
      listApplicationsAwaitingDecision(db, user),
      listDueFollowUps(db, user, { until: today }),
      listMyActions(db, user),
    ]);
  return {
    plans,
    revisions: revisionsToShow(deadlines, today),
    reports: reportDeadlinesToShow(reportingPlans, today),
    reportYear,
    dueFollowUps: due,
    myActionCount: mine.parties.reduce((n, g) => n + g.actions.length, 0),
    canCreate: canCreatePlans(
      user,
      plans.map((p) => p.role),
    ),
    fund: fundAccess.any
      ? {
          grantReports: grantReportsToShow(grantDeadlines, today),
          /** Null for applicants: deciding is the fund administration's. */
          awaitingDecision: fundAccess.manager
            ? awaiting.map((a) => ({
                id: a.id,
                fundId: a.fundId,
                fundName: a.fundName,
                title: a.title,
                estateName: a.estateName,
                submittedOn: a.submittedAt ? todayInDenmark(a.submittedAt) : null,
                assessed: a.assessed,
              }))
            : null,
        }
      : null,
  };
}

export default function Dashboard() {
  const { plans, revisions, reports, reportYear, canCreate, fund, dueFollowUps, myActionCount } =
    useLoaderData<typeof loader>();
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
          {fund
            ? "Du er ikke tilknyttet nogen helhedsplaner."
            : "Du er ikke tilknyttet nogen helhedsplaner endnu. Kontakt en administrator for at få adgang."}
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
                              {formatDate(r.due)}
                              <DeadlineBadge state={r.state === "overdue" ? "overdue" : "soon"} />
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
                          ) : (
                            <DeadlineBadge state={r.state} />
                          )}
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
      {dueFollowUps.length || myActionCount ? (
        <ActivityLogPanel dueFollowUps={dueFollowUps} myActionCount={myActionCount} />
      ) : null}
      {fund ? <FundPanel fund={fund} /> : null}
    </>
  );
}

type DashboardData = Awaited<ReturnType<typeof loader>>;

/** The activity log: follow-up meetings that are due, and the user's own actions as a party. */
function ActivityLogPanel({
  dueFollowUps,
  myActionCount,
}: {
  dueFollowUps: DashboardData["dueFollowUps"];
  myActionCount: number;
}) {
  return (
    <section className="panel" aria-labelledby="activity-log-title">
      <h2 id="activity-log-title">Aktivitetslog</h2>
      {dueFollowUps.length ? (
        <ul>
          {dueFollowUps.map((d) => (
            <li key={d.eventId}>
              <Link to={`/plans/${d.planId}/log/${d.eventId}`}>
                {d.kind} {formatDate(d.date)}
              </Link>{" "}
              · {d.activity.name} · {d.planName}{" "}
              <span className="badge badge-danger">
                Opfølgning forfalden {formatDate(d.followUpDue)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {myActionCount ? (
        <p>
          <Link to="/actions">
            Mine opgaver ({myActionCount === 1 ? "1 åben opgave" : `${myActionCount} åbne opgaver`})
          </Link>
        </p>
      ) : null}
    </section>
  );
}

type DashboardFund = NonNullable<Awaited<ReturnType<typeof loader>>["fund"]>;

/** The dispositionsfond: grant reports due, and applications awaiting a decision. */
function FundPanel({ fund }: { fund: DashboardFund }) {
  const { grantReports, awaitingDecision } = fund;
  return (
    <section className="panel" aria-labelledby="fund-title">
      <h2 id="fund-title">Dispositionsfond</h2>
      <p>
        <Link to="/funds">Gå til dispositionsfonden</Link>
      </p>
      <h3>Afrapportering af bevillinger</h3>
      {grantReports.length === 0 ? (
        <p className="muted">Ingen bevillinger skal afrapporteres lige nu.</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">
              Årlige afrapporteringer af bevillinger fra dispositionsfonden og deres frister
            </caption>
            <thead>
              <tr>
                <th scope="col">Bevilling</th>
                <th scope="col">Afdeling</th>
                <th scope="col">Afrapportering</th>
                <th scope="col">Frist</th>
              </tr>
            </thead>
            <tbody>
              {grantReports.map((r) => (
                <tr key={`${r.grantId}-${r.year}`}>
                  <td>
                    <Link to={applicationPath(r.fundId, r.applicationId)}>{r.title}</Link>
                  </td>
                  <td>{r.estateName}</td>
                  <td>
                    <Link to={grantReportPath(r.fundId, r.grantId, r.year)}>
                      Afrapportering {r.year}
                    </Link>
                  </td>
                  <td>
                    {formatDate(r.due)}{" "}
                    {/* Only ended grant years are listed: their reports are due. */}
                    <ReportStateBadge status={r.reportStatus} state={r.state} ended />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {awaitingDecision ? (
        <>
          <h3>Ansøgninger til afgørelse</h3>
          {awaitingDecision.length === 0 ? (
            <p className="muted">Ingen ansøgninger afventer organisationsbestyrelsens afgørelse.</p>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <caption className="sr-only">
                  Indsendte ansøgninger, der afventer organisationsbestyrelsens afgørelse
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Ansøgning</th>
                    <th scope="col">Afdeling</th>
                    <th scope="col">Fond</th>
                    <th scope="col">Indsendt</th>
                  </tr>
                </thead>
                <tbody>
                  {awaitingDecision.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={applicationPath(a.fundId, a.id)}>{a.title}</Link>
                      </td>
                      <td>{a.estateName}</td>
                      <td>{a.fundName}</td>
                      <td>
                        {a.submittedOn ? formatDate(a.submittedOn) : null}{" "}
                        {a.assessed ? (
                          <span className="badge badge-ok">Vurderet</span>
                        ) : (
                          <span className="badge">Ikke vurderet</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
