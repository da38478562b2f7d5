/** Edit the agreement's own success criteria (lokalt opstillede målinger). */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { agreementPath } from "~/paths";
import { CriteriaFields } from "~/components/criteria-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, ValidatedForm } from "~/components/form";
import { SectionActions, SectionPage } from "~/components/section-page";
import { CriteriaSchema } from "~/domain/agreement";
import { criteriaFormValues, goalSelectOptions } from "~/domain/agreement-form-values";
import { saveCriteria } from "~/models/agreements/sections.server";

export const meta: MetaFunction = () => [{ title: "Succeskriterier · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record, lock } = await loadSection(request, params);
  return {
    record: sectionSummary(record, lock),
    values: criteriaFormValues(record),
    goals: goalSelectOptions(record),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleSectionAction(
    request,
    params,
    CriteriaSchema,
    ({ db, user, planId, agreementId, confirmRemoval }, version, values) =>
      saveCriteria(db, user, planId, agreementId, version, values, { confirmRemoval }),
    { anchor: "criteria", flash: "Succeskriterierne er gemt." },
  );
}

export default function EditCriteria() {
  const { record, values, goals } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <SectionPage
      title="Lokalt opstillede målinger (succeskriterier)"
      agreement={record}
      intro="Hvert succeskriterium skal have en datakilde. Delaftalen skal have mindst ét succeskriterium, før den kan godkendes."
    >
      <ValidatedForm
        schema={CriteriaSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: record.version }}
        aria-label="Succeskriterier"
        className="panel"
      >
        <CriteriaFields name="criteria" goals={goals} />
        <SectionActions cancelTo={agreementPath(record.planId, record.id, "criteria")} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
