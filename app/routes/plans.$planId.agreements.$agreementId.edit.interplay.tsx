/** Edit "Samspil med den kommunale indsats" and "Forankring", both as rich text. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, TextArea, ValidatedForm } from "~/components/form";
import { SectionActions, SectionPage } from "~/components/section-page";
import { InterplaySchema } from "~/domain/agreement";
import { interplayFormValues } from "~/domain/agreement-form-values";
import { RICH_TEXT_HINT } from "~/domain/rich-text";
import { saveInterplay } from "~/models/agreements/sections.server";
import { agreementPath } from "~/paths";

export const meta: MetaFunction = () => [
  { title: "Samspil med kommunen og forankring · Samarbejdsaftaler" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record, lock } = await loadSection(request, params);
  return {
    record: sectionSummary(record, lock),
    values: interplayFormValues(record),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleSectionAction(
    request,
    params,
    InterplaySchema,
    ({ db, user, planId, agreementId }, version, values) =>
      saveInterplay(db, user, planId, agreementId, version, values),
    { anchor: "interplay", flash: "Samspillet med kommunen og forankringen er gemt." },
  );
}

export default function EditInterplay() {
  const { record, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <SectionPage title="Samspil med kommunen og forankring" agreement={record}>
      <ValidatedForm
        schema={InterplaySchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: record.version }}
        aria-label="Samspil med kommunen og forankring"
        className="panel"
      >
        <TextArea
          name="municipalInterplay"
          label="Samspil med den kommunale indsats"
          hint={`Hvordan supplerer indsatsområdet kommunens egne indsatser i boligområdet? ${RICH_TEXT_HINT}`}
          rows={10}
        />
        <TextArea
          name="anchoring"
          label="Forankring"
          hint={`Hvordan fortsætter aktiviteterne, når bevillingen udløber? ${RICH_TEXT_HINT}`}
          rows={10}
        />
        <SectionActions cancelTo={agreementPath(record.planId, record.id, "interplay")} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
