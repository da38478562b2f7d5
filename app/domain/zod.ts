/**
 * zod with Danish default messages, plus the small field schemas our forms share. Every schema in
 * app/domain imports `z` from here so that the browser and the server speak the same Danish.
 */
import { z } from "zod";

z.config(z.locales.da());
// In the browser, skip zod's compiled fast path: its `new Function` probe is reported as a
// Content-Security-Policy violation (the policy allows no eval). The server keeps the fast path.
if (typeof document !== "undefined") z.config({ jitless: true });

export { z };

const emptyToUndefined = (value: unknown) =>
  value === "" || value === null || (typeof value === "string" && value.trim() === "")
    ? undefined
    : value;

/** A required, trimmed text with a Danish message when it is empty. */
export function requiredText(message: string, max = 500) {
  return z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ error: message })
      .min(1, { error: message })
      .max(max, { error: `Højst ${max} tegn` }),
  );
}

/** An optional text: empty becomes null. */
export function optionalText(max = 2000) {
  return z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : (v ?? null)),
    z
      .string()
      .max(max, { error: `Højst ${max} tegn` })
      .nullable(),
  );
}

/** A required id from a select: "" is missing. */
export function requiredId(message: string) {
  return z.preprocess(
    (v) => (emptyToUndefined(v) === undefined ? undefined : Number(v)),
    z.number({ error: message }).int({ error: message }).positive({ error: message }),
  );
}

/** An optional id from a select: "" becomes null. */
export function optionalId() {
  return z.preprocess(
    (v) => (emptyToUndefined(v) === undefined ? null : Number(v)),
    z.number({ error: "Ugyldigt valg" }).int().positive().nullable(),
  );
}

/** An optional whole number (e.g. tenancies): "" becomes null. */
export function optionalWholeNumber(message = "Skal være et helt tal", min = 0) {
  return z.preprocess(
    (v) => {
      const e = emptyToUndefined(v);
      if (e === undefined) return null;
      return typeof e === "string" ? Number(e.replace(/\./g, "").replace(",", ".")) : e;
    },
    z
      .number({ error: message })
      .int({ error: message })
      .min(min, { error: `Skal være mindst ${min}` })
      .nullable(),
  );
}

/** A list of ids from checkboxes: none, one (a string) or many. */
export function idList() {
  return z.preprocess(
    (v) => (v == null || v === false ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ""),
    z.array(z.coerce.number().int().positive()),
  );
}

/** An ISO date (yyyy-mm-dd) from <input type="date">. */
export function isoDate(message = "Angiv en gyldig dato") {
  return z.preprocess((v) => emptyToUndefined(v), z.iso.date({ error: message }));
}

/** The optimistic-lock version carried by edit forms. */
export const versionField = z.coerce.number().int().positive();

/** A checkbox: present ("on"/"true") or absent. */
export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
