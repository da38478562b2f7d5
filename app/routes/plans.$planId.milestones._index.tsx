/**
 * "Milepælsplan": the plan's milestones of one year (`?year=2026`, default the current year within
 * the period) or of the whole period (`?view=period`) as a timeline and a table, with the counts
 * and the Word and Excel downloads of the same view. Every member of the plan may see it; the
 * secretariat and admins get the button for a new milestone.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  MilestoneLegend,
  MilestoneTable,
  MilestoneTimeline,
} from "~/components/milestone-timeline";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { todayInDenmark } from "~/domain/format";
import {
  countMilestones,
  milestoneCountText,
  milestonePlanTitle,
  milestonesInScope,
  milestonesPath,
  readMilestoneScope,
  scopeQuery,
  timelineRange,
} from "~/domain/milestone";
import { notFound } from "~/http.server";
import { getMilestonePlanPage } from "~/models/milestones.server";
import { requireIdParam } from "~/route-helpers.server";
import milestoneStyles from "~/styles/milestones.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: milestoneStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.title ?? "Milepælsplan"} · ${data?.view.plan.name ?? "Helhedsplan"} · Samarbejdsaftaler`,
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const page = await getMilestonePlanPage(await getDb(), user, planId);
  const url = new URL(request.url);
  const scope = readMilestoneScope(url.searchParams, page.view.plan, todayInDenmark());
  if (!scope) throw notFound("Året ligger uden for planens periode");
  const list = milestonesInScope(page.view, scope);
  return {
    view: page.view,
    canEdit: page.canEdit,
    scope,
    title: milestonePlanTitle(scope),
    list,
    counts: countMilestones(list),
    range: timelineRange(page.view.plan, scope),
  };
}

export default function MilestonePlanPage() {
  const { view, canEdit, scope, title, list, counts, range } = useLoaderData<typeof loader>();
  const base = milestonesPath(view.plan.id);
  const query = scopeQuery(scope);
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${view.plan.id}`, label: view.plan.name },
        ]}
        actions={
          <>
            {canEdit ? (
              <Link className="button button-primary" to={`${base}/new`}>
                Ny milepæl
              </Link>
            ) : null}
            <a className="button button-secondary" href={`${base}.docx${query}`} download>
              Hent som Word
            </a>
            <a className="button button-secondary" href={`${base}.xlsx${query}`} download>
              Hent som Excel
            </a>
          </>
        }
      >
        <p className="muted">
          {view.plan.name} · {view.plan.periodText}
        </p>
      </PageHeader>
      <nav className="diff-filter no-print" aria-label="Vælg år eller hele perioden">
        <ul>
          {view.years.map((y) => (
            <li key={y}>
              <Link
                to={`${base}?year=${y}`}
                aria-current={scope !== "period" && scope.year === y ? "true" : undefined}
              >
                {y}
              </Link>
            </li>
          ))}
          <li>
            <Link to={`${base}?view=period`} aria-current={scope === "period" ? "true" : undefined}>
              Hele perioden
            </Link>
          </li>
        </ul>
      </nav>
      <p className="milestone-counts" data-testid="milestone-counts">
        {milestoneCountText(counts.done, counts.total)}
        <span className="muted">
          {" "}
          · {counts.postponed} udskudt · {counts.planned} planlagt
        </span>
      </p>
      <h2>Tidslinje</h2>
      <MilestoneLegend />
      <MilestoneTimeline milestones={list} range={range} />
      <h2>Milepæle</h2>
      <MilestoneTable planId={view.plan.id} milestones={list} caption={`${title}: milepæle`} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
