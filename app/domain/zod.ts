/**
 * zod with Danish default messages, plus the small field schemas our forms share. Every schema in
 * app/domain imports `z` from here so that the browser and the server speak the same Danish.
 *
 * Every text a form stores goes through `safeString` (directly or via the builders below): it
 * refuses control characters and broken UTF-16, which PostgreSQL cannot store (NUL), JSONB refuses
 * ("unsupported Unicode escape sequence") and Word/Excel XML cannot hold. Every number has bounds
 * that fit its column, so nothing reaches the database that it would answer with an error.
 */
import { z } from "zod";
import { parseRichText, type RichText } from "./rich-text";

z.config(z.locales.da());
// In the browser, skip zod's compiled fast path: its `new Function` probe is reported as a
// Content-Security-Policy violation (the policy allows no eval). The server keeps the fast path.
if (typeof document !== "undefined") z.config({ jitless: true });

export { z };

/** The largest value of a PostgreSQL `integer` column (ids, versions, counts). */
export const MAX_INT = 2_147_483_647;

export const CONTROL_CHARACTER_MESSAGE =
  "Feltet indeholder tegn, der ikke kan gemmes (kontroltegn).";
export const TOO_LARGE_MESSAGE = "Tallet er for stort";
export const NEGATIVE_MESSAGE = "Tallet må ikke være negativt";

/**
 * C0 control characters except tab, line feed and carriage return; the non-characters U+FFFE and
 * U+FFFF (not allowed in XML); and a surrogate without its partner (not valid UTF-16, so not
 * storable as UTF-8). Written without the `u` flag so that lone surrogates can be matched.
 */
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` holds a character that cannot be stored (see UNSAFE_CHARACTERS). */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE_CHARACTERS.test(text);
}

/** Tabs and line breaks in a one-line field become single spaces (a pasted cell, a hostile post). */
export function toSingleLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, " ");
}

/** A string that can be stored: no control characters (other than tab and line breaks). */
export function safeString(params?: Parameters<typeof z.string>[0]) {
  return z
    .string(params)
    .refine((s) => !hasUnsafeCharacters(s), { error: CONTROL_CHARACTER_MESSAGE });
}

export interface TextOptions {
  /** A textarea: line breaks and tabs are kept. Otherwise they become spaces. */
  multiline?: boolean;
}

const cleanText = (v: unknown, multiline: boolean | undefined) =>
  typeof v === "string" ? (multiline ? v : toSingleLine(v)).trim() : v;

const emptyToUndefined = (value: unknown) =>
  value === "" || value === null || (typeof value === "string" && value.trim() === "")
    ? undefined
    : value;

const maxTextMessage = (max: number) => `Højst ${max.toLocaleString("da-DK")} tegn`;

/** A required, trimmed text with a Danish message when it is empty. */
export function requiredText(message: string, max = 500, { multiline }: TextOptions = {}) {
  return z.preprocess(
    (v) => cleanText(v, multiline),
    safeString({ error: message })
      .min(1, { error: message })
      .max(max, { error: maxTextMessage(max) }),
  );
}

/** An optional text: empty becomes null. */
export function optionalText(max = 2000, { multiline }: TextOptions = {}) {
  return z.preprocess(
    (v) => (typeof v === "string" ? (cleanText(v, multiline) as string) || null : (v ?? null)),
    safeString()
      .max(max, { error: maxTextMessage(max) })
      .nullable(),
  );
}

/** A required id from a select: "" is missing. */
export function requiredId(message: string) {
  return z.preprocess(
    (v) => (emptyToUndefined(v) === undefined ? undefined : Number(v)),
    z
      .number({ error: message })
      .int({ error: message })
      .positive({ error: message })
      .max(MAX_INT, { error: message }),
  );
}

/** An optional id from a select: "" becomes null. */
export function optionalId() {
  return z.preprocess(
    (v) => (emptyToUndefined(v) === undefined ? null : Number(v)),
    z
      .number({ error: "Ugyldigt valg" })
      .int({ error: "Ugyldigt valg" })
      .positive({ error: "Ugyldigt valg" })
      .max(MAX_INT, { error: "Ugyldigt valg" })
      .nullable(),
  );
}

/** An optional whole number (e.g. tenancies): "" becomes null. Fits an `integer` column. */
export function optionalWholeNumber(message = "Skal være et helt tal", min = 0, max = MAX_INT) {
  return z.preprocess(
    (v) => {
      const e = emptyToUndefined(v);
      if (e === undefined) return null;
      return typeof e === "string" ? Number(e.replace(/\./g, "").replace(",", ".")) : e;
    },
    z
      .number({ error: message })
      .int({ error: message })
      .min(min, { error: min === 0 ? NEGATIVE_MESSAGE : `Skal være mindst ${min}` })
      .max(max, { error: TOO_LARGE_MESSAGE })
      .nullable(),
  );
}

/** A list of ids from checkboxes: none, one (a string) or many; an id posted twice counts once. */
export function idList() {
  return z.preprocess(
    (v) => (v == null || v === false ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ""),
    z
      .array(
        z.coerce
          .number({ error: "Ugyldigt valg" })
          .int({ error: "Ugyldigt valg" })
          .positive({ error: "Ugyldigt valg" })
          .max(MAX_INT, { error: "Ugyldigt valg" }),
      )
      // "2" and "02" are the same id: store it once.
      .transform((ids) => [...new Set(ids)]),
  );
}

/** The years a date may lie in: PostgreSQL refuses year 0, and nothing here is older or later. */
export const MIN_DATE_YEAR = 1900;
export const MAX_DATE_YEAR = 2100;

/** An ISO date (yyyy-mm-dd) from <input type="date">: a real calendar day (no 30 February). */
export function isoDate(message = "Angiv en gyldig dato") {
  return z.preprocess(
    (v) => emptyToUndefined(v),
    z.iso.date({ error: message }).refine(
      (d) => {
        const year = Number(d.slice(0, 4));
        return year >= MIN_DATE_YEAR && year <= MAX_DATE_YEAR;
      },
      { error: message },
    ),
  );
}

/**
 * The optimistic-lock version an edit form carries in its hidden `version` field (an `integer`
 * column): the row's version when the form was loaded, a positive whole number. A form whose first
 * save creates its row posts 0 until then (`allowUnsaved`); a missing or empty one is never 0.
 * Routes read it with `readVersion`.
 */
export function versionField({ allowUnsaved = false }: { allowUnsaved?: boolean } = {}) {
  return z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(allowUnsaved ? 0 : 1)
      .max(MAX_INT),
  );
}

/** A checkbox: present ("on"/"true") or absent. */
export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** A long text: the textarea's text parsed into rich text. */
export function richTextField(max = 50_000) {
  return z.preprocess(
    (v) => (v == null ? "" : v),
    safeString()
      .max(max, { error: `Teksten må højst have ${max.toLocaleString("da-DK")} tegn` })
      .transform((text): RichText => parseRichText(text)),
  );
}

/** The largest amount a form accepts: ten billion kroner (stored as bigint, exact in a double). */
export const MAX_AMOUNT = 10_000_000_000;

/** Whole kroner typed the Danish way ("1.250.000", "1250000 kr."); empty is 0. */
export function amountField(message = "Skriv et beløb i hele kroner, fx 1.250.000") {
  return z.preprocess(
    (v) => {
      if (v == null || (typeof v === "string" && v.trim() === "")) return 0;
      if (typeof v === "number") return v;
      const s = String(v)
        .trim()
        .replace(/\s|kr\.?$/gi, "");
      return /^\d{1,3}(\.\d{3})*$|^\d+$/.test(s) ? Number(s.replace(/\./g, "")) : Number.NaN;
    },
    z
      .number({ error: message })
      .int({ error: message })
      .min(0, { error: "Beløbet kan ikke være negativt" })
      .max(MAX_AMOUNT, { error: TOO_LARGE_MESSAGE }),
  );
}

/** Days per month in a common year: a deadline must exist every year, so 29 February does not. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isExistingMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * The form shows the deadline day first, as Danes write dates ("30-06"), while the database stores
 * "MM-DD" so it sorts and checks simply. "06-30" → "30-06"; anything that is not a stored "MM-DD"
 * is returned unchanged (it is already what the user typed).
 */
export function reportDueFormText(monthDay: string): string {
  const match = /^(\d{2})-(\d{2})$/.exec(monthDay);
  if (!match || !isExistingMonthDay(Number(match[1]), Number(match[2]))) return monthDay;
  return `${match[2]}-${match[1]}`;
}

/** "Angiv fristen som dag og måned, fx 30-06" for a deadline field whose default is "06-30". */
export function monthDayMessages(defaultMonthDay: string) {
  const example = reportDueFormText(defaultMonthDay);
  return {
    format: `Angiv fristen som dag og måned, fx ${example}`,
    noSuchDay: `Den dato findes ikke hvert år. Angiv en gyldig dag og måned, fx ${example}`,
  };
}

/**
 * A yearly deadline as the user types it: day and month ("30-06", "30.6", "30/06"), stored
 * "MM-DD"; empty is `defaultMonthDay`. Used by the plan's report deadline and the dispositionsfond's.
 */
export function monthDayField(defaultMonthDay: string) {
  const messages = monthDayMessages(defaultMonthDay);
  return z.preprocess(
    (v) =>
      v == null || (typeof v === "string" && v.trim() === "")
        ? reportDueFormText(defaultMonthDay)
        : v,
    z.string({ error: messages.format }).transform((text, ctx) => {
      const match = /^\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?\s*$/.exec(text);
      if (!match) {
        ctx.addIssue({ code: "custom", message: messages.format });
        return z.NEVER;
      }
      const day = Number(match[1]);
      const month = Number(match[2]);
      if (!isExistingMonthDay(month, day)) {
        ctx.addIssue({ code: "custom", message: messages.noSuchDay });
        return z.NEVER;
      }
      return `${pad2(month)}-${pad2(day)}`;
    }),
  );
}
