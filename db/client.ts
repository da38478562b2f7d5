/**
 * Opens the database with an explicitly chosen driver: embedded PGlite (a directory, or in memory)
 * or postgres.js against a PostgreSQL server. Both give a drizzle database over the same schema.
 * Nothing is opened on import; callers own the handle and must close it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { withPglitePreparedStatements } from "./pglite-prepared";
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
  /** The raw PGlite instance (for dumps); undefined on postgres.js. */
  pglite?: PGlite;
  /** PGlite's data directory, when it is kept on disk. */
  dir?: string;
  /** The PostgreSQL connection string (for pg_dump); undefined on PGlite. */
  url?: string;
}

// --- The embedded database's lock file -----------------------------------------------------------
// PGlite does not lock its directory: a second process opening it would silently diverge (STACK.md
// gotcha 10). Whoever opens a directory writes "<dir>.lock" with its pid and removes it on close;
// another process refuses to open the directory while that pid is alive.

export interface PgliteLock {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export function pgliteLockFile(dir: string): string {
  return `${path.resolve(dir)}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process (other than this one) holding the directory, or null. */
export function pgliteLockHolder(dir: string): PgliteLock | null {
  let lock: PgliteLock;
  try {
    lock = JSON.parse(readFileSync(pgliteLockFile(dir), "utf8")) as PgliteLock;
  } catch {
    return null;
  }
  if (!Number.isInteger(lock.pid) || lock.pid === process.pid) return null;
  if (lock.host && lock.host !== hostname()) return lock; // cannot check: assume alive
  return isAlive(lock.pid) ? lock : null;
}

/** The command that found the database in use; each has its own alternatives. */
export type InUseCommand = "backup" | "restore" | "export" | "import";

const IN_USE_ADVICE: Record<InUseCommand, string> = {
  backup:
    "Brug administrationssiden Sikkerhedskopi (/admin/backup) mens appen kører, " +
    "eller stop appen først.",
  restore:
    "Brug administrationssiden Sikkerhedskopi (/admin/backup) mens appen kører, " +
    "eller stop appen først.",
  export:
    "Hent det samme i appen, mens den kører: hele arkivet under Sikkerhedskopi → »Hent arkiv (.zip)« " +
    "(/admin/archive.zip), en plans delaftaler med »Hent alle delaftaler som ét Word-dokument« på " +
    "planens side. Eller stop appen, og kør kommandoen igen.",
  import:
    "Importér filerne i appen, mens den kører: planens side → »Importér delaftale fra Word« " +
    "(flere filer ad gangen). Eller stop appen, og kør kommandoen igen.",
};

export class DatabaseInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: PgliteLock,
    readonly command: InUseCommand = "backup",
  ) {
    super(
      `Den indbyggede database i ${path.resolve(dir)} er i brug af en anden proces ` +
        `(pid ${holder.pid}, startet ${holder.startedAt}: ${holder.command}). ` +
        IN_USE_ADVICE[command],
    );
    this.name = "DatabaseInUseError";
  }

  /** The same refusal, with the alternatives for another command. */
  forCommand(command: InUseCommand): DatabaseInUseError {
    return new DatabaseInUseError(this.dir, this.holder, command);
  }
}

function acquirePgliteLock(dir: string): () => void {
  const holder = pgliteLockHolder(dir);
  if (holder) throw new DatabaseInUseError(dir, holder);
  const file = pgliteLockFile(dir);
  mkdirSync(path.dirname(file), { recursive: true });
  const lock: PgliteLock = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1, 3).join(" "),
  };
  writeFileSync(file, JSON.stringify(lock));
  return () => {
    try {
      const current = JSON.parse(readFileSync(file, "utf8")) as PgliteLock;
      if (current.pid === process.pid) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}

export async function openDb(options: DriverOptions): Promise<OpenDb> {
  if (options.driver === "pglite") {
    const { dir, loadDataDir } = options;
    const release = dir ? acquirePgliteLock(dir) : () => {};
    let client: PGlite;
    try {
      if (loadDataDir)
        client = dir ? new PGlite(dir, { loadDataDir }) : new PGlite({ loadDataDir });
      else client = new PGlite(dir);
      await client.waitReady;
    } catch (error) {
      release();
      throw error;
    }
    // Reads and writes run as named prepared statements (db/pglite-prepared.ts).
    const prepared = withPglitePreparedStatements(client) as unknown as PGlite;
    const make = (logger?: Logger) => drizzlePglite(prepared, { schema, logger }) as unknown as Db;
    return {
      db: make(),
      driver: "pglite",
      withLogger: make,
      close: () => client.close().finally(release),
      pglite: client,
      dir,
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
  const prepared = withPreparedStatements(client);
  const make = (logger?: Logger) => drizzlePostgres(prepared, { schema, logger }) as unknown as Db;
  return {
    db: make(),
    driver: "postgres",
    withLogger: make,
    close: () => client.end({ timeout: 5 }),
    url: options.url,
  };
}

/**
 * drizzle hands postgres.js every query it did not name with `prepare: false`. postgres.js then
 * sends a query with parameters in two round trips (parse and describe, then bind and execute) and
 * PostgreSQL parses and plans it anew every time. This client prepares every statement instead: a
 * connection parses a query text once and then runs it in one round trip, and PostgreSQL may keep
 * its plan. Our query texts are parameterised, so their number is bounded by the code (an `in`
 * list gives one text per length); postgres.js drops a connection's statements with the
 * connection (`max_lifetime`, 30–60 minutes), and re-prepares a statement whose plan a migration
 * invalidated. Transactions and savepoints hand drizzle a client of their own: wrapped the same way.
 */
function withPreparedStatements<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "unsafe") {
        return (query: string, parameters?: postgres.ParameterOrJSON<never>[], options?: object) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const callback = args[last] as (sql: postgres.TransactionSql) => unknown;
          args[last] = (sql: postgres.TransactionSql) => callback(withPreparedStatements(sql));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
}

/**
 * The driver the app uses: PostgreSQL when DATABASE_URL is set, otherwise PGlite in PGLITE_DIR
 * (default: pglite/ under DATA_DIR, itself data/ by default). DATABASE_POOL_SIZE is the number of
 * PostgreSQL connections this process may open (postgres.js `max`, default 10): with several app
 * processes on one server, their pools together must stay under its max_connections.
 */
export function driverFromEnv(env: NodeJS.ProcessEnv = process.env): DriverOptions {
  if (env.DATABASE_URL) {
    const pool = env.DATABASE_POOL_SIZE?.trim();
    if (!pool) return { driver: "postgres", url: env.DATABASE_URL };
    if (!/^[1-9]\d{0,3}$/.test(pool)) {
      throw new Error(`DATABASE_POOL_SIZE must be a whole number from 1 to 9999, not "${pool}"`);
    }
    return { driver: "postgres", url: env.DATABASE_URL, max: Number(pool) };
  }
  return { driver: "pglite", dir: env.PGLITE_DIR ?? path.join(env.DATA_DIR ?? "data", "pglite") };
}
