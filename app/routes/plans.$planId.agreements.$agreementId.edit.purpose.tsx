/** Edit "Formål, mål og metode". */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { agreementPath } from "~/paths";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, TextArea, ValidatedForm } from "~/components/form";
import { SectionActions, SectionPage } from "~/components/section-page";
import { PurposeSchema } from "~/domain/agreement";
import { purposeFormValues } from "~/domain/agreement-form-values";
import { RICH_TEXT_HINT } from "~/domain/rich-text";
import { savePurpose } from "~/models/agreements/sections.server";

export const meta: MetaFunction = () => [{ title: "Formål, mål og metode · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record } = await loadSection(request, params);
  return {
    record: sectionSummary(record),
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
    "purpose",
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
        <TextArea name="purposes" label="Formål" hint="Ét formål pr. linje." rows={4} />
        <TextArea name="goals" label="Mål" hint="Ét mål pr. linje." rows={6} />
        <TextArea name="method" label="Metode" hint={RICH_TEXT_HINT} rows={8} />
        <SectionActions cancelTo={back} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
