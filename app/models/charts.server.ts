/**
 * The plan page's charts (success criteria by status per focus area, budget against spend per
 * funder and year), read in a fixed number of set-based queries whatever the plan's size, and the
 * progress report's charts, drawn from the report's own view (a final report: its snapshot).
 * Rendering costs tens of ms per chart: call these only from the pages and documents that show
 * charts.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { LRUCache } from "lru-cache";
import type { Db } from "../../db/client";
import {
  agreements,
  budgetAmounts,
  fundingSources,
  measurements,
  plans,
  spending,
  successCriteria,
} from "../../db/schema";
import { budgetYears } from "~/domain/agreement";
import {
  budgetSpendFromReport,
  criteriaByStatusFromReport,
  measuredYears,
  planBudgetSpend,
  planCriteriaByStatus,
  type BudgetSpendInput,
  type ChartName,
  type CriteriaByStatusInput,
  type PlanChartRows,
  type RenderedChart,
} from "~/domain/charts";
import type { ProgressReportView } from "~/domain/progress-report";
import { STATUS_COUNT_KEYS } from "~/domain/reporting";
import type { SessionUser } from "~/domain/user";
import { renderBudgetVsSpendChart, renderCriteriaByStatusChart } from "~/graphics/charts.server";
import { requirePlanRole } from "./access.server";
import { preparedPerDb } from "./internal/prepared.server";
import { selectPlanAgreements } from "./internal/progress-report-input.server";
import { NotFoundError } from "./errors.server";

export type { ChartName, ChartView, RenderedChart } from "~/domain/charts";

export interface PlanCharts {
  criteriaByStatus: RenderedChart;
  budgetVsSpend: RenderedChart;
  /** The year the criteria chart counts (null: nothing measured yet). */
  criteriaYear: number | null;
  /** The years with measurements, ascending (for choosing an earlier year). */
  criteriaYears: number[];
}

/** The calendar year a timestamp falls in (UTC, as the retired rows' rules count it). */
const yearOf = (column: typeof successCriteria.retiredAt) =>
  sql`extract(year from ${column} at time zone 'UTC')::int`;

/** The plan charts' queries, built once per database handle (placeholder: planId). */
const planChartQueries = preparedPerDb((db) => {
  const planId = sql.placeholder("planId");
  const ofPlan = eq(agreements.planId, planId);
  const budgetRows = db
    .select({
      kind: fundingSources.kind,
      year: budgetAmounts.year,
      measure: sql<"budget" | "spent">`'budget'`.as("measure"),
      amount: sql<number>`sum(${budgetAmounts.amount})::bigint`.mapWith(Number).as("amount"),
    })
    .from(budgetAmounts)
    .innerJoin(fundingSources, eq(fundingSources.id, budgetAmounts.fundingSourceId))
    .innerJoin(agreements, eq(agreements.id, fundingSources.agreementId))
    // As a year's report counts them: sources current in the year, or with spend in it.
    .where(
      and(
        ofPlan,
        sql`(${fundingSources.retiredAt} is null
          or extract(year from ${fundingSources.retiredAt} at time zone 'UTC') > ${budgetAmounts.year}
          or exists (select 1 from ${spending} s where s.funding_source_id = ${fundingSources.id}
            and s.year = ${budgetAmounts.year}))`,
      ),
    )
    .groupBy(fundingSources.kind, budgetAmounts.year);
  const spentRows = db
    .select({
      kind: fundingSources.kind,
      year: spending.year,
      measure: sql<"budget" | "spent">`'spent'`.as("measure"),
      amount: sql<number>`sum(${spending.amount})::bigint`.mapWith(Number).as("amount"),
    })
    .from(spending)
    .innerJoin(fundingSources, eq(fundingSources.id, spending.fundingSourceId))
    .innerJoin(agreements, eq(agreements.id, fundingSources.agreementId))
    .where(ofPlan)
    .groupBy(fundingSources.kind, spending.year);
  return {
    plan: db
      .select({ periodStart: plans.periodStart, periodEnd: plans.periodEnd })
      .from(plans)
      .where(eq(plans.id, planId))
      .prepare("plan_chart_period"),
    agreements: selectPlanAgreements(db, ofPlan).prepare("plan_chart_agreements"),
    measured: db
      .select({
        agreementId: successCriteria.agreementId,
        year: measurements.year,
        status: measurements.status,
        alive: sql<boolean>`(${successCriteria.retiredAt} is null
            or ${yearOf(successCriteria.retiredAt)} > ${measurements.year})`.as("alive"),
        count: sql<number>`count(*)::int`.mapWith(Number),
      })
      .from(measurements)
      .innerJoin(successCriteria, eq(successCriteria.id, measurements.criterionId))
      .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
      .where(ofPlan)
      .groupBy(sql`1, 2, 3, 4`)
      .prepare("plan_chart_measured"),
    criteria: db
      .select({
        agreementId: successCriteria.agreementId,
        retiredYear: sql<number | null>`${yearOf(successCriteria.retiredAt)}`.as("retired_year"),
        count: sql<number>`count(*)::int`.mapWith(Number),
      })
      .from(successCriteria)
      .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
      .where(ofPlan)
      .groupBy(sql`1, 2`)
      .prepare("plan_chart_criteria"),
    // A select from the union (a union itself cannot be prepared).
    money: db
      .select()
      .from(unionAll(budgetRows, spentRows).as("money"))
      .prepare("plan_chart_money"),
  };
});

/** The rows of both charts, or (`only`) of one: the other's queries are not run. */
async function loadPlanChartRows(
  db: Db,
  planId: number,
  only?: ChartName,
): Promise<PlanChartRows | null> {
  const criteria = only !== "budget";
  const money = only !== "criteria";
  const q = planChartQueries(db);
  const values = { planId };
  const [[plan], agreementRows, measuredRows, criterionRows, moneyRows] = await Promise.all([
    q.plan.execute(values),
    criteria ? q.agreements.execute(values) : [],
    criteria ? q.measured.execute(values) : [],
    criteria ? q.criteria.execute(values) : [],
    money ? q.money.execute(values) : [],
  ]);
  if (!plan) return null;
  return {
    years: budgetYears(plan.periodStart, plan.periodEnd),
    agreements: agreementRows,
    measured: measuredRows,
    criteria: criterionRows.map((c) => ({
      ...c,
      retiredYear: c.retiredYear === null ? null : Number(c.retiredYear),
    })),
    money: moneyRows.map((m) => ({ ...m, amount: Number(m.amount) })),
  };
}

/** The figures the plan page's charts are drawn from (and their tables told from). */
export interface PlanChartFigures {
  criteria: CriteriaByStatusInput;
  budget: BudgetSpendInput;
  /** The year the criteria chart counts (null: nothing measured yet). */
  criteriaYear: number | null;
  /** The years with measurements, ascending (for choosing an earlier year). */
  criteriaYears: number[];
}

/**
 * The plan's chart figures for its members (others 404): criteria by status in `year` (default:
 * the latest year with measurements; a year without measurements shows "Ingen data endnu"), and
 * budget against spend for every year of the period. Five queries after the access check; nothing
 * drawn (the page tells the titles and tables, the charts' own addresses draw them).
 */
export async function getPlanChartFigures(
  db: Db,
  user: SessionUser,
  planId: number,
  year?: number,
  only?: ChartName,
): Promise<PlanChartFigures> {
  await requirePlanRole(db, user, planId);
  const rows = await loadPlanChartRows(db, planId, only);
  if (!rows) throw new NotFoundError("Planen findes ikke");
  const criteriaYears = measuredYears(rows);
  const criteriaYear = year ?? criteriaYears.at(-1) ?? null;
  return {
    criteria: planCriteriaByStatus(rows, criteriaYear),
    budget: planBudgetSpend(rows),
    criteriaYear,
    criteriaYears,
  };
}

/**
 * The plan's charts drawn (for documents: the PNGs are drawn only when asked for, `png()`), with
 * the figures of getPlanChartFigures.
 */
export async function getPlanCharts(
  db: Db,
  user: SessionUser,
  planId: number,
  year?: number,
): Promise<PlanCharts> {
  const figures = await getPlanChartFigures(db, user, planId, year);
  const [criteriaByStatus, budgetVsSpend] = await Promise.all([
    renderCriteriaByStatusChart(figures.criteria),
    renderBudgetVsSpendChart(figures.budget),
  ]);
  return {
    criteriaByStatus,
    budgetVsSpend,
    criteriaYear: figures.criteriaYear,
    criteriaYears: figures.criteriaYears,
  };
}

/**
 * The progress report's two charts, from its view: the year's criteria by status per focus area
 * and the year's budget against spend per funder. A final report's view is its snapshot, so the
 * charts show the frozen figures. No queries (the caller has checked access to the report).
 */
export async function renderProgressReportCharts(
  view: ProgressReportView,
): Promise<RenderedChart[]> {
  return Promise.all([
    renderCriteriaByStatusChart(criteriaByStatusFromReport(view)),
    renderBudgetVsSpendChart(budgetSpendFromReport(view)),
  ]);
}

// --- one chart at its own address ----------------------------------------------------------------

/** One chart to answer for: a tag of what it is drawn from, and its drawing when needed. */
export interface ChartDrawing {
  /**
   * A digest of the chart's figures (chartTag): within one build the same figures draw the same
   * SVG (title and description included), so a request that has the tag needs no drawing.
   */
  tag: string;
  /** The SVG document (drawn, or the drawing kept of the same spec). */
  svg: () => Promise<string>;
}

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 32);
}

/**
 * The tag of chart `name` drawn from `input`: "criteria-<digest of the figures>". The pages put it
 * in the chart's address (planChartPath, reportChartPath) and the chart's route in its ETag (with
 * the build, which decides how figures are drawn).
 */
export function chartTag(name: "criteria", input: CriteriaByStatusInput): string;
export function chartTag(name: "budget", input: BudgetSpendInput): string;
export function chartTag(name: ChartName, input: CriteriaByStatusInput | BudgetSpendInput): string {
  // The figures in a fixed order (a final report's snapshot comes back from jsonb with its keys
  // in another order): the same figures, the same tag.
  const figures =
    "focusAreas" in input
      ? [
          input.year,
          input.focusAreas.map((f) => [f.focusArea, ...STATUS_COUNT_KEYS.map((k) => f.counts[k])]),
        ]
      : [input.years, input.rows.map((r) => [r.kind, r.year, r.budget, r.spent])];
  return `${name}-${digest(figures)}`;
}

function criteriaDrawing(input: CriteriaByStatusInput): ChartDrawing {
  return {
    tag: chartTag("criteria", input),
    svg: async () => (await renderCriteriaByStatusChart(input)).svg,
  };
}

function budgetDrawing(input: BudgetSpendInput): ChartDrawing {
  return {
    tag: chartTag("budget", input),
    svg: async () => (await renderBudgetVsSpendChart(input)).svg,
  };
}

/** The plan page's chart `name` for its members (others 404), criteria counted in `year`. */
export async function getPlanChartDrawing(
  db: Db,
  user: SessionUser,
  planId: number,
  name: ChartName,
  year?: number,
): Promise<ChartDrawing> {
  // Only the chart's own queries (the budget chart: two of the five).
  const figures = await getPlanChartFigures(db, user, planId, year, name);
  return name === "criteria" ? criteriaDrawing(figures.criteria) : budgetDrawing(figures.budget);
}

/** The progress report's chart `name`, from its view (the caller has checked access). */
export function progressReportChartDrawing(
  view: ProgressReportView,
  name: ChartName,
): ChartDrawing {
  return name === "criteria"
    ? criteriaDrawing(criteriaByStatusFromReport(view))
    : budgetDrawing(budgetSpendFromReport(view));
}

// --- drawings kept by their tag ------------------------------------------------------------------

/**
 * The last SVG documents served, by where they were served (`scope`: the plan, or the plan's
 * report of a year, and the chart's name) and their tag: a chart's route that is asked for a tag
 * it has served answers from here after its access check, without reading the figures. The scope
 * keeps one plan's drawing from being answered at another plan's address. Bounded, oldest out.
 */
const MAX_KEPT = 200; // about 20–60 KB each
const keptSvgs = new LRUCache<string, string>({ max: MAX_KEPT });

const keptKey = (scope: string, tag: string) => `${scope}|${tag}`;

/** The SVG served at `scope` for `tag`, if kept. */
export function keptChartSvg(scope: string, tag: string): string | undefined {
  return keptSvgs.get(keptKey(scope, tag));
}

/** Keeps the SVG served at `scope` for `tag`. */
export function keepChartSvg(scope: string, tag: string, svg: string): void {
  keptSvgs.set(keptKey(scope, tag), svg);
}

/** Forgets the drawings kept by tag (tests). */
export function clearKeptChartSvgs(): void {
  keptSvgs.clear();
}
