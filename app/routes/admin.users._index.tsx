/** "Brugere": every user with their administrator flag, status, plans and last login (admins only). */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDateTime, formatInteger } from "~/domain/format";
import { requireAdmin } from "~/models/access.server";
import { listUsers } from "~/models/users.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction = () => [{ title: "Brugere · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  return { users: await listUsers(await getDb(), user) };
}

export default function Users() {
  const { users } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Brugere"
        actions={
          <Link className="button button-primary" to="/admin/users/new">
            Opret bruger
          </Link>
        }
      />
      {users.length === 0 ? (
        <p className="empty">Der er ingen brugere endnu.</p>
      ) : (
        <ScrollTable>
          <table className="data">
            <TableCaption className="sr-only">Alle brugere</TableCaption>
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">E-mail</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Helhedsplaner
                </th>
                <th scope="col">Seneste login</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                    {u.isAdmin ? (
                      <>
                        {" "}
                        <span className="badge">Administrator</span>
                      </>
                    ) : null}
                  </td>
                  <td>{u.email}</td>
                  <td>
                    {u.active ? (
                      <span className="badge badge-ok">Aktiv</span>
                    ) : (
                      <span className="badge badge-warn">Deaktiveret</span>
                    )}
                  </td>
                  <td className="num">{formatInteger(u.planCount)}</td>
                  <td>
                    {u.lastLoginAt ? (
                      formatDateTime(u.lastLoginAt)
                    ) : (
                      <span className="muted">Aldrig</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
