/**
 * Edit "Medarbejderressourcer": the staff on the focus area, one free-text line each, as the
 * secretariat writes it in the agreement ("2 børne- og ungemedarbejdere samt 11,5 time").
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, HiddenField, TextField, ValidatedForm } from "~/components/form";
import { ListField } from "~/components/list-field";
import { SectionActions, SectionPage } from "~/components/section-page";
import { StaffSchema } from "~/domain/agreement";
import { staffFormValues } from "~/domain/agreement-form-values";
import { saveStaff } from "~/models/agreements/sections.server";
import { agreementPath } from "~/paths";

export const meta: MetaFunction = () => [{ title: "Medarbejderressourcer · Samarbejdsaftaler" }];

const emptyStaff = { id: "", description: "" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record, lock } = await loadSection(request, params);
  return {
    record: sectionSummary(record, lock),
    values: staffFormValues(record),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleSectionAction(
    request,
    params,
    StaffSchema,
    ({ db, user, planId, agreementId }, version, values) =>
      saveStaff(db, user, planId, agreementId, version, values),
    { anchor: "staff", flash: "Medarbejderressourcerne er gemt." },
  );
}

export default function EditStaff() {
  const { record, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <SectionPage
      title="Medarbejderressourcer"
      agreement={record}
      intro="Skriv hver medarbejderressource på én linje, som den skal stå i aftalen."
    >
      <ValidatedForm
        schema={StaffSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: record.version }}
        aria-label="Medarbejderressourcer"
        className="panel"
      >
        <ListField
          name="staff"
          itemLabel={(i) => `Medarbejder ${i + 1}`}
          addLabel="Tilføj medarbejder"
          emptyText="Ingen medarbejderressourcer endnu."
          emptyItem={emptyStaff}
          renderItem={(_, prefix) => (
            <>
              <HiddenField name={`${prefix}.id`} />
              <TextField
                name={`${prefix}.description`}
                label="Medarbejderressource"
                required
                hint="Fx «2 børne- og ungemedarbejdere samt 11,5 time» eller «1 kommunikationsmedarbejder, 0,5 årsværk»."
              />
            </>
          )}
        />
        <SectionActions cancelTo={agreementPath(record.planId, record.id, "staff")} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
