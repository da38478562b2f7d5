/**
 * Financing as agreements write it: the fund's table "Organisation | Finansiering" with one row
 * per source and a "Samlet budget" row (computed, so a label), and optionally a table with a
 * column per year ("–" where a source has no yearly amount) and an "I alt" column and row. The
 * kind of a source comes from its name. Pure.
 */
import type { FundingSourceKind } from "../agreement";
import { isNoAmount, millionsNote, parseAmount } from "./amounts";
import type { ImportDraft } from "./types";

type DraftSource = ImportDraft["fundingSources"][number];

/**
 * Landsbyggefonden → lbf, "Lokal medfinansiering" → local, a name with "Kommune" → municipality,
 * a housing organisation ("Boligselskab", "Boligforeningen …", "Bolig…") → housing_organisation,
 * anything else → other.
 */
export function fundingKind(name: string): FundingSourceKind {
  const n = name.toLocaleLowerCase("da");
  if (/landsbyggefond|\blbf\b/u.test(n)) return "lbf";
  if (/^lokal\s+medfinansiering/u.test(n)) return "local";
  if (/kommune/u.test(n)) return "municipality";
  if (/(^|\s)bolig|boligselskab|boligforening|boligorganisation/u.test(n)) {
    return "housing_organisation";
  }
  return "other";
}

const YEAR = /^\s*(\d{4})\s*$/;

/** Whether a header row is a per-year table: a label cell, then year columns (and "I alt"). */
export function yearColumns(header: string[]): (number | null)[] | null {
  if (header.length < 2) return null;
  const years = header.slice(1).map((cell) => {
    const m = YEAR.exec(cell);
    return m ? Number(m[1]) : null;
  });
  return years.some((y) => y !== null) ? years : null;
}

export interface AmountCellResult {
  ok: boolean;
  amount: number | null;
  note: string | null;
}

/** One amount cell: an amount, a "–" (no amount), or not an amount at all. */
export function readAmountCell(text: string): AmountCellResult {
  if (isNoAmount(text)) return { ok: true, amount: null, note: null };
  const parsed = parseAmount(text);
  if (!parsed) return { ok: false, amount: null, note: null };
  return {
    ok: true,
    amount: parsed.amount,
    note: parsed.millions ? millionsNote(text.trim(), parsed.amount) : null,
  };
}

/** A source from the totals table's row (name | amount). */
export function sourceFromTotalsRow(name: string, amount: number): DraftSource {
  return { kind: fundingKind(name), name, periodTotal: amount, amounts: [] };
}

/**
 * Adds a per-year row to the sources: the yearly amounts replace the period total of the source
 * with the same name (the totals table gave it), or make a new source.
 */
export function mergeYearlyRow(
  sources: DraftSource[],
  name: string,
  amounts: { year: number; amount: number }[],
  total: number | null,
): void {
  const existing = sources.find((s) => s.name === name);
  if (existing) {
    if (amounts.length) {
      existing.amounts = amounts;
      existing.periodTotal = null;
    }
    return;
  }
  sources.push({
    kind: fundingKind(name),
    name,
    periodTotal: amounts.length ? null : total,
    amounts,
  });
}

/** A per-year row's amount cells (after the name): the yearly amounts and the total column. */
export function readYearlyRow(
  cells: string[],
  years: (number | null)[],
): {
  ok: boolean;
  amounts: { year: number; amount: number }[];
  total: number | null;
  notes: string[];
} {
  const amounts: { year: number; amount: number }[] = [];
  const notes: string[] = [];
  let total: number | null = null;
  let ok = true;
  cells.forEach((text, k) => {
    const read = readAmountCell(text);
    if (!read.ok) ok = false;
    if (read.note) notes.push(read.note);
    const year = years[k];
    if (read.amount === null) return;
    if (year != null) amounts.push({ year, amount: read.amount });
    else total = read.amount;
  });
  return { ok, amounts, total, notes };
}
