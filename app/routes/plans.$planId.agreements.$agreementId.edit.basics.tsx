/**
 * Edit the agreement's basics: the opening clause under the title (with "Brug skabelonens
 * standardtekst" to put the plan's template edition's wording back) and the validity period (R5).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, TextArea, TextField, ValidatedForm } from "~/components/form";
import { SectionActions, SectionPage } from "~/components/section-page";
import { StandardTextButton } from "~/components/standard-text-button";
import { AgreementBasicsSchema } from "~/domain/agreement";
import { basicsFormValues } from "~/domain/agreement-form-values";
import { formatDate, formatPeriod } from "~/domain/format";
import { saveBasics } from "~/models/agreements/sections.server";
import { agreementPath } from "~/paths";
import { OPENING_CLAUSE_DEFAULTS, TEMPLATE_EDITION_LABELS } from "~/domain/texts.da";
import { handleStandardTextIntent } from "~/standard-text.server";

export const meta: MetaFunction = () => [
  { title: "Grundoplysninger og gyldighed · Samarbejdsaftaler" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record, lock } = await loadSection(request, params);
  return {
    record: sectionSummary(record, lock),
    period: { start: record.plan.periodStart, end: record.plan.periodEnd },
    values: basicsFormValues(record),
    edition: {
      label: TEMPLATE_EDITION_LABELS[record.plan.templateEdition],
      text: OPENING_CLAUSE_DEFAULTS[record.plan.templateEdition],
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const standard = await handleStandardTextIntent(request, params, (record) => ({
    openingText: OPENING_CLAUSE_DEFAULTS[record.plan.templateEdition],
  }));
  if (standard) return standard;
  return handleSectionAction(
    request,
    params,
    AgreementBasicsSchema,
    ({ db, user, planId, agreementId }, version, values) =>
      saveBasics(db, user, planId, agreementId, version, values),
    { anchor: "basics", flash: "Grundoplysningerne og gyldigheden er gemt." },
  );
}

export default function EditBasics() {
  const { record, period, values, edition } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <SectionPage
      title="Grundoplysninger og gyldighed"
      agreement={record}
      intro={
        <p>
          Planens periode er {formatPeriod(period.start, period.end)}. Delaftalens gyldighed skal
          ligge inden for den. Budgettet under «Finansiering» har en kolonne for hvert år i
          gyldighedsperioden.
        </p>
      }
    >
      <ValidatedForm
        schema={AgreementBasicsSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: record.version }}
        aria-label="Grundoplysninger og gyldighed"
        className="panel"
      >
        <TextArea
          name="openingText"
          label="Indledende tekst"
          rows={3}
          required
          hint={`Står med fed lige under delaftalens titel. Skriv den som i jeres skabelon. Planen følger «${edition.label}», hvis standardtekst er: «${edition.text}»`}
        />
        <StandardTextButton
          name="openingText"
          text={edition.text}
          label="Brug skabelonens standardtekst"
        />
        <div className="grid-2">
          <TextField
            name="validFrom"
            label="Gælder fra"
            type="date"
            required
            hint={`Tidligst ${formatDate(period.start)}, hvor planens periode begynder.`}
          />
          <TextField
            name="validTo"
            label="Gælder til"
            type="date"
            required
            hint={`Senest ${formatDate(period.end)}, hvor planens periode slutter.`}
          />
        </div>
        <SectionActions cancelTo={agreementPath(record.planId, record.id, "basics")} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
