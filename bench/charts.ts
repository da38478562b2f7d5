/**
 * The charts of a plan of 4 agreements × 25 criteria × 4 years (every criterion measured and
 * every source spent in each year): median/p95 of drawing each chart to SVG (vega-lite → vega)
 * and to PNG (resvg), of the plan page's getPlanCharts (queries + both SVGs), and of the
 * progress report's Word document with and without its charts, on PGlite or (PROBE_URL=postgres://…
 * to an empty database) PostgreSQL.
 *   npx tsx bench/charts.ts
 */
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import { measurements, spending, successCriteria, agreements, fundingSources } from "../db/schema";
import { eq } from "drizzle-orm";
import { generateReportPlan } from "./dataset";
import {
  budgetSpendFromReport,
  criteriaByStatusFromReport,
  type BudgetSpendInput,
} from "../app/domain/charts";
import {
  clearChartCache,
  renderBudgetVsSpendChart,
  renderCriteriaByStatusChart,
} from "../app/graphics/charts.server";
import { svgToPng } from "../app/graphics/png.server";
import { getPlanCharts, renderProgressReportCharts } from "../app/models/charts.server";
import { getProgressReport } from "../app/models/progress-reports.server";
import { buildProgressReportDocument } from "../templates/progress-report";
import { renderDocx } from "../templates/render";

const YEARS = [2023, 2024, 2025, 2026];
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

const handle = await openDb(
  process.env.PROBE_URL ? { driver: "postgres", url: process.env.PROBE_URL } : { driver: "pglite" },
);
await migrateDb(handle);
const demo = await seedDemoData(handle.db);
const planId = await generateReportPlan(handle.db, demo, {
  agreementCount: 4,
  activitiesPerAgreement: 5,
  criteriaPerActivity: 5,
  year: 2025,
});
// The other years' figures (the generator measures and spends in 2025 only).
const statuses = ["met", "partly_met", "not_met", "not_measured"] as const;
const [criteria, sources] = await Promise.all([
  handle.db
    .select({ id: successCriteria.id })
    .from(successCriteria)
    .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
    .where(eq(agreements.planId, planId)),
  handle.db
    .select({ id: fundingSources.id })
    .from(fundingSources)
    .innerJoin(agreements, eq(agreements.id, fundingSources.agreementId))
    .where(eq(agreements.planId, planId)),
]);
for (const year of YEARS.filter((y) => y !== 2025)) {
  await handle.db.insert(measurements).values(
    criteria.map((c, i) => ({
      criterionId: c.id,
      year,
      status: statuses[(i + year) % statuses.length]!,
    })),
  );
  await handle.db
    .insert(spending)
    .values(
      sources.map((s, i) => ({ fundingSourceId: s.id, year, amount: 180_000 + i * 7_000 + year })),
    );
}
const admin = { id: demo.userIds.admin, email: "", name: "", isAdmin: true };

/** Wall time, and the process's CPU time per run (steadier on a shared, busy machine). */
async function measure(label: string, fn: () => unknown) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const at = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  };
  const ms = (v: number) => v.toFixed(1).padStart(6);
  console.log(
    `${label.padEnd(48)} median ${ms(at(times, 0.5))} ms   p95 ${ms(at(times, 0.95))} ms   CPU median ${ms(at(cpu, 0.5))} ms`,
  );
}

const views = await Promise.all(
  YEARS.map(async (y) => (await getProgressReport(handle.db, admin, planId, y)).view),
);
const report = views[2]!;
const criteriaInput = criteriaByStatusFromReport(report);
const budgetInput: BudgetSpendInput = {
  years: YEARS,
  rows: views.flatMap((v) => budgetSpendFromReport(v).rows),
};
const criteriaChart = await renderCriteriaByStatusChart(criteriaInput);
const budgetChart = await renderBudgetVsSpendChart(budgetInput);

const queries: string[] = [];
const counting = handle.withLogger({ logQuery: (q) => void queries.push(q) });
await getPlanCharts(counting, admin, planId);
console.log(
  `${process.env.PROBE_URL ? "PostgreSQL" : "PGlite"}: ${report.agreements.length} agreements, ${criteria.length} criteria, ${YEARS.length} years; getPlanCharts ${queries.length} queries`,
);
console.log(
  `SVG sizes: criteria ${(criteriaChart.svg.length / 1024).toFixed(1)} KB, budget ${(budgetChart.svg.length / 1024).toFixed(1)} KB`,
);
// Drawing timed without the cache of drawings; the page figures after it with and without.
await measure("criteria by status → SVG", () => {
  clearChartCache();
  return renderCriteriaByStatusChart(criteriaInput);
});
await measure("budget vs spend (4 years) → SVG", () => {
  clearChartCache();
  return renderBudgetVsSpendChart(budgetInput);
});
await measure("criteria by status SVG → PNG", () => svgToPng(criteriaChart.svg));
await measure("budget vs spend SVG → PNG", () => svgToPng(budgetChart.svg));
await measure("getPlanCharts, first drawing (queries + 2 SVGs)", () => {
  clearChartCache();
  return getPlanCharts(handle.db, admin, planId);
});
await measure("getPlanCharts, figures unchanged (cached SVGs)", () =>
  getPlanCharts(handle.db, admin, planId),
);
await measure("report Word without charts", () => renderDocx(buildProgressReportDocument(report)));
await measure("report Word with charts, first drawing", async () => {
  clearChartCache();
  const charts = await renderProgressReportCharts(report);
  return renderDocx(buildProgressReportDocument(report, { charts }));
});
await measure("report Word with charts, drawings cached", async () => {
  const charts = await renderProgressReportCharts(report);
  return renderDocx(buildProgressReportDocument(report, { charts }));
});
await handle.close();
