/** Edit "Problemkompleks": the analysis behind the focus area, as rich text. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, TextArea, ValidatedForm } from "~/components/form";
import { SectionActions, SectionPage } from "~/components/section-page";
import { ProblemStatementSchema } from "~/domain/agreement";
import { problemFormValues } from "~/domain/agreement-form-values";
import { RICH_TEXT_HINT } from "~/domain/rich-text";
import { saveProblemStatement } from "~/models/agreements/sections.server";
import { agreementPath } from "~/paths";

export const meta: MetaFunction = () => [{ title: "Problemkompleks · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record, lock } = await loadSection(request, params);
  return {
    record: sectionSummary(record, lock),
    values: problemFormValues(record),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleSectionAction(
    request,
    params,
    ProblemStatementSchema,
    ({ db, user, planId, agreementId }, version, values) =>
      saveProblemStatement(db, user, planId, agreementId, version, values),
    { anchor: "problem", flash: "Problemkomplekset er gemt." },
  );
}

export default function EditProblemStatement() {
  const { record, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <SectionPage
      title="Problemkompleks"
      agreement={record}
      intro="Beskriv de udfordringer i boligområdet, som indsatsområdet skal tage hånd om."
    >
      <ValidatedForm
        schema={ProblemStatementSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: record.version }}
        aria-label="Problemkompleks"
        className="panel"
      >
        <TextArea
          name="problemStatement"
          label="Problemkompleks for indsatsområdet"
          hint={RICH_TEXT_HINT}
          rows={16}
        />
        <SectionActions cancelTo={agreementPath(record.planId, record.id, "problem")} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
