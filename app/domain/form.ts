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
