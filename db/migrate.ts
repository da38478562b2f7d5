/**
 * Applies the committed migrations (db/migrations) to the configured database. `npm start` runs
 * this before the server starts; nothing migrates as a side effect of an import.
 */
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { driverFromEnv, openDb, type OpenDb } from "./client";
import { fileURLToPath } from "node:url";
import { mkdirSync } from "node:fs";

export const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");

export async function migrateDb(handle: OpenDb): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
  }
}

async function main() {
  const options = driverFromEnv();
  if (options.driver === "pglite" && options.dir) mkdirSync(options.dir, { recursive: true });
  const started = Date.now();
  const handle = await openDb(options);
  try {
    await migrateDb(handle);
    process.stdout.write(`Database migrated (${options.driver}) in ${Date.now() - started} ms\n`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  });
}
