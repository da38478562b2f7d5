/**
 * Success criteria as agreements write them: a two-column table (criterion | data source) with
 * "Udgangspunkt: 48 % (2022)" and "Mål: 65 % (2026)" lines under the criterion, or list lines
 * "Criterion – datakilde: Source". Baselines and targets that are not one number stay text, as
 * the app's own export prints them ("53 %, 66 % og 68 % (2016)", "42 % (2016) – gennemsnit").
 */
import type { DraftCriterion, DraftMeasure } from "./types";

/** A Danish decimal ("11,5", "1.250", "1.250,75"). */
function danishDecimal(text: string): number | null {
  const s = text.replace(/\s/g, "");
  if (/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(s) || /^-?\d+(,\d+)?$/.test(s)) {
    return Number(s.replace(/\./g, "").replace(",", "."));
  }
  return null;
}

/**
 * "48 % (2022)" → 48, "%", 2022; "4 fester (2024)" → 4, "fester", 2024; "53 %, 66 % og 68 %
 * (2016)" → text with its year; "42 % (2016) – gennemsnit af tre afdelinger" → both.
 */
export function parseMeasure(written: string): DraftMeasure | null {
  const text = written.replace(/\s+/g, " ").trim().replace(/\.$/, "");
  if (!text) return null;
  const match = /^(.*?)(?:\s*\((\d{4})\))?(?:\s+[–—-]\s+(.+))?$/u.exec(text);
  const head = match?.[1]?.trim() ?? text;
  const year = match?.[2] ? Number(match[2]) : null;
  const after = match?.[3]?.trim() || null;
  const number = /^(-?[\d.,]+)(?:\s*(%|[\p{L}][\p{L}.\- ]*))?$/u.exec(head);
  const value = number ? danishDecimal(number[1]!) : null;
  if (number && value !== null) {
    return { value, unit: number[2]?.trim() || null, year, text: after };
  }
  if (year !== null && !head) return { value: null, unit: null, year, text: after };
  // Not one number: the whole measure is text (with its year, when it has one).
  return { value: null, unit: null, year, text: after ? `${head} – ${after}` : head || null };
}

const BASELINE = /^\s*(?:udgangspunkt|baseline|nulpunkt|start(?:punkt)?)\s*[:–-]\s*(.+)$/iu;
const TARGET = /^\s*(?:mål(?:sætning)?|målet|target|forventet)\s*[:–-]\s*(.+)$/iu;

/** "Udgangspunkt: 48 % (2022)" → the baseline; null for another line. */
export function parseBaselineLine(line: string): DraftMeasure | null {
  const match = BASELINE.exec(line);
  return match ? parseMeasure(match[1]!) : null;
}

export function parseTargetLine(line: string): DraftMeasure | null {
  const match = TARGET.exec(line);
  return match ? parseMeasure(match[1]!) : null;
}

/**
 * A criterion from its cell's lines: the text (all lines that are not a baseline or target),
 * then the baseline and target lines.
 */
export function criterionFromLines(lines: string[], dataSource: string): DraftCriterion {
  const texts: string[] = [];
  let baseline: DraftMeasure | null = null;
  let target: DraftMeasure | null = null;
  for (const line of lines) {
    const b = texts.length ? parseBaselineLine(line) : null;
    const t = texts.length && !b ? parseTargetLine(line) : null;
    if (b) baseline = b;
    else if (t) target = t;
    else texts.push(line);
  }
  return { text: texts.join("\n"), dataSource: dataSource.trim(), baseline, target };
}

/**
 * A criterion written on one line with its data source: "Text – datakilde: Source", "Text
 * (datakilde: Source)", "Text. Datakilde: Source".
 */
export function parseCriterionLine(line: string): DraftCriterion | null {
  const match =
    /^(.+?)\s*\((?:data)?kilde\s*:\s*([^()]+)\)\s*\.?$/iu.exec(line) ??
    /^(.+?)[\s.,;]*[–—-]?\s*(?:data)?kilde\s*:\s*(.+)$/iu.exec(line);
  if (!match) return null;
  const text = match[1]!.replace(/[\s–—-]+$/, "").trim();
  if (!text) return null;
  return { text, dataSource: match[2]!.trim(), baseline: null, target: null };
}
