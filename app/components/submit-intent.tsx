/**
 * One form, two submit buttons with different rules ("Gem udkast" and "Indsend …"): the server
 * parses with the schema of the button that was pressed (its `intent` value), and so must the
 * browser. ValidatedForm takes one schema, so this hook gives it one that delegates to the
 * intent's own schema, the very one the action uses; the intent is read from the submitting
 * button before react-hook-form validates. Without JavaScript the button's value goes to the server.
 */
import { useEffect, useMemo, useRef } from "react";
import { z } from "~/domain/zod";

export function useSubmitIntentSchema<I extends string>(
  schemas: Record<I, z.ZodType>,
  /** The intent of a submit without a named button (Enter in a field), and before any submit. */
  fallback: I,
  /** The intent the form was last submitted with, after a failed submit. */
  initial?: unknown,
) {
  const isIntent = (value: unknown): value is I =>
    typeof value === "string" && Object.prototype.hasOwnProperty.call(schemas, value);
  const intent = useRef<I>(isIntent(initial) ? initial : fallback);
  const anchor = useRef<HTMLSpanElement>(null);

  const schema = useMemo(
    () =>
      z.unknown().superRefine((value, ctx) => {
        const result = schemas[intent.current].safeParse(value);
        if (result.success) return;
        for (const issue of result.error.issues) {
          ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] });
        }
      }),
    [schemas],
  );

  useEffect(() => {
    const form = anchor.current?.closest("form");
    if (!form) return;
    // A listener on the form runs before React's (delegated to the root), so the intent is set
    // when ValidatedForm's onSubmit runs the resolver.
    const onSubmit = (event: SubmitEvent) => {
      const submitter = event.submitter;
      const value = submitter instanceof HTMLButtonElement ? submitter.value : undefined;
      intent.current = isIntent(value) ? value : fallback;
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
    // The schemas' keys and the fallback do not change while the form is mounted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Render inside the form: it finds the form element. */
  const marker = <span ref={anchor} hidden />;
  return { schema, marker };
}
