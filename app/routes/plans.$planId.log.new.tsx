/**
 * «Registrér hændelse»: a new event in the activity log (`?activityId=` and `?kindId=` preselect).
 * The secretariat, reporters and admins only; the new event's page follows.
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
import { todayInDenmark } from "~/domain/format";
import { notFound } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import { createLogEvent, getLogSettings } from "~/models/activity-log/index.server";
import { getLogFormAgreements } from "~/models/activity-log-form.server";
import { getPlanPage } from "~/models/plans.server";
import { requireIdParam, submitListForm } from "~/route-helpers.server";
import logStyles from "~/styles/activity-log.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: logStyles }];

export const meta: MetaFunction = () => [{ title: "Registrér hændelse · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const [page, settings, agreements] = await Promise.all([
    getPlanPage(db, user, planId),
    getLogSettings(db, user, planId),
    getLogFormAgreements(db, user, planId),
  ]);
  if (!page) throw notFound();
  const options = logEventFormOptions(agreements, settings);
  const search = new URL(request.url).searchParams;
  const activityId = search.get("activityId") ?? "";
  const kindId = search.get("kindId") ?? "";
  return {
    plan: { id: page.plan.id, name: page.plan.name },
    options,
    values: {
      activityId: options.activityAgreement[activityId] ? activityId : "",
      kindId: options.kinds.some((k) => String(k.id) === kindId) ? kindId : "",
      date: todayInDenmark(),
      place: "",
      note: "",
      participants: options.groups.map((g) => ({ groupId: String(g.id), count: "" })),
      findings: [],
      scheduleFollowUp: false,
      followUpDue: "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  // Access first, so a reader's post is a 403 whatever it contains.
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  return submitListForm(await request.formData(), LogEventSchema, async (values) => {
    const { id } = await createLogEvent(db, user, planId, values);
    return redirectWithFlash(request, logEventPath(planId, id), "Hændelsen er gemt.");
  });
}

export default function NewLogEvent() {
  const { plan, options, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title="Registrér hændelse"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
          { to: logPath(plan.id), label: "Aktivitetslog" },
        ]}
      />
      <LogEventForm
        defaultValues={values}
        failure={failure}
        options={options}
        submitLabel="Gem hændelse"
        cancelTo={logPath(plan.id)}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
