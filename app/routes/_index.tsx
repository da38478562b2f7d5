/**
 * The first page: each role's next steps (issue 19), one section per role the user has, the most
 * urgent first. The secretariat's revisions due, drafts with what their checklist misses and
 * reports due; the board's proposals awaiting a decision; the reporter's measurements and reports
 * of the year; the fund administration's applications awaiting assessment and decision, the frame
 * left and overdue grant reports; the applicant's own applications, reports and "Ny ansøgning";
 * the plans a viewer can read; the administrator's deadlines across plans and tools. Then the
 * user's plans and the activity log's follow-ups. A fixed number of queries per role, however many
 * plans, agreements and applications (app/models/dashboard.server.ts).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import {
  AdminSection,
  ApplicantSection,
  BoardSection,
  FundAdminSection,
  ReporterSection,
  SecretariatSection,
  ViewerSection,
} from "~/components/dashboard-sections";
import { PageHeader } from "~/components/page-header";
import { Pager } from "~/components/pager";
import { getDb } from "~/db.server";
import { dashboardTitle } from "~/domain/dashboard";
import { formatDate, formatPeriod, todayInDenmark } from "~/domain/format";
import { PAGE_SIZE, readPage } from "~/domain/paging";
import { planStatusLabels } from "~/domain/plan";
import { canCreatePlans, planRoleLabels } from "~/domain/roles";
import { getDashboard } from "~/models/dashboard.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Forside"} · Samarbejdsaftaler` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const today = todayInDenmark();
  const page = readPage(new URL(request.url).searchParams);
  const dashboard = await getDashboard(await getDb(), user, today, page);
  return {
    ...dashboard,
    title: dashboardTitle(user.isAdmin || dashboard.planPage.total > 0),
    reportYear: Number(today.slice(0, 4)) - 1,
    canCreate: canCreatePlans(user, dashboard.planRoles),
  };
}

type DashboardData = Awaited<ReturnType<typeof loader>>;

export default function DashboardPage() {
  const {
    title,
    plans,
    planPage,
    roles,
    sections,
    reportYear,
    canCreate,
    dueFollowUps,
    myActionCount,
  } = useLoaderData<typeof loader>();
  // A viewer-only user's section is the plan list; everybody else gets the list after the sections.
  const showPlanList = plans.length > 0 && roles.some((r) => r !== "viewer");
  return (
    <>
      <PageHeader
        title={title}
        actions={
          canCreate ? (
            <Link className="button button-primary" to="/plans/new">
              Opret helhedsplan
            </Link>
          ) : null
        }
      />
      {sections.length === 0 ? (
        <p className="empty">
          Du er ikke tilknyttet nogen helhedsplaner eller dispositionsfonde endnu. Kontakt en
          administrator for at få adgang.
        </p>
      ) : null}
      {sections.map((s) => {
        switch (s.role) {
          case "admin":
            return (
              <AdminSection
                key={s.role}
                revisions={s.revisions}
                reports={s.reports}
                totals={s.totals}
                reportYear={reportYear}
              />
            );
          case "secretariat":
            return (
              <SecretariatSection
                key={s.role}
                revisions={s.revisions}
                drafts={s.drafts}
                reports={s.reports}
                totals={s.totals}
                reportYear={reportYear}
              />
            );
          case "board":
            return <BoardSection key={s.role} pending={s.pending} total={s.totals.pending} />;
          case "reporter":
            return (
              <ReporterSection
                key={s.role}
                year={s.year}
                progress={s.progress}
                reports={s.reports}
              />
            );
          case "fund_admin":
            return (
              <FundAdminSection
                key={s.role}
                year={s.year}
                awaiting={s.awaiting}
                frames={s.frames}
                overdueReports={s.overdueReports}
                totals={s.totals}
              />
            );
          case "applicant":
            return (
              <ApplicantSection
                key={s.role}
                funds={s.funds}
                applications={s.applications}
                grantReports={s.grantReports}
              />
            );
          case "viewer":
            return <ViewerSection key={s.role} plans={s.plans} />;
        }
      })}
      {showPlanList ? (
        <section className="panel" aria-labelledby="plans-title">
          <h2 id="plans-title">Dine helhedsplaner</h2>
          {planPage.pageCount > 1 ? (
            <p className="muted">
              {planPage.total} helhedsplaner, {PAGE_SIZE} pr. side. Side {planPage.page} af{" "}
              {planPage.pageCount}.
            </p>
          ) : null}
          <ul className="plan-list">
            {plans.map((plan) => (
              <li key={plan.id}>
                <h3>
                  <Link to={`/plans/${plan.id}`}>{plan.name}</Link>
                </h3>
                <p className="muted">
                  {formatPeriod(plan.periodStart, plan.periodEnd)} · {plan.fundingRoundName}
                  {plan.municipalityName ? ` · ${plan.municipalityName}` : ""}
                </p>
                <span className="badge">{planStatusLabels[plan.status]}</span>{" "}
                <span className="badge">Din rolle: {planRoleLabels[plan.role]}</span>
              </li>
            ))}
          </ul>
          <Pager page={planPage.page} pageCount={planPage.pageCount} label="Sider i planlisten" />
        </section>
      ) : null}
      {dueFollowUps.length || myActionCount ? (
        <ActivityLogPanel dueFollowUps={dueFollowUps} myActionCount={myActionCount} />
      ) : null}
    </>
  );
}

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
