/**
 * Time of the plan page's and the agreement page's model calls, query by query, against a database
 * that holds the national dataset (bench/national-dataset.ts):
 *   PROBE_URL=postgres://… PLAN_ID=3 AGREEMENT_ID=1 DEMO_PLAN_ID=1 BIG_AGREEMENT_ID=802 \
 *     npx tsx bench/page-loaders.ts
 * Prints ms per call (mean of 40 after 5 warm-ups, sequential) and, per call, each query's own time
 * (run alone, same parameters) so the slow ones can be EXPLAINed (EXPLAIN=1 prints their plans).
 */
import type { Logger } from "drizzle-orm/logger";
import postgres from "postgres";
import { openDb } from "../db/client";
import { getPlanPage } from "../app/models/plans.server";
import { getPlanAgreements, getAgreementView } from "../app/models/agreements/read.server";
import { getPlanCriteriaOverview } from "../app/models/reporting.server";
import { getPlanCharts } from "../app/models/charts.server";
import { getRevisionState } from "../app/models/revisions.server";
import { getOpenComments } from "../app/models/comments.server";
import type { SessionUser } from "../app/domain/user";

const url = process.env.PROBE_URL;
if (!url) throw new Error("PROBE_URL=postgres://… (a database with the national dataset)");
const h = await openDb({ driver: "postgres", url });
const raw = postgres(url, { max: 1, onnotice: () => {} });
let log: { sql: string; params: unknown[] }[] | null = null;
const logger: Logger = { logQuery: (sql, params) => log?.push({ sql, params }) };
const db = h.withLogger(logger);

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const planId = env("PLAN_ID", 3);
const demoPlanId = env("DEMO_PLAN_ID", 1);
const demoAgreementId = env("AGREEMENT_ID", 1);
const bigAgreementId = env("BIG_AGREEMENT_ID", 802);
const userRow = async (email: string): Promise<SessionUser> => {
  const [u] = await raw<
    { id: number; is_admin: boolean }[]
  >`select id, is_admin from users where email = ${email}`;
  return { id: u!.id, email, name: "", isAdmin: u!.is_admin };
};
const member20 = await userRow(process.env.MEMBER_EMAIL ?? "bruger0001@landsdata.example");
const secretariat = await userRow("sekretariat@samarbejde.example");

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn();
  const n = Number(process.env.N ?? 40);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn();
  const ms = (performance.now() - t0) / n;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / n;
  log = [];
  await fn();
  const queries = log;
  log = null;
  console.log(
    `${label}: ${ms.toFixed(2)} ms/call (node CPU ${cpuMs.toFixed(2)} ms), ${queries.length} queries`,
  );
  if (process.env.QUIET) return;
  for (const q of queries) {
    const params = q.params as postgres.ParameterOrJSON<never>[];
    for (let i = 0; i < 3; i++) await raw.unsafe(q.sql, params);
    const q0 = performance.now();
    for (let i = 0; i < 10; i++) await raw.unsafe(q.sql, params);
    const qms = (performance.now() - q0) / 10;
    console.log(`  ${qms.toFixed(2).padStart(7)} ms  ${q.sql.replace(/\s+/g, " ").slice(0, 110)}`);
    if (process.env.EXPLAIN && qms > Number(process.env.EXPLAIN)) {
      const plan = await raw.unsafe(`explain (analyze, buffers) ${q.sql}`, params);
      for (const row of plan) console.log("      ", Object.values(row)[0]);
    }
  }
}

const only = process.env.ONLY ?? "";
const want = (key: string) => !only || only.split(",").includes(key);
if (want("plan")) {
  // As the route's loader calls them (together).
  await time("plan page models together", () =>
    Promise.all([
      getPlanPage(db, member20, planId),
      getPlanAgreements(db, member20, planId),
      getPlanCriteriaOverview(db, member20, planId),
      getPlanCharts(db, member20, planId),
    ]),
  );
  await time("getPlanPage", () => getPlanPage(db, member20, planId));
  await time("getPlanAgreements", () => getPlanAgreements(db, member20, planId));
  await time("getPlanCriteriaOverview", () => getPlanCriteriaOverview(db, member20, planId));
  await time("getPlanCharts", () => getPlanCharts(db, member20, planId));
}
if (want("agreement")) {
  for (const [name, id] of [
    ["demo", demoAgreementId],
    ["big", bigAgreementId],
  ] as const) {
    await time(`agreement page models together ${name}`, () =>
      Promise.all([
        getAgreementView(db, secretariat, demoPlanId, id),
        getRevisionState(db, secretariat, demoPlanId, id),
        getOpenComments(db, secretariat, demoPlanId, id),
      ]),
    );
    await time(`getAgreementView ${name}`, () => getAgreementView(db, secretariat, demoPlanId, id));
    await time(`getRevisionState ${name}`, () => getRevisionState(db, secretariat, demoPlanId, id));
    await time(`getOpenComments ${name}`, () => getOpenComments(db, secretariat, demoPlanId, id));
  }
}
await raw.end();
await h.close();
