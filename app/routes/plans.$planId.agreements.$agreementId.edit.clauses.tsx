/**
 * Edit "Konflikthåndtering og underretning" and "Revision af delaftalen". Both start as the
 * standard texts (app/domain/texts.da.ts) and may be edited per agreement; "Gendan standardtekst"
 * puts the standard text back into one field without saving. With JavaScript that happens in the
 * browser; without it the button submits `restore=<field>` and the action re-renders the form.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, fieldId, TextArea, ValidatedForm } from "~/components/form";
import { SectionActions, SectionPage } from "~/components/section-page";
import { ClausesSchema } from "~/domain/agreement";
import { clausesFormValues } from "~/domain/agreement-form-values";
import { formDataToValues, type FormFailure } from "~/domain/form";
import { RICH_TEXT_HINT, richTextFromParagraphs, richTextToMarkdown } from "~/domain/rich-text";
import { z } from "~/domain/zod";
import { saveClauses } from "~/models/agreements/sections.server";
import { agreementPath } from "~/paths";
import {
  DEFAULT_CONFLICT_HANDLING,
  DEFAULT_REVISION_CLAUSE,
  REVISION_CLAUSE_NOTE,
} from "~/domain/texts.da";

export const meta: MetaFunction = () => [
  { title: "Konflikthåndtering og revision · Samarbejdsaftaler" },
];

const RestorableFieldSchema = z.enum(["conflictHandling", "revisionClause"]);
type RestorableField = z.infer<typeof RestorableFieldSchema>;

const RESTORE_NOTICE = "Standardteksten er sat ind, men ikke gemt endnu. Tryk «Gem» for at gemme.";

/** The standard texts as the text the user edits. */
function standardTexts(): Record<RestorableField, string> {
  return {
    conflictHandling: richTextToMarkdown(richTextFromParagraphs(DEFAULT_CONFLICT_HANDLING)),
    revisionClause: richTextToMarkdown(richTextFromParagraphs(DEFAULT_REVISION_CLAUSE)),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record } = await loadSection(request, params);
  return {
    record: sectionSummary(record),
    values: clausesFormValues(record),
    standardTexts: standardTexts(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // A clone, so that handleSectionAction can still read the body of an ordinary save.
  const restore = (await request.clone().formData()).get("restore");
  if (restore !== null) return restoreStandardText(request, params, restore);
  return handleSectionAction(
    request,
    params,
    ClausesSchema,
    ({ db, user, planId, agreementId }, version, values) =>
      saveClauses(db, user, planId, agreementId, version, values),
    "clauses",
  );
}

/** Re-renders the form with one field reset to the standard text; nothing is saved. */
async function restoreStandardText(request: Request, params: Params, restore: FormDataEntryValue) {
  await loadSection(request, params);
  const field = RestorableFieldSchema.safeParse(restore);
  if (!field.success) throw new Response("Ukendt standardtekst", { status: 400 });
  const values = formDataToValues(await request.formData());
  delete values.restore;
  // `version` stays in the values: the re-rendered form must keep the version the user started
  // from, not the one the loader reads now, or a concurrent edit would go unnoticed.
  values[field.data] = standardTexts()[field.data];
  const body: FormFailure = { ok: false, errors: {}, values, notice: RESTORE_NOTICE };
  return data(body, { status: 200 });
}

/** The version a server re-render carried over from the submitted form, if any. */
function submittedVersion(failure: FormFailure | undefined): number | undefined {
  const version = Number(failure?.values.version);
  return Number.isSafeInteger(version) && version > 0 ? version : undefined;
}

function RestoreButton({
  name,
  label,
  text,
  onRestored,
}: {
  name: RestorableField;
  label: string;
  text: string;
  onRestored: (message: string) => void;
}) {
  const { setValue } = useFormContext();
  return (
    <div className="field-actions">
      <button
        type="submit"
        name="restore"
        value={name}
        formNoValidate
        className="button button-secondary button-small"
        onClick={(event) => {
          event.preventDefault();
          setValue(name, text, { shouldDirty: true, shouldValidate: true });
          onRestored(`Standardteksten er sat ind i «${label}». Den er ikke gemt endnu.`);
          document.getElementById(fieldId(name))?.focus();
        }}
      >
        Gendan standardtekst<span className="sr-only"> for «{label}»</span>
      </button>
    </div>
  );
}

export default function EditClauses() {
  const { record, values, standardTexts } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const [announcement, setAnnouncement] = useState("");
  return (
    <SectionPage
      title="Konflikthåndtering og revision"
      agreement={record}
      intro="Delaftalen begynder med standardteksterne. Ret dem, hvis parterne har aftalt noget andet."
    >
      <ValidatedForm
        schema={ClausesSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: submittedVersion(failure) ?? record.version }}
        aria-label="Konflikthåndtering og revision"
        className="panel"
      >
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
        <TextArea
          name="conflictHandling"
          label="Konflikthåndtering og underretning"
          hint={RICH_TEXT_HINT}
          rows={12}
        />
        <RestoreButton
          name="conflictHandling"
          label="Konflikthåndtering og underretning"
          text={standardTexts.conflictHandling}
          onRestored={setAnnouncement}
        />
        <TextArea
          name="revisionClause"
          label="Revision af delaftalen"
          hint={`Under teksten står altid: «${REVISION_CLAUSE_NOTE}» ${RICH_TEXT_HINT}`}
          rows={5}
        />
        <RestoreButton
          name="revisionClause"
          label="Revision af delaftalen"
          text={standardTexts.revisionClause}
          onRestored={setAnnouncement}
        />
        <SectionActions cancelTo={agreementPath(record.planId, record.id, "clauses")} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
