/**
 * The deadline calendar's ICS feed for a user on 20 plans (each with 4 approved agreements, a
 * final report and 12 milestones) who also administers a dispositionsfond with 10 two-year
 * grants: queries per feed, events in it, and median/p95 of the feed route's whole work (token
 * lookup, deadlines, ICS) on PGlite or (PROBE_URL=postgres://… to an empty database) PostgreSQL.
 * The first fetch renders every event through `ics` (its schema check is slow); later fetches reuse
 * the rendered events (app/calendar.server.ts), so both are printed.
 * Target (issue 14): under 50 ms.
 *   npx tsx bench/calendar.ts
 */
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import { milestones, progressReports } from "../db/schema";
import { eq } from "drizzle-orm";
import { setAppDbForTests } from "../app/db.server";
import { createCalendarFeed, listDeadlinesForUser } from "../app/models/calendar.server";
import { decideRevision, submitRevision } from "../app/models/revisions.server";
import { addOrganisationMembership } from "../app/models/users.server";
import { todayInDenmark } from "../app/domain/format";
import { loader } from "../app/routes/calendar.$token";
import {
  createAgreement,
  createApplication,
  createFund,
  createPlan,
  createUser,
} from "../test/helpers/factories";

const PLANS = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const handle = await openDb(
  process.env.PROBE_URL ? { driver: "postgres", url: process.env.PROBE_URL } : { driver: "pglite" },
);
await migrateDb(handle);
await seedDemoData(handle.db);
const db = handle.db;
const today = todayInDenmark();
const year = Number(today.slice(0, 4));

const t0 = performance.now();
const user = await createUser(db, { name: "Bench Kalender" });
for (let p = 0; p < PLANS; p++) {
  const plan = await createPlan(db, {
    name: `Helhedsplan Bench ${p + 1}`,
    periodStart: `${year - 1}-01-01`,
    periodEnd: `${year + 2}-12-31`,
    members: { secretariat: user, board: true },
  });
  const board = plan.members.board![0]!;
  for (let a = 0; a < 4; a++) {
    const agreement = await createAgreement(db, plan);
    const version = await submitRevision(db, user, plan.id, agreement.id, {
      summary: "Første version",
      recommendation: null,
    });
    await decideRevision(db, board, plan.id, agreement.id, version.id, {
      decision: "approve",
      meetingDate: today,
      note: null,
    });
  }
  const [report] = await db
    .insert(progressReports)
    .values({ planId: plan.id, year: year - 1 })
    .returning({ id: progressReports.id });
  await db
    .update(progressReports)
    .set({ status: "final", snapshot: {}, finalisedAt: new Date() })
    .where(eq(progressReports.id, report!.id));
  await db.insert(milestones).values(
    Array.from({ length: 12 }, (_, i) => ({
      planId: plan.id,
      title: `Milepæl ${i + 1}`,
      year: year + Math.floor(i / 4),
      ...(i % 2 === 0
        ? { quarter: (i % 4) + 1 }
        : { dueDate: `${year + Math.floor(i / 4)}-0${(i % 4) + 2}-15` }),
      status: "planned" as const,
    })),
  );
}
const fund = await createFund(db, {
  frames: [
    { year, amount: 10_000_000 },
    { year: year + 1, amount: 10_000_000 },
  ],
});
await addOrganisationMembership(db, null, user.id, {
  organisationId: fund.organisationId,
  role: "fund_admin",
  estateId: null,
});
for (let g = 0; g < 10; g++) {
  await createApplication(
    db,
    { ...fund },
    {
      state: "approved",
      values: {
        startYear: year,
        endYear: year + 1,
        years: [
          { year, requestedAmount: 40_000, ownContribution: 10_000 },
          { year: year + 1, requestedAmount: 40_000, ownContribution: 10_000 },
        ],
      },
    },
  );
}
const token = await createCalendarFeed(db, user);
console.log(
  `dataset: ${PLANS} plans, 80 agreements, 10 grants in ${Math.round(performance.now() - t0)} ms`,
);

// The route's queries, counted on a handle of their own.
const queries: string[] = [];
setAppDbForTests({ ...handle, db: handle.withLogger({ logQuery: (q) => void queries.push(q) }) });
async function fetchFeed(): Promise<string> {
  const response = (await loader({
    request: new Request(`http://localhost/calendar/${token}.ics`),
    params: { token: `${token}.ics` },
    context: {},
  })) as Response;
  if (response.status !== 200) throw new Error(`feed answered ${response.status}`);
  return response.text();
}
const coldStart = performance.now();
const first = await fetchFeed();
const cold = performance.now() - coldStart;
const firstQueries = queries.length;
const events = first.split("BEGIN:VEVENT").length - 1;

queries.length = 0;
await fetchFeed();
const steadyQueries = queries.length;
for (let i = 0; i < 10; i++) await fetchFeed();

// Wall time, and this process's CPU time (PGlite runs in-process, so it includes the database's
// work): on a shared machine the wall time mostly measures the other processes.
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await fetchFeed();
  const used = process.cpuUsage(cpuStart);
  times.push(performance.now() - start);
  cpu.push((used.user + used.system) / 1000);
}
times.sort((x, y) => x - y);
cpu.sort((x, y) => x - y);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
console.log(
  `ICS feed, user on ${PLANS} plans (${events} events, ${Math.round(first.length / 1024)} KB): ` +
    `${firstQueries} queries on the first fetch (notes last use), ${steadyQueries} after; ` +
    `median ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms over ${RUNS} runs (target < 50 ms); ` +
    `CPU median ${cpu[Math.floor(cpu.length / 2)]!.toFixed(1)} ms; ` +
    `first fetch in this process (every event rendered and checked by ics) ${cold.toFixed(0)} ms`,
);

// Where the time goes: the deadlines' queries alone.
const parts: number[] = [];
for (let i = 0; i < 50; i++) {
  const start = performance.now();
  await listDeadlinesForUser(handle.db, user);
  parts.push(performance.now() - start);
}
parts.sort((x, y) => x - y);
console.log(
  `  of which the deadlines' queries (listDeadlinesForUser): median ${parts[25]!.toFixed(1)} ms`,
);
await handle.close();
