/**
 * Forms validated by one zod schema in the browser (react-hook-form) and on the server (the
 * action). Without JavaScript the form posts normally and the server's 400 reply re-renders it with
 * the user's values and the messages next to the fields. A failed submit shows an error summary
 * above the form (the GOV.UK pattern): "Der er N fejl" and each message as a link to its field;
 * focus moves to the summary, and following a link focuses the field.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { createContext, useContext, useEffect, useId, useRef, type ReactNode } from "react";
import {
  FormProvider,
  get,
  useForm,
  useFormContext,
  type FieldValues,
  type Resolver,
} from "react-hook-form";
import type { z } from "zod";
import {
  CONFIRM_REMOVAL_FIELD,
  errorSummaryItems,
  errorSummaryTitle,
  flattenFieldErrors,
  getPath,
  type ErrorSummaryItem,
  type FieldErrors,
  type FormFailure,
} from "~/domain/form";

interface ServerFormState {
  errors: FieldErrors;
  defaults: Record<string, unknown>;
}
const ServerFormContext = createContext<ServerFormState>({ errors: {}, defaults: {} });

export function fieldId(name: string): string {
  return `f-${name.replace(/\./g, "-")}`;
}

/** The server's reply to a failed submit, if that is what the action returned. */
export function asFormFailure(actionData: unknown): FormFailure | undefined {
  if (actionData && typeof actionData === "object" && (actionData as FormFailure).ok === false) {
    return actionData as FormFailure;
  }
  return undefined;
}

export interface ValidatedFormProps {
  schema: z.ZodType;
  defaultValues: Record<string, unknown>;
  /** The action's reply after a failed submit (errors and the submitted values). */
  failure?: FormFailure;
  action?: string;
  children: ReactNode;
  /** Accessible name of the form. */
  "aria-label"?: string;
  className?: string;
  /** Hidden fields that are not part of the schema (intent, version). */
  hidden?: Record<string, string | number>;
  /** Every field disabled (the thing is locked; the page says why above the form). */
  disabled?: boolean;
}

export function ValidatedForm({
  schema,
  defaultValues,
  failure,
  action,
  children,
  className,
  hidden,
  disabled = false,
  ...aria
}: ValidatedFormProps) {
  const defaults = failure?.values ?? defaultValues;
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as z.ZodType<FieldValues, FieldValues>) as Resolver<FieldValues>,
    defaultValues: defaults,
    // Messages appear when the user saves and then follow the typing; never on leaving a field,
    // where a message vanishing on blur moves the buttons under the pointer and the click on
    // "Gem" lands beside it.
    mode: "onSubmit",
    reValidateMode: "onChange",
    // A failed submit focuses the error summary, which links to each field (see below).
    shouldFocusError: false,
  });
  const submit = useSubmit();
  // Removing rows with history asks a question (answered by a second submit), not an error.
  const confirmRemoval = failure?.errors[CONFIRM_REMOVAL_FIELD];
  // The browser's messages while it has any (it checks before sending), else the server's.
  const clientErrors = flattenFieldErrors(form.formState.errors);
  // A removal with history is a question (answered below the form), not errors to fix.
  const summary = confirmRemoval
    ? []
    : errorSummaryItems(
        Object.keys(clientErrors).length > 0 ? clientErrors : (failure?.errors ?? {}),
      );
  const formId = useId();
  const summaryRef = useRef<HTMLDivElement>(null);
  // Focus the summary after a failed submit: one the browser refused, or the server's reply.
  const { submitCount } = form.formState;
  const hasClientErrors = Object.keys(clientErrors).length > 0;
  useEffect(() => {
    if (submitCount > 0 && hasClientErrors) summaryRef.current?.focus();
    // Only when a submit fails, not while the user corrects the fields.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [submitCount]);
  useEffect(() => {
    if (
      failure &&
      !failure.formError &&
      !failure.errors[CONFIRM_REMOVAL_FIELD] &&
      errorSummaryItems(failure.errors).length > 0
    ) {
      summaryRef.current?.focus();
    }
  }, [failure]);

  return (
    <FormProvider {...form}>
      <ServerFormContext.Provider value={{ errors: failure?.errors ?? {}, defaults }}>
        <Form
          id={formId}
          method="post"
          action={action}
          noValidate
          className={className}
          aria-label={aria["aria-label"]}
          onSubmit={(event) => {
            const formElement = event.currentTarget;
            const submitter = (event.nativeEvent as SubmitEvent).submitter;
            void form.handleSubmit(() =>
              submit(submitter instanceof HTMLButtonElement ? submitter : formElement, {
                method: "post",
                action,
              }),
            )(event);
          }}
        >
          {/* Enter in a text field submits the form through its first submit button: make that
              the plain save, never a list button further down. */}
          <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
            Gem
          </button>
          {failure?.notice ? (
            <div className="alert alert-warn" role="status">
              {failure.notice}
            </div>
          ) : null}
          {failure?.formError ? (
            <div className="alert alert-error" role="alert">
              {failure.formError}
            </div>
          ) : summary.length > 0 ? (
            <ErrorSummary items={summary} summaryRef={summaryRef} />
          ) : null}
          {hidden
            ? Object.entries(hidden).map(([name, value]) => {
                // After a failed submit keep what the form was submitted with (notably the
                // version it was loaded at), not the freshly revalidated loader value, so a
                // conflicting edit is still detected on the next save.
                const submitted = failure?.values[name];
                return (
                  <input
                    key={name}
                    type="hidden"
                    name={name}
                    value={typeof submitted === "string" ? submitted : value}
                  />
                );
              })
            : null}
          {disabled ? (
            <fieldset disabled className="locked-fields">
              {children}
            </fieldset>
          ) : (
            children
          )}
          {confirmRemoval ? (
            <div className="alert alert-warn" role="alert">
              <p>{confirmRemoval}</p>
              <ConfirmRemovalButton />
            </div>
          ) : null}
        </Form>
      </ServerFormContext.Provider>
    </FormProvider>
  );
}

/**
 * The element a summary link leads to: the field itself, else (a list, a group) the first control
 * inside it, else its message.
 */
function focusField(name: string) {
  const id = fieldId(name);
  const target = document.getElementById(id) ?? document.getElementById(`${id}-error`);
  if (!target) return false;
  const control =
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement
      ? target
      : target.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea, button");
  // The label above the field belongs in view too.
  (target.closest(".field") ?? target).scrollIntoView({ block: "center" });
  (control ?? target).focus({ preventScroll: true });
  return true;
}

/**
 * "Der er N fejl" with each message as a link to its field. Without JavaScript it is rendered by
 * the server after the 400 and the links jump to the fields; with it, focus moves here after a
 * failed submit and a link focuses its field.
 */
function ErrorSummary({
  items,
  summaryRef,
}: {
  items: ErrorSummaryItem[];
  summaryRef: React.RefObject<HTMLDivElement>;
}) {
  const titleId = useId();
  return (
    <div
      className="alert alert-error error-summary"
      aria-labelledby={titleId}
      tabIndex={-1}
      ref={summaryRef}
      // Without JavaScript the server's page after a failed submit starts here (with it, the
      // effect in ValidatedForm moves focus; React does not act on autofocus of a div).
      // eslint-disable-next-line jsx-a11y/no-autofocus
      autoFocus
    >
      <h2 id={titleId}>{errorSummaryTitle(items.length)}</h2>
      <p>Formularen er ikke gemt. Ret det, der står herunder, og gem igen.</p>
      <ul>
        {items.map(({ name, message }) => (
          <li key={name}>
            {name === "_form" ? (
              message
            ) : (
              <a
                href={`#${fieldId(name)}`}
                onClick={(event) => {
                  if (focusField(name)) event.preventDefault();
                }}
              >
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A message for a whole list (e.g. a row that no longer exists), from the browser or server. */
/** The second submit a removal with history asks for: it posts `confirmRemoval=1`. */
export function ConfirmRemovalButton() {
  return (
    <button type="submit" name={CONFIRM_REMOVAL_FIELD} value="1" className="button button-danger">
      Bekræft fjernelse og gem
    </button>
  );
}

export function useListError(name: string): string | undefined {
  const form = useFormContext();
  const server = useContext(ServerFormContext);
  const clientError = get(form.formState.errors, name) as
    { message?: string; root?: { message?: string } } | undefined;
  return clientError?.message ?? clientError?.root?.message ?? server.errors[name];
}

function useField(name: string) {
  const form = useFormContext();
  const server = useContext(ServerFormContext);
  const clientError = get(form.formState.errors, name) as { message?: string } | undefined;
  const error = clientError?.message ?? server.errors[name];
  // RHF holds the current values (also during server rendering, from defaultValues); inside a
  // field array this follows added, removed and moved rows.
  const defaultValue = form.getValues(name) ?? getPath(server.defaults, name);
  const id = fieldId(name);
  return { form, error, defaultValue, id, errorId: `${id}-error`, hintId: `${id}-hint` };
}

function describedBy(...ids: (string | false | undefined)[]) {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

function FieldLabel({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={id}>
      {label}
      {required ? <span aria-hidden="true"> *</span> : null}
    </label>
  );
}

function FieldHint({ id, hint }: { id: string; hint?: string }) {
  if (!hint) return null;
  return (
    <p className="field-hint" id={id}>
      {hint}
    </p>
  );
}

function FieldMessage({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      {error}
    </p>
  );
}

function asText(value: unknown): string {
  if (value == null || value === false) return "";
  return String(value);
}

interface BaseFieldProps {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

export function TextField({
  name,
  label,
  hint,
  required,
  type = "text",
  autoComplete,
  inputMode,
}: BaseFieldProps & {
  type?: "text" | "email" | "password" | "date" | "tel" | "search";
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "text";
}) {
  const { form, error, defaultValue, id, errorId, hintId } = useField(name);
  return (
    <div className="field">
      <FieldLabel id={id} label={label} required={required} />
      <FieldHint id={hintId} hint={hint} />
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(hint && hintId, error && errorId)}
        defaultValue={type === "password" ? undefined : asText(defaultValue)}
        {...form.register(name)}
      />
      <FieldMessage id={errorId} error={error} />
    </div>
  );
}

export function TextArea({
  name,
  label,
  hint,
  required,
  rows = 4,
}: BaseFieldProps & { rows?: number }) {
  const { form, error, defaultValue, id, errorId, hintId } = useField(name);
  return (
    <div className="field">
      <FieldLabel id={id} label={label} required={required} />
      <FieldHint id={hintId} hint={hint} />
      <textarea
        id={id}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && hintId, error && errorId)}
        defaultValue={asText(defaultValue)}
        {...form.register(name)}
      />
      <FieldMessage id={errorId} error={error} />
    </div>
  );
}

export interface Option {
  value: string | number;
  label: string;
}

export function SelectField({
  name,
  label,
  hint,
  required,
  options,
  placeholder = "Vælg …",
}: BaseFieldProps & { options: Option[]; placeholder?: string | null }) {
  const { form, error, defaultValue, id, errorId, hintId } = useField(name);
  return (
    <div className="field">
      <FieldLabel id={id} label={label} required={required} />
      <FieldHint id={hintId} hint={hint} />
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(hint && hintId, error && errorId)}
        defaultValue={asText(defaultValue)}
        {...form.register(name)}
      >
        {placeholder !== null ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessage id={errorId} error={error} />
    </div>
  );
}

export function CheckboxGroup({
  name,
  label,
  hint,
  options,
}: BaseFieldProps & { options: Option[] }) {
  const { form, error, defaultValue, id, errorId, hintId } = useField(name);
  const checked = new Set(
    (Array.isArray(defaultValue) ? defaultValue : defaultValue == null ? [] : [defaultValue]).map(
      String,
    ),
  );
  const groupId = useId();
  return (
    <fieldset
      className="field checkbox-group"
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(hint && hintId, error && errorId)}
    >
      <legend>{label}</legend>
      <FieldHint id={hintId} hint={hint} />
      {options.length === 0 ? <p className="muted">Ingen at vælge imellem endnu.</p> : null}
      {options.map((o) => (
        <label key={o.value} className="checkbox" htmlFor={`${groupId}-${o.value}`}>
          <input
            id={`${groupId}-${o.value}`}
            type="checkbox"
            value={o.value}
            defaultChecked={checked.has(String(o.value))}
            {...form.register(name)}
          />
          {o.label}
        </label>
      ))}
      <FieldMessage id={errorId} error={error} />
    </fieldset>
  );
}

export function Checkbox({ name, label, hint }: BaseFieldProps) {
  const { form, error, defaultValue, id, errorId, hintId } = useField(name);
  return (
    <div className="field">
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          defaultChecked={defaultValue === true || defaultValue === "on" || defaultValue === "true"}
          aria-describedby={describedBy(hint && hintId, error && errorId)}
          {...form.register(name)}
        />
        {label}
      </label>
      <FieldHint id={hintId} hint={hint} />
      <FieldMessage id={errorId} error={error} />
    </div>
  );
}

export function SubmitButton({
  children,
  name,
  value,
  variant = "primary",
}: {
  children: ReactNode;
  name?: string;
  value?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className={`button button-${variant}`}
      aria-disabled={busy || undefined}
    >
      {children}
    </button>
  );
}

export function HiddenField({ name }: { name: string }) {
  const { form, defaultValue } = useField(name);
  return <input type="hidden" defaultValue={asText(defaultValue)} {...form.register(name)} />;
}
