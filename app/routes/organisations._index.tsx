/** "Organisationer": the shared register of organisations, with a search and a type filter. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatInteger } from "~/domain/format";
import { ORGANISATION_KINDS, organisationKindLabels } from "~/domain/organisation";
import { isSecretariatAnywhere } from "~/models/access.server";
import { listOrganisations } from "~/models/organisations.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction = () => [{ title: "Organisationer · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const search = new URL(request.url).searchParams;
  const q = (search.get("q") ?? "").trim().slice(0, 200);
  // An unknown type in the address is ignored rather than an error: it is only a filter.
  const kind = ORGANISATION_KINDS.find((k) => k === search.get("kind"));
  const db = await getDb();
  const [organisations, canEdit] = await Promise.all([
    listOrganisations(db, { q: q || undefined, kind }),
    isSecretariatAnywhere(db, user),
  ]);
  return { organisations, filter: { q, kind: kind ?? "" }, canEdit };
}

export default function Organisations() {
  const { organisations, filter, canEdit } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.q || filter.kind);
  return (
    <>
      <PageHeader
        title="Organisationer"
        actions={
          canEdit ? (
            <Link className="button button-primary" to="/organisations/new">
              Opret organisation
            </Link>
          ) : null
        }
      />
      {/* A plain GET form, so searching works without JavaScript and the result has an address.
          The keys reset the fields when the filter changes by navigation (back, "Nulstil"). */}
      <Form
        method="get"
        className="filters no-print"
        role="search"
        aria-label="Find organisationer"
      >
        <div className="field">
          <label htmlFor="filter-q">Søg på navn</label>
          <input id="filter-q" type="search" name="q" defaultValue={filter.q} key={filter.q} />
        </div>
        <div className="field">
          <label htmlFor="filter-kind">Type</label>
          <select id="filter-kind" name="kind" defaultValue={filter.kind} key={filter.kind}>
            <option value="">Alle typer</option>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {organisationKindLabels[k]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          Find
        </button>
        {filtered ? <Link to="/organisations">Nulstil</Link> : null}
      </Form>

      {organisations.length === 0 ? (
        <p className="empty">
          {filtered
            ? "Ingen organisationer passer til søgningen."
            : "Der er ingen organisationer i registret endnu."}
        </p>
      ) : (
        <ScrollTable>
          <table className="data">
            <TableCaption className="sr-only">
              Organisationer{filtered ? " der passer til søgningen" : ""}
            </TableCaption>
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">Type</th>
                <th scope="col">Boligorganisation</th>
                <th scope="col" className="num">
                  Lejemål
                </th>
                <th scope="col" className="num">
                  Personer
                </th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                  </td>
                  <td>{organisationKindLabels[o.kind]}</td>
                  <td>
                    {o.parentId != null ? (
                      <Link to={`/organisations/${o.parentId}`}>{o.parentName}</Link>
                    ) : null}
                  </td>
                  <td className="num">{o.tenancies != null ? formatInteger(o.tenancies) : null}</td>
                  <td className="num">{formatInteger(o.peopleCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {organisations.length > 0 ? (
        <p className="muted">
          {organisations.length === 1 ? "1 organisation" : `${organisations.length} organisationer`}
          {filtered ? " passer til søgningen." : " i alt."}
        </p>
      ) : null}
    </>
  );
}
