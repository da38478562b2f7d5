/**
 * One comment thread: the first comment (author, date, body, status), its replies, and, where the
 * page allows, «Svar» and for the secretariat «Markér som løst» / «Genåbn». Plain forms that work
 * without JavaScript; a failed post (its `commentForm` names this thread) shows its message beside
 * the field and keeps the text. After a post the page lands on the comment's anchor; the element
 * is focusable so that the browser (and this component, after a client-side navigation) moves the
 * focus there.
 */
import { Form, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { commentAnchor, type CommentReplyView, type CommentThreadView } from "~/domain/comments";
import { formatDateTime } from "~/domain/format";
import type { CommentFormFailure } from "./failure";

/** Focuses the element whose id is the URL's fragment, when it is this one. */
function useFocusOnHash(id: string) {
  const ref = useRef<HTMLElement>(null);
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === `#${id}`) ref.current?.focus();
  }, [hash, id]);
  return ref;
}

function Byline({ comment }: { comment: CommentReplyView }) {
  return (
    <p className="comment-byline small">
      <strong>{comment.authorName}</strong>
      {comment.viaLink ? <span className="muted"> (via kommentarlink)</span> : null} ·{" "}
      <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
    </p>
  );
}

function Reply({ reply }: { reply: CommentReplyView }) {
  const anchor = commentAnchor(reply.id);
  const ref = useFocusOnHash(anchor);
  return (
    <li
      id={anchor}
      ref={ref as React.RefObject<HTMLLIElement>}
      tabIndex={-1}
      className="comment-reply"
    >
      <Byline comment={reply} />
      <p className="comment-body">{reply.body}</p>
    </li>
  );
}

export interface ThreadActions {
  /** Where the forms post; none: the page's own route (its action handles comments). */
  action?: string;
  canReply: boolean;
  canResolve: boolean;
  failure?: CommentFormFailure;
}

export function CommentThread({
  thread,
  actions,
}: {
  thread: CommentThreadView;
  actions?: ThreadActions;
}) {
  const anchor = commentAnchor(thread.id);
  const ref = useFocusOnHash(anchor);
  const failure = actions?.failure;
  const replyFailure = failure?.commentForm === `reply-${thread.id}` ? failure : undefined;
  const statusFailure = failure?.commentForm === `status-${thread.id}` ? failure : undefined;
  const replyId = `reply-${thread.id}-body`;
  const replyError = replyFailure?.errors.body ?? replyFailure?.errors.parentId;
  const resolved = thread.status === "resolved";
  return (
    <article
      id={anchor}
      ref={ref as React.RefObject<HTMLElement>}
      tabIndex={-1}
      className={`comment-thread${resolved ? " comment-resolved" : ""}`}
      aria-labelledby={`${anchor}-by`}
    >
      <h4 id={`${anchor}-by`} className="sr-only">
        Kommentar fra {thread.authorName}
      </h4>
      <Byline comment={thread} />
      {thread.activityName ? <p className="small muted">Aktivitet: {thread.activityName}</p> : null}
      <p className="comment-body">{thread.body}</p>
      {thread.replies.length ? (
        <ul className="comment-replies" aria-label="Svar">
          {thread.replies.map((r) => (
            <Reply key={r.id} reply={r} />
          ))}
        </ul>
      ) : null}
      {resolved ? (
        <p className="small">
          <span className="badge badge-ok">Løst</span>
          {thread.resolvedByName ? ` af ${thread.resolvedByName}` : null}
          {thread.resolvedAt ? ` ${formatDateTime(thread.resolvedAt)}` : null}
        </p>
      ) : null}
      {statusFailure?.formError ? (
        <p className="field-error" role="alert">
          {statusFailure.formError}
        </p>
      ) : null}
      {actions?.canReply && !resolved ? (
        <details className="comment-form" open={replyFailure ? true : undefined}>
          <summary>Svar</summary>
          <Form method="post" action={actions.action} preventScrollReset={false}>
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="parentId" value={thread.id} />
            <div className="field">
              <label htmlFor={replyId}>Dit svar til {thread.authorName}</label>
              <textarea
                id={replyId}
                name="body"
                rows={3}
                maxLength={5000}
                defaultValue={String(replyFailure?.values.body ?? "")}
                aria-invalid={replyError ? true : undefined}
                aria-describedby={replyError ? `${replyId}-error` : undefined}
              />
              {replyError ? (
                <p className="field-error" id={`${replyId}-error`}>
                  {replyError}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button-secondary button-small">
              Send svar
            </button>
          </Form>
        </details>
      ) : null}
      {actions?.canResolve ? (
        <Form method="post" action={actions.action} className="comment-status-form">
          <input type="hidden" name="intent" value={resolved ? "reopen" : "resolve"} />
          <input type="hidden" name="commentId" value={thread.id} />
          <input type="hidden" name="version" value={thread.version} />
          <button type="submit" className="button button-secondary button-small">
            {resolved ? "Genåbn" : "Markér som løst"}
          </button>
        </Form>
      ) : null}
    </article>
  );
}
