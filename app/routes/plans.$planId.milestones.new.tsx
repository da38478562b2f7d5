/** "Ny milepæl": the secretariat and admins add a milestone to the plan's milestone plan. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { EMPTY_MILESTONE_VALUES, MilestoneForm } from "~/components/milestone-form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formDataToValues, parseValues } from "~/domain/form";
import { milestoneSchema, milestonesPath } from "~/domain/milestone";
import { badRequest } from "~/http.server";
import { createMilestone, getNewMilestoneForm } from "~/models/milestones.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction = () => [{ title: "Ny milepæl · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  return getNewMilestoneForm(await getDb(), user, planId);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  // Access first (403/404), whatever the form contains.
  const { plan } = await getNewMilestoneForm(db, user, planId);
  const values = formDataToValues(await request.formData());
  const parsed = parseValues(milestoneSchema(plan), values);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    await createMilestone(db, user, planId, parsed.data);
    return redirectWithFlash(
      request,
      `${milestonesPath(planId)}?year=${parsed.data.year}`,
      "Milepælen er oprettet.",
    );
  } catch (error) {
    return formErrorResponse(error, values);
  }
}

export default function NewMilestone() {
  const choices = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const list = milestonesPath(choices.plan.id);
  return (
    <>
      <PageHeader
        title="Ny milepæl"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${choices.plan.id}`, label: choices.plan.name },
          { to: list, label: "Milepælsplan" },
        ]}
      />
      <MilestoneForm
        choices={choices}
        defaultValues={EMPTY_MILESTONE_VALUES}
        failure={failure}
        submitLabel="Opret milepæl"
        cancelTo={list}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
