import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { OrganisationForm } from "~/components/organisation-form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { parseFormData } from "~/domain/form";
import { OrganisationFormSchema, type OrganisationFormValues } from "~/domain/organisation";
import { badRequest, notFound } from "~/http.server";
import { requireRegisterEditor } from "~/models/access.server";
import {
  getOrganisation,
  listHousingOrganisationOptions,
  updateOrganisation,
} from "~/models/organisations.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Rediger ${data?.organisation.name ?? "organisation"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisationId = requireIdParam(params, "organisationId");
  const db = await getDb();
  await requireRegisterEditor(db, user);
  const [organisation, housingOrganisations] = await Promise.all([
    getOrganisation(db, organisationId),
    listHousingOrganisationOptions(db),
  ]);
  if (!organisation) throw notFound("Organisationen findes ikke");
  return {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      version: organisation.version,
      values: {
        kind: organisation.kind,
        name: organisation.name,
        parentId: organisation.parentId,
        tenancies: organisation.tenancies,
        address: organisation.address,
        note: organisation.note,
      } satisfies OrganisationFormValues,
    },
    // An organisation cannot be its own housing organisation.
    options: { housingOrganisations: housingOrganisations.filter((o) => o.id !== organisationId) },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const organisationId = requireIdParam(params, "organisationId");
  const db = await getDb();
  await requireRegisterEditor(db, user);
  // A missing organisation is 404 before the form is read, as on the page itself.
  if (!(await getOrganisation(db, organisationId))) throw notFound("Organisationen findes ikke");
  const formData = await request.formData();
  const version = readVersion(formData);
  const parsed = parseFormData(OrganisationFormSchema, formData);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    await updateOrganisation(db, user, organisationId, version, parsed.data);
    return redirectWithFlash(
      request,
      `/organisations/${organisationId}`,
      "Organisationen er gemt.",
    );
  } catch (error) {
    return formErrorResponse(error, parsed.values);
  }
}

export default function EditOrganisation() {
  const { organisation, options } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title={`Rediger ${organisation.name}`}
        crumbs={[
          { to: "/organisations", label: "Organisationer" },
          { to: `/organisations/${organisation.id}`, label: organisation.name },
        ]}
      />
      <OrganisationForm
        options={options}
        defaultValues={organisation.values}
        failure={failure}
        version={organisation.version}
        submitLabel="Gem ændringer"
        cancelTo={`/organisations/${organisation.id}`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
