/**
 * The financing table: Organisation | one column per year | I alt, with Landsbyggefonden, the local
 * co-financing (each source one level in) and the agreement's total. Amounts in Danish format.
 */
import type { Table } from "docx";
import type { Budget, BudgetLine } from "../../app/domain/budget";
import { formatAmount } from "../../app/domain/format";
import { BODY_SIZE, TEXT_WIDTH } from "./styles";
import { CELL_PADDING, gridTable, type Cell } from "./tables";

export const LBF_LABEL = "Landsbyggefonden";
export const LOCAL_LABEL = "Lokal medfinansiering";
export const TOTAL_LABEL = "Samlet budget";

const SOURCE_INDENT = 284;

interface Amounts {
  byYear: number[];
  total: number;
}

function amountRow(
  label: string,
  amounts: Amounts,
  options: { bold?: boolean; indent?: number },
): Cell[] {
  const { bold, indent } = options;
  return [
    { content: label, bold, indent },
    ...[...amounts.byYear, amounts.total].map((value): Cell => ({
      content: formatAmount(value),
      bold,
      alignment: "right",
    })),
  ];
}

function sourceRows(lines: BudgetLine[]): Cell[][] {
  return lines.map((line) => amountRow(line.label, line, { indent: SOURCE_INDENT }));
}

/** The narrowest the organisation column may get (about 3.2 cm), in twips. */
const MIN_LABEL_WIDTH = 1800;
const TEXT_SIZES = [BODY_SIZE, 20, 18];

/** A line's width in Calibri, in ems, a little on the wide side (bold, rounding). */
function textEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += /\d/.test(ch) ? 0.51 : /[.,: ]/.test(ch) ? 0.25 : 0.5;
  return ems * 1.1;
}

/**
 * Column widths (as fractions) and text size that keep every amount on one line in Word: the
 * amount columns get what the widest amount needs, the organisation column the rest, and the text
 * gets smaller (11, 10, then 9 pt) until the organisation column is wide enough. With very many
 * years the amounts may still wrap after the number, which is readable.
 */
function layout(texts: string[], columns: number): { widths: number[]; textSize: number } {
  const widest = Math.max(...texts.map(textEms));
  const fits = TEXT_SIZES.map((size) => ({
    size,
    // ems × half-points × 10 = twips
    amount: Math.ceil(widest * size * 10) + 2 * CELL_PADDING + 40,
  }));
  const chosen =
    fits.find((f) => TEXT_WIDTH - f.amount * columns >= MIN_LABEL_WIDTH) ?? fits[fits.length - 1]!;
  const amount = Math.min(chosen.amount, (TEXT_WIDTH - MIN_LABEL_WIDTH) / columns);
  const label = TEXT_WIDTH - amount * columns;
  return {
    widths: [label, ...Array.from({ length: columns }, () => amount)].map((w) => w / TEXT_WIDTH),
    textSize: chosen.size,
  };
}

export function financingTable(budget: Budget): Table {
  const columns = budget.years.length + 1;
  // A single source called Landsbyggefonden is its own total; otherwise list the sources under it.
  const onlyLbf = budget.lbf.length === 1 && budget.lbf[0]?.label === LBF_LABEL;
  const rows: Cell[][] = [
    amountRow(LBF_LABEL, budget.lbfTotal, { bold: true }),
    ...(onlyLbf ? [] : sourceRows(budget.lbf)),
    amountRow(LOCAL_LABEL, budget.localTotal, { bold: true }),
    ...sourceRows(budget.local),
    amountRow(TOTAL_LABEL, budget.total, { bold: true }),
  ];
  const amounts = [budget.lbfTotal, budget.localTotal, budget.total, ...budget.lbf, ...budget.local]
    .flatMap((line) => [...line.byYear, line.total])
    .map(formatAmount);
  const { widths, textSize } = layout(amounts, columns);
  return gridTable({
    header: [
      "Organisation",
      ...budget.years.map((y): Cell => ({ content: String(y), alignment: "right" })),
      { content: "I alt", alignment: "right" },
    ],
    rows,
    widths,
    textSize: textSize === BODY_SIZE ? undefined : textSize,
  });
}
