/**
 * "Brug standardteksten": a button that puts a standard text into one field of a form without
 * saving it, so that nothing the user has not seen is printed. With JavaScript the browser fills
 * the field; without it the button posts `intent=standard-<field>` and the action re-renders the
 * form with the text in that field and everything else as the user typed it.
 */
export const STANDARD_TEXT_INTENT_PREFIX = "standard-";

export const STANDARD_TEXT_NOTICE = "Standardteksten er indsat. Gem for at bruge den.";

export const UNKNOWN_STANDARD_TEXT_MESSAGE = "Ukendt standardtekst";

/** The value of the button that fills `field` ("standard-conflictHandling"). */
export function standardTextIntent(field: string): string {
  return `${STANDARD_TEXT_INTENT_PREFIX}${field}`;
}

/**
 * The field a posted `intent` asks to fill: null when the post is not a standard-text request,
 * `undefined` when it names a field that has no standard text here.
 */
export function readStandardTextIntent<F extends string>(
  intent: unknown,
  fields: readonly F[],
): F | null | undefined {
  if (typeof intent !== "string" || !intent.startsWith(STANDARD_TEXT_INTENT_PREFIX)) return null;
  const field = intent.slice(STANDARD_TEXT_INTENT_PREFIX.length);
  return fields.find((f) => f === field);
}
