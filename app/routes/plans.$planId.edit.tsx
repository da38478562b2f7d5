import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { PlanForm } from "~/components/plan-form";
import { getDb } from "~/db.server";
import { parseFormData } from "~/domain/form";
import { PlanFormSchema } from "~/domain/plan";
import { badRequest, notFound } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import { getPlanForEdit, getPlanFormOptions, updatePlan } from "~/models/plans.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Rediger ${data?.plan.values.name ?? "helhedsplan"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  const plan = await getPlanForEdit(db, user, planId);
  if (!plan) throw notFound();
  return { plan, options: await getPlanFormOptions(db) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  // Check access before reading the form, so a non-member learns nothing (404) from a bad form.
  await requirePlanRole(db, user, planId, ["secretariat"]);
  const formData = await request.formData();
  const version = readVersion(formData);
  const parsed = parseFormData(PlanFormSchema, formData);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    await updatePlan(db, user, planId, version, parsed.data);
    return redirectWithFlash(request, `/plans/${planId}`, "Helhedsplanen er gemt.");
  } catch (error) {
    return formErrorResponse(error, parsed.values);
  }
}

export default function EditPlan() {
  const { plan, options } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title={`Rediger ${plan.values.name}`}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.values.name },
        ]}
      />
      <PlanForm
        options={options}
        defaultValues={plan.values}
        failure={failure}
        version={plan.version}
        submitLabel="Gem ændringer"
        cancelTo={`/plans/${plan.id}`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
