/**
 * Migrated (and seeded) template databases, built once per test run and driver and copied for
 * every test file (test/helpers/db.ts). Test files run in separate worker processes, so the
 * templates live where all of them can reach them: PGlite's as data-directory dumps in the run's
 * directory (from test/helpers/global-setup.ts), PostgreSQL's as databases on the server. The
 * first worker that needs a template builds it under a lock (an atomic mkdir); the others wait for
 * it. Without the global setup (another vitest config), each process builds its own PGlite
 * template in memory and PostgreSQL databases are migrated and seeded one by one, as before.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { openDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDemoData, type DemoIds } from "../../db/seed";
import { postgresTemplatePrefix } from "./global-setup";

export type TemplateKind = "migrated" | "seeded";

const NO_DEMO = {} as DemoIds;

/** The run's template directory, or undefined when no global setup provided one. */
function sharedDir(): string | undefined {
  try {
    return inject("testDbTemplates") || undefined;
  } catch {
    return undefined;
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `build` once per run across all worker processes: the first caller builds (and marks it
 * done or failed), the others wait for that mark.
 */
async function buildOnce(dir: string, name: string, build: () => Promise<void>): Promise<void> {
  const done = path.join(dir, `${name}.done`);
  const failed = path.join(dir, `${name}.failed`);
  if (existsSync(done)) return;
  let mine = true;
  try {
    mkdirSync(path.join(dir, `${name}.lock`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    mine = false;
  }
  if (mine) {
    try {
      await build();
      writeFileSync(done, "");
    } catch (error) {
      writeFileSync(
        failed,
        error instanceof Error ? (error.stack ?? error.message) : String(error),
      );
      throw error;
    }
    return;
  }
  const deadline = Date.now() + 170_000;
  while (!existsSync(done)) {
    if (existsSync(failed)) {
      throw new Error(
        `Building the ${name} test database failed:\n${readFileSync(failed, "utf8")}`,
      );
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the ${name} test database`);
    await sleep(100);
  }
}

// --- PGlite ---------------------------------------------------------------------------------------

interface PgliteTemplates {
  migrated: Buffer;
  seeded: Buffer;
  demo: DemoIds;
}

/** One in-memory PGlite: migrated → dump, seeded → dump. */
async function buildPgliteTemplates(): Promise<PgliteTemplates> {
  const handle = await openDb({ driver: "pglite" });
  try {
    await migrateDb(handle);
    const migrated = Buffer.from(await (await handle.pglite!.dumpDataDir("gzip")).arrayBuffer());
    const demo = await seedDemoData(handle.db);
    const seeded = Buffer.from(await (await handle.pglite!.dumpDataDir("gzip")).arrayBuffer());
    return { migrated, seeded, demo };
  } finally {
    await handle.close();
  }
}

let pgliteTemplates: Promise<PgliteTemplates> | undefined;

function loadPgliteTemplates(): Promise<PgliteTemplates> {
  pgliteTemplates ??= (async () => {
    const dir = sharedDir();
    if (!dir) return buildPgliteTemplates();
    const file = (name: string) => path.join(dir, `pglite-${name}`);
    await buildOnce(dir, "pglite", async () => {
      const built = await buildPgliteTemplates();
      writeFileSync(file("migrated.tar.gz"), built.migrated);
      writeFileSync(file("seeded.tar.gz"), built.seeded);
      writeFileSync(file("demo.json"), JSON.stringify(built.demo));
    });
    return {
      migrated: readFileSync(file("migrated.tar.gz")),
      seeded: readFileSync(file("seeded.tar.gz")),
      demo: JSON.parse(readFileSync(file("demo.json"), "utf8")) as DemoIds,
    };
  })();
  pgliteTemplates.catch(() => (pgliteTemplates = undefined));
  return pgliteTemplates;
}

/** The dump to start a PGlite from (`loadDataDir`), and the demo ids in it. */
export async function pgliteTemplate(kind: TemplateKind): Promise<{ dump: File; demo: DemoIds }> {
  const templates = await loadPgliteTemplates();
  return {
    dump: new File([new Uint8Array(templates[kind])], "pgdata.tar.gz", {
      type: "application/gzip",
    }),
    demo: kind === "seeded" ? templates.demo : NO_DEMO,
  };
}

// --- PostgreSQL -----------------------------------------------------------------------------------

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(url: string, use: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await use(sql);
  } finally {
    await sql.end();
  }
}

/** Creates `name` and migrates it; seeds it unless kind is "migrated". */
async function buildPostgresDatabase(
  url: string,
  name: string,
  kind: TemplateKind,
): Promise<DemoIds> {
  await withAdmin(url, (sql) => sql.unsafe(`create database ${name}`));
  const handle = await openDb({ driver: "postgres", url: withDatabase(url, name), max: 1 });
  try {
    await migrateDb(handle);
    return kind === "seeded" ? await seedDemoData(handle.db) : NO_DEMO;
  } finally {
    await handle.close();
  }
}

/**
 * `create database name template source`. PostgreSQL refuses while anyone is connected to the
 * source, and a just-closed connection's backend may still be exiting: retry briefly.
 */
async function copyDatabase(url: string, source: string, name: string): Promise<void> {
  await withAdmin(url, async (sql) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(`create database ${name} template ${source}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
        await sleep(100);
      }
    }
  });
}

interface PostgresTemplate {
  /** Creates database `name` as a copy of the template; resolves with the demo ids in it. */
  copyTo(name: string): Promise<DemoIds>;
}

const postgresTemplates = new Map<TemplateKind, Promise<PostgresTemplate>>();

async function makePostgresTemplate(url: string, kind: TemplateKind): Promise<PostgresTemplate> {
  const dir = sharedDir();
  if (!dir) {
    // No run to own a template: build each database from scratch.
    return { copyTo: (name) => buildPostgresDatabase(url, name, kind) };
  }
  const template = `${postgresTemplatePrefix(dir)}${kind}`;
  const demoFile = path.join(dir, `postgres-${kind}-demo.json`);
  await buildOnce(dir, `postgres-${kind}`, async () => {
    const demo = await buildPostgresDatabase(url, template, kind);
    writeFileSync(demoFile, JSON.stringify(demo));
  });
  const demo = JSON.parse(readFileSync(demoFile, "utf8")) as DemoIds;
  return {
    async copyTo(name) {
      await copyDatabase(url, template, name);
      return demo;
    },
  };
}

/** The template of this kind on the server at `url`. */
export async function postgresTemplate(url: string, kind: TemplateKind): Promise<PostgresTemplate> {
  let template = postgresTemplates.get(kind);
  if (!template) {
    template = makePostgresTemplate(url, kind);
    postgresTemplates.set(kind, template);
    template.catch(() => postgresTemplates.delete(kind));
  }
  return template;
}
