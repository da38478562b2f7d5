/**
 * Pieces of the activity log's pages that show an action: its status in words (overdue said in
 * text, not only by colour) and the small form that changes its status, with the reason when it
 * is dropped. The form posts to the page it is on (intent "status") and works without JavaScript.
 */
import { Form, useNavigation } from "@remix-run/react";
import {
  LOG_ACTION_STATUSES,
  logActionStatusLabels,
  type LogActionStatus,
} from "~/domain/activity-log";
import { formatDate } from "~/domain/format";

const statusBadge: Record<LogActionStatus, string> = {
  open: "badge",
  in_progress: "badge badge-warn",
  done: "badge badge-ok",
  dropped: "badge",
};

export function ActionStatusBadge({ status }: { status: LogActionStatus }) {
  return <span className={statusBadge[status]}>{logActionStatusLabels[status]}</span>;
}

/** "Frist 1. marts 2027" with «Overskredet» in words when it has passed. */
export function DueDate({ dueDate, overdue }: { dueDate: string | null; overdue: boolean }) {
  if (!dueDate) return <span className="muted">Ingen frist</span>;
  return (
    <span className={overdue ? "overdue" : undefined}>
      Frist {formatDate(dueDate)}
      {overdue ? (
        <>
          {" "}
          <span className="badge badge-danger">Overskredet</span>
        </>
      ) : null}
    </span>
  );
}

export interface StatusFormError {
  actionId: number;
  errors: Record<string, string>;
  formError?: string;
  values: Record<string, unknown>;
}

/** Change one action's status (its version guards against a stale page). */
export function ActionStatusForm({
  action,
  failure,
  describedBy,
}: {
  action: { id: number; status: LogActionStatus; dropReason: string | null; version: number };
  failure?: StatusFormError;
  /** The id of the text that names the action, for the controls' accessible description. */
  describedBy: string;
}) {
  const navigation = useNavigation();
  const mine = failure?.actionId === action.id ? failure : undefined;
  const status = typeof mine?.values.status === "string" ? mine.values.status : action.status;
  const dropReason =
    typeof mine?.values.dropReason === "string"
      ? mine.values.dropReason
      : (action.dropReason ?? "");
  const base = `action-${action.id}`;
  const reasonError = mine?.errors.dropReason;
  return (
    <Form method="post" className="action-status-form" aria-describedby={describedBy}>
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="actionId" value={action.id} />
      <input
        type="hidden"
        name="version"
        value={typeof mine?.values.version === "string" ? mine.values.version : action.version}
      />
      {mine?.formError ? (
        <p className="field-error" role="alert">
          {mine.formError}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${base}-status`}>Status</label>
        <select
          id={`${base}-status`}
          name="status"
          defaultValue={status}
          aria-describedby={describedBy}
        >
          {LOG_ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {logActionStatusLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${base}-reason`}>Begrundelse, hvis droppet</label>
        <input
          id={`${base}-reason`}
          name="dropReason"
          type="text"
          defaultValue={dropReason}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${base}-reason-error` : describedBy}
        />
        {reasonError ? (
          <p className="field-error" id={`${base}-reason-error`}>
            {reasonError}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        className="button button-secondary"
        aria-describedby={describedBy}
        aria-disabled={navigation.state === "submitting" || undefined}
      >
        Gem status
      </button>
    </Form>
  );
}
