import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { PersonForm } from "~/components/person-form";
import { getDb } from "~/db.server";
import { parseFormData } from "~/domain/form";
import { PersonFormSchema, type PersonFormValues } from "~/domain/organisation";
import { badRequest, notFound } from "~/http.server";
import { requireRegisterEditor } from "~/models/access.server";
import { getPerson, listOrganisationOptions, updatePerson } from "~/models/organisations.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Rediger ${data?.person.name ?? "person"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const personId = requireIdParam(params, "personId");
  const db = await getDb();
  await requireRegisterEditor(db, user);
  const [person, organisations] = await Promise.all([
    getPerson(db, personId),
    listOrganisationOptions(db),
  ]);
  if (!person) throw notFound("Personen findes ikke");
  return {
    person: {
      id: person.id,
      name: person.name,
      version: person.version,
      organisation: person.organisation,
      values: {
        name: person.name,
        title: person.title,
        email: person.email,
        phone: person.phone,
        organisationId: person.organisationId,
      } satisfies PersonFormValues,
    },
    options: { organisations },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const personId = requireIdParam(params, "personId");
  const db = await getDb();
  await requireRegisterEditor(db, user);
  // A missing person is 404 before the form is read, as on the page itself.
  if (!(await getPerson(db, personId))) throw notFound("Personen findes ikke");
  const formData = await request.formData();
  const version = readVersion(formData);
  const parsed = parseFormData(PersonFormSchema, formData);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    const person = await updatePerson(db, user, personId, version, parsed.data);
    return redirectWithFlash(
      request,
      person.organisationId != null ? `/organisations/${person.organisationId}` : "/people",
      "Personen er gemt.",
    );
  } catch (error) {
    return formErrorResponse(error, parsed.values);
  }
}

export default function EditPerson() {
  const { person, options } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  // Back to the organisation's page, where the person is listed, as after saving.
  const back = person.organisation ? `/organisations/${person.organisation.id}` : "/people";
  return (
    <>
      <PageHeader
        title={`Rediger ${person.name}`}
        crumbs={[{ to: "/people", label: "Personer" }]}
      />
      <PersonForm
        options={options}
        defaultValues={person.values}
        failure={failure}
        version={person.version}
        submitLabel="Gem ændringer"
        cancelTo={back}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
