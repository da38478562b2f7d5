/**
 * The validity period as agreements write it: "1. marts 2017 – 28. februar 2021", "fra 1. marts
 * 2017 til 28. februar 2021", "01.03.2017-28.02.2021", "1/3 2017 - 28/2 2021", "Aftalen gælder fra
 * den 1. januar 2023 – 31. december 2026." → ISO dates. Pure.
 */

const MONTHS: Record<string, number> = {
  januar: 1,
  jan: 1,
  februar: 2,
  feb: 2,
  marts: 3,
  mar: 3,
  april: 4,
  apr: 4,
  maj: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

function iso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  if (year < 1990 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const DATE_PATTERN = new RegExp(
  [
    // 1. marts 2017, 1 marts 2017, 1. mar. 2017
    String.raw`(\d{1,2})\.?\s*(${Object.keys(MONTHS).join("|")})\.?\s+(\d{4})`,
    // 01.03.2017, 1/3-2017, 1-3-2017, 1/3 2017
    String.raw`(\d{1,2})[./-](\d{1,2})[./\-\s](\d{4})`,
    // 2017-03-01
    String.raw`(\d{4})-(\d{2})-(\d{2})`,
  ].join("|"),
  "giu",
);

/** Every date in the text, in order, as ISO dates (impossible dates left out). */
export function findDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DATE_PATTERN)) {
    let date: string | null = null;
    if (m[1] && m[2] && m[3]) {
      date = iso(Number(m[3]), MONTHS[m[2].toLocaleLowerCase("da")]!, Number(m[1]));
    } else if (m[4] && m[5] && m[6]) {
      date = iso(Number(m[6]), Number(m[5]), Number(m[4]));
    } else if (m[7] && m[8] && m[9]) {
      date = iso(Number(m[7]), Number(m[8]), Number(m[9]));
    }
    if (date) out.push(date);
  }
  return out;
}

/** The period a validity line gives: its first two dates, when the second is after the first. */
export function parseValidity(text: string): { validFrom: string; validTo: string } | null {
  const [validFrom, validTo] = findDates(text);
  if (!validFrom || !validTo || validTo <= validFrom) return null;
  return { validFrom, validTo };
}
