/** "Versionshistorik": every version of an agreement, newest first, to read or download. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { Pager } from "~/components/pager";
import { getDb } from "~/db.server";
import { formatDate, formatDateTime } from "~/domain/format";
import { versionStatusLabels } from "~/domain/revision";
import { readPage } from "~/domain/paging";
import { getVersionHistory } from "~/models/revision-views.server";
import { agreementPath } from "~/paths";
import { requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Versionshistorik · ${data?.agreement.title ?? "Delaftale"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const page = readPage(new URL(request.url).searchParams);
  return getVersionHistory(await getDb(), user, planId, agreementId, page);
}

function Muted({ children = "–" }: { children?: string }) {
  return <span className="muted">{children}</span>;
}

export default function VersionHistory() {
  const { agreement, versions, page, pageCount } = useLoaderData<typeof loader>();
  const base = agreementPath(agreement.planId, agreement.id);
  return (
    <>
      <PageHeader
        title="Versionshistorik"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${agreement.planId}`, label: agreement.planName },
          { to: base, label: agreement.focusArea },
        ]}
      >
        <p className="muted">{agreement.title}</p>
      </PageHeader>
      {versions.length === 0 ? (
        <p className="empty">
          Delaftalen har ingen versioner endnu. En version gemmes, når sekretariatet indstiller
          delaftalen til godkendelse.
        </p>
      ) : (
        <ScrollTable>
          <table className="data">
            <TableCaption className="sr-only">Delaftalens versioner, nyeste først</TableCaption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col">Status</th>
                <th scope="col">Indstillet</th>
                <th scope="col">Besluttet</th>
                <th scope="col">Bestyrelsesmøde</th>
                <th scope="col">Resumé af ændringerne</th>
                <th scope="col">Bestyrelsens bemærkning</th>
                <th scope="col">
                  <span className="sr-only">Handlinger</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row" className="num">
                    {v.number}
                  </th>
                  <td>
                    <span className={v.status === "approved" ? "badge badge-ok" : "badge"}>
                      {versionStatusLabels[v.status]}
                    </span>
                  </td>
                  <td>
                    {formatDateTime(v.submittedAt)}
                    {v.submittedBy ? <div className="muted small">{v.submittedBy}</div> : null}
                  </td>
                  <td>
                    {v.decidedAt ? (
                      <>
                        {formatDateTime(v.decidedAt)}
                        {v.decidedBy ? <div className="muted small">{v.decidedBy}</div> : null}
                      </>
                    ) : (
                      <Muted />
                    )}
                  </td>
                  <td>{v.meetingDate ? formatDate(v.meetingDate) : <Muted />}</td>
                  <td>{v.summary ?? <Muted />}</td>
                  <td>{v.decisionNote ?? <Muted />}</td>
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
      <Pager page={page} pageCount={pageCount} label="Sider med versioner" />
      <p>
        <Link to={base}>Tilbage til delaftalen</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
