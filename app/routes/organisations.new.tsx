import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { OrganisationForm } from "~/components/organisation-form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { parseFormData } from "~/domain/form";
import { ORGANISATION_KINDS, OrganisationFormSchema } from "~/domain/organisation";
import { badRequest } from "~/http.server";
import { requireRegisterEditor } from "~/models/access.server";
import { createOrganisation, listHousingOrganisationOptions } from "~/models/organisations.server";
import { formErrorResponse } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction = () => [{ title: "Opret organisation · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  await requireRegisterEditor(db, user);
  // "Tilføj afdeling" on a housing organisation's page links here with ?kind=estate&parentId=ID.
  const search = new URL(request.url).searchParams;
  const parentId = Number(search.get("parentId"));
  return {
    options: { housingOrganisations: await listHousingOrganisationOptions(db) },
    defaults: {
      kind: ORGANISATION_KINDS.find((k) => k === search.get("kind")) ?? "",
      name: "",
      parentId: Number.isSafeInteger(parentId) && parentId > 0 ? parentId : "",
      tenancies: "",
      address: "",
      note: "",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  await requireRegisterEditor(db, user);
  const parsed = parseFormData(OrganisationFormSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    const organisation = await createOrganisation(db, user, parsed.data);
    return redirectWithFlash(
      request,
      `/organisations/${organisation.id}`,
      "Organisationen er oprettet.",
    );
  } catch (error) {
    return formErrorResponse(error, parsed.values);
  }
}

export default function NewOrganisation() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title="Opret organisation"
        crumbs={[{ to: "/organisations", label: "Organisationer" }]}
      />
      <OrganisationForm
        options={options}
        defaultValues={defaults}
        failure={failure}
        submitLabel="Opret organisation"
        cancelTo="/organisations"
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
