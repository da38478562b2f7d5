/**
 * Turning submitted form data into values for a zod schema, and zod errors into field messages.
 * Field names use dotted paths ("activities.0.name"), as react-hook-form writes them, so the same
 * schema validates the browser's values and the server's FormData.
 */
import qs from "qs";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** The body of a 400 response: messages per field plus what the user submitted, to refill the form. */
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  /** A message for the whole form (e.g. a conflicting edit). */
  formError?: string;
  /** Not an error: the form was re-rendered by the server (a list button without JavaScript). */
  notice?: string;
  values: Record<string, unknown>;
}

export function formDataToValues(formData: FormData): Record<string, unknown> {
  const params = new URLSearchParams();
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string") params.append(key, value);
  }
  return qs.parse(params.toString(), {
    allowDots: true,
    arrayLimit: 10_000,
    depth: 10,
    parameterLimit: 100_000,
  }) as Record<string, unknown>;
}

export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export type ParseResult<T> = { ok: true; data: T; values: Record<string, unknown> } | FormFailure;

export function parseValues<S extends z.ZodType>(
  schema: S,
  values: Record<string, unknown>,
): ParseResult<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, errors: issuesToFieldErrors(result.error.issues), values };
}

export function parseFormData<S extends z.ZodType>(
  schema: S,
  formData: FormData,
): ParseResult<z.output<S>> {
  return parseValues(schema, formDataToValues(formData));
}

/** Reads a nested value by dotted path ("parties.0.name"). */
export function getPath(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const part of path.split(".")) {
    if (current == null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * List buttons (add, remove, move) post `_list=<path>:<op>[:<index>]` when JavaScript is off; the
 * action applies the change to the submitted values and shows the form again, without saving.
 * Returns null when the request is not a list operation.
 */
export function applyListIntent(
  values: Record<string, unknown>,
  intent: FormDataEntryValue | null,
): Record<string, unknown> | null {
  if (typeof intent !== "string") return null;
  const match = /^([\w.]+):(add|remove|up|down)(?::(\d+))?$/.exec(intent);
  if (!match) return null;
  const [, path, op, indexText] = match;
  const next = structuredClone(values);
  const parentPath = path!.split(".");
  const key = parentPath.pop()!;
  let parent: Record<string, unknown> = next;
  for (const part of parentPath) {
    const child = parent[part];
    if (child == null || typeof child !== "object") return next;
    parent = child as Record<string, unknown>;
  }
  const current = parent[key];
  const list: unknown[] = Array.isArray(current)
    ? current
    : current && typeof current === "object"
      ? Object.values(current)
      : [];
  const index = Number(indexText ?? -1);
  if (op === "add") list.push({});
  else if (op === "remove" && index >= 0 && index < list.length) list.splice(index, 1);
  else if (op === "up" && index > 0 && index < list.length)
    [list[index - 1], list[index]] = [list[index], list[index - 1]];
  else if (op === "down" && index >= 0 && index < list.length - 1)
    [list[index + 1], list[index]] = [list[index], list[index + 1]];
  parent[key] = list;
  return next;
}

/** The field of the second submit that confirms removing list rows with history (measurements, spend). */
export const CONFIRM_REMOVAL_FIELD = "confirmRemoval";

export const LIST_NOTICE = "Listen er ændret, men ikke gemt endnu. Tryk «Gem» for at gemme.";

/**
 * The messages of react-hook-form's nested error object as dotted paths in the order they come
 * ("activities.0.name" → message), like the server's FieldErrors. A list's own message (RHF keeps
 * it as the list's `message` or `root.message`) is listed under the list's path.
 */
export function flattenFieldErrors(errors: unknown, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  if (errors == null || typeof errors !== "object") return out;
  const node = errors as Record<string, unknown>;
  if (typeof node.message === "string" && node.message && prefix) out[prefix] = node.message;
  for (const [key, child] of Object.entries(node)) {
    // An error leaf's own properties, not fields of the form.
    if (key === "message" || key === "type" || key === "ref" || key === "types") continue;
    if (child == null || typeof child !== "object") continue;
    if (key === "root") {
      const message = (child as { message?: unknown }).message;
      if (typeof message === "string" && message && prefix) out[prefix] ??= message;
      continue;
    }
    Object.assign(out, flattenFieldErrors(child, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

export interface ErrorSummaryItem {
  /** The field's dotted path ("_form" for a message about the whole form). */
  name: string;
  message: string;
}

/** The error summary's lines: every field message, without the removal question. */
export function errorSummaryItems(errors: FieldErrors): ErrorSummaryItem[] {
  return Object.entries(errors)
    .filter(([name, message]) => name !== CONFIRM_REMOVAL_FIELD && Boolean(message))
    .map(([name, message]) => ({ name, message }));
}

/** The summary's heading: "Der er 1 fejl", "Der er 6 fejl". */
export function errorSummaryTitle(count: number): string {
  return `Der er ${count} fejl`;
}
