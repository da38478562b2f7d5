/** "Til beslutning": proposed versions awaiting the board in the user's plans, oldest first. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDateTime } from "~/domain/format";
import { listPendingRevisions } from "~/models/revision-views.server";
import { agreementPath } from "~/paths";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction = () => [{ title: "Til beslutning · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { pending: await listPendingRevisions(await getDb(), user) };
}

export default function PendingRevisions() {
  const { pending } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Til beslutning">
        <p className="muted">
          Delaftaler, som er indstillet til godkendelse og venter på bestyrelsen.
        </p>
      </PageHeader>
      {pending.length === 0 ? (
        <p className="empty">Der er ingen delaftaler, som venter på en beslutning.</p>
      ) : (
        <ScrollTable>
          <table className="data">
            <TableCaption className="sr-only">
              Forslag, som venter på bestyrelsens beslutning
            </TableCaption>
            <thead>
              <tr>
                <th scope="col">Helhedsplan</th>
                <th scope="col">Indsatsområde</th>
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col">Indstillet</th>
                <th scope="col">Resumé af ændringerne</th>
                <th scope="col">
                  <span className="sr-only">Handlinger</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pending.map((p) => {
                const base = agreementPath(p.planId, p.agreementId);
                return (
                  <tr key={p.versionId}>
                    <td>
                      <Link to={`/plans/${p.planId}`}>{p.planName}</Link>
                    </td>
                    <td>
                      <Link to={base}>{p.focusArea}</Link>
                    </td>
                    <td className="num">{p.number}</td>
                    <td>{formatDateTime(p.submittedAt)}</td>
                    <td>{p.summary ?? <span className="muted">Intet resumé</span>}</td>
                    <td>
                      <Link
                        to={`${base}/review`}
                        aria-label={`Se ændringer og beslut: ${p.focusArea}, ${p.planName}`}
                      >
                        Se ændringer og beslut
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
