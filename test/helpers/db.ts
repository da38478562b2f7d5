/**
 * Test databases on both drivers. Each test file gets its own database: a PGlite instance in
 * memory, or a fresh database on the PostgreSQL server named by TEST_DATABASE_URL/DATABASE_URL.
 *
 * Migrating and seeding the demo data is done once per test run and driver, into a template
 * (test/helpers/db-templates.ts); every file then starts from a copy of it: PGlite loads the
 * template's data directory dump, PostgreSQL runs `create database … template …`. Both are the
 * committed migrations and the fictional demo data, exactly as a fresh migrate and seed give.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDb, type Db, type OpenDb } from "../../db/client";
import type { DemoIds } from "../../db/seed";
import { DEMO_USERS } from "../../db/seed";
import type { SessionUser } from "~/domain/user";
import { pgliteTemplate, postgresTemplate } from "./db-templates";

export type Driver = "pglite" | "postgres";

const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (process.env.REQUIRE_PG === "1" && !pgUrl) {
  throw new Error("REQUIRE_PG=1 but neither TEST_DATABASE_URL nor DATABASE_URL is set");
}

/** The drivers to run integration tests on: PGlite always, PostgreSQL when a URL is given. */
export const drivers: Driver[] = pgUrl ? ["pglite", "postgres"] : ["pglite"];

export interface TestDb extends OpenDb {
  demo: DemoIds;
  /** The demo user with this key, as a session user. */
  user(key: keyof typeof DEMO_USERS): SessionUser;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A database of its own for one test file: migrated, and with the demo data unless `seed: false`.
 * Close it in `afterAll` (on PostgreSQL that also drops it).
 */
export async function createTestDb(driver: Driver, { seed = true } = {}): Promise<TestDb> {
  const kind = seed ? "seeded" : "migrated";
  let handle: OpenDb;
  let demo: DemoIds;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (driver === "pglite") {
    const template = await pgliteTemplate(kind);
    demo = template.demo;
    handle = await openDb({ driver: "pglite", loadDataDir: template.dump });
  } else {
    const template = await postgresTemplate(pgUrl!, kind);
    const name = `t_${randomBytes(6).toString("hex")}`;
    demo = await template.copyTo(name);
    handle = await openDb({ driver: "postgres", url: withDatabase(pgUrl!, name), max: 4 });
    dropDatabase = async () => {
      const again = postgres(pgUrl!, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    };
  }
  const close = handle.close;
  return {
    ...handle,
    demo,
    user(key) {
      return {
        id: demo.userIds[key],
        email: DEMO_USERS[key].email,
        name: DEMO_USERS[key].name,
        isAdmin: key === "admin",
      };
    },
    async close() {
      await close();
      await dropDatabase?.();
    },
  };
}

/** A drizzle handle on the same connection that records every SQL statement it runs. */
export function createCountingDb(handle: OpenDb): { db: Db; queries: string[] } {
  const queries: string[] = [];
  const db = handle.withLogger({ logQuery: (query) => void queries.push(query) });
  return { db, queries };
}
