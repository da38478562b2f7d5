/** "Personer": the contact people in the shared register, searchable by name or organisation. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { isSecretariatAnywhere } from "~/models/access.server";
import { listPeople } from "~/models/organisations.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction = () => [{ title: "Personer · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 200);
  const db = await getDb();
  const [people, canEdit] = await Promise.all([
    listPeople(db, { q: q || undefined }),
    isSecretariatAnywhere(db, user),
  ]);
  return { people, filter: { q }, canEdit };
}

export default function People() {
  const { people, filter, canEdit } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.q);
  return (
    <>
      <PageHeader
        title="Personer"
        actions={
          canEdit ? (
            <Link className="button button-primary" to="/people/new">
              Opret person
            </Link>
          ) : null
        }
      />
      {/* A plain GET form: searching works without JavaScript and the result has an address. */}
      <Form method="get" className="filters no-print" role="search" aria-label="Find personer">
        <div className="field">
          <label htmlFor="filter-q">Søg på navn eller organisation</label>
          <input id="filter-q" type="search" name="q" defaultValue={filter.q} key={filter.q} />
        </div>
        <button type="submit" className="button button-secondary">
          Find
        </button>
        {filtered ? <Link to="/people">Nulstil</Link> : null}
      </Form>

      {people.length === 0 ? (
        <p className="empty">
          {filtered
            ? "Ingen personer passer til søgningen."
            : "Der er ingen personer i registret endnu."}
        </p>
      ) : (
        <>
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">
                Personer{filtered ? " der passer til søgningen" : ""}
              </TableCaption>
              <thead>
                <tr>
                  <th scope="col">Navn</th>
                  <th scope="col">Titel</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Telefon</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id}>
                    <td>{canEdit ? <Link to={`/people/${p.id}/edit`}>{p.name}</Link> : p.name}</td>
                    <td>{p.title}</td>
                    <td>
                      {p.organisationId != null ? (
                        <Link to={`/organisations/${p.organisationId}`}>{p.organisationName}</Link>
                      ) : null}
                    </td>
                    <td>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : null}</td>
                    <td>{p.phone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <p className="muted">
            {people.length === 1 ? "1 person" : `${people.length} personer`}
            {filtered ? " passer til søgningen." : " i alt."}
          </p>
        </>
      )}
    </>
  );
}
