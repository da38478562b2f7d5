/** One organisation: its facts, its estates (for a housing organisation) and its people. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatInteger } from "~/domain/format";
import { organisationKindLabels } from "~/domain/organisation";
import { notFound } from "~/http.server";
import { isSecretariatAnywhere } from "~/models/access.server";
import { getOrganisation } from "~/models/organisations.server";
import { requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisation"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisationId = requireIdParam(params, "organisationId");
  const db = await getDb();
  const [organisation, canEdit] = await Promise.all([
    getOrganisation(db, organisationId),
    isSecretariatAnywhere(db, user),
  ]);
  if (!organisation) throw notFound("Organisationen findes ikke");
  return { organisation, canEdit };
}

function NotGiven() {
  return <span className="muted">Ikke angivet</span>;
}

export default function OrganisationPage() {
  const { organisation, canEdit } = useLoaderData<typeof loader>();
  const isEstate = organisation.kind === "estate";
  const isHousingOrganisation = organisation.kind === "housing_organisation";
  const estateTenancies = organisation.estates.reduce((sum, e) => sum + (e.tenancies ?? 0), 0);
  return (
    <>
      <PageHeader
        title={organisation.name}
        crumbs={[{ to: "/organisations", label: "Organisationer" }]}
        actions={
          canEdit ? (
            <>
              <Link
                className="button button-secondary"
                to={`/organisations/${organisation.id}/edit`}
              >
                Rediger
              </Link>
              <Link
                className="button button-secondary"
                to={`/people/new?organisationId=${organisation.id}`}
              >
                Tilføj person
              </Link>
            </>
          ) : null
        }
      />

      <section className="panel" aria-labelledby="facts-title">
        <h2 id="facts-title">Om organisationen</h2>
        <dl className="facts">
          <dt>Type</dt>
          <dd>{organisationKindLabels[organisation.kind]}</dd>
          {isEstate ? (
            <>
              <dt>Boligorganisation</dt>
              <dd>
                {organisation.parent ? (
                  <Link to={`/organisations/${organisation.parent.id}`}>
                    {organisation.parent.name}
                  </Link>
                ) : (
                  <NotGiven />
                )}
              </dd>
              <dt>Antal lejemål</dt>
              <dd>
                {organisation.tenancies != null ? (
                  formatInteger(organisation.tenancies)
                ) : (
                  <NotGiven />
                )}
              </dd>
            </>
          ) : null}
          <dt>Adresse</dt>
          <dd>{organisation.address ?? <NotGiven />}</dd>
        </dl>
        {organisation.note ? <p>{organisation.note}</p> : null}
      </section>

      {isHousingOrganisation ? (
        <section className="panel" aria-labelledby="estates-title">
          <h2 id="estates-title">Afdelinger</h2>
          {organisation.estates.length ? (
            <ScrollTable>
              <table className="data">
                <TableCaption className="sr-only">Boligorganisationens afdelinger</TableCaption>
                <thead>
                  <tr>
                    <th scope="col">Afdeling</th>
                    <th scope="col" className="num">
                      Lejemål
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {organisation.estates.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <Link to={`/organisations/${e.id}`}>{e.name}</Link>
                      </td>
                      <td className="num">
                        {e.tenancies != null ? formatInteger(e.tenancies) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
                {organisation.estates.length > 1 ? (
                  <tfoot>
                    <tr>
                      <th scope="row">I alt</th>
                      <td className="num">{formatInteger(estateTenancies)}</td>
                    </tr>
                  </tfoot>
                ) : null}
              </table>
            </ScrollTable>
          ) : (
            <p className="muted">Boligorganisationen har ingen afdelinger i registret.</p>
          )}
          {canEdit ? (
            <p className="no-print">
              <Link to={`/organisations/new?kind=estate&parentId=${organisation.id}`}>
                Opret en afdeling under {organisation.name}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title">Personer</h2>
        {organisation.people.length ? (
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">Personer i organisationen</TableCaption>
              <thead>
                <tr>
                  <th scope="col">Navn</th>
                  <th scope="col">Titel</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Telefon</th>
                </tr>
              </thead>
              <tbody>
                {organisation.people.map((p) => (
                  <tr key={p.id}>
                    <td>{canEdit ? <Link to={`/people/${p.id}/edit`}>{p.name}</Link> : p.name}</td>
                    <td>{p.title}</td>
                    <td>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : null}</td>
                    <td>
                      {p.phone ? <a href={`tel:${p.phone.replace(/\s/g, "")}`}>{p.phone}</a> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p className="muted">Der er ingen personer tilknyttet organisationen.</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
