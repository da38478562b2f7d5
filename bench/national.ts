/**
 * Generates the national dataset (bench/national-dataset.ts) on an empty database and prints the
 * rows per table, the wall time of the generation and the database's size.
 *   npx tsx bench/national.ts                        # PGlite in memory
 *   PROBE_URL=postgres://… npx tsx bench/national.ts # an empty PostgreSQL database
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDb, type Db } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import { generateNationalDataset } from "./dataset";

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

const url = process.env.PROBE_URL;
const scale = Number(process.env.NATIONAL_SCALE ?? 1);
const h = await openDb(url ? { driver: "postgres", url } : { driver: "pglite" });
try {
  await migrateDb(h);
  const demo = await seedDemoData(h.db);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const targets = await generateNationalDataset(h.db, demo, scale);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await h.db.execute(sql`analyze`);

  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `${url ? "PostgreSQL" : "PGlite"}, scale ${scale}, Node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`,
  );
  out("| table | generated | rows in the database |");
  out("| --- | ---: | ---: |");
  let generated = 0;
  for (const [table, n] of Object.entries(targets.counts)) {
    const [row] = await rows<{ n: number | string }>(
      h.db,
      sql`select count(*)::int as n from ${sql.identifier(table)}`,
    );
    generated += n;
    out(`| ${table} | ${n.toLocaleString("da-DK")} | ${Number(row!.n).toLocaleString("da-DK")} |`);
  }
  const [size] = await rows<{ size: string }>(
    h.db,
    sql`select pg_size_pretty(pg_database_size(current_database())) as size`,
  );
  out(
    `\n${generated.toLocaleString("da-DK")} rows generated in ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU in this process (load average ${os.loadavg()[0]!.toFixed(1)})`,
  );
  out(`database size: ${size!.size}`);
  out(`targets: ${JSON.stringify({ ...targets, counts: undefined })}`);
} finally {
  await h.close();
}
