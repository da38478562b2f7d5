/**
 * Expected failures as Responses (caught by the route ErrorBoundary) and form-failure replies.
 */
import { data } from "@remix-run/node";
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
