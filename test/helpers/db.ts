/**
 * Test databases on both drivers. Each test file gets its own database: a PGlite instance in
 * memory, or a fresh database on the PostgreSQL server named by TEST_DATABASE_URL/DATABASE_URL.
 * Both are migrated with the committed migrations and seeded with the fictional demo data.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDb, type Db, type OpenDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDemoData, type DemoIds, DEMO_USERS } from "../../db/seed";
import type { SessionUser } from "~/domain/user";

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

export async function createTestDb(driver: Driver, { seed = true } = {}): Promise<TestDb> {
  let handle: OpenDb;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (driver === "pglite") {
    handle = await openDb({ driver: "pglite" });
  } else {
    const name = `t_${randomBytes(6).toString("hex")}`;
    const admin = postgres(pgUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    handle = await openDb({ driver: "postgres", url: withDatabase(pgUrl!, name), max: 4 });
    dropDatabase = async () => {
      const again = postgres(pgUrl!, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    };
  }
  await migrateDb(handle);
  const demo = seed ? await seedDemoData(handle.db) : ({} as DemoIds);
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
