/**
 * One event of the activity log: what happened, who took part, the findings with their actions and
 * each action's status (changed here, a dropped one with its reason). An event with a follow-up
 * gets «Opret opfølgningsmøde»; a follow-up meeting shows the original event's findings and records
 * the stock-taking (each action's status and a note). Every member reads; the secretariat,
 * reporters and admins change. Each form posts an `intent` and works without JavaScript.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import {
  ActionStatusBadge,
  ActionStatusForm,
  DueDate,
  type StatusFormError,
} from "~/components/activity-log/action-status";
import { logEventPath, logPath } from "~/components/activity-log/paths";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  HiddenField,
  SelectField,
  SubmitButton,
  TextField,
  ValidatedForm,
  type Option,
} from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import {
  ActionStatusSchema,
  FollowUpReviewSchema,
  FollowUpSchema,
  isOverdue,
  LOG_ACTION_STATUSES,
  LOG_EDITOR_ROLES,
  logActionStatusLabels,
} from "~/domain/activity-log";
import { formDataToValues, parseValues, type FormFailure } from "~/domain/form";
import { formatDate, formatInteger, todayInDenmark } from "~/domain/format";
import { redirectWithFlash } from "~/flash.server";
import { badRequest, conflict, CONFLICT_MESSAGE, notFound } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import {
  createFollowUp,
  deleteLogEvent,
  getLogEvent,
  getLogSettings,
  saveFollowUpReviews,
  setActionStatus,
} from "~/models/activity-log/index.server";
import { ConflictError } from "~/models/errors.server";
import { getPlanPage } from "~/models/plans.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";
import logStyles from "~/styles/activity-log.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: logStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data ? `${data.event.kind.name} ${formatDate(data.event.date)}` : "Hændelse"} · Aktivitetslog · Samarbejdsaftaler`,
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const eventId = requireIdParam(params, "eventId");
  const db = await getDb();
  const event = await getLogEvent(db, user, planId, eventId);
  const [page, settings] = await Promise.all([
    getPlanPage(db, user, planId),
    getLogSettings(db, user, planId),
  ]);
  if (!page) throw notFound();
  const today = todayInDenmark();
  const followUpKind = settings.kinds.find((k) => k.name === "Opfølgningsmøde" && !k.retired);
  return {
    plan: { id: page.plan.id, name: page.plan.name },
    event,
    today,
    kindOptions: settings.kinds
      .filter((k) => !k.retired)
      .map((k) => ({ value: String(k.id), label: k.name })),
    followUpDefaults: {
      // Today once it is due (the meeting is held now), else the planned date.
      date: event.followUpDue && event.followUpDue > today ? event.followUpDue : today,
      kindId: followUpKind ? String(followUpKind.id) : "",
    },
  };
}

type Intent = "status" | "follow-up" | "review" | "delete";

/** A failed submit, marked with the form it belongs to (the page has several). */
function failed(intent: Intent, body: FormFailure, status: number, actionId?: number) {
  return data({ ...body, intent, actionId }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const eventId = requireIdParam(params, "eventId");
  const db = await getDb();
  // Access first, so a reader's post is a 403 whatever it contains.
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  // Another plan's or a missing event is a 404 whatever the form holds.
  await getLogEvent(db, user, planId, eventId);
  const formData = await request.formData();
  const values = formDataToValues(formData);
  const intent = formData.get("intent");
  const reply = (kind: Intent, error: unknown, actionId?: number) => {
    if (error instanceof ConflictError)
      return failed(
        kind,
        { ok: false, errors: {}, values, formError: CONFLICT_MESSAGE },
        409,
        actionId,
      );
    const response = formErrorResponse(error, values);
    return failed(kind, response.data, response.init?.status ?? 400, actionId);
  };
  switch (intent) {
    case "status": {
      const actionId = Number(values.actionId);
      if (!Number.isSafeInteger(actionId) || actionId <= 0)
        return failed(
          "status",
          { ok: false, errors: {}, values, formError: "Opgaven findes ikke. Genindlæs siden." },
          400,
        );
      const parsed = parseValues(ActionStatusSchema, values);
      if (!parsed.ok) return failed("status", parsed, 400, actionId);
      try {
        await setActionStatus(db, user, planId, actionId, parsed.data);
      } catch (error) {
        return reply("status", error, actionId);
      }
      return redirectWithFlash(
        request,
        `${logEventPath(planId, eventId)}#action-${actionId}`,
        "Opgavens status er gemt.",
      );
    }
    case "follow-up": {
      const parsed = parseValues(FollowUpSchema, values);
      if (!parsed.ok) return failed("follow-up", parsed, 400);
      try {
        const { id } = await createFollowUp(db, user, planId, eventId, parsed.data);
        return redirectWithFlash(
          request,
          logEventPath(planId, id),
          "Opfølgningsmødet er oprettet. Gør status over opgaverne nedenfor.",
        );
      } catch (error) {
        return reply("follow-up", error);
      }
    }
    case "review": {
      const parsed = parseValues(FollowUpReviewSchema, values);
      if (!parsed.ok) return failed("review", parsed, 400);
      try {
        await saveFollowUpReviews(db, user, planId, eventId, parsed.data);
      } catch (error) {
        return reply("review", error);
      }
      return redirectWithFlash(
        request,
        logEventPath(planId, eventId),
        "Status fra opfølgningsmødet er gemt.",
      );
    }
    case "delete": {
      const version = readVersion(formData);
      try {
        await deleteLogEvent(db, user, planId, eventId, { version });
      } catch (error) {
        if (error instanceof ConflictError) return conflict(values, CONFLICT_MESSAGE);
        throw error;
      }
      return redirectWithFlash(request, logPath(planId), "Hændelsen er slettet.");
    }
    default:
      return badRequest(values, {}, "Formularen kunne ikke forstås. Genindlæs siden.");
  }
}

const statusOptions: Option[] = LOG_ACTION_STATUSES.map((s) => ({
  value: s,
  label: logActionStatusLabels[s],
}));

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Finding = LoaderData["event"]["findings"][number];

function Findings({
  findings,
  today,
  canEdit,
  statusFailure,
}: {
  findings: Finding[];
  today: string;
  canEdit: boolean;
  statusFailure?: StatusFormError;
}) {
  if (findings.length === 0) return <p className="muted">Ingen fund.</p>;
  return (
    <ol className="log-findings">
      {findings.map((f, i) => (
        <li key={f.id}>
          <h3>
            Fund {i + 1}: {f.text}
          </h3>
          {f.place ? <p className="muted">Sted: {f.place}</p> : null}
          {f.actions.length === 0 ? (
            <p className="muted">Ingen opgaver.</p>
          ) : (
            <ul className="log-actions">
              {f.actions.map((a) => {
                const overdue = isOverdue(a, today);
                const nameId = `action-${a.id}-name`;
                return (
                  <li
                    key={a.id}
                    id={`action-${a.id}`}
                    className={overdue ? "is-overdue" : undefined}
                  >
                    <p id={nameId}>
                      <strong>{a.responsible}</strong>: {a.description}
                    </p>
                    <p>
                      <ActionStatusBadge status={a.status} /> ·{" "}
                      <DueDate dueDate={a.dueDate} overdue={overdue} />
                      {a.status === "dropped" && a.dropReason ? (
                        <> · Begrundelse: {a.dropReason}</>
                      ) : null}
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
          )}
        </li>
      ))}
    </ol>
  );
}

export default function LogEventPage() {
  const { plan, event, today, kindOptions, followUpDefaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = asFormFailure(actionData);
  const intent =
    actionData && typeof actionData === "object" && "intent" in actionData
      ? (actionData as { intent?: Intent }).intent
      : undefined;
  const statusFailure: StatusFormError | undefined =
    failure && intent === "status"
      ? {
          actionId: Number((actionData as { actionId?: number }).actionId),
          errors: failure.errors,
          formError: failure.formError,
          values: failure.values,
        }
      : undefined;
  const original = event.followUpOf;
  const reviewActions = original
    ? original.findings.flatMap((f) => f.actions.map((a) => ({ ...a, finding: f })))
    : [];
  const reviewDefaults = {
    // A field of the form (the schema checks it), not a loose hidden input.
    version: String(event.version),
    reviews: reviewActions.map((a) => {
      const review = original?.reviews.find((r) => r.actionId === a.id);
      return {
        actionId: String(a.id),
        status: review?.status ?? a.status,
        note: review?.note ?? (a.status === "dropped" ? (a.dropReason ?? "") : ""),
      };
    }),
  };
  const title = `${event.kind.name} ${formatDate(event.date)}`;
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
          { to: logPath(plan.id), label: "Aktivitetslog" },
        ]}
        actions={
          <>
            {event.findings.length ? (
              <Link
                className="button button-secondary"
                to={logEventPath(plan.id, event.id, "/actions.docx")}
                reloadDocument
              >
                Hent opgavelisten (Word)
              </Link>
            ) : null}
            {event.canEdit ? (
              <Link
                className="button button-secondary"
                to={logEventPath(plan.id, event.id, "/edit")}
              >
                Redigér hændelsen
              </Link>
            ) : null}
          </>
        }
      />
      {failure && intent !== "review" && intent !== "follow-up" && intent !== "status" ? (
        <div className="alert alert-error" role="alert">
          {failure.formError ?? "Det kunne ikke gemmes."}
        </div>
      ) : null}
      <section className="panel" aria-labelledby="event-facts-title">
        <h2 id="event-facts-title" className="sr-only">
          Om hændelsen
        </h2>
        <dl className="log-facts">
          <dt>Aktivitet</dt>
          <dd>
            {event.activity.name} <span className="muted">· {event.agreement.focusArea}</span>
          </dd>
          <dt>Type</dt>
          <dd>{event.kind.name}</dd>
          <dt>Dato</dt>
          <dd>{formatDate(event.date)}</dd>
          {event.place ? (
            <>
              <dt>Sted</dt>
              <dd>{event.place}</dd>
            </>
          ) : null}
          <dt>Deltagere</dt>
          <dd>
            {event.participants.length === 0
              ? "Ingen registreret"
              : `${event.participants.map((p) => `${p.group}: ${formatInteger(p.count)}`).join(", ")} (i alt ${formatInteger(event.participantTotal)})`}
          </dd>
          {event.note ? (
            <>
              <dt>Note</dt>
              <dd className="pre-line">{event.note}</dd>
            </>
          ) : null}
          {event.followUpDue ? (
            <>
              <dt>Opfølgning</dt>
              <dd>
                Senest {formatDate(event.followUpDue)}
                {event.followUps.length === 0 && event.followUpDue <= today ? (
                  <>
                    {" "}
                    <span className="badge badge-danger">Opfølgning forfalden</span>
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          {event.followUps.length ? (
            <>
              <dt>Opfølgningsmøder</dt>
              <dd>
                {event.followUps.map((f, i) => (
                  <span key={f.id}>
                    {i ? ", " : ""}
                    <Link to={logEventPath(plan.id, f.id)}>{formatDate(f.date)}</Link>
                  </span>
                ))}
              </dd>
            </>
          ) : null}
          {original ? (
            <>
              <dt>Opfølgning på</dt>
              <dd>
                <Link to={logEventPath(plan.id, original.id)}>
                  {original.kind} {formatDate(original.date)}
                </Link>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      {original ? (
        <section className="panel" aria-labelledby="review-title">
          <h2 id="review-title">Status på opgaverne fra {formatDate(original.date)}</h2>
          {reviewActions.length === 0 ? (
            <p className="muted">Den oprindelige hændelse har ingen opgaver.</p>
          ) : event.canEdit ? (
            <ValidatedForm
              schema={FollowUpReviewSchema}
              defaultValues={reviewDefaults}
              failure={intent === "review" ? failure : undefined}
              hidden={{ intent: "review" }}
              aria-label="Status fra opfølgningsmødet"
            >
              <ol className="log-findings">
                {original.findings.map((f, fi) => (
                  <li key={f.id}>
                    <h3>
                      Fund {fi + 1}: {f.text}
                    </h3>
                    {f.place ? <p className="muted">Sted: {f.place}</p> : null}
                    <ul className="log-actions">
                      {f.actions.map((a) => {
                        const index = reviewActions.findIndex((r) => r.id === a.id);
                        return (
                          <li key={a.id}>
                            <fieldset>
                              <legend>
                                <strong>{a.responsible}</strong>: {a.description}
                              </legend>
                              <p className="muted">
                                Status nu: {logActionStatusLabels[a.status]} ·{" "}
                                <DueDate dueDate={a.dueDate} overdue={isOverdue(a, today)} />
                              </p>
                              <div className="row-fields">
                                <SelectField
                                  name={`reviews.${index}.status`}
                                  label="Status på mødet"
                                  options={statusOptions}
                                  placeholder={null}
                                />
                                <TextField
                                  name={`reviews.${index}.note`}
                                  label="Bemærkning (begrundelse, hvis droppet)"
                                />
                              </div>
                              <HiddenField name={`reviews.${index}.actionId`} />
                            </fieldset>
                          </li>
                        );
                      })}
                    </ul>
                  </li>
                ))}
              </ol>
              <HiddenField name="version" />
              <div className="form-actions">
                <SubmitButton>Gem status fra mødet</SubmitButton>
              </div>
            </ValidatedForm>
          ) : (
            <Findings findings={original.findings} today={today} canEdit={false} />
          )}
        </section>
      ) : null}
      <section className="panel" aria-labelledby="findings-title">
        <h2 id="findings-title">Fund og opgaver</h2>
        <Findings
          findings={event.findings}
          today={today}
          canEdit={event.canEdit}
          statusFailure={statusFailure}
        />
      </section>
      {event.canEdit && !original ? (
        <section className="panel" aria-labelledby="follow-up-title">
          <h2 id="follow-up-title">Opfølgning</h2>
          <p>
            Opfølgningsmødet gør status over opgaverne fra denne hændelse. Det får sin egen side i
            loggen.
          </p>
          <ValidatedForm
            schema={FollowUpSchema}
            defaultValues={followUpDefaults}
            failure={intent === "follow-up" ? failure : undefined}
            hidden={{ intent: "follow-up" }}
            aria-label="Opret opfølgningsmøde"
          >
            <div className="row-fields">
              <TextField name="date" label="Mødets dato" type="date" required />
              <SelectField name="kindId" label="Type" options={kindOptions} placeholder={null} />
            </div>
            <div className="form-actions">
              <SubmitButton>Opret opfølgningsmøde</SubmitButton>
            </div>
          </ValidatedForm>
        </section>
      ) : null}
      {event.canEdit ? (
        <section className="panel danger-zone" aria-labelledby="delete-title">
          <h2 id="delete-title">Slet hændelsen</h2>
          <p>Hændelsen slettes med deltagere, fund og opgaver. Det kan ikke fortrydes.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={event.version} />
            <button type="submit" className="button button-danger">
              Slet hændelsen
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
