/**
 * The yearly progress report of a plan with 4 agreements and 60 criteria (3 activities × 5
 * criteria each, every criterion measured, two funding sources per agreement): queries per
 * assembly, and median/p95 of assembling the view from the database, of rendering it to Word and
 * to Excel, on PGlite or (PROBE_URL=postgres://… to an empty database) PostgreSQL.
 *   npx tsx bench/report.ts
 */
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import { generateReportPlan } from "./dataset";
import { getProgressReport } from "../app/models/progress-reports.server";
import { buildProgressReportDocument } from "../templates/progress-report";
import { buildProgressReportWorkbook } from "../templates/progress-report-xlsx";
import { renderDocx } from "../templates/render";

const YEAR = 2025;
const RUNS = Number(process.env.BENCH_RUNS ?? 50);

const handle = await openDb(
  process.env.PROBE_URL ? { driver: "postgres", url: process.env.PROBE_URL } : { driver: "pglite" },
);
await migrateDb(handle);
const demo = await seedDemoData(handle.db);
const planId = await generateReportPlan(handle.db, demo, {
  agreementCount: 4,
  activitiesPerAgreement: 3,
  criteriaPerActivity: 5,
  year: YEAR,
});
const admin = { id: demo.userIds.admin, email: "", name: "", isAdmin: true };

async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(
    `${label.padEnd(44)} median ${at(0.5).toFixed(1).padStart(6)} ms   p95 ${at(0.95).toFixed(1).padStart(6)} ms`,
  );
}

const queries: string[] = [];
const counting = handle.withLogger({ logQuery: (q) => void queries.push(q) });
const { view } = await getProgressReport(counting, admin, planId, YEAR);
const criteria = view.agreements.reduce((n, a) => n + a.criteria.length, 0);
console.log(
  `${process.env.PROBE_URL ? "PostgreSQL" : "PGlite"}: report ${YEAR} of ${view.agreements.length} agreements, ${criteria} criteria: ${queries.length} queries`,
);
await measure("assemble (queries + view)", () => getProgressReport(handle.db, admin, planId, YEAR));
await measure("render Word", () => renderDocx(buildProgressReportDocument(view)));
await measure("render Excel", () => buildProgressReportWorkbook(view).xlsx.writeBuffer());
await measure("assemble + Word", async () => {
  const page = await getProgressReport(handle.db, admin, planId, YEAR);
  return renderDocx(buildProgressReportDocument(page.view));
});
await handle.close();
