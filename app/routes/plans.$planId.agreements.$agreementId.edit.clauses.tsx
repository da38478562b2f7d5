/**
 * Edit "Konflikthåndtering og underretning" and "Revision af delaftalen". Both start empty and are
 * only printed when filled in, so the agreement never holds a text nobody saw. "Brug
 * standardteksten" puts the standard text (app/domain/texts.da.ts) into one field without saving:
 * in the browser with JavaScript, otherwise by re-rendering the form (app/standard-text.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, TextArea, ValidatedForm } from "~/components/form";
import { SectionActions, SectionPage } from "~/components/section-page";
import { StandardTextButton } from "~/components/standard-text-button";
import { ClausesSchema } from "~/domain/agreement";
import { clausesFormValues } from "~/domain/agreement-form-values";
import { RICH_TEXT_HINT, richTextFromParagraphs, richTextToMarkdown } from "~/domain/rich-text";
import { saveClauses } from "~/models/agreements/sections.server";
import { agreementPath } from "~/paths";
import { handleStandardTextIntent } from "~/standard-text.server";
import {
  DEFAULT_CONFLICT_HANDLING,
  DEFAULT_REVISION_CLAUSE,
  REVISION_CLAUSE_NOTE,
} from "~/domain/texts.da";

export const meta: MetaFunction = () => [
  { title: "Konflikthåndtering og revision · Samarbejdsaftaler" },
];

/** The standard texts as the text the user edits. */
function standardTexts() {
  return {
    conflictHandling: richTextToMarkdown(richTextFromParagraphs(DEFAULT_CONFLICT_HANDLING)),
    revisionClause: richTextToMarkdown(richTextFromParagraphs(DEFAULT_REVISION_CLAUSE)),
  };
}

const ONLY_WHEN_FILLED = "Kommer kun med i delaftalen, når feltet er udfyldt.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record, lock } = await loadSection(request, params);
  return {
    record: sectionSummary(record, lock),
    // As stored: an empty field stays empty (no standard text shown as if it were chosen).
    values: clausesFormValues(record),
    standardTexts: standardTexts(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const standard = await handleStandardTextIntent(request, params, standardTexts);
  if (standard) return standard;
  return handleSectionAction(
    request,
    params,
    ClausesSchema,
    ({ db, user, planId, agreementId }, version, values) =>
      saveClauses(db, user, planId, agreementId, version, values),
    { anchor: "clauses", flash: "Konflikthåndtering og revision er gemt." },
  );
}

export default function EditClauses() {
  const { record, values, standardTexts } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <SectionPage
      title="Konflikthåndtering og revision"
      agreement={record}
      intro="Teksterne kommer kun med i delaftalen, når de er udfyldt. Skriv det, parterne har aftalt, eller vælg «Brug standardteksten» og ret den til."
    >
      <ValidatedForm
        schema={ClausesSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: record.version }}
        aria-label="Konflikthåndtering og revision"
        className="panel"
      >
        <TextArea
          name="conflictHandling"
          label="Konflikthåndtering og underretning"
          hint={`${ONLY_WHEN_FILLED} ${RICH_TEXT_HINT}`}
          rows={12}
        />
        <StandardTextButton
          name="conflictHandling"
          text={standardTexts.conflictHandling}
          accessibleName="Brug standardteksten for konflikthåndtering"
        />
        <TextArea
          name="revisionClause"
          label="Revision af delaftalen"
          hint={`${ONLY_WHEN_FILLED} Under teksten står da altid: «${REVISION_CLAUSE_NOTE}» ${RICH_TEXT_HINT}`}
          rows={5}
        />
        <StandardTextButton
          name="revisionClause"
          text={standardTexts.revisionClause}
          accessibleName="Brug standardteksten for revision"
        />
        <SectionActions cancelTo={agreementPath(record.planId, record.id, "clauses")} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
