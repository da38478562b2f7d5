/**
 * One milestone: its facts, the status form (done with a date, postponed with a reason) for the
 * reporter and the secretariat, and the edit form and delete button for the secretariat. Every
 * member of the plan may see it; another plan's milestone is a 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import {
  MilestoneForm,
  milestoneFormValues,
  MilestoneStatusForm,
} from "~/components/milestone-form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formDataToValues, parseValues } from "~/domain/form";
import { todayInDenmark } from "~/domain/format";
import { milestoneSchema, milestonesPath, MilestoneStatusSchema } from "~/domain/milestone";
import { badRequest, forbidden } from "~/http.server";
import {
  deleteMilestone,
  getMilestone,
  setMilestoneStatus,
  updateMilestone,
} from "~/models/milestones.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.milestone.title ?? "Milepæl"} · Milepælsplan · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const milestoneId = requireIdParam(params, "milestoneId");
  const page = await getMilestone(await getDb(), user, planId, milestoneId);
  return {
    ...page,
    today: todayInDenmark(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const milestoneId = requireIdParam(params, "milestoneId");
  const db = await getDb();
  // 404 for another plan's milestone before the form is read.
  const page = await getMilestone(db, user, planId, milestoneId);
  const formData = await request.formData();
  const values = formDataToValues(formData);
  const intent = formData.get("intent");
  // The role before the form: a reporter may only post the status, board and viewers nothing.
  if (intent === "status" ? !page.canReport : !page.canEdit) throw forbidden();
  const here = `${milestonesPath(planId)}/${milestoneId}`;
  try {
    if (intent === "delete") {
      await deleteMilestone(db, user, planId, milestoneId, readVersion(formData));
      return redirectWithFlash(
        request,
        `${milestonesPath(planId)}?year=${page.milestone.year}`,
        `Milepælen «${page.milestone.title}» er slettet.`,
      );
    }
    if (intent === "status") {
      const version = readVersion(formData);
      const parsed = parseValues(MilestoneStatusSchema, values);
      if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
      await setMilestoneStatus(db, user, planId, milestoneId, version, parsed.data);
      return redirectWithFlash(request, here, "Milepælens status er gemt.");
    }
    const version = readVersion(formData);
    const parsed = parseValues(milestoneSchema(page.plan), values);
    if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
    await updateMilestone(db, user, planId, milestoneId, version, parsed.data);
    return redirectWithFlash(request, here, "Milepælen er gemt.");
  } catch (error) {
    return formErrorResponse(error, values);
  }
}

export default function MilestonePage() {
  const data = useLoaderData<typeof loader>();
  const { milestone, plan, canEdit, canReport, today } = data;
  const failure = asFormFailure(useActionData<typeof action>());
  const failedIntent = failure?.values.intent;
  const list = `${milestonesPath(plan.id)}?year=${milestone.year}`;
  return (
    <>
      <PageHeader
        title={milestone.title}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
          { to: list, label: "Milepælsplan" },
        ]}
      />
      {failedIntent === "delete" && failure?.formError ? (
        <div className="alert alert-error" role="alert">
          {failure.formError}
        </div>
      ) : null}
      <dl className="facts panel">
        <dt>Hvornår</dt>
        <dd>{milestone.whenText}</dd>
        <dt>Delaftale</dt>
        <dd>{milestone.agreementName ?? "–"}</dd>
        <dt>Aktivitet</dt>
        <dd>{milestone.activityName ?? "–"}</dd>
        <dt>Ansvarlig</dt>
        <dd>{milestone.responsibleName ?? "–"}</dd>
        <dt>Status</dt>
        <dd>
          <span aria-hidden="true">{milestone.statusIcon}</span> {milestone.statusText}
        </dd>
        {milestone.note ? (
          <>
            <dt>Note</dt>
            <dd>{milestone.note}</dd>
          </>
        ) : null}
      </dl>
      {canReport ? (
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">Status</h2>
          <MilestoneStatusForm
            // A saved status is a new form (new version, new defaults).
            key={`status-${milestone.version}`}
            milestone={milestone}
            failure={failedIntent === "status" ? failure : undefined}
            today={today}
          />
        </section>
      ) : null}
      {canEdit ? (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Rediger milepælen</h2>
          <MilestoneForm
            key={`edit-${milestone.version}`}
            choices={data}
            defaultValues={milestoneFormValues(milestone)}
            failure={failedIntent === "edit" ? failure : undefined}
            hidden={{ intent: "edit", version: milestone.version }}
            submitLabel="Gem milepælen"
            cancelTo={list}
          />
          <Form method="post" className="panel no-print" aria-label="Slet milepælen">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={milestone.version} />
            <button type="submit" className="button button-danger">
              Slet milepælen
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
