/**
 * Editing a self-evaluation: the same form as "new", with the stored values and the version it
 * was loaded at, so a save over someone else's newer one is refused (409) with the input kept.
 * Reporters, the secretariat and admins only.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { SelfEvaluationForm } from "~/components/self-evaluation-form";
import { getDb } from "~/db.server";
import { formDataToValues, parseValues } from "~/domain/form";
import {
  requireQuestionSet,
  SELF_EVALUATION_EDITOR_ROLES,
  selfEvaluationFormValues,
  selfEvaluationPath,
  selfEvaluationSchema,
  selfEvaluationsPath,
} from "~/domain/self-evaluation";
import { badRequest, forbidden } from "~/http.server";
import { requireSelfEvaluationRole } from "~/models/access.server";
import { getSelfEvaluation, updateSelfEvaluation } from "~/models/self-evaluations.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Rediger ${data?.view.title ?? "selvevaluering"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const evaluationId = requireIdParam(params, "evaluationId");
  const { view, canEdit } = await getSelfEvaluation(await getDb(), user, planId, evaluationId);
  if (!canEdit) throw forbidden("Du kan læse selvevalueringen, men ikke redigere den");
  return { view, values: selfEvaluationFormValues(view) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const evaluationId = requireIdParam(params, "evaluationId");
  const db = await getDb();
  // Access first, so a reader's post is a 403 and a non-member's a 404, whatever it contains.
  await requireSelfEvaluationRole(db, user, planId, evaluationId, SELF_EVALUATION_EDITOR_ROLES);
  const formData = await request.formData();
  const version = readVersion(formData);
  const { view } = await getSelfEvaluation(db, user, planId, evaluationId);
  const values = formDataToValues(formData);
  const parsed = parseValues(
    selfEvaluationSchema(requireQuestionSet(view.questionSet.key)),
    values,
  );
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    await updateSelfEvaluation(db, user, planId, evaluationId, version, parsed.data);
  } catch (error) {
    return formErrorResponse(error, values);
  }
  return redirectWithFlash(
    request,
    selfEvaluationPath(planId, evaluationId),
    "Selvevalueringen er gemt.",
  );
}

export default function EditSelfEvaluation() {
  const { view, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const page = selfEvaluationPath(view.planId, view.id);
  return (
    <>
      <PageHeader
        title={`Rediger ${view.title}`}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${view.planId}`, label: view.planName },
          { to: selfEvaluationsPath(view.planId), label: "Selvevalueringer" },
          { to: page, label: view.title },
        ]}
      >
        <p className="muted">
          {view.questionSet.name}. {view.completeness.done} af {view.completeness.total} punkter er
          udfyldt.
        </p>
      </PageHeader>
      <SelfEvaluationForm
        questionSetKey={view.questionSet.key}
        defaultValues={values}
        failure={failure}
        hidden={{ version: view.version }}
        submitLabel="Gem ændringer"
        cancelTo={page}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
