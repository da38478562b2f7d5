/**
 * Small helpers shared by route actions: turning model errors into form replies, reading the
 * optimistic-lock version, and parsing ids from params.
 */
import type { Params } from "@remix-run/react";
import { MAX_INT, versionNumber } from "./domain/zod";
import { badRequest, conflict, CONFLICT_MESSAGE, notFound } from "./http.server";
import { ConflictError, FieldValidationError, LockedError } from "./models/errors.server";

/** Maps an expected model error to a 400/409 reply that keeps the user's input; rethrows others. */
export function formErrorResponse(error: unknown, values: Record<string, unknown>) {
  if (error instanceof FieldValidationError) return badRequest(values, error.errors);
  if (error instanceof ConflictError) return conflict(values, CONFLICT_MESSAGE);
  if (error instanceof LockedError) return conflict(values, error.userMessage);
  throw error;
}

const VersionSchema = versionNumber();

/** The version the form was loaded with; a missing or garbled version is a 400. */
export function readVersion(formData: FormData): number {
  const parsed = VersionSchema.safeParse(formData.get("version"));
  if (!parsed.success) throw new Response("Formularen mangler sin version", { status: 400 });
  return parsed.data;
}

/** A positive integer id from the route params; anything else is a 404. */
export function requireIdParam(params: Params, name: string): number {
  const value = Number(params[name]);
  // Ids are `integer` columns: a larger number cannot be one, and PostgreSQL would refuse it.
  if (!Number.isSafeInteger(value) || value <= 0 || value > MAX_INT) throw notFound();
  return value;
}

/** The `?year=YYYY` of a yearly page or download; absent means the page's default year. */
export function readYearQuery(request: Request): number | undefined {
  const text = new URL(request.url).searchParams.get("year");
  if (text == null || text === "") return undefined;
  if (!/^\d{4}$/.test(text)) throw notFound("Året findes ikke");
  return Number(text);
}

/** The `:year` of a yearly page (four digits); anything else is a 404. */
export function requireYearParam(params: Params): number {
  const text = params.year ?? "";
  if (!/^\d{4}$/.test(text)) throw notFound("Året findes ikke");
  return Number(text);
}
