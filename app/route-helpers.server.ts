/**
 * Small helpers shared by route actions: turning model errors into form replies, handling a
 * posted form with editable lists, reading the optimistic-lock version, and parsing ids from
 * params.
 */
import { data, redirect } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import type { z } from "zod";
import {
  applyListIntent,
  formDataToValues,
  LIST_NOTICE,
  parseValues,
  type FormFailure,
} from "./domain/form";
import { MAX_INT, versionField } from "./domain/zod";
import { badRequest, conflict, CONFLICT_MESSAGE, notFound } from "./http.server";
import { ConflictError, FieldValidationError, LockedError } from "./models/errors.server";

/**
 * PostgreSQL errors that a form's input can cause even after its schema passed (a chosen person or
 * organisation deleted meanwhile, a value entered twice), with what the user is told. Everything
 * else (a database guard, a bug) is rethrown and stays a 500.
 */
const INPUT_DATABASE_ERRORS: Record<string, string> = {
  "23503":
    "Noget, du har valgt, findes ikke længere (fx en person eller organisation). Genindlæs siden, og prøv igen.",
  "23505":
    "Noget af det indtastede står der allerede (fx det samme år to gange). Ret det, og gem igen.",
  "22001": "En tekst er for lang til at blive gemt. Forkort den, og gem igen.",
  "22003": "Et tal er for stort til at blive gemt. Ret det, og gem igen.",
  "22008": "En dato kan ikke gemmes. Ret den, og gem igen.",
  "22021": "Et felt indeholder tegn, der ikke kan gemmes (kontroltegn).",
  "22P05": "Et felt indeholder tegn, der ikke kan gemmes (kontroltegn).",
};

/** The SQLSTATE of a database error (drizzle wraps the driver's error as its cause). */
function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps an expected model error to a 400/409 reply that keeps the user's input; rethrows others. */
export function formErrorResponse(error: unknown, values: Record<string, unknown>) {
  if (error instanceof FieldValidationError) return badRequest(values, error.errors);
  if (error instanceof ConflictError) return conflict(values, CONFLICT_MESSAGE);
  if (error instanceof LockedError) return conflict(values, error.userMessage);
  const message = INPUT_DATABASE_ERRORS[sqlState(error) ?? ""];
  if (message) return badRequest(values, {}, message);
  throw error;
}

/**
 * A posted form with editable lists (app/components/list-field.tsx). A list button (add, remove,
 * move, without JavaScript) answers the form with the change and saves nothing; otherwise the
 * values are parsed with the schema (400, errors beside the fields) and `save` stores them and
 * says where to go next; a model error answers with the user's input kept (formErrorResponse).
 * `values`: the form's values when the caller has removed fields of its own; `notice`: what the
 * re-rendered form says after a list button (LIST_NOTICE by default). `save` returns the path to
 * go to, or the whole response (a redirect with a message: app/flash.server.ts).
 */
export async function submitListForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  save: (parsed: z.output<S>) => Promise<string | Response>,
  {
    values = formDataToValues(formData),
    notice = LIST_NOTICE,
  }: { values?: Record<string, unknown>; notice?: string } = {},
) {
  delete values._list;
  const listed = applyListIntent(values, formData.get("_list"));
  if (listed) {
    const body: FormFailure = { ok: false, errors: {}, values: listed, notice };
    return data(body, { status: 200 });
  }
  const parsed = parseValues(schema, values);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    const next = await save(parsed.data);
    return typeof next === "string" ? redirect(next) : next;
  } catch (error) {
    return formErrorResponse(error, values);
  }
}

const VersionSchema = versionField();
const UnsavedVersionSchema = versionField({ allowUnsaved: true });

/**
 * The version the form was loaded with; a missing or garbled version is a 400. With
 * `allowUnsaved`, 0 is the version of a row that the form's first save creates.
 */
export function readVersion(
  formData: FormData,
  { allowUnsaved = false }: { allowUnsaved?: boolean } = {},
): number {
  const schema = allowUnsaved ? UnsavedVersionSchema : VersionSchema;
  const parsed = schema.safeParse(formData.get("version"));
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
