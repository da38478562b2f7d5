/**
 * The plan's yearly progress reports (statusrapporter): one per calendar year of the plan's period
 * that has ended, with its status and deadline. Every member of the plan may see the list.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { DeadlineBadge } from "~/components/deadline-badge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDate, formatDateTime, todayInDenmark } from "~/domain/format";
import { reportStatusLabels } from "~/domain/progress-report";
import { deadlineState } from "~/domain/revision";
import { notFound } from "~/http.server";
import { getPlanPage } from "~/models/plans.server";
import { listProgressReports } from "~/models/progress-reports.server";
import { reportPath } from "~/paths";
import { requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Statusrapporter · ${data?.plan.name ?? "Helhedsplan"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  const page = await getPlanPage(db, user, planId);
  if (!page) throw notFound();
  const today = todayInDenmark();
  const reports = await listProgressReports(db, user, planId, today);
  return {
    plan: { id: page.plan.id, name: page.plan.name },
    reports: reports.map((r) => ({
      ...r,
      overdue: r.status !== "final" && deadlineState(r.due, today) === "overdue",
    })),
  };
}

export default function ProgressReportList() {
  const { plan, reports } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Statusrapporter"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
        ]}
      >
        <p className="muted">
          Én rapport pr. kalenderår: succeskriteriernes resultater, aktiviteternes status og budget
          mod forbrug samles automatisk fra målinger og forbrug. Du skriver teksten.
        </p>
      </PageHeader>
      {reports.length === 0 ? (
        <p className="empty">
          Der er endnu ingen afsluttede år i planens periode at rapportere på.
        </p>
      ) : (
        <ScrollTable>
          <table className="data">
            <TableCaption className="sr-only">Statusrapporter for {plan.name}</TableCaption>
            <thead>
              <tr>
                <th scope="col">År</th>
                <th scope="col">Status</th>
                <th scope="col">Frist</th>
                <th scope="col">Endelig</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.year}>
                  <th scope="row">
                    <Link to={reportPath(plan.id, r.year)}>Statusrapport {r.year}</Link>
                  </th>
                  <td>
                    {r.status ? (
                      <span className={r.status === "final" ? "badge badge-ok" : "badge"}>
                        {reportStatusLabels[r.status]}
                      </span>
                    ) : (
                      <span className="muted">Ikke påbegyndt</span>
                    )}
                  </td>
                  <td>
                    {formatDate(r.due)}
                    <DeadlineBadge state={r.overdue ? "overdue" : null} />
                  </td>
                  <td>{r.finalisedAt ? formatDateTime(r.finalisedAt) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
