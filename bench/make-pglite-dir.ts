/**
 * Generates the bench dataset (demo data, the national dataset, one 20-activity agreement) into a
 * PGlite directory, as bench/run.ts does, and keeps it for measuring a built server on PGlite:
 *
 *   PGLITE_DIR=/tmp/bench-pglite npx tsx bench/make-pglite-dir.ts
 */
import { sql } from "drizzle-orm";
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import { generateLargeAgreement, generateNationalDataset } from "./dataset";

const dir = process.env.PGLITE_DIR;
if (!dir) throw new Error("Set PGLITE_DIR to a new directory");
const handle = await openDb({ driver: "pglite", dir });
try {
  await migrateDb(handle);
  const demo = await seedDemoData(handle.db);
  const started = performance.now();
  const national = await generateNationalDataset(handle.db, demo);
  console.log(`National dataset in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const big = await generateLargeAgreement(handle.db, demo, 20, 5);
  await handle.db.execute(sql`vacuum analyze`);
  console.log(JSON.stringify({ national, demoPlanId: demo.planId, big }).slice(0, 400));
} finally {
  await handle.close();
}
