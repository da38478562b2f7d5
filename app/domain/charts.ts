/**
 * The charts of the plan page and the yearly progress report, as pure data: success criteria by
 * status per focus area in a year, and budget against spend per kind of funder per year. The
 * values the chart specs draw, the titles, the screen readers' descriptions and the data tables
 * shown next to each chart all come from here, so a chart and its table always tell the same
 * numbers. Drawing (vega-lite → SVG → PNG) is in app/graphics/charts.server.ts. Client-safe.
 */
import { fundingSourceKindLabels, FUNDING_SOURCE_KINDS, type FundingSourceKind } from "./agreement";
import { formatAmount, formatInteger } from "./format";
import {
  measurementStatusLabels,
  NO_MEASUREMENT_LABEL,
  type MeasurementStatus,
} from "./measurement";
import type { ProgressReportView, ReportCounts } from "./progress-report";
import { STATUS_COUNT_KEYS } from "./reporting";

export const NO_CHART_DATA = "Ingen data endnu";

/** The statuses in the order the bars stack them, "none" (no measurement entered) last. */
export type ChartStatus = (typeof STATUS_COUNT_KEYS)[number];

export function chartStatusLabel(status: ChartStatus): string {
  return status === "none" ? NO_MEASUREMENT_LABEL : measurementStatusLabels[status];
}

export interface ChartTable {
  head: string[];
  rows: string[][];
}

/** A PNG of a chart for Word (the same shape as app/graphics/png.server.ts's PngImage). */
export interface ChartPng {
  data: Uint8Array;
  /** Size in CSS pixels. */
  width: number;
  height: number;
}

/** What a page and a document tell of a chart besides the drawing. */
export interface ChartText {
  title: string;
  description: string;
  /** The chart's numbers as a table (visually hidden next to the chart on screen). */
  table: ChartTable;
}

/**
 * What a page shows of a chart: serialisable, so a loader returns it as it is. The drawing is not
 * in it: the page shows it as an image from its own address (`src`, an SVG resource route).
 */
export interface ChartView extends ChartText {
  src: string;
}

/** A rendered chart. `png` draws the PNG on first call (it costs tens of ms) and keeps it. */
export interface RenderedChart extends ChartText {
  /** A whole SVG document drawn by vega, with a <title> and <desc>. */
  svg: string;
  png: () => ChartPng;
}

export function toChartView({ title, description, table }: ChartText, src: string): ChartView {
  return { title, description, table, src };
}

/** The two charts, by the name their addresses carry (`criteria.svg`, `budget.svg`). */
export const CHART_NAMES = ["criteria", "budget"] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/**
 * The plan page's chart `name`, counting criteria in `year` (null: the latest measured). `tag`
 * (the digest of its figures, app/models/charts.server.ts chartTag) names the drawing: the chart's
 * route answers a request that names the current tag without reading the figures again.
 */
export function planChartPath(
  planId: number,
  name: ChartName,
  year: number | null,
  tag?: string,
): string {
  const query = [
    ...(year === null ? [] : [`chartYear=${year}`]),
    ...(tag === undefined ? [] : [`v=${tag}`]),
  ];
  return `/plans/${planId}/charts/${name}.svg${query.length ? `?${query.join("&")}` : ""}`;
}

/** The progress report's chart `name` (the report's year, its own figures; `tag` as above). */
export function reportChartPath(
  planId: number,
  year: number,
  name: ChartName,
  tag?: string,
): string {
  return `/plans/${planId}/reports/${year}/charts/${name}.svg${tag === undefined ? "" : `?v=${tag}`}`;
}

// --- success criteria by status ----------------------------------------------------------------

export interface CriteriaByStatusInput {
  /** The year counted; null when no criterion has been measured in any year. */
  year: number | null;
  /** In focus-area order. */
  focusAreas: { focusArea: string; counts: ReportCounts }[];
}

/** One stacked segment: `start`–`end` along the count axis, `mid` for its label. */
export interface CriteriaStatusDatum {
  focusArea: string;
  status: ChartStatus;
  label: string;
  /** Position in the stack (for the colour's order). */
  order: number;
  count: number;
  start: number;
  end: number;
  mid: number;
}

/** The non-empty segments, stacked per focus area in status order. */
export function criteriaStatusValues(input: CriteriaByStatusInput): CriteriaStatusDatum[] {
  return input.focusAreas.flatMap(({ focusArea, counts }) => {
    let start = 0;
    return STATUS_COUNT_KEYS.flatMap((status, order) => {
      const count = counts[status];
      if (count <= 0) return [];
      const datum = {
        focusArea,
        status,
        label: chartStatusLabel(status),
        order,
        count,
        start,
        end: start + count,
        mid: start + count / 2,
      };
      start += count;
      return [datum];
    });
  });
}

export function hasCriteriaData(input: CriteriaByStatusInput): boolean {
  return (
    input.year !== null &&
    input.focusAreas.some((f) => STATUS_COUNT_KEYS.some((s) => f.counts[s] > 0))
  );
}

export function criteriaChartTitle(year: number | null): string {
  return year === null
    ? "Succeskriterier efter status"
    : `Succeskriterier efter status pr. indsatsområde, ${year}`;
}

export function criteriaChartTable(input: CriteriaByStatusInput): ChartTable {
  return {
    head: ["Indsatsområde", ...STATUS_COUNT_KEYS.map(chartStatusLabel), "I alt"],
    rows: input.focusAreas.map(({ focusArea, counts }) => [
      focusArea,
      ...STATUS_COUNT_KEYS.map((s) => formatInteger(counts[s])),
      formatInteger(STATUS_COUNT_KEYS.reduce((sum, s) => sum + counts[s], 0)),
    ]),
  };
}

/** The criteria chart's title, description and table (no drawing). */
export function criteriaChartText(input: CriteriaByStatusInput): ChartText {
  return {
    title: criteriaChartTitle(input.year),
    description: criteriaChartDescription(input),
    table: criteriaChartTable(input),
  };
}

/** "Opfyldt 3, Delvist opfyldt 1" for one focus area; statuses without criteria left out. */
function countsSentence(counts: ReportCounts): string {
  return STATUS_COUNT_KEYS.filter((s) => counts[s] > 0)
    .map((s) => `${chartStatusLabel(s)} ${formatInteger(counts[s])}`)
    .join(", ");
}

export function criteriaChartDescription(input: CriteriaByStatusInput): string {
  if (!hasCriteriaData(input)) return `${NO_CHART_DATA}: ingen succeskriterier er målt.`;
  const parts = input.focusAreas
    .filter((f) => STATUS_COUNT_KEYS.some((s) => f.counts[s] > 0))
    .map((f) => `${f.focusArea}: ${countsSentence(f.counts)}`);
  return `Vandrette søjler med antal succeskriterier i ${input.year} efter status for hvert indsatsområde. ${parts.join("; ")}.`;
}

/** The report's own counts (from its view, so a final report shows its frozen figures). */
export function criteriaByStatusFromReport(view: ProgressReportView): CriteriaByStatusInput {
  return {
    year: view.year,
    focusAreas: view.agreements.map((a) => ({ focusArea: a.focusArea, counts: a.counts })),
  };
}

// --- budget against spend -------------------------------------------------------------------------

/** Budget and spend of one kind of funder in one year (sources summed over the agreements). */
export interface BudgetSpendRow {
  kind: FundingSourceKind;
  year: number;
  budget: number;
  spent: number;
}

export interface BudgetSpendInput {
  /** The years drawn, in order (the plan's period, or the report's year). */
  years: number[];
  rows: BudgetSpendRow[];
}

export const BUDGET_LABEL = "Budget";
export const SPENT_LABEL = "Forbrug";

export interface BudgetSpendDatum {
  year: string;
  funder: string;
  /** The funder's position (LBF first, then the local kinds in the app's order). */
  funderOrder: number;
  measure: typeof BUDGET_LABEL | typeof SPENT_LABEL;
  amount: number;
  /** "3.962.000 kr." */
  text: string;
}

/** Rows summed per kind and year, in year then funder order; kinds with nothing at all dropped. */
function budgetSpendLines(input: BudgetSpendInput) {
  const byKey = new Map<string, BudgetSpendRow>();
  for (const r of input.rows) {
    const key = `${r.year}|${r.kind}`;
    const line = byKey.get(key) ?? { kind: r.kind, year: r.year, budget: 0, spent: 0 };
    line.budget += r.budget;
    line.spent += r.spent;
    byKey.set(key, line);
  }
  const kinds = FUNDING_SOURCE_KINDS.filter((k) =>
    input.rows.some((r) => r.kind === k && (r.budget > 0 || r.spent > 0)),
  );
  return input.years.flatMap((year) =>
    kinds.map((kind) => byKey.get(`${year}|${kind}`) ?? { kind, year, budget: 0, spent: 0 }),
  );
}

export function budgetSpendValues(input: BudgetSpendInput): BudgetSpendDatum[] {
  return budgetSpendLines(input).flatMap((line) => {
    const base = {
      year: String(line.year),
      funder: fundingSourceKindLabels[line.kind],
      funderOrder: FUNDING_SOURCE_KINDS.indexOf(line.kind),
    };
    return [
      { ...base, measure: BUDGET_LABEL, amount: line.budget, text: formatAmount(line.budget) },
      { ...base, measure: SPENT_LABEL, amount: line.spent, text: formatAmount(line.spent) },
    ];
  });
}

export function hasBudgetSpendData(input: BudgetSpendInput): boolean {
  return input.rows.some((r) => input.years.includes(r.year) && (r.budget > 0 || r.spent > 0));
}

export function budgetChartTitle(years: readonly number[]): string {
  const span =
    years.length === 0
      ? ""
      : years.length === 1
        ? `, ${years[0]}`
        : `, ${years[0]}–${years[years.length - 1]}`;
  return `Budget og forbrug pr. finansieringskilde${span}`;
}

export function budgetChartTable(input: BudgetSpendInput): ChartTable {
  return {
    head: ["År", "Finansieringskilde", BUDGET_LABEL, SPENT_LABEL],
    rows: budgetSpendLines(input).map((l) => [
      String(l.year),
      fundingSourceKindLabels[l.kind],
      formatAmount(l.budget),
      formatAmount(l.spent),
    ]),
  };
}

export function budgetChartDescription(input: BudgetSpendInput): string {
  if (!hasBudgetSpendData(input)) return `${NO_CHART_DATA}: intet budget eller forbrug pr. år.`;
  const parts = budgetSpendLines(input)
    .filter((l) => l.budget > 0 || l.spent > 0)
    .map(
      (l) =>
        `${l.year} ${fundingSourceKindLabels[l.kind]}: budget ${formatAmount(l.budget)}, forbrug ${formatAmount(l.spent)}`,
    );
  return `Vandrette søjler med budget og forbrug for hver finansieringskilde pr. år. ${parts.join("; ")}`;
}

/** The budget chart's title, description and table (no drawing). */
export function budgetChartText(input: BudgetSpendInput): ChartText {
  return {
    title: budgetChartTitle(input.years),
    description: budgetChartDescription(input),
    table: budgetChartTable(input),
  };
}

/** The report's year from its own view (a final report: its frozen figures). */
export function budgetSpendFromReport(view: ProgressReportView): BudgetSpendInput {
  return {
    years: [view.year],
    rows: view.agreements.flatMap((a) =>
      [...a.spending.lbf, ...a.spending.local].map((line) => ({
        kind: line.kind,
        year: view.year,
        budget: line.budget,
        spent: line.spent,
      })),
    ),
  };
}

// --- the plan page's charts, from a few set-based queries ----------------------------------------

/** The rows the plan's charts are built from (app/models/charts.server.ts reads them). */
export interface PlanChartRows {
  /** The calendar years of the plan's period. */
  years: number[];
  /** In focus-area order. */
  agreements: { id: number; focusArea: string; validFrom: string; validTo: string }[];
  /**
   * Measurements counted per agreement, year and status; `alive` tells whether the criteria were
   * current in that year (not retired, or retired in a later year).
   */
  measured: {
    agreementId: number;
    year: number;
    status: MeasurementStatus;
    alive: boolean;
    count: number;
  }[];
  /** Criteria counted per agreement and the year they were retired (null: current). */
  criteria: { agreementId: number; retiredYear: number | null; count: number }[];
  /** Budget (yearly amounts) and spend summed per kind of funder and year. */
  money: { kind: FundingSourceKind; year: number; measure: "budget" | "spent"; amount: number }[];
}

/** The years in which any criterion of the plan was measured, ascending. */
export function measuredYears(rows: Pick<PlanChartRows, "measured">): number[] {
  return [...new Set(rows.measured.filter((m) => m.count > 0).map((m) => m.year))].sort(
    (a, b) => a - b,
  );
}

/**
 * Success criteria by status per focus area in `year`, counted as the year's progress report
 * counts them: the agreements whose validity touches the year, their criteria current in the year
 * (or measured in it), "none" for those without a measurement. A null year: no data.
 */
export function planCriteriaByStatus(
  rows: Pick<PlanChartRows, "agreements" | "measured" | "criteria">,
  year: number | null,
): CriteriaByStatusInput {
  if (year === null) return { year, focusAreas: [] };
  const focusAreas = rows.agreements
    .filter((a) => a.validFrom <= `${year}-12-31` && a.validTo >= `${year}-01-01`)
    .map((a) => {
      const counts: ReportCounts = { met: 0, partly_met: 0, not_met: 0, not_measured: 0, none: 0 };
      let measuredAlive = 0;
      for (const m of rows.measured) {
        if (m.agreementId !== a.id || m.year !== year) continue;
        counts[m.status] += m.count;
        if (m.alive) measuredAlive += m.count;
      }
      const alive = rows.criteria
        .filter((c) => c.agreementId === a.id && (c.retiredYear === null || c.retiredYear > year))
        .reduce((sum, c) => sum + c.count, 0);
      counts.none = Math.max(0, alive - measuredAlive);
      return { focusArea: a.focusArea, counts };
    });
  return { year, focusAreas };
}

/** Budget against spend per kind of funder for every year of the plan's period. */
export function planBudgetSpend(rows: Pick<PlanChartRows, "years" | "money">): BudgetSpendInput {
  return {
    years: rows.years,
    rows: rows.money
      .filter((m) => rows.years.includes(m.year))
      .map((m) => ({
        kind: m.kind,
        year: m.year,
        budget: m.measure === "budget" ? m.amount : 0,
        spent: m.measure === "spent" ? m.amount : 0,
      })),
  };
}
