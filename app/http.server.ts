/**
 * Expected failures as Responses (caught by the route ErrorBoundary) and form-failure replies;
 * ETags and 304 for documents that never change.
 */
import { randomBytes } from "node:crypto";
import { data, type AppLoadContext } from "@remix-run/node";
import type { FieldErrors, FormFailure } from "./domain/form";

export function notFound(message = "Siden findes ikke"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

export function forbidden(message = "Du har ikke adgang til at gøre dette"): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

/** 400 with field messages and the submitted values, so the form keeps what the user typed. */
export function badRequest(
  values: Record<string, unknown>,
  errors: FieldErrors,
  formError?: string,
) {
  const body: FormFailure = { ok: false, errors, values, formError };
  return data(body, { status: 400 });
}

/** 409 for an edit based on an outdated version: nothing was saved; the user's input is kept. */
export function conflict(values: Record<string, unknown>, formError: string) {
  const body: FormFailure = { ok: false, errors: {}, values, formError };
  return data(body, { status: 409 });
}

export const CONFLICT_MESSAGE =
  "En anden har gemt ændringer, mens du redigerede. Dine ændringer er ikke gemt, men står stadig i formularen. Genindlæs siden for at se den nyeste udgave, og indsæt dine ændringer igen.";

// --- immutable documents: ETag and 304 ------------------------------------------------------------

// Without the server's build version (loaders called directly, as in tests) a tag lasts as long as
// this process: a restart, like a deploy, then invalidates every tag handed out.
const PROCESS_VERSION = `p${randomBytes(6).toString("hex")}`;

/**
 * A strong ETag for a document that never changes: what identifies it (`tag`, e.g.
 * "agreement-version-12") and the app's build, so a deploy that renders it differently changes it.
 */
export function immutableETag(tag: string, context: AppLoadContext | undefined): string {
  const build = context?.buildVersion ?? PROCESS_VERSION;
  return `"${tag}-${build.replace(/[^\w.-]/g, "")}"`;
}

/**
 * Whether the request's If-None-Match names this ETag (`*` names any). Compared weakly, as
 * RFC 9110 § 13.1.2 asks for If-None-Match: W/"x" matches "x".
 */
export function matchesIfNoneMatch(request: Request, etag: string): boolean {
  const header = request.headers.get("If-None-Match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}

// The browser may keep the file but must ask each time: access to the plan can be taken away.
const REVALIDATE = "private, no-cache";

/** 304 Not Modified for a request whose copy is current (call it after the access check). */
export function notModified(etag: string): Response {
  return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": REVALIDATE } });
}

/** The response with the document's ETag and the revalidate-every-time caching it allows. */
export function withETag(response: Response, etag: string): Response {
  response.headers.set("ETag", etag);
  response.headers.set("Cache-Control", REVALIDATE);
  return response;
}
