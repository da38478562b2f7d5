/**
 * Amounts as Danish agreements write them: "3.962.000", "3.962.000 kr.", "kr. 3.962.000",
 * "3 962 000", "kr. 3,962 mio.", "3,9 mio. kr.". Whole kroner; a "mio." amount is converted and
 * says so, because "3,9 mio." is a rounded figure the user should check. Pure.
 */

export interface ParsedAmount {
  amount: number;
  /** The amount was written in millions (the note for the review screen says so). */
  millions: boolean;
}

/** A placeholder for "no amount" in a per-year table. */
export function isNoAmount(text: string): boolean {
  return /^\s*[-–—]?\s*$/.test(text) || /^\s*(?:kr\.?\s*)?[-–—]\s*(?:kr\.?)?\s*$/i.test(text);
}

/** Danish number: dots (or spaces) between thousands, comma for decimals. */
function danishNumber(text: string): number | null {
  const s = text.replace(/[\s\u00a0]/g, "");
  if (!/^\d[\d.,]*$/.test(s)) return null;
  if (s.includes(",")) {
    const [whole, decimals, ...rest] = s.split(",");
    if (rest.length || !whole || !/^\d{1,3}(\.\d{3})*$|^\d+$/.test(whole)) return null;
    return Number(`${whole.replace(/\./g, "")}.${decimals ?? ""}`);
  }
  if (/^\d{1,3}(\.\d{3})+$/.test(s) || /^\d+$/.test(s)) return Number(s.replace(/\./g, ""));
  return null;
}

/**
 * The amount `text` is, or null when it is not one amount. Accepts a "kr."/"DKK" before or after
 * and "mio."/"millioner" after the number.
 */
export function parseAmount(text: string): ParsedAmount | null {
  const s = text
    .replace(/\u00a0/g, " ")
    .trim()
    .replace(/:$/, "");
  const match =
    /^(?:(?:kr\.?|dkk)\s*)?(\d[\d.,\s]*?)\s*(mio\.?|millioner|mill\.?)?\s*(?:kr\.?|dkk|kroner)?\s*$/i.exec(
      s,
    );
  if (!match) return null;
  const value = danishNumber(match[1]!.replace(/\.$/, ""));
  if (value === null) return null;
  const millions = Boolean(match[2]);
  if (!millions && !Number.isInteger(value)) return null;
  return { amount: Math.round(millions ? value * 1_000_000 : value), millions };
}

/**
 * A line with a name and an amount: "Landsbyggefonden: 3.962.000 kr.", "Kildeby Kommune
 * 1.200.000", "Lokal medfinansiering – kr. 2,078 mio.".
 */
export function parseAmountLine(
  line: string,
): { name: string; amount: number; millions: boolean; written: string } | null {
  const match =
    /^(.*?\D)[\s:–—-]+((?:kr\.?\s*|dkk\s*)?\d[\d.,\s]*\s*(?:mio\.?|millioner|mill\.?)?\s*(?:kr\.?|dkk|kroner)?)\s*$/i.exec(
      line.replace(/\u00a0/g, " ").trim(),
    );
  if (!match) return null;
  const name = match[1]!.replace(/[\s:–—-]+$/, "").trim();
  const written = match[2]!.trim();
  const parsed = parseAmount(written);
  if (!name || !parsed) return null;
  return { name, ...parsed, written };
}

/** The review screen's note on a converted "mio." amount. */
export function millionsNote(written: string, amount: number): string {
  return `Beløbet «${written}» blev læst som ${new Intl.NumberFormat("da-DK").format(amount)} kr. Kontrollér det.`;
}
