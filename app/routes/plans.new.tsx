import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { format } from "date-fns";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { PlanForm } from "~/components/plan-form";
import { getDb } from "~/db.server";
import { parseFormData } from "~/domain/form";
import { defaultPeriodEnd, PlanFormSchema } from "~/domain/plan";
import { badRequest } from "~/http.server";
import { requireRegisterEditor } from "~/models/access.server";
import { createPlan, getPlanFormOptions } from "~/models/plans.server";
import { formErrorResponse } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction = () => [{ title: "Opret helhedsplan · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  await requireRegisterEditor(db, user);
  const year = new Date().getFullYear() + 1;
  const periodStart = format(new Date(year, 0, 1), "yyyy-MM-dd");
  return {
    options: await getPlanFormOptions(db),
    defaults: {
      name: "",
      fundingRoundId: "",
      periodStart,
      periodEnd: defaultPeriodEnd(periodStart),
      status: "draft",
      // Empty follows the funding round (the browser prefills it when a round is chosen).
      templateEdition: "",
      municipalityId: "",
      organisationIds: [],
      description: "",
      revisionIntervalMonths: 12,
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  await requireRegisterEditor(db, user);
  const parsed = parseFormData(PlanFormSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    const plan = await createPlan(db, user, parsed.data);
    return redirectWithFlash(request, `/plans/${plan.id}`, "Helhedsplanen er oprettet.");
  } catch (error) {
    return formErrorResponse(error, parsed.values);
  }
}

export default function NewPlan() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <>
      <PageHeader title="Opret helhedsplan" crumbs={[{ to: "/", label: "Mine helhedsplaner" }]} />
      <PlanForm
        options={options}
        defaultValues={defaults}
        failure={failure}
        submitLabel="Opret helhedsplan"
        cancelTo="/"
        newPlan
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
