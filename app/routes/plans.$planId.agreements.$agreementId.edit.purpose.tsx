/** Edit "Formål, mål og metode": purposes, goals with their delmål, target group and method. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { agreementPath } from "~/paths";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, HiddenField, TextArea, TextField, ValidatedForm } from "~/components/form";
import { ListField } from "~/components/list-field";
import { SectionActions, SectionPage } from "~/components/section-page";
import { PurposeSchema } from "~/domain/agreement";
import { purposeFormValues } from "~/domain/agreement-form-values";
import { RICH_TEXT_HINT } from "~/domain/rich-text";
import { savePurpose } from "~/models/agreements/sections.server";

export const meta: MetaFunction = () => [{ title: "Formål, mål og metode · Samarbejdsaftaler" }];

const emptyGoal = { id: "", text: "", subGoals: [] };
const emptySubGoal = { id: "", text: "" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record, lock } = await loadSection(request, params);
  return {
    record: sectionSummary(record, lock),
    values: purposeFormValues(record),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleSectionAction(
    request,
    params,
    PurposeSchema,
    ({ db, user, planId, agreementId }, version, values) =>
      savePurpose(db, user, planId, agreementId, version, values),
    { anchor: "purpose", flash: "Formål, mål og metode er gemt." },
  );
}

export default function EditPurpose() {
  const { record, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const back = agreementPath(record.planId, record.id, "purpose");
  return (
    <SectionPage title="Formål, mål og metode" agreement={record}>
      <ValidatedForm
        schema={PurposeSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: record.version }}
        aria-label="Formål, mål og metode"
        className="panel"
      >
        <TextField
          name="purposesLeadIn"
          label="Indledning til formål"
          hint="Valgfri linje før formålene, fx «Formålet er:»."
        />
        <TextArea name="purposes" label="Formål" hint="Ét formål pr. linje." rows={4} />
        <TextField
          name="goalsLeadIn"
          label="Indledning til mål"
          hint="Valgfri linje før målene, fx «Målet er:»."
        />
        <fieldset className="field" aria-describedby="goals-hint">
          <legend>Mål og delmål</legend>
          <p className="field-hint" id="goals-hint">
            Skriv hvert mål for sig. Delmål står under det mål, de hører til.
          </p>
          <ListField
            name="goals"
            itemLabel={(i) => `Mål ${i + 1}`}
            addLabel="Tilføj mål"
            emptyText="Ingen mål endnu."
            emptyItem={emptyGoal}
            renderItem={(goalIndex, prefix) => (
              <>
                <TextArea name={`${prefix}.text`} label="Mål" rows={2} required />
                <HiddenField name={`${prefix}.id`} />
                <ListField
                  name={`${prefix}.subGoals`}
                  itemLabel={(i) => `Delmål ${goalIndex + 1}.${i + 1}`}
                  addLabel="Tilføj delmål"
                  emptyText="Ingen delmål."
                  emptyItem={emptySubGoal}
                  renderItem={(_, subPrefix) => (
                    <>
                      <TextArea name={`${subPrefix}.text`} label="Delmål" rows={2} required />
                      {/* Last: ListField focuses a new row's first input, which must be a visible one. */}
                      <HiddenField name={`${subPrefix}.id`} />
                    </>
                  )}
                />
              </>
            )}
          />
        </fieldset>
        <TextArea
          name="primaryTargetGroup"
          label="Primær målgruppe for indsatsområdet"
          hint={`Bruges i skabelonen for 2019-26-aftaler. ${RICH_TEXT_HINT}`}
          rows={4}
        />
        <TextArea name="method" label="Metode" hint={RICH_TEXT_HINT} rows={8} />
        <SectionActions cancelTo={back} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
