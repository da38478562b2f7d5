/**
 * Time of loading one large agreement (20 activities, 100 criteria) from the database and of
 * building its view, on PGlite or (PROBE_URL=postgres://… to an empty database) PostgreSQL.
 *   npx tsx bench/agreement-queries.ts
 */
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import { generateLargeAgreement } from "./dataset";
import { getAgreementView } from "../app/models/agreements/read.server";
import { loadAgreementRecord } from "../app/models/internal/agreement-records.server";
import { getRevisionState } from "../app/models/revisions.server";
import { buildAgreementView } from "../app/domain/agreement-view";
const h = await openDb(
  process.env.PROBE_URL ? { driver: "postgres", url: process.env.PROBE_URL } : { driver: "pglite" },
);
await migrateDb(h);
const demo = await seedDemoData(h.db);
const big = await generateLargeAgreement(h.db, demo, 20, 5);
const user = { id: demo.userIds.secretariat, email: "", name: "", isAdmin: false };
const time = async (label: string, fn: () => Promise<unknown>) => {
  for (let i = 0; i < 5; i++) await fn();
  const t0 = performance.now();
  for (let i = 0; i < 30; i++) await fn();
  console.log(label, ((performance.now() - t0) / 30).toFixed(2), "ms");
};
await time("loadAgreementRecord big", () => loadAgreementRecord(h.db, big));
const rec = (await loadAgreementRecord(h.db, big))!;
await time("buildAgreementView big", async () => buildAgreementView(rec));
await time("getAgreementView big", () => getAgreementView(h.db, user, demo.planId, big));
await time("getRevisionState", () => getRevisionState(h.db, user, demo.planId, big));
console.log("view JSON KB", (JSON.stringify(buildAgreementView(rec)).length / 1024).toFixed(1));
await h.close();
