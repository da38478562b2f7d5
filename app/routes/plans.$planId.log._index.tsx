/**
 * «Aktivitetslog»: the plan's events newest first, filtered by year, activity and kind (a plain GET
 * form, so it works without JavaScript), paged; the follow-ups that are due on top. Every member
 * reads; the secretariat, reporters and admins register events.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { logEventPath, logPath } from "~/components/activity-log/paths";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDate, formatInteger, todayInDenmark } from "~/domain/format";
import { notFound } from "~/http.server";
import {
  getLogSettings,
  listDueFollowUps,
  listLogEvents,
} from "~/models/activity-log/index.server";
import { getLogFormAgreements } from "~/models/activity-log-form.server";
import { getPlanPage } from "~/models/plans.server";
import { requireIdParam } from "~/route-helpers.server";
import logStyles from "~/styles/activity-log.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: logStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Aktivitetslog · ${data?.plan.name ?? "Helhedsplan"} · Samarbejdsaftaler` },
];

const PAGE_SIZE = 25;

/** A positive whole number from the query string, or undefined (anything else is ignored). */
function queryId(params: URLSearchParams, name: string): number | undefined {
  const text = params.get(name) ?? "";
  return /^\d{1,9}$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  const search = new URL(request.url).searchParams;
  const yearText = search.get("year") ?? "";
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const activityId = queryId(search, "activityId");
  const kindId = queryId(search, "kindId");
  const page = queryId(search, "page") ?? 1;
  const today = todayInDenmark();
  const [planPage, settings, list, due, agreements] = await Promise.all([
    getPlanPage(db, user, planId),
    getLogSettings(db, user, planId),
    listLogEvents(db, user, planId, { year, activityId, kindId, page, pageSize: PAGE_SIZE }),
    listDueFollowUps(db, user, { until: today, planId }),
    getLogFormAgreements(db, user, planId),
  ]);
  if (!planPage) throw notFound();
  const thisYear = Number(today.slice(0, 4));
  return {
    plan: { id: planPage.plan.id, name: planPage.plan.name },
    canEdit: list.canEdit,
    // The log's settings are the secretariat's (plans.$planId.log.settings.tsx): no dead link.
    canEditSettings: planPage.role === "secretariat" || planPage.role === "admin",
    filters: { year: year ?? null, activityId: activityId ?? null, kindId: kindId ?? null },
    thisYear,
    years: Array.from({ length: 12 }, (_, i) => thisYear + 1 - i),
    kinds: settings.kinds.map((k) => ({ id: k.id, name: k.name })),
    activities: agreements.map((a) => ({ focusArea: a.focusArea, activities: a.activities })),
    events: list.events,
    total: list.total,
    page,
    pageCount: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
    dueFollowUps: due,
  };
}

export default function ActivityLog() {
  const data = useLoaderData<typeof loader>();
  const { plan, filters } = data;
  const pageLink = (page: number) => {
    const search = new URLSearchParams();
    if (filters.year) search.set("year", String(filters.year));
    if (filters.activityId) search.set("activityId", String(filters.activityId));
    if (filters.kindId) search.set("kindId", String(filters.kindId));
    search.set("page", String(page));
    return `?${search.toString()}`;
  };
  return (
    <>
      <PageHeader
        title="Aktivitetslog"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
        ]}
        actions={
          <>
            {data.canEdit ? (
              <Link className="button button-primary" to={logPath(plan.id, "/new")}>
                Registrér hændelse
              </Link>
            ) : null}
            <Link className="button button-secondary" to={logPath(plan.id, "/actions")}>
              Opgaver
            </Link>
            <Link
              className="button button-secondary"
              to={`/plans/${plan.id}/log.xlsx?year=${filters.year ?? data.thisYear}${filters.activityId ? `&activity=${filters.activityId}` : ""}`}
              reloadDocument
            >
              Hent årets log {filters.year ?? data.thisYear} (Excel)
            </Link>
            {data.canEditSettings ? (
              <Link className="button button-secondary" to={logPath(plan.id, "/settings")}>
                Indstillinger
              </Link>
            ) : null}
          </>
        }
      />
      {data.dueFollowUps.length ? (
        <section className="panel" aria-labelledby="due-follow-ups-title">
          <h2 id="due-follow-ups-title">Opfølgning forfalden</h2>
          <ul className="log-list">
            {data.dueFollowUps.map((d) => (
              <li key={d.eventId} className="log-due">
                <Link to={logEventPath(plan.id, d.eventId)}>
                  {d.kind} {formatDate(d.date)}
                </Link>{" "}
                · {d.activity.name} ·{" "}
                <span className="badge badge-danger">
                  Opfølgning forfalden {formatDate(d.followUpDue)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" className="filters panel" aria-label="Filtrér hændelser">
        <div className="field">
          <label htmlFor="filter-year">År</label>
          <select id="filter-year" name="year" defaultValue={filters.year ?? ""}>
            <option value="">Alle år</option>
            {data.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-activity">Aktivitet</label>
          <select id="filter-activity" name="activityId" defaultValue={filters.activityId ?? ""}>
            <option value="">Alle aktiviteter</option>
            {data.activities.map((a) =>
              a.activities.length ? (
                <optgroup key={a.focusArea} label={a.focusArea}>
                  {a.activities.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </optgroup>
              ) : null,
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">Type</label>
          <select id="filter-kind" name="kindId" defaultValue={filters.kindId ?? ""}>
            <option value="">Alle typer</option>
            {data.kinds.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          Vis
        </button>
      </Form>
      <p className="muted" role="status">
        {data.total === 1 ? "1 hændelse" : `${formatInteger(data.total)} hændelser`}
      </p>
      {data.events.length === 0 ? (
        <p className="empty">Ingen hændelser endnu.</p>
      ) : (
        <ol className="log-list log-events">
          {data.events.map((e) => (
            <li key={e.id} className="log-event-item">
              <h2>
                <Link to={logEventPath(plan.id, e.id)}>
                  {e.kind} {formatDate(e.date)}
                </Link>
              </h2>
              <p>
                {e.activity.name} <span className="muted">· {e.agreement.focusArea}</span>
              </p>
              <p className="muted">
                {[
                  e.place,
                  `${formatInteger(e.participantTotal)} deltagere`,
                  e.findingCount ? `${e.findingCount} fund` : null,
                  e.openActionCount ? `${e.openActionCount} åbne opgaver` : null,
                  e.followUpOfId ? "Opfølgningsmøde" : null,
                  e.followUpDue ? `Opfølgning senest ${formatDate(e.followUpDue)}` : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            </li>
          ))}
        </ol>
      )}
      {data.pageCount > 1 ? (
        <nav aria-label="Sider" className="pager">
          {data.page > 1 ? (
            <Link className="button button-secondary" to={pageLink(data.page - 1)}>
              Forrige side
            </Link>
          ) : null}
          <span>
            Side {data.page} af {data.pageCount}
          </span>
          {data.page < data.pageCount ? (
            <Link className="button button-secondary" to={pageLink(data.page + 1)}>
              Næste side
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
