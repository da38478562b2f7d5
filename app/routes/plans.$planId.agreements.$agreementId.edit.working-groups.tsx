/** Edit "Arbejdsgrupper": each group with its ordered list of members (a list in a list). */
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
import { WorkingGroupsSchema } from "~/domain/agreement";
import { workingGroupsFormValues } from "~/domain/agreement-form-values";
import { registerOptions } from "~/domain/register-options";
import { getRegisterOptions } from "~/models/agreements/read.server";
import { saveWorkingGroups } from "~/models/agreements/sections.server";

export const meta: MetaFunction = () => [{ title: "Arbejdsgrupper · Samarbejdsaftaler" }];

const emptyGroup = { id: "", name: "", members: [] };

const emptyMember = {
  id: "",
  personId: "",
  count: "",
  description: "",
  organisationId: "",
  names: "",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, record, lock } = await loadSection(request, params);
  const register = await getRegisterOptions(db);
  return {
    record: sectionSummary(record, lock),
    values: workingGroupsFormValues(record),
    options: registerOptions(register),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleSectionAction(
    request,
    params,
    WorkingGroupsSchema,
    ({ db, user, planId, agreementId }, version, values) =>
      saveWorkingGroups(db, user, planId, agreementId, version, values),
    { anchor: "working-groups", flash: "Arbejdsgrupperne er gemt." },
  );
}

function MemberFields({
  prefix,
  organisations,
  people,
}: {
  prefix: string;
  organisations: Option[];
  people: Option[];
}) {
  return (
    <>
      <SelectField
        name={`${prefix}.personId`}
        label="Person fra registret"
        options={people}
        placeholder="Ingen"
      />
      <p className="field-hint">Eller beskriv medlemmet:</p>
      <div className="row-fields">
        <TextField name={`${prefix}.count`} label="Antal" hint="Fx 4." inputMode="numeric" />
        <TextField
          name={`${prefix}.description`}
          label="Beskrivelse"
          hint="Fx «beboerdemokrater», «repræsentant»."
        />
        <SelectField
          name={`${prefix}.organisationId`}
          label="fra organisation"
          options={organisations}
          placeholder="Ingen"
        />
      </div>
      <TextField
        name={`${prefix}.names`}
        label="Navne"
        hint="Valgfrit. Står i parentes efter beskrivelsen."
      />
      {/* Last: ListField focuses a new row's first input, which must be a visible one. */}
      <HiddenField name={`${prefix}.id`} />
    </>
  );
}

export default function EditWorkingGroups() {
  const { record, values, options } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <SectionPage
      title="Arbejdsgrupper"
      agreement={record}
      intro="Et medlem er enten en person fra registret eller en beskrivelse, fx «4 beboerdemokrater» med deres navne."
    >
      <ValidatedForm
        schema={WorkingGroupsSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: record.version }}
        aria-label="Arbejdsgrupper"
        className="panel"
      >
        <ListField
          name="groups"
          itemLabel={(i) => `Arbejdsgruppe ${i + 1}`}
          addLabel="Tilføj arbejdsgruppe"
          emptyText="Ingen arbejdsgrupper endnu."
          emptyItem={emptyGroup}
          renderItem={(_, prefix) => (
            <>
              <TextField name={`${prefix}.name`} label="Navn" required />
              <HiddenField name={`${prefix}.id`} />
              <ListField
                name={`${prefix}.members`}
                itemLabel={(i) => `Medlem ${i + 1}`}
                addLabel="Tilføj medlem"
                emptyText="Ingen medlemmer endnu."
                emptyItem={emptyMember}
                renderItem={(_, memberPrefix) => (
                  <MemberFields
                    prefix={memberPrefix}
                    organisations={options.organisations}
                    people={options.people}
                  />
                )}
              />
            </>
          )}
        />
        <SectionActions cancelTo={agreementPath(record.planId, record.id, "working-groups")} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
