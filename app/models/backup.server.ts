/**
 * Backup and restore of the whole database, on either driver, for the command line
 * (scripts/backup.ts, scripts/restore.ts) and the admin page "Sikkerhedskopi".
 *
 * A backup file is a small text header and the database's own dump:
 *
 *   SAMARBEJDSAFTALER-SIKKERHEDSKOPI\n
 *   {"format":"samarbejdsaftaler-backup","driver":"pglite",…}\n   (the manifest, one line of JSON)
 *   <payload>
 *
 * The payload is PGlite's `dumpDataDir("gzip")` (a gzipped tarball of the data directory) on the
 * embedded database, or `pg_dump -Fc` (custom format) on PostgreSQL. Both are consistent while the
 * app runs: PGlite dumps from inside the process that owns the directory, pg_dump takes a snapshot.
 * Restore checks the header (kind, driver, checksum, migration level) before touching anything, and
 * refuses a database that has rows unless asked to replace it.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { desc, eq, sql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import { z } from "zod";
import {
  openDb,
  pgliteLockHolder,
  DatabaseInUseError,
  type Db,
  type DriverOptions,
  type OpenDb,
} from "../../db/client";
import { migrateDb, migrationsFolder } from "../../db/migrate";
import { auditEvents, users } from "../../db/schema";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "./audit.server";

export const BACKUP_MAGIC = "SAMARBEJDSAFTALER-SIKKERHEDSKOPI\n";

export const BackupManifestSchema = z.object({
  format: z.literal("samarbejdsaftaler-backup"),
  formatVersion: z.literal(1),
  driver: z.enum(["pglite", "postgres"]),
  /** "pglite-datadir-tar-gzip" or "pg_dump-custom". */
  payload: z.enum(["pglite-datadir-tar-gzip", "pg_dump-custom"]),
  createdAt: z.string(),
  migrations: z.object({ count: z.number().int(), latest: z.string().nullable() }),
  /** Rows per table in the public schema when the backup was made. */
  tables: z.record(z.string(), z.number().int()),
  payloadBytes: z.number().int(),
  payloadSha256: z.string(),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/** A failure the user can act on; the message is Danish and says what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

const DRIVER_NAME = { pglite: "den indbyggede database (PGlite)", postgres: "PostgreSQL" };

// --- Reading the database -------------------------------------------------------------------------

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Every table of the public schema with its row count, by name. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await rows<{ name: string }>(
    db,
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await rows<{ n: number }>(
      db,
      sql.raw(`select count(*)::int as n from public.${quoteIdent(name)}`),
    );
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

function readJournal(): JournalEntry[] {
  const file = path.join(migrationsFolder, "meta", "_journal.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { entries: JournalEntry[] }).entries;
}

/** How many migrations the database has had, and the tag of the latest. */
export async function migrationLevel(db: Db): Promise<BackupManifest["migrations"]> {
  const [exists] = await rows<{ t: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  );
  if (!exists?.t) return { count: 0, latest: null };
  const [row] = await rows<{ n: number; latest: string | null }>(
    db,
    sql`select count(*)::int as n, max(created_at)::text as latest from drizzle.__drizzle_migrations`,
  );
  const when = row?.latest ? Number(row.latest) : null;
  const tag = readJournal().find((e) => e.when === when)?.tag ?? (when ? `ukendt (${when})` : null);
  return { count: Number(row?.n ?? 0), latest: tag };
}

// --- PostgreSQL's tools ---------------------------------------------------------------------------

/** pg_dump or pg_restore: on PATH, or the newest under /usr/lib/postgresql/<n>/bin (or PG_BIN). */
export function findPgTool(tool: "pg_dump" | "pg_restore"): string | null {
  const dirs = [
    ...(process.env.PG_BIN ? [process.env.PG_BIN] : []),
    ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean),
  ];
  try {
    const versions = readdirSync("/usr/lib/postgresql")
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    // Not a Debian PostgreSQL installation.
  }
  for (const dir of dirs) {
    const candidate = path.join(dir, tool);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function requirePgTool(tool: "pg_dump" | "pg_restore"): string {
  const found = findPgTool(tool);
  if (!found) {
    throw new BackupError(
      `${tool} blev ikke fundet (hverken på PATH eller i /usr/lib/postgresql/*/bin). ` +
        "Installér PostgreSQL' klientværktøjer i samme eller nyere version end serveren " +
        "(Debian: apt-get install postgresql-client-15), eller sæt PG_BIN til mappen med dem.",
    );
  }
  return found;
}

/** The connection string without its password, which goes in PGPASSWORD (not on a command line). */
function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = "";
  }
  return { dbname: u.toString(), env };
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: Buffer,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else {
        const message = Buffer.concat(err).toString("utf8").trim();
        reject(new BackupError(`${path.basename(command)} fejlede (kode ${code}): ${message}`));
      }
    });
    child.stdin.on("error", () => {}); // reported through "close"
    child.stdin.end(input);
  });
}

// --- Making a backup ------------------------------------------------------------------------------

export interface Backup {
  manifest: BackupManifest;
  /** The whole file: header, manifest and payload. */
  bytes: Buffer;
}

/** A backup of the open database, taken from inside the process that has it open. */
export async function createBackup(handle: OpenDb): Promise<Backup> {
  const tables = await tableCounts(handle.db);
  const migrations = await migrationLevel(handle.db);
  let payload: Buffer;
  if (handle.driver === "pglite") {
    if (!handle.pglite) throw new Error("PGlite handle without its instance");
    const pglite = handle.pglite;
    // Flush the buffers to the data files, then dump while no transaction is open: the dump takes
    // PGlite's transaction lock (queries outside a transaction and whole transactions run under
    // it), so it never captures a transaction halfway.
    await pglite.exec("CHECKPOINT");
    const dump = await pglite._runExclusiveTransaction(() => pglite.dumpDataDir("gzip"));
    payload = Buffer.from(await dump.arrayBuffer());
  } else {
    if (!handle.url) throw new Error("PostgreSQL handle without its connection string");
    const pgDump = requirePgTool("pg_dump");
    const { dbname, env } = libpqTarget(handle.url);
    payload = await run(
      pgDump,
      ["-Fc", "--no-owner", "--no-privileges", `--dbname=${dbname}`],
      env,
    );
  }
  const manifest: BackupManifest = {
    format: "samarbejdsaftaler-backup",
    formatVersion: 1,
    driver: handle.driver,
    payload: handle.driver === "pglite" ? "pglite-datadir-tar-gzip" : "pg_dump-custom",
    createdAt: new Date().toISOString(),
    migrations,
    tables,
    payloadBytes: payload.length,
    payloadSha256: createHash("sha256").update(payload).digest("hex"),
  };
  const header = Buffer.from(`${BACKUP_MAGIC}${JSON.stringify(manifest)}\n`, "utf8");
  return { manifest, bytes: Buffer.concat([header, payload]) };
}

/** "samarbejdsaftaler-2026-12-04-2231-pglite.backup" */
export function backupFileName(manifest: BackupManifest): string {
  const stamp = manifest.createdAt.slice(0, 16).replace("T", "-").replace(":", "");
  return `samarbejdsaftaler-${stamp}-${manifest.driver}.backup`;
}

// --- The audit trail remembers backups ------------------------------------------------------------

export const BACKUP_ACTION = "backup.create";

export async function recordBackup(
  db: Db,
  user: Pick<SessionUser, "id"> | null,
  manifest: BackupManifest,
  source: "admin" | "cli",
): Promise<void> {
  await recordAudit(db, {
    user,
    action: BACKUP_ACTION,
    entityType: "database",
    entityId: manifest.driver,
    after: {
      source,
      driver: manifest.driver,
      createdAt: manifest.createdAt,
      bytes: manifest.payloadBytes,
      migrations: manifest.migrations,
      rows: Object.values(manifest.tables).reduce((a, b) => a + b, 0),
    },
  });
}

export interface LastBackup {
  at: Date;
  by: string | null;
  source: "admin" | "cli";
  bytes: number;
  rows: number;
}

/** The latest backup recorded in the audit trail (from this page or the command line). */
export async function getLastBackup(db: Db): Promise<LastBackup | null> {
  const [row] = await db
    .select({ at: auditEvents.at, by: users.name, after: auditEvents.after })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(eq(auditEvents.action, BACKUP_ACTION))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(1);
  if (!row) return null;
  const after = (row.after ?? {}) as Partial<{
    source: "admin" | "cli";
    bytes: number;
    rows: number;
  }>;
  return {
    at: row.at,
    by: row.by,
    source: after.source ?? "admin",
    bytes: after.bytes ?? 0,
    rows: after.rows ?? 0,
  };
}

// --- Reading a backup file ------------------------------------------------------------------------

export function parseBackup(bytes: Buffer): { manifest: BackupManifest; payload: Buffer } {
  const notOurs = new BackupError(
    "Filen er ikke en sikkerhedskopi fra Samarbejdsaftaler (den mangler sidehovedet " +
      `"${BACKUP_MAGIC.trim()}"). Brug en fil lavet med npm run backup eller siden Sikkerhedskopi.`,
  );
  const magic = Buffer.from(BACKUP_MAGIC, "utf8");
  if (bytes.length < magic.length || !bytes.subarray(0, magic.length).equals(magic)) throw notOurs;
  const end = bytes.indexOf(0x0a, magic.length);
  if (end < 0) throw notOurs;
  let manifest: BackupManifest;
  try {
    manifest = BackupManifestSchema.parse(
      JSON.parse(bytes.subarray(magic.length, end).toString("utf8")),
    );
  } catch {
    throw new BackupError(
      "Sikkerhedskopiens manifest kan ikke læses: filen er beskadiget eller fra en anden version.",
    );
  }
  const payload = bytes.subarray(end + 1);
  const sha = createHash("sha256").update(payload).digest("hex");
  if (payload.length !== manifest.payloadBytes || sha !== manifest.payloadSha256) {
    throw new BackupError(
      `Sikkerhedskopien er beskadiget eller ufuldstændig (${payload.length} af ` +
        `${manifest.payloadBytes} bytes, kontrolsummen passer ikke).`,
    );
  }
  return { manifest, payload };
}

/** A backup made by a newer version of the app (a migration this code does not know) is refused. */
function checkMigrationLevel(manifest: BackupManifest): void {
  const journal = readJournal();
  const latest = manifest.migrations.latest;
  if (!latest) return;
  if (!journal.some((e) => e.tag === latest) || manifest.migrations.count > journal.length) {
    throw new BackupError(
      `Sikkerhedskopien er lavet af en nyere udgave af Samarbejdsaftaler (migration ${latest}), ` +
        `end denne installation kender (seneste ${journal.at(-1)?.tag ?? "ingen"}). ` +
        "Opdatér appen, før du gendanner.",
    );
  }
}

// --- Restoring ------------------------------------------------------------------------------------

export interface RestoreResult {
  manifest: BackupManifest;
  /** What the database held before (tables with rows), when it was replaced. */
  replaced: Record<string, number>;
  /** Where the replaced database was kept (PGlite: the old directory; PostgreSQL: a backup file). */
  keptAt: string | null;
  /** Row counts after the restore. */
  tables: Record<string, number>;
}

/** Reference data the migrations themselves insert: a freshly migrated database has these rows. */
const MIGRATION_DATA_TABLES = new Set(["funding_rounds", "focus_areas", "change_counters"]);

/**
 * The tables with rows, when the database holds anything beyond what the migrations put there;
 * otherwise nothing (the database counts as empty).
 */
function userData(counts: Record<string, number>): Record<string, number> {
  const hasData = Object.entries(counts).some(([t, n]) => n > 0 && !MIGRATION_DATA_TABLES.has(t));
  return hasData ? Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)) : {};
}

export function describeCounts(counts: Record<string, number>): string[] {
  return Object.entries(counts).map(
    ([table, n]) => `  ${table}: ${n} ${n === 1 ? "række" : "rækker"}`,
  );
}

function refuseNonEmpty(counts: Record<string, number>): never {
  throw new BackupError(
    [
      "Databasen er ikke tom. En gendannelse ville erstatte:",
      ...describeCounts(counts),
      "Kør igen med --replace for at erstatte den (den nuværende database gemmes først).",
    ].join("\n"),
  );
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, "-");
}

/**
 * Restores a backup into the configured database. `keepDir` (PostgreSQL with `replace`) is where a
 * safety backup of the database being replaced is written.
 */
export async function restoreBackup(
  target: DriverOptions,
  bytes: Buffer,
  { replace = false, keepDir }: { replace?: boolean; keepDir?: string } = {},
): Promise<RestoreResult> {
  const { manifest, payload } = parseBackup(bytes);
  if (manifest.driver !== target.driver) {
    throw new BackupError(
      `Sikkerhedskopien er taget af ${DRIVER_NAME[manifest.driver]}, men appen er sat op til ` +
        `${DRIVER_NAME[target.driver]}` +
        (target.driver === "postgres" ? " (DATABASE_URL er sat)" : " (DATABASE_URL er ikke sat)") +
        ". Gendan den med samme slags database, som den er taget fra.",
    );
  }
  checkMigrationLevel(manifest);
  return target.driver === "pglite"
    ? restorePglite(target, manifest, payload, replace)
    : restorePostgres(target, manifest, payload, replace, keepDir);
}

async function restorePglite(
  target: Extract<DriverOptions, { driver: "pglite" }>,
  manifest: BackupManifest,
  payload: Buffer,
  replace: boolean,
): Promise<RestoreResult> {
  if (!target.dir)
    throw new BackupError("Gendannelse kræver en mappe til den indbyggede database.");
  const dir = path.resolve(target.dir);
  const holder = pgliteLockHolder(dir);
  if (holder) throw new DatabaseInUseError(dir, holder);

  let replaced: Record<string, number> = {};
  const exists = existsSync(path.join(dir, "PG_VERSION"));
  if (exists) {
    const current = await openDb({ driver: "pglite", dir });
    try {
      replaced = userData(await tableCounts(current.db));
    } finally {
      await current.close();
    }
    if (Object.keys(replaced).length > 0 && !replace) refuseNonEmpty(replaced);
  } else if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new BackupError(
      `Mappen ${dir} er ikke tom, men indeholder ikke en database. Vælg en tom mappe.`,
    );
  }

  // Unpack into a new directory beside the target, check it, and only then swap it in.
  const fresh = `${dir}.gendannes-${timestamp()}`;
  const file = new File([new Uint8Array(payload)], "pgdata.tar.gz", { type: "application/x-gzip" });
  let tables: Record<string, number>;
  try {
    const restored = await openDb({ driver: "pglite", dir: fresh, loadDataDir: file });
    try {
      await migrateDb(restored);
      tables = await tableCounts(restored.db);
    } finally {
      await restored.close();
    }
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  let keptAt: string | null = null;
  if (existsSync(dir)) {
    if (exists) {
      keptAt = `${dir}.erstattet-${timestamp()}`;
      renameSync(dir, keptAt);
    } else {
      rmSync(dir, { recursive: true, force: true }); // an empty directory
    }
  }
  renameSync(fresh, dir);
  return { manifest, replaced, keptAt, tables };
}

async function restorePostgres(
  target: Extract<DriverOptions, { driver: "postgres" }>,
  manifest: BackupManifest,
  payload: Buffer,
  replace: boolean,
  keepDir: string | undefined,
): Promise<RestoreResult> {
  const pgRestore = requirePgTool("pg_restore");
  const current = await openDb({ driver: "postgres", url: target.url, max: 1 });
  let replaced: Record<string, number>;
  let keptAt: string | null = null;
  try {
    replaced = userData(await tableCounts(current.db));
    if (Object.keys(replaced).length > 0) {
      if (!replace) refuseNonEmpty(replaced);
      // Keep what is there before replacing it.
      const safety = await createBackup(current);
      keptAt = path.resolve(keepDir ?? ".", `før-gendannelse-${backupFileName(safety.manifest)}`);
      writeFileSync(keptAt, safety.bytes);
    }
  } finally {
    await current.close();
  }

  // Clear the schemas the app owns, then restore into them in one transaction.
  const admin = postgres(target.url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(
      "drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;",
    );
  } finally {
    await admin.end({ timeout: 5 });
  }
  const { dbname, env } = libpqTarget(target.url);
  await run(
    pgRestore,
    [
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${dbname}`,
    ],
    env,
    payload,
  );

  const restored = await openDb({ driver: "postgres", url: target.url, max: 1 });
  try {
    await migrateDb(restored);
    return { manifest, replaced, keptAt, tables: await tableCounts(restored.db) };
  } finally {
    await restored.close();
  }
}
