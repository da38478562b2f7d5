/**
 * The comment forms' posts (new comment, reply, resolve, reopen), shared by the agreement page's
 * action (a signed-in member) and a comment link's page (the link's holder, who may not resolve).
 * A success redirects to the comment's anchor on `returnTo` with a message (flash.server.ts); a failure answers the form that was
 * posted (named by `commentForm`) with its messages and the user's text: 400 for input, 409 for a
 * thread someone else changed meanwhile.
 */
import { data } from "@remix-run/node";
import type { Db } from "../db/client";
import type { CommentFormFailure } from "~/components/comments/failure";
import { redirectWithFlash } from "~/flash.server";
import { commentAnchor, NewCommentSchema, ReplySchema, ResolveSchema } from "~/domain/comments";
import { formDataToValues, parseValues, type FieldErrors } from "~/domain/form";
import {
  addComment,
  replyToComment,
  setThreadStatus,
  type CommentActor,
} from "~/models/comments.server";
import { ConflictError, FieldValidationError, ForbiddenError } from "~/models/errors.server";

function failure(
  commentForm: string,
  values: Record<string, unknown>,
  errors: FieldErrors,
  status: number,
  formError?: string,
) {
  const body: CommentFormFailure = { ok: false, commentForm, errors, values, formError };
  return data(body, { status });
}

export async function handleCommentPost(
  db: Db,
  request: Request,
  formData: FormData,
  actor: CommentActor,
  planId: number,
  agreementId: number,
  returnTo: string,
) {
  const values = formDataToValues(formData);
  // The intent stays in the values given back (the form posts it again); the schemas ignore it.
  const intent = values.intent;
  const go = (id: number, message: string) =>
    redirectWithFlash(request, `${returnTo}#${commentAnchor(id)}`, message);
  if (intent === "comment") {
    const key = `new-${typeof values.section === "string" ? values.section : ""}`;
    const parsed = parseValues(NewCommentSchema, values);
    if (!parsed.ok) return failure(key, values, parsed.errors, 400);
    try {
      const { id } = await addComment(db, actor, planId, agreementId, parsed.data);
      return go(id, "Kommentaren er sendt.");
    } catch (error) {
      if (error instanceof FieldValidationError) return failure(key, values, error.errors, 400);
      throw error;
    }
  }
  if (intent === "reply") {
    const key = `reply-${String(values.parentId ?? "")}`;
    const parsed = parseValues(ReplySchema, values);
    if (!parsed.ok) return failure(key, values, parsed.errors, 400);
    const { id } = await replyToComment(db, actor, planId, agreementId, parsed.data);
    return go(id, "Svaret er sendt.");
  }
  if (intent === "resolve" || intent === "reopen") {
    if (actor.kind !== "user") throw new ForbiddenError();
    const parsed = parseValues(ResolveSchema, values);
    if (!parsed.ok)
      throw new Response("Formularen mangler kommentarens nummer eller version", { status: 400 });
    const key = `status-${parsed.data.commentId}`;
    try {
      await setThreadStatus(
        db,
        actor.user,
        planId,
        agreementId,
        parsed.data,
        intent === "resolve" ? "resolved" : "open",
      );
    } catch (error) {
      if (error instanceof ConflictError) {
        return failure(
          key,
          values,
          {},
          409,
          `${error.message} Genindlæs siden for at se trådens status nu.`,
        );
      }
      throw error;
    }
    return go(
      parsed.data.commentId,
      intent === "resolve" ? "Tråden er markeret som løst." : "Tråden er genåbnet.",
    );
  }
  throw new Response("Ukendt handling", { status: 400 });
}
