/**
 * Radio buttons in a fieldset whose legend names the choice, for a ValidatedForm (form.tsx has no
 * radio field), and the message of a field or list that has no input of its own (a list's
 * "at least one row" rule, a hidden year). Both show the browser's message, else the server's.
 */
import { get, useFormContext } from "react-hook-form";
import type { Option } from "./form";
import { fieldId } from "./form";

/** The browser's message for `name` (a field, or a list's own rule), else the server's. */
export function useFieldMessage(name: string, serverError?: string): string | undefined {
  const form = useFormContext();
  const client = get(form.formState.errors, name) as
    { message?: unknown; root?: { message?: unknown } } | undefined;
  const message = client?.message ?? client?.root?.message;
  return typeof message === "string" ? message : serverError;
}

/** A message for a field without its own input, e.g. a list of rows. */
export function FieldMessage({ name, serverError }: { name: string; serverError?: string }) {
  const error = useFieldMessage(name, serverError);
  if (!error) return null;
  return (
    <p className="field-error" id={`${fieldId(name)}-error`}>
      {error}
    </p>
  );
}

export function RadioField({
  name,
  legend,
  options,
  hint,
  required,
  serverError,
}: {
  name: string;
  legend: string;
  options: readonly Option[];
  hint?: string;
  required?: boolean;
  /** The server's message for the field (from the action's failure). */
  serverError?: string;
}) {
  const form = useFormContext();
  const error = useFieldMessage(name, serverError);
  const current = form.getValues(name) as unknown;
  const id = fieldId(name);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset
      className="field radio-group"
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={described || undefined}
    >
      <legend>
        {legend}
        {required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value} className="checkbox" htmlFor={`${id}-${o.value}`}>
          <input
            id={`${id}-${o.value}`}
            type="radio"
            value={o.value}
            defaultChecked={current != null && String(current) === String(o.value)}
            {...form.register(name)}
          />
          {o.label}
        </label>
      ))}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
