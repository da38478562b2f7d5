/** Edit "Aftalens parter": the ordered list of primary and secondary partners. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { agreementPath } from "~/paths";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  HiddenField,
  SelectField,
  TextField,
  ValidatedForm,
  type Option,
} from "~/components/form";
import { ListField } from "~/components/list-field";
import { SectionActions, SectionPage } from "~/components/section-page";
import { PARTY_TIERS, PartiesSchema, partyTierLabels } from "~/domain/agreement";
import { partiesFormValues } from "~/domain/agreement-form-values";
import { registerOptions } from "~/domain/register-options";
import { getRegisterOptions } from "~/models/agreements/read.server";
import { saveParties } from "~/models/agreements/sections.server";

export const meta: MetaFunction = () => [{ title: "Aftalens parter · Samarbejdsaftaler" }];

const tierOptions: Option[] = PARTY_TIERS.map((tier) => ({
  value: tier,
  label: partyTierLabels[tier],
}));

const emptyParty = {
  id: "",
  tier: "primary",
  groupHeading: "",
  organisationId: "",
  newOrganisationName: "",
  label: "",
  contactPersonId: "",
  newContactName: "",
  newContactTitle: "",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, record, lock } = await loadSection(request, params);
  const register = await getRegisterOptions(db);
  return {
    record: sectionSummary(record, lock),
    values: partiesFormValues(record),
    options: registerOptions(register),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleSectionAction(
    request,
    params,
    PartiesSchema,
    ({ db, user, planId, agreementId }, version, values) =>
      saveParties(db, user, planId, agreementId, version, values),
    { anchor: "parties", flash: "Aftalens parter er gemt." },
  );
}

export default function EditParties() {
  const { record, values, options } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <SectionPage
      title="Aftalens parter"
      agreement={record}
      intro="Parterne står i delaftalen i den rækkefølge, de har her: først de primære, så de sekundære samarbejdspartnere. Vælg en organisation fra registret, opret en ny, eller skriv en betegnelse."
    >
      <ValidatedForm
        schema={PartiesSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: record.version }}
        aria-label="Aftalens parter"
        className="panel"
      >
        <ListField
          name="parties"
          itemLabel={(i) => `Part ${i + 1}`}
          addLabel="Tilføj part"
          emptyText="Ingen parter endnu."
          emptyItem={emptyParty}
          renderItem={(_, prefix) => (
            <>
              <div className="row-fields">
                <SelectField
                  name={`${prefix}.tier`}
                  label="Primær eller sekundær"
                  options={tierOptions}
                  placeholder={null}
                />
                <TextField
                  name={`${prefix}.groupHeading`}
                  label="Underoverskrift"
                  hint="Parter med samme underoverskrift lige efter hinanden vises samlet, fx «Ejendomskontorer», «Afdelingsbestyrelser»."
                />
              </div>
              <div className="row-fields">
                <SelectField
                  name={`${prefix}.organisationId`}
                  label="Organisation fra registret"
                  options={options.organisations}
                  placeholder="Ingen"
                />
                <TextField
                  name={`${prefix}.newOrganisationName`}
                  label="eller ny organisation"
                  hint="Oprettes i registret, når du gemmer."
                />
              </div>
              <TextField
                name={`${prefix}.label`}
                label="Betegnelse"
                hint="Til en part uden organisation, fx «2 foreninger for unge», eller som tilføjelse til organisationens navn."
              />
              <SelectField
                name={`${prefix}.contactPersonId`}
                label="Kontaktperson fra registret"
                options={options.people}
                placeholder="Ingen"
              />
              <div className="row-fields">
                <TextField name={`${prefix}.newContactName`} label="eller ny kontaktperson: navn" />
                <TextField name={`${prefix}.newContactTitle`} label="titel" />
              </div>
              {/* Last: ListField focuses a new row's first input, which must be a visible one. */}
              <HiddenField name={`${prefix}.id`} />
            </>
          )}
        />
        <SectionActions cancelTo={agreementPath(record.planId, record.id, "parties")} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
