/**
 * «Mine opgaver»: the actions of the activity log whose responsible party is one the user is the
 * contact person of, across the plans the user is a member of (never another plan's). Open and in
 * progress ones, overdue marked in words as well as colour.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { ActionStatusBadge, DueDate } from "~/components/activity-log/action-status";
import { logEventPath, logPath } from "~/components/activity-log/paths";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDate } from "~/domain/format";
import { listMyActions } from "~/models/activity-log/index.server";
import logStyles from "~/styles/activity-log.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: logStyles }];

export const meta: MetaFunction = () => [{ title: "Mine opgaver · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { parties } = await listMyActions(await getDb(), user);
  return { parties };
}

export default function MyActions() {
  const { parties } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Mine opgaver" crumbs={[{ to: "/", label: "Mine helhedsplaner" }]} />
      <p>Opgaver fra aktivitetsloggen, hvor en part, du er kontaktperson for, er ansvarlig.</p>
      {parties.length === 0 ? (
        <p className="empty">Du har ingen åbne opgaver.</p>
      ) : (
        parties.map((g) => (
          <section key={g.party.value} className="panel" aria-label={g.party.label}>
            <h2>{g.party.label}</h2>
            <ul className="log-actions">
              {g.actions.map((a) => (
                <li key={a.id} className={a.overdue ? "is-overdue" : undefined}>
                  <p>
                    <strong>{a.description}</strong>
                  </p>
                  <p>
                    <ActionStatusBadge status={a.status} /> ·{" "}
                    <DueDate dueDate={a.dueDate} overdue={a.overdue} />
                  </p>
                  <p className="muted">
                    Fund: {a.finding.text}
                    {a.finding.place ? ` (${a.finding.place})` : ""} ·{" "}
                    <Link to={logEventPath(a.plan.id, a.event.id)}>
                      {a.event.kind} {formatDate(a.event.date)}
                    </Link>{" "}
                    · <Link to={logPath(a.plan.id, "/actions")}>{a.plan.name}</Link>
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
