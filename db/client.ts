/**
 * Opens the database with an explicitly chosen driver: embedded PGlite (a directory, or in memory)
 * or postgres.js against a PostgreSQL server. Both give a drizzle database over the same schema.
 * Nothing is opened on import; callers own the handle and must close it.
 */
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
type Relations = ExtractTablesWithRelations<Schema>;

/** A drizzle database or transaction on either driver. Model functions accept this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, Relations>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, Relations>;

export type DriverOptions =
  | { driver: "pglite"; dir?: string; loadDataDir?: Blob | File }
  | { driver: "postgres"; url: string; max?: number };

export interface OpenDb {
  db: Db;
  driver: DriverOptions["driver"];
  /** Another drizzle handle over the same connection, with its own logger (query counting). */
  withLogger(logger: Logger): Db;
  close(): Promise<void>;
  /** The raw PGlite instance (for dumps in tests); undefined on postgres.js. */
  pglite?: PGlite;
}

export async function openDb(options: DriverOptions): Promise<OpenDb> {
  if (options.driver === "pglite") {
    const client = options.loadDataDir
      ? new PGlite({ loadDataDir: options.loadDataDir })
      : new PGlite(options.dir);
    await client.waitReady;
    const make = (logger?: Logger) => drizzlePglite(client, { schema, logger }) as unknown as Db;
    return {
      db: make(),
      driver: "pglite",
      withLogger: make,
      close: () => client.close(),
      pglite: client,
    };
  }
  const client = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Keep dates as ISO strings ("2026-03-01"), as drizzle's date({ mode: "string" }) expects.
    types: {
      date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x },
    },
  });
  const make = (logger?: Logger) => drizzlePostgres(client, { schema, logger }) as unknown as Db;
  return {
    db: make(),
    driver: "postgres",
    withLogger: make,
    close: () => client.end({ timeout: 5 }),
  };
}

/** The driver the app uses: PostgreSQL when DATABASE_URL is set, otherwise PGlite under data/. */
export function driverFromEnv(env: NodeJS.ProcessEnv = process.env): DriverOptions {
  if (env.DATABASE_URL) return { driver: "postgres", url: env.DATABASE_URL };
  return { driver: "pglite", dir: env.PGLITE_DIR ?? "data/pglite" };
}
