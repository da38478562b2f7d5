/** A comment form's failed post, as the page's action answers it (client-safe). */
import type { FieldErrors } from "~/domain/form";

export interface CommentFormFailure {
  ok: false;
  /** Which form failed: `new-<section>`, `reply-<thread id>` or `status-<thread id>`. */
  commentForm: string;
  errors: FieldErrors;
  values: Record<string, unknown>;
  formError?: string;
}

/** The action's data when it is a comment form's failure. */
export function asCommentFailure(data: unknown): CommentFormFailure | undefined {
  if (data && typeof data === "object" && "commentForm" in data) {
    return data as CommentFormFailure;
  }
  return undefined;
}
