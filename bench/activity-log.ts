/**
 * The activity log of one plan with 5,000 events over 10 years (each with participants, two
 * findings and three actions): time of a page of the log (first, deep, one year, one activity),
 * of the plan's open actions and of the log's values for an agreement's criteria, with the queries
 * each takes. On PGlite, or (PROBE_URL=postgres://… to an empty database) PostgreSQL.
 *   npx tsx bench/activity-log.ts
 */
import { asc, eq, sql } from "drizzle-orm";
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import {
  activities,
  agreementParties,
  criterionLogSources,
  logActions,
  logEventParticipants,
  logEvents,
  logFindings,
  successCriteria,
} from "../db/schema";
import {
  getLogSettings,
  listLogEvents,
  listPlanActions,
  logValuesFor,
} from "../app/models/activity-log/index.server";

const EVENTS = Number(process.env.BENCH_LOG_EVENTS ?? 5000);
const h = await openDb(
  process.env.PROBE_URL ? { driver: "postgres", url: process.env.PROBE_URL } : { driver: "pglite" },
);
await migrateDb(h);
const demo = await seedDemoData(h.db);
const user = { id: demo.userIds.secretariat, email: "", name: "", isAdmin: false };
const planId = demo.planId;
const settings = await getLogSettings(h.db, user, planId);
const acts = await h.db
  .select({ id: activities.id })
  .from(activities)
  .where(eq(activities.agreementId, demo.agreementId))
  .orderBy(asc(activities.position));
const [party] = await h.db
  .select({ organisationId: agreementParties.organisationId, label: agreementParties.label })
  .from(agreementParties)
  .where(eq(agreementParties.agreementId, demo.agreementId))
  .limit(1);

const t0 = performance.now();
for (let start = 0; start < EVENTS; start += 500) {
  await h.db.transaction(async (tx) => {
    const n = Math.min(500, EVENTS - start);
    const events = await tx
      .insert(logEvents)
      .values(
        Array.from({ length: n }, (_, j) => {
          const i = start + j;
          const year = 2017 + (i % 10);
          const month = String((i % 12) + 1).padStart(2, "0");
          const day = String((i % 28) + 1).padStart(2, "0");
          return {
            planId,
            activityId: acts[i % acts.length]!.id,
            kindId: settings.kinds[i % settings.kinds.length]!.id,
            date: `${year}-${month}-${day}`,
            place: `Afdeling ${i % 12}`,
          };
        }),
      )
      .returning({ id: logEvents.id });
    await tx
      .insert(logEventParticipants)
      .values(
        events.flatMap((e, j) =>
          settings.groups.map((g, k) => ({ eventId: e.id, groupId: g.id, count: (j + k) % 20 })),
        ),
      );
    const findings = await tx
      .insert(logFindings)
      .values(
        events.flatMap((e) =>
          [0, 1].map((p) => ({ eventId: e.id, text: `Fund ${p}`, position: p })),
        ),
      )
      .returning({ id: logFindings.id });
    await tx.insert(logActions).values(
      findings.flatMap((f, j) =>
        Array.from({ length: j % 2 ? 2 : 1 }, (_, p) => ({
          findingId: f.id,
          organisationId: party?.organisationId ?? null,
          partyLabel: party?.organisationId ? null : (party?.label ?? "Politiet"),
          description: `Opgave ${p}`,
          dueDate: "2026-01-01",
          status: (["open", "in_progress", "done"] as const)[(j + p) % 3]!,
          position: p,
        })),
      ),
    );
  });
}
// Fresh statistics, as autovacuum keeps them on a server (PGlite has no autovacuum).
if (process.env.BENCH_ANALYZE !== "0") await h.db.execute(sql`analyze`);
console.log(`inserted ${EVENTS} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const criteria = await h.db
  .select({ id: successCriteria.id })
  .from(successCriteria)
  .where(eq(successCriteria.agreementId, demo.agreementId));
await h.db
  .insert(criterionLogSources)
  .values(
    criteria.map((c, i) => ({
      criterionId: c.id,
      metric: (["event_count", "participant_sum", "actions_done_share"] as const)[i % 3]!,
      groupId: i % 3 === 1 ? settings.groups[0]!.id : null,
      kindId: i % 3 === 0 ? settings.kinds[0]!.id : null,
    })),
  )
  .onConflictDoNothing();

const time = async (label: string, fn: (db: typeof h.db) => Promise<unknown>) => {
  const queries: string[] = [];
  const counting = h.withLogger({ logQuery: (q) => void queries.push(q) });
  await fn(counting);
  const runs: number[] = [];
  for (let i = 0; i < 2; i++) await fn(h.db);
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await fn(h.db);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(36)} median ${runs[5]!.toFixed(1)} ms  max ${runs[9]!.toFixed(1)} ms  ${queries.length} queries`,
  );
};
if (process.env.BENCH_EXPLAIN) {
  const explain = h.withLogger({
    logQuery: (q, params) => void console.log(q, params),
  });
  await listLogEvents(explain, user, planId, { pageSize: 50 });
}
await time("log, first page (50)", (db) => listLogEvents(db, user, planId, { pageSize: 50 }));
await time("log, page 80 (50)", (db) =>
  listLogEvents(db, user, planId, { page: 80, pageSize: 50 }),
);
await time("log, one year", (db) => listLogEvents(db, user, planId, { year: 2024 }));
await time("log, one activity", (db) =>
  listLogEvents(db, user, planId, { activityId: acts[0]!.id }),
);
await time("open actions by party", (db) => listPlanActions(db, user, planId));
await time(`log values (${criteria.length} criteria)`, (db) =>
  logValuesFor(db, user, demo.agreementId, 2024),
);
await h.close();
