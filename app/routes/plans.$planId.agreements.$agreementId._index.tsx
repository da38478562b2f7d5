/** The agreement page: the whole delaftale laid out like the document, with its checklist. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { AgreementDocument } from "~/components/agreement-document";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { agreementChecklist, isReadyForApproval } from "~/domain/agreement-view";
import { formatDateTime } from "~/domain/format";
import { canEditPlan } from "~/domain/roles";
import { getAgreementView } from "~/models/agreements.server";
import { requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.view.title ?? "Delaftale"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const { role, view, updatedAt } = await getAgreementView(
    await getDb(),
    user,
    planId,
    agreementId,
  );
  const checklist = agreementChecklist(view);
  return { view, role, checklist, ready: isReadyForApproval(checklist), updatedAt };
}

export default function AgreementPage() {
  const { view, role, checklist, ready, updatedAt } = useLoaderData<typeof loader>();
  const base = `/plans/${view.planId}/agreements/${view.id}`;
  const editable = canEditPlan(role);
  return (
    <>
      <PageHeader
        title={view.title}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${view.planId}`, label: view.plan.name },
        ]}
        actions={
          <>
            <a className="button button-primary" href={`${base}/document.docx`} download>
              Hent som Word
            </a>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => window.print()}
            >
              Udskriv
            </button>
          </>
        }
      >
        <p className="muted no-print">
          <span className="badge">{view.statusLabel}</span> Senest gemt {formatDateTime(updatedAt)}
        </p>
      </PageHeader>
      <div className="agreement-layout">
        <AgreementDocument
          view={view}
          editBase={editable ? `${base}/edit` : undefined}
          showTitle={false}
        />
        <aside className="panel no-print" aria-labelledby="checklist-title">
          <h2 id="checklist-title">Tjekliste</h2>
          <p>
            {ready ? (
              <span className="badge badge-ok">Klar til godkendelse</span>
            ) : (
              <span className="badge badge-warn">Ikke klar til godkendelse</span>
            )}
          </p>
          <ul className="checklist">
            {checklist.map((item) => (
              <li key={item.key} className={item.ok ? "ok" : item.rule ? "fail" : "missing"}>
                {!item.ok && editable ? (
                  <Link to={`${base}/edit/${item.section}${item.field ? `#f-${item.field}` : ""}`}>
                    {item.label}
                  </Link>
                ) : (
                  item.label
                )}
              </li>
            ))}
          </ul>
          <p className="muted small">
            ✗ er regler, der skal være opfyldt, før delaftalen kan godkendes.
          </p>
        </aside>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
