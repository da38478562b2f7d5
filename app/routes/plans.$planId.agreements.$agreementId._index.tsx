/**
 * The agreement page: the whole delaftale laid out like the document, with its revision status
 * (current version, next deadline, the revision in progress) and its checklist.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { handleCommentPost } from "~/comment-forms.server";
import { CommentsPanel } from "~/components/comments/comments-panel";
import { asCommentFailure } from "~/components/comments/failure";
import { commentAnchor, openCommentsLabel } from "~/domain/comments";
import { requireAgreementRole } from "~/models/access.server";
import commentStyles from "~/styles/comments.css";
import { requireUser } from "~/auth.server";
import { AgreementDocument } from "~/components/agreement-document";
import { DeadlineBadge } from "~/components/deadline-badge";
import { useClientLinks } from "~/components/client-links";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import {
  agreementChecklist,
  isReadyForApproval,
  toDocumentView,
  type DocumentView,
} from "~/domain/agreement-view";
import { formatDate, formatDateTime, todayInDenmark } from "~/domain/format";
import { deadlineState } from "~/domain/revision";
import { canEditPlan } from "~/domain/roles";
import { agreementStateClasses, revisionStatusWords } from "~/domain/status-words";
import { getAgreementPage } from "~/models/agreements/read.server";
import type { RevisionState } from "~/models/revisions.server";
import { agreementPath } from "~/paths";
import { requireIdParam } from "~/route-helpers.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: commentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.view.title ?? "Delaftale"} · Samarbejdsaftaler` },
];

/** What the revision panel shows; `today` decides whether the deadline is near or past. */
function revisionSummary(state: RevisionState, today: string) {
  return {
    current: state.current ? { number: state.current.number, label: state.current.label } : null,
    nextDue: state.nextDue,
    deadline: state.nextDue ? deadlineState(state.nextDue, today) : null,
    active: state.revision
      ? {
          year: state.revision.year,
          status: state.revision.status,
          returnNote: state.revision.returnNote,
        }
      : null,
    proposed: state.proposed
      ? { number: state.proposed.number, label: state.proposed.label }
      : null,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const db = await getDb();
  const {
    role,
    view,
    status,
    updatedAt,
    revision: state,
    comments,
  } = await getAgreementPage(db, user, planId, agreementId);
  // While a proposed version awaits the board the draft is locked, so nobody gets edit links.
  const canEdit = canEditPlan(role) && !state.proposed;
  const today = todayInDenmark();
  // Only what the page renders; the checklist is derived from it while rendering (checklistLines),
  // not sent as well: the loader data is in the page's HTML next to the markup.
  return {
    view: toDocumentView(view),
    role,
    updatedAt,
    state: status.state,
    today,
    editBase: canEdit ? `${agreementPath(planId, agreementId)}/edit` : null,
    revision: revisionSummary(state, today),
    comments,
  };
}

/** The checklist as the list shows it: its text, its mark and (open items, for editors) where to fix it. */
function checklistLines(view: DocumentView, editBase: string | null) {
  const checklist = agreementChecklist(view);
  return {
    ready: isReadyForApproval(checklist),
    items: checklist.map((item) => ({
      key: item.key,
      label: item.label,
      className: item.ok ? "ok" : item.rule ? "fail" : "missing",
      href:
        !item.ok && editBase
          ? `${editBase}/${item.section}${item.field ? `#f-${item.field}` : ""}`
          : null,
    })),
  };
}

/** The comment forms (any member of the plan; resolving: the secretariat). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const db = await getDb();
  await requireAgreementRole(db, user, planId, agreementId);
  const formData = await request.formData();
  const path = agreementPath(planId, agreementId);
  return handleCommentPost(
    db,
    request,
    formData,
    { kind: "user", user },
    planId,
    agreementId,
    path,
  );
}

function RevisionPanel({
  revision,
  base,
  editable,
}: {
  revision: ReturnType<typeof revisionSummary>;
  base: string;
  /** Secretariat or administrator. */
  editable: boolean;
}) {
  const { current, nextDue, deadline, active, proposed } = revision;
  // A revision the board sent back is open again, with the board's note.
  const returned = active?.status === "open" && active.returnNote;
  return (
    <aside className="panel" aria-labelledby="revision-title">
      <h2 id="revision-title">Revision</h2>
      {/* Stacked (not the two-column .facts grid): the aside is too narrow for that. */}
      <dl>
        <dt>Gældende version</dt>
        <dd>{current ? current.label : <span className="muted">Ikke godkendt endnu</span>}</dd>
        <dt>Næste revision</dt>
        <dd>
          {nextDue ? (
            <>
              {formatDate(nextDue)}
              <DeadlineBadge state={deadline} />
            </>
          ) : (
            <span className="muted">Når delaftalen er godkendt</span>
          )}
        </dd>
        {active ? (
          <>
            <dt>Igangværende revision</dt>
            <dd>
              {active.year}:{" "}
              {returned ? "Sendt tilbage af bestyrelsen" : revisionStatusWords[active.status]}
            </dd>
          </>
        ) : null}
      </dl>
      {returned ? (
        <div className="alert alert-warn" role="note">
          <strong>Bestyrelsens bemærkning:</strong> {active.returnNote}
        </div>
      ) : null}
      {proposed ? (
        <>
          <div className="alert alert-warn" role="note">
            {proposed.label} afventer bestyrelsen. Delaftalen kan ikke ændres imens.
          </div>
          <p>
            <Link to={`${base}/review`}>Se ændringer</Link>
          </p>
          {editable ? (
            <Form method="post" action={`${base}/revision`}>
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="button button-secondary button-small">
                Træk forslaget tilbage
              </button>
            </Form>
          ) : null}
        </>
      ) : editable ? (
        <p>
          <Link className="button button-primary button-small" to={`${base}/revision`}>
            Indstil til godkendelse
          </Link>
        </p>
      ) : null}
      <p>
        <Link to={`${base}/versions`}>Versionshistorik</Link>
      </p>
    </aside>
  );
}

export default function AgreementPage() {
  const { view, role, updatedAt, state, today, editBase, revision, comments } =
    useLoaderData<typeof loader>();
  const { ready, items: checklist } = checklistLines(view, editBase);
  const savedAt = formatDateTime(updatedAt);
  const commentFailure = asCommentFailure(useActionData<typeof action>());
  const base = agreementPath(view.planId, view.id);
  const editable = canEditPlan(role);
  // The document's edit links and the checklist's are plain anchors (see client-links.ts).
  const clientLinks = useClientLinks<HTMLDivElement>();
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
            <Link className="button button-secondary" to={`${base}/measurements`}>
              Målinger
            </Link>
            <Link className="button button-secondary" to={`${base}/spending`}>
              Forbrug
            </Link>
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
          <span className={agreementStateClasses[state]}>{view.statusLabel}</span> Senest gemt{" "}
          {savedAt}
        </p>
        {/* On paper the badge line gives way to one plain line that says which text this is. */}
        <p className="print-only print-status">
          {view.plan.name} · {view.statusLabel} · Senest gemt {savedAt} · Udskrevet{" "}
          {formatDate(today)}
        </p>
      </PageHeader>
      <div className="agreement-layout" ref={clientLinks}>
        <AgreementDocument view={view} editBase={editBase ?? undefined} showTitle={false} />
        <div className="no-print">
          <RevisionPanel revision={revision} base={base} editable={editable} />
          <aside className="panel" aria-labelledby="checklist-title">
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
                <li key={item.key} className={item.className}>
                  {item.href ? <a href={item.href}>{item.label}</a> : item.label}
                </li>
              ))}
              {comments.length ? (
                <li className="missing">
                  <a href={`#${commentAnchor(comments[0]!.id)}`}>
                    {openCommentsLabel(comments.length)}
                  </a>
                </li>
              ) : null}
            </ul>
            <p className="muted small">
              ✗ er regler, der skal være opfyldt, før delaftalen kan godkendes.
            </p>
          </aside>
          <CommentsPanel
            threads={comments}
            activities={view.activities.map((a) => ({ id: a.id, name: a.listTitle }))}
            actions={{ canReply: true, canResolve: editable, failure: commentFailure }}
            linksPath={editable ? `${base}/comment-links` : undefined}
          />
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
