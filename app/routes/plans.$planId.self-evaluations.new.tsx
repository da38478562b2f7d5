/**
 * "Ny selvevaluering": choose the funder's question set (`?set=`, a plain GET form so it works
 * without JavaScript), fill in the form and create it; the new self-evaluation's page follows.
 * Reporters, the secretariat and admins only.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { SelfEvaluationForm } from "~/components/self-evaluation-form";
import { getDb } from "~/db.server";
import { formDataToValues, parseValues } from "~/domain/form";
import {
  emptySelfEvaluationFormValues,
  findQuestionSet,
  QUESTION_SET_MESSAGE,
  questionSetOptions,
  SELF_EVALUATION_EDITOR_ROLES,
  selfEvaluationPath,
  selfEvaluationSchema,
  selfEvaluationsPath,
} from "~/domain/self-evaluation";
import { badRequest, notFound } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import { createSelfEvaluation, getSelfEvaluationPlan } from "~/models/self-evaluations.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";
import { DEFAULT_QUESTION_SET_KEY } from "../../templates/self-evaluation-questions";

export const meta: MetaFunction = () => [{ title: "Ny selvevaluering · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const plan = await getSelfEvaluationPlan(await getDb(), user, planId);
  const key = new URL(request.url).searchParams.get("set") || DEFAULT_QUESTION_SET_KEY;
  const set = findQuestionSet(key);
  if (!set) throw notFound("Spørgeskemaet findes ikke");
  return {
    plan,
    questionSet: set.key,
    options: questionSetOptions(),
    values: emptySelfEvaluationFormValues(set),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  // Access first, so a reader's post is a 403 whatever it contains.
  await requirePlanRole(db, user, planId, SELF_EVALUATION_EDITOR_ROLES);
  const values = formDataToValues(await request.formData());
  const set = findQuestionSet(values.questionSet);
  if (!set) return badRequest(values, { questionSet: QUESTION_SET_MESSAGE }, QUESTION_SET_MESSAGE);
  const parsed = parseValues(selfEvaluationSchema(set), values);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    const { id } = await createSelfEvaluation(db, user, planId, set.key, parsed.data);
    return redirectWithFlash(
      request,
      selfEvaluationPath(planId, id),
      "Selvevalueringen er oprettet.",
    );
  } catch (error) {
    return formErrorResponse(error, values);
  }
}

export default function NewSelfEvaluation() {
  const { plan, questionSet, options, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const list = selfEvaluationsPath(plan.id);
  return (
    <>
      <PageHeader
        title="Ny selvevaluering"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
          { to: list, label: "Selvevalueringer" },
        ]}
      />
      <Form method="get" className="panel" aria-label="Vælg spørgeskema">
        <div className="field">
          <label htmlFor="question-set">Spørgeskema</label>
          <p className="field-hint" id="question-set-hint">
            Bevillingsgiverens skema afgør, hvilke spørgsmål I skal svare på. Vælg det, før du
            udfylder formularen.
          </p>
          <select
            id="question-set"
            name="set"
            defaultValue={questionSet}
            aria-describedby="question-set-hint"
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          Vis spørgeskemaet
        </button>
      </Form>
      <SelfEvaluationForm
        // Another question set is another form.
        key={questionSet}
        questionSetKey={questionSet}
        defaultValues={values}
        failure={failure}
        hidden={{ questionSet }}
        submitLabel="Opret selvevaluering"
        cancelTo={list}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
