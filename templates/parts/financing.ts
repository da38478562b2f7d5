/**
 * The fund template's financing tables: first `Organisation | Finansiering` with one row per
 * Landsbyggefonden line and per local line and the focus area's total, each for the whole period;
 * then, only when some source has yearly amounts, the same lines per year (a line with only a
 * period total shows "–" in the year columns). Amounts in Danish format.
 */
import type { Table } from "docx";
import {
  budgetLineLabel,
  budgetLines,
  FINANCING_LABELS,
  hasFinancing,
  NO_YEARLY_AMOUNT,
} from "../../app/domain/agreement-layout";
import type { Budget } from "../../app/domain/budget";
import { formatAmount } from "../../app/domain/format";
import { BODY_SIZE, TEXT_WIDTH } from "./styles";
import { CELL_PADDING, gridTable, type Cell } from "./tables";

export const LBF_LABEL = FINANCING_LABELS.lbf;
export const LOCAL_LABEL = FINANCING_LABELS.local;
export const TOTAL_LABEL = FINANCING_LABELS.total;

const amountCell = (value: number, bold?: boolean): Cell => ({
  content: formatAmount(value),
  bold,
  alignment: "right",
});

function totalsTable(budget: Budget): Table {
  return gridTable({
    header: [
      FINANCING_LABELS.organisation,
      { content: FINANCING_LABELS.financing, alignment: "right" },
    ],
    rows: [
      ...budgetLines(budget).map((line): Cell[] => [
        { content: budgetLineLabel(line), bold: true },
        amountCell(line.total, true),
      ]),
      [{ content: TOTAL_LABEL, bold: true }, amountCell(budget.total.total, true)],
    ],
    widths: [0.62, 0.38],
    cantSplitRows: true,
    keepTogether: true,
  });
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

function yearlyTable(budget: Budget): Table {
  const lines = budgetLines(budget);
  // Year sums are only true totals when every line is split by year.
  const allYearly = lines.every((line) => line.yearly);
  const row = (label: string, byYear: (number | null)[], total: number, bold?: boolean): Cell[] => [
    { content: label, bold },
    ...byYear.map((value) =>
      value === null
        ? ({ content: NO_YEARLY_AMOUNT, alignment: "right", bold } satisfies Cell)
        : amountCell(value, bold),
    ),
    amountCell(total, bold),
  ];
  const rows: Cell[][] = [
    ...lines.map((line) =>
      row(
        budgetLineLabel(line),
        line.yearly ? line.byYear : line.byYear.map(() => null),
        line.total,
      ),
    ),
    row(
      FINANCING_LABELS.yearlyTotal,
      allYearly ? budget.total.byYear : budget.total.byYear.map(() => null),
      budget.total.total,
      true,
    ),
  ];
  const texts = [...lines, budget.total]
    .flatMap((line) => [...line.byYear, line.total])
    .map(formatAmount);
  const columns = budget.years.length + 1;
  const { widths, textSize } = layout(texts, columns);
  return gridTable({
    header: [
      FINANCING_LABELS.yearly,
      ...budget.years.map((y): Cell => ({ content: String(y), alignment: "right" })),
      { content: FINANCING_LABELS.yearlyTotal, alignment: "right" },
    ],
    rows,
    widths,
    textSize: textSize === BODY_SIZE ? undefined : textSize,
    cantSplitRows: true,
    keepTogether: true,
  });
}

/** The financing tables, or none when nothing is budgeted. */
export function financingTables(budget: Budget): Table[] {
  if (!hasFinancing(budget)) return [];
  return budget.hasYearly ? [totalsTable(budget), yearlyTable(budget)] : [totalsTable(budget)];
}
