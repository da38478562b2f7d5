/**
 * The activity log of a plan with 5,000 events over 10 years (6 activities, participants in three
 * groups on every event, two findings with two actions each on every fifth): the time to write it
 * in bulk, then queries and median/p95 of the log's first page and a late page (newest first, 50
 * a page), the year's log as Excel, the action list after a walk as Word, and the progress report
 * with its log counts, on PGlite or (PROBE_URL=postgres://… to an empty database) PostgreSQL.
 *   npx tsx bench/activity-log.ts
 */
import { eq } from "drizzle-orm";
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { activities, agreements } from "../db/schema";
import { seedDemoData } from "../db/seed";
import { generateReportPlan } from "./dataset";
import { generateLogData } from "./log-dataset";
import { listLogEvents } from "../app/models/activity-log/index.server";
import { getProgressReport } from "../app/models/progress-reports.server";
import { renderLogActionListDocx, renderLogYearXlsx } from "../app/documents.server";

const EVENTS = Number(process.env.BENCH_LOG_EVENTS ?? 5000);
const FROM_YEAR = 2017;
const YEARS = 10;
const YEAR = 2025;
const PAGE_SIZE = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

const handle = await openDb(
  process.env.PROBE_URL ? { driver: "postgres", url: process.env.PROBE_URL } : { driver: "pglite" },
);
await migrateDb(handle);
const demo = await seedDemoData(handle.db);
const planId = await generateReportPlan(handle.db, demo, {
  agreementCount: 2,
  activitiesPerAgreement: 3,
  criteriaPerActivity: 1,
  year: YEAR,
});
const activityIds = (
  await handle.db
    .select({ id: activities.id })
    .from(activities)
    .innerJoin(agreements, eq(agreements.id, activities.agreementId))
    .where(eq(agreements.planId, planId))
).map((a) => a.id);
const admin = { id: demo.userIds.admin, email: "", name: "", isAdmin: true };

const t0 = performance.now();
const { eventIds } = await generateLogData(
  handle.db,
  planId,
  activityIds,
  Object.values(demo.organisationIds).slice(0, 4),
  { events: EVENTS, fromYear: FROM_YEAR, years: YEARS },
);
console.log(
  `${process.env.PROBE_URL ? "PostgreSQL" : "PGlite"}: ${eventIds.length} events over ${YEARS} years on ${activityIds.length} activities written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(
    `${label.padEnd(48)} median ${at(0.5).toFixed(1).padStart(6)} ms   p95 ${at(0.95).toFixed(1).padStart(6)} ms`,
  );
}

const queries: string[] = [];
const counting = handle.withLogger({ logQuery: (q) => void queries.push(q) });
async function countQueries(label: string, fn: (db: typeof counting) => Promise<unknown>) {
  queries.length = 0;
  await fn(counting);
  console.log(`${label.padEnd(48)} ${queries.length} queries`);
}

const lastPage = Math.ceil(EVENTS / PAGE_SIZE);
// The walk the action list is made for: the first event, which has findings and actions.
const walkId = eventIds[0]!;
const steps: [string, (db: typeof counting) => Promise<unknown>][] = [
  ["log page 1", (db) => listLogEvents(db, admin, planId, { page: 1, pageSize: PAGE_SIZE })],
  [
    `log page ${lastPage} (the oldest)`,
    (db) => listLogEvents(db, admin, planId, { page: lastPage, pageSize: PAGE_SIZE }),
  ],
  [
    `log ${YEAR}, page 1`,
    (db) => listLogEvents(db, admin, planId, { year: YEAR, page: 1, pageSize: PAGE_SIZE }),
  ],
  [
    `year log ${YEAR} as Excel (all activities)`,
    (db) => renderLogYearXlsx(db, admin, planId, { year: YEAR, activityId: null }),
  ],
  ["action list as Word", (db) => renderLogActionListDocx(db, admin, planId, walkId)],
  [`progress report ${YEAR} with log counts`, (db) => getProgressReport(db, admin, planId, YEAR)],
];
for (const [label, fn] of steps) await countQueries(label, fn);
for (const [label, fn] of steps) await measure(label, () => fn(handle.db));
await handle.close();
