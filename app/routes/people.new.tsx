import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { PersonForm } from "~/components/person-form";
import { getDb } from "~/db.server";
import { parseFormData } from "~/domain/form";
import { PersonFormSchema } from "~/domain/organisation";
import { badRequest } from "~/http.server";
import { requireRegisterEditor } from "~/models/access.server";
import { createPerson, listOrganisationOptions } from "~/models/organisations.server";
import { formErrorResponse } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction = () => [{ title: "Opret person · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  await requireRegisterEditor(db, user);
  const organisations = await listOrganisationOptions(db);
  // "Tilføj person" on an organisation's page links here with ?organisationId=ID.
  const requested = Number(new URL(request.url).searchParams.get("organisationId"));
  const organisation = organisations.find((o) => o.id === requested) ?? null;
  return {
    options: { organisations },
    organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
    defaults: {
      name: "",
      title: "",
      email: "",
      phone: "",
      organisationId: organisation?.id ?? "",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  await requireRegisterEditor(db, user);
  const parsed = parseFormData(PersonFormSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    const person = await createPerson(db, user, parsed.data);
    return redirectWithFlash(
      request,
      person.organisationId != null ? `/organisations/${person.organisationId}` : "/people",
      "Personen er oprettet.",
    );
  } catch (error) {
    return formErrorResponse(error, parsed.values);
  }
}

export default function NewPerson() {
  const { options, organisation, defaults } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const back = organisation
    ? { to: `/organisations/${organisation.id}`, label: organisation.name }
    : { to: "/people", label: "Personer" };
  return (
    <>
      <PageHeader
        title="Opret person"
        crumbs={organisation ? [{ to: "/organisations", label: "Organisationer" }, back] : [back]}
      />
      <PersonForm
        options={options}
        defaultValues={defaults}
        failure={failure}
        submitLabel="Opret person"
        cancelTo={back.to}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
