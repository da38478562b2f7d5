/**
 * Edit an event of the activity log: the same form as a new one, filled in, saved against the
 * version it was loaded with (someone else's save meanwhile is shown, the input kept). The
 * secretariat, reporters and admins only.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { LogEventForm, logEventFormOptions } from "~/components/activity-log/event-form";
import { logEventPath, logPath } from "~/components/activity-log/paths";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { LOG_EDITOR_ROLES, LogEventSchema } from "~/domain/activity-log";
import { formatDate } from "~/domain/format";
import { notFound } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import { getLogEvent, getLogSettings, updateLogEvent } from "~/models/activity-log/index.server";
import { getLogFormAgreements } from "~/models/activity-log-form.server";
import { getPlanPage } from "~/models/plans.server";
import { readVersion, requireIdParam, submitListForm } from "~/route-helpers.server";
import logStyles from "~/styles/activity-log.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: logStyles }];

export const meta: MetaFunction = () => [{ title: "Redigér hændelse · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const eventId = requireIdParam(params, "eventId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const event = await getLogEvent(db, user, planId, eventId);
  const [page, settings, agreements] = await Promise.all([
    getPlanPage(db, user, planId),
    getLogSettings(db, user, planId),
    getLogFormAgreements(db, user, planId),
  ]);
  if (!page) throw notFound();
  // The event's own parties stay choices even when the agreement no longer lists them.
  const withEventParties = agreements.map((a) =>
    a.id === event.agreement.id ? { ...a, parties: event.partyOptions } : a,
  );
  const options = logEventFormOptions(withEventParties, settings, {
    activity: { ...event.activity, agreementId: event.agreement.id },
    kindId: event.kind.id,
    groupIds: event.participants.map((p) => p.groupId),
  });
  const counts = new Map(event.participants.map((p) => [p.groupId, p.count]));
  return {
    plan: { id: page.plan.id, name: page.plan.name },
    event: {
      id: event.id,
      title: `${event.kind.name} ${formatDate(event.date)}`,
      version: event.version,
    },
    options,
    values: {
      activityId: String(event.activity.id),
      kindId: String(event.kind.id),
      date: event.date,
      place: event.place ?? "",
      note: event.note ?? "",
      participants: options.groups.map((g) => ({
        groupId: String(g.id),
        count: counts.has(g.id) ? String(counts.get(g.id)) : "",
      })),
      findings: event.findings.map((f) => ({
        id: String(f.id),
        text: f.text,
        place: f.place ?? "",
        actions: f.actions.map((a) => ({
          id: String(a.id),
          party: a.party,
          description: a.description,
          dueDate: a.dueDate ?? "",
          status: a.status,
          dropReason: a.dropReason ?? "",
        })),
      })),
      scheduleFollowUp: event.followUpDue != null,
      followUpDue: event.followUpDue ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const eventId = requireIdParam(params, "eventId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  // Another plan's or a missing event is a 404 whatever the form holds.
  await getLogEvent(db, user, planId, eventId);
  const formData = await request.formData();
  const version = readVersion(formData);
  return submitListForm(formData, LogEventSchema, async (values) => {
    await updateLogEvent(db, user, planId, eventId, { ...values, version });
    return redirectWithFlash(request, logEventPath(planId, eventId), "Hændelsen er gemt.");
  });
}

export default function EditLogEvent() {
  const { plan, event, options, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title={`Redigér: ${event.title}`}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
          { to: logPath(plan.id), label: "Aktivitetslog" },
          { to: logEventPath(plan.id, event.id), label: event.title },
        ]}
      />
      <LogEventForm
        defaultValues={values}
        failure={failure}
        options={options}
        hidden={{ version: event.version }}
        submitLabel="Gem ændringer"
        cancelTo={logEventPath(plan.id, event.id)}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
