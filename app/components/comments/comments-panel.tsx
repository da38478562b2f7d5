/**
 * The comments beside an agreement's draft: per section its open threads and a small «Kommentér»
 * form (the agreement page and a comment link's page), or, read-only, a revision's threads open
 * and resolved (the review page and the version page), so the board sees what was discussed.
 */
import { Form, Link } from "@remix-run/react";
import {
  COMMENT_MAX_LENGTH,
  COMMENT_SECTIONS,
  commentSectionLabels,
  threadsBySection,
  type CommentSection,
  type CommentThreadView,
} from "~/domain/comments";
import { CommentThread, type ThreadActions } from "./comment-thread";
import type { CommentFormFailure } from "./failure";

function NewCommentForm({
  section,
  action,
  activities,
  failure,
}: {
  section: CommentSection;
  action?: string;
  activities: readonly { id: number; name: string }[];
  failure?: CommentFormFailure;
}) {
  const mine = failure?.commentForm === `new-${section}` ? failure : undefined;
  const id = `comment-new-${section}`;
  const error = mine?.errors.body ?? mine?.errors.section ?? mine?.formError;
  const activityError = mine?.errors.activityId;
  const label = commentSectionLabels[section];
  return (
    <details className="comment-form" open={mine ? true : undefined}>
      <summary>
        Kommentér<span className="sr-only"> {label}</span>
      </summary>
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="comment" />
        <input type="hidden" name="section" value={section} />
        {section === "activities" && activities.length ? (
          <div className="field">
            <label htmlFor={`${id}-activity`}>Aktivitet</label>
            <select
              id={`${id}-activity`}
              name="activityId"
              defaultValue={String(mine?.values.activityId ?? "")}
              aria-invalid={activityError ? true : undefined}
              aria-describedby={activityError ? `${id}-activity-error` : undefined}
            >
              <option value="">Hele afsnittet</option>
              {activities.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            {activityError ? (
              <p className="field-error" id={`${id}-activity-error`}>
                {activityError}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={id}>Kommentar til «{label}»</label>
          <textarea
            id={id}
            name="body"
            rows={3}
            maxLength={COMMENT_MAX_LENGTH}
            defaultValue={String(mine?.values.body ?? "")}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error ? (
            <p className="field-error" id={`${id}-error`}>
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-primary button-small">
          Send kommentar
        </button>
      </Form>
    </details>
  );
}

/** Open threads and a comment form per section. */
export function CommentsPanel({
  threads,
  activities,
  actions,
  intro,
  linksPath,
}: {
  threads: readonly CommentThreadView[];
  activities: readonly { id: number; name: string }[];
  actions: ThreadActions;
  intro?: string;
  /** The secretariat's «Kommentarlinks» page. */
  linksPath?: string;
}) {
  return (
    <section className="panel comments-panel no-print" aria-labelledby="comments-title">
      <h2 id="comments-title">Kommentarer</h2>
      {intro ? <p className="small muted">{intro}</p> : null}
      {linksPath ? (
        <p className="small">
          <Link to={linksPath}>Kommentarlinks</Link> til medlemmer af arbejdsgruppen uden login
        </p>
      ) : null}
      {COMMENT_SECTIONS.map((section) => {
        const mine = threads.filter((t) => t.section === section);
        return (
          <section
            key={section}
            className="comments-section"
            aria-labelledby={`comments-${section}-title`}
          >
            <h3 id={`comments-${section}-title`}>
              <a href={`#${section}`}>{commentSectionLabels[section]}</a>
              {mine.length ? <span className="badge badge-warn">{mine.length}</span> : null}
            </h3>
            {mine.map((t) => (
              <CommentThread key={t.id} thread={t} actions={actions} />
            ))}
            <NewCommentForm
              section={section}
              action={actions.action}
              activities={activities}
              failure={actions.failure}
            />
          </section>
        );
      })}
    </section>
  );
}

/** A revision's threads, open and resolved, per section; read-only. */
export function CommentHistory({
  threads,
  title = "Kommentarer til udkastet",
  empty = "Der blev ikke skrevet kommentarer til udkastet i denne revision.",
}: {
  threads: readonly CommentThreadView[];
  title?: string;
  empty?: string;
}) {
  const groups = threadsBySection(threads);
  const open = threads.filter((t) => t.status === "open").length;
  return (
    <section className="panel comments-history" aria-labelledby="comment-history-title">
      <h2 id="comment-history-title">{title}</h2>
      {groups.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          <p className="small muted">
            {threads.length === 1 ? "1 tråd" : `${threads.length} tråde`}, heraf {open} åbne.
            Kommentarerne er ikke en del af delaftalens tekst eller dokument.
          </p>
          {groups.map((g) => (
            <section
              key={g.section}
              className="comments-section"
              aria-labelledby={`history-${g.section}-title`}
            >
              <h3 id={`history-${g.section}-title`}>{g.label}</h3>
              {g.threads.map((t) => (
                <CommentThread key={t.id} thread={t} />
              ))}
            </section>
          ))}
        </>
      )}
    </section>
  );
}
