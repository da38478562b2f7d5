/** The strategic agreement's versions, newest first: status, board and fund, to read or download. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDate, formatDateTime } from "~/domain/format";
import { strategicVersionStatusLabels } from "~/domain/strategic-agreement";
import { listStrategicVersions } from "~/models/strategic-agreements.server";
import { requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `Versionshistorik · Strategisk samarbejdsaftale · ${data?.planName ?? ""} · Samarbejdsaftaler`,
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { planName, versions } = await listStrategicVersions(await getDb(), user, planId);
  return { planId, planName, versions };
}

function Muted() {
  return <span className="muted">–</span>;
}

export default function StrategicVersions() {
  const { planId, planName, versions } = useLoaderData<typeof loader>();
  const base = `/plans/${planId}/strategy`;
  return (
    <>
      <PageHeader
        title="Versionshistorik"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${planId}`, label: planName },
          { to: base, label: "Strategisk samarbejdsaftale" },
        ]}
      />
      {versions.length === 0 ? (
        <p className="empty">
          Aftalen har ingen versioner endnu. En version gemmes, når sekretariatet indstiller den til
          bestyrelsen.
        </p>
      ) : (
        <ScrollTable>
          <table className="data">
            <TableCaption className="sr-only">
              Den strategiske samarbejdsaftales versioner, nyeste først
            </TableCaption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col">Status</th>
                <th scope="col">Indstillet</th>
                <th scope="col">Bestyrelsesmøde</th>
                <th scope="col">Fonden</th>
                <th scope="col">Resumé</th>
                <th scope="col">Bemærkning</th>
                <th scope="col">
                  <span className="sr-only">Handlinger</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.number}>
                  <th scope="row" className="num">
                    {v.number}
                  </th>
                  <td>
                    <span className={v.status === "approved" ? "badge badge-ok" : "badge"}>
                      {strategicVersionStatusLabels[v.status]}
                    </span>
                  </td>
                  <td>
                    {formatDateTime(v.submittedAt)}
                    {v.submittedBy ? <div className="muted small">{v.submittedBy}</div> : null}
                  </td>
                  <td>{v.meetingDate ? formatDate(v.meetingDate) : <Muted />}</td>
                  <td>
                    {v.fundApprovedAt ? (
                      <>
                        Godkendt {formatDate(v.fundApprovedAt)}
                        {v.fundReference ? (
                          <div className="muted small">J.nr. {v.fundReference}</div>
                        ) : null}
                      </>
                    ) : v.fundSentAt ? (
                      `Sendt ${formatDate(v.fundSentAt)}`
                    ) : (
                      <Muted />
                    )}
                  </td>
                  <td>{v.summary ?? <Muted />}</td>
                  <td className="review-text">{v.decisionNote ?? <Muted />}</td>
                  <td>
                    <Link
                      to={`${base}/versions/${v.number}`}
                      aria-label={`Vis version ${v.number}`}
                    >
                      Vis
                    </Link>
                    {" · "}
                    <a
                      href={`${base}/versions/${v.number}/document.docx`}
                      download
                      aria-label={`Hent version ${v.number} som Word`}
                    >
                      Hent Word
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <p>
        <Link to={base}>Tilbage til den strategiske samarbejdsaftale</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
