/**
 * «Opgaver»: the plan's actions by responsible party (open ones by default; overdue or all by the
 * filter, a plain GET form), overdue ones marked in words as well as colour. Editors change an
 * action's status here too (with the reason when dropped).
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import {
  ActionStatusBadge,
  ActionStatusForm,
  DueDate,
  type StatusFormError,
} from "~/components/activity-log/action-status";
import { logEventPath, logPath } from "~/components/activity-log/paths";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { ActionStatusSchema, LOG_EDITOR_ROLES } from "~/domain/activity-log";
import { formDataToValues, parseValues } from "~/domain/form";
import { formatDate } from "~/domain/format";
import { notFound } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import { listPlanActions, setActionStatus } from "~/models/activity-log/index.server";
import { getPlanPage } from "~/models/plans.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";
import logStyles from "~/styles/activity-log.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: logStyles }];

export const meta: MetaFunction = () => [{ title: "Opgaver · Aktivitetslog · Samarbejdsaftaler" }];

const ACTION_MISSING = "Opgaven findes ikke. Genindlæs siden.";

const FILTERS = ["open", "overdue", "all"] as const;
type Filter = (typeof FILTERS)[number];
const filterLabels: Record<Filter, string> = {
  open: "Åbne opgaver",
  overdue: "Overskredne opgaver",
  all: "Alle opgaver",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  const asked = new URL(request.url).searchParams.get("status");
  const status: Filter = FILTERS.find((f) => f === asked) ?? "open";
  const [page, list] = await Promise.all([
    getPlanPage(db, user, planId),
    listPlanActions(db, user, planId, { status }),
  ]);
  if (!page) throw notFound();
  return {
    plan: { id: page.plan.id, name: page.plan.name },
    status,
    canEdit: list.canEdit,
    parties: list.parties,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const values = formDataToValues(await request.formData());
  const actionId = Number(values.actionId);
  if (!Number.isSafeInteger(actionId) || actionId <= 0)
    return data({ ok: false, errors: {}, values, formError: ACTION_MISSING }, { status: 400 });
  const parsed = parseValues(ActionStatusSchema, values);
  if (!parsed.ok) return data({ ...parsed, actionId }, { status: 400 });
  try {
    await setActionStatus(db, user, planId, actionId, parsed.data);
  } catch (error) {
    const response = formErrorResponse(error, values);
    return data({ ...response.data, actionId }, { status: response.init?.status ?? 400 });
  }
  const back = new URL(request.url).searchParams.get("status") ?? "open";
  // Back to the row (still there unless the new status left the chosen filter).
  return redirectWithFlash(
    request,
    `${logPath(planId, "/actions")}?status=${encodeURIComponent(back)}#action-${actionId}`,
    "Opgavens status er gemt.",
  );
}

export default function PlanActions() {
  const { plan, status, canEdit, parties } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = asFormFailure(actionData);
  const statusFailure: StatusFormError | undefined = failure
    ? {
        actionId: Number((actionData as { actionId?: number }).actionId),
        errors: failure.errors,
        formError: failure.formError,
        values: failure.values,
      }
    : undefined;
  const count = parties.reduce((n, p) => n + p.actions.length, 0);
  return (
    <>
      <PageHeader
        title="Opgaver"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
          { to: logPath(plan.id), label: "Aktivitetslog" },
        ]}
      />
      <Form method="get" className="filters panel" aria-label="Vis opgaver">
        <div className="field">
          <label htmlFor="actions-status">Vis</label>
          <select id="actions-status" name="status" defaultValue={status}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {filterLabels[f]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          Vis
        </button>
      </Form>
      <p className="muted" role="status">
        {filterLabels[status]}: {count}
      </p>
      {parties.length === 0 ? (
        <p className="empty">Ingen opgaver her.</p>
      ) : (
        parties.map((party) => (
          <section key={party.party.value} className="panel" aria-label={party.party.label}>
            <h2>
              {party.party.label}
              {party.overdueCount ? (
                <>
                  {" "}
                  <span className="badge badge-danger">{party.overdueCount} overskredet</span>
                </>
              ) : null}
            </h2>
            <ul className="log-actions">
              {party.actions.map((a) => {
                const nameId = `action-${a.id}-name`;
                return (
                  <li
                    key={a.id}
                    id={`action-${a.id}`}
                    className={a.overdue ? "is-overdue" : undefined}
                  >
                    <p id={nameId}>
                      <strong>{a.description}</strong>
                    </p>
                    <p>
                      <ActionStatusBadge status={a.status} /> ·{" "}
                      <DueDate dueDate={a.dueDate} overdue={a.overdue} />
                    </p>
                    <p className="muted">
                      Fund: {a.finding.text}
                      {a.finding.place ? ` (${a.finding.place})` : ""} ·{" "}
                      <Link to={logEventPath(plan.id, a.event.id)}>
                        {a.event.kind} {formatDate(a.event.date)}
                      </Link>
                      {" · "}
                      {a.activity.name}
                    </p>
                    {canEdit ? (
                      <details open={statusFailure?.actionId === a.id || undefined}>
                        <summary>Skift status</summary>
                        <ActionStatusForm action={a} failure={statusFailure} describedBy={nameId} />
                      </details>
                    ) : null}
                  </li>
                );
              })}
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
