/**
 * `npm run backup` and `npm run restore` as a user runs them, on the embedded database in a
 * temporary DATA_DIR: refused while another process has the database open, then a backup, a
 * restore into an empty DATA_DIR, and a refusal to overwrite it without --replace.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, pgliteLockFile, type OpenDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDemoData } from "../../db/seed";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { getLastBackup, tableCounts } from "~/models/backup.server";

const exec = promisify(execFile);

async function npm(script: string, args: string[], dataDir: string, databaseUrl?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  delete env.PGLITE_DIR;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  try {
    const { stdout, stderr } = await exec("npm", ["run", "--silent", script, "--", ...args], {
      env,
      cwd: path.resolve(import.meta.dirname, "../.."),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each command starts tsx and PGlite (a few seconds each on a busy 2-core machine).
describe("npm run backup and restore on the embedded database", { timeout: 180_000 }, () => {
  let tmp: string;
  let source: string;
  let target: string;
  let file: string;
  let app: OpenDb | undefined;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), "backup-cli-"));
    source = path.join(tmp, "source");
    target = path.join(tmp, "target");
    file = path.join(tmp, "kopi.backup");
    // Plays the running app: it has the database open (and so holds its lock file).
    app = await openDb({ driver: "pglite", dir: path.join(source, "pglite") });
    await migrateDb(app);
    await seedDemoData(app.db);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("refuses while the app has the database open, and says to use the admin page", async () => {
    expect(existsSync(pgliteLockFile(path.join(source, "pglite")))).toBe(true);
    const result = await npm("backup", ["--out", file], source);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("er i brug af en anden proces");
    expect(result.stderr).toContain(`pid ${process.pid}`);
    expect(result.stderr).toContain("/admin/backup");
    expect(existsSync(file)).toBe(false);
  });

  it("backs up once the app has stopped, and restores into an empty DATA_DIR", async () => {
    const counts = await tableCounts(app!.db);
    await app!.close();
    app = undefined;
    expect(existsSync(pgliteLockFile(path.join(source, "pglite")))).toBe(false);

    const backup = await npm("backup", ["--out", file], source);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Sikkerhedskopi skrevet til ${file}`);
    expect(backup.stdout).toMatch(/users: 8 rækker/);

    const restore = await npm("restore", ["--file", file], target);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("er gendannet");

    const restored = await openDb({ driver: "pglite", dir: path.join(target, "pglite") });
    try {
      expect(await tableCounts(restored.db)).toEqual(counts);
    } finally {
      await restored.close();
    }
    // The source remembers the backup in its audit trail.
    const again = await openDb({ driver: "pglite", dir: path.join(source, "pglite") });
    try {
      expect(await getLastBackup(again.db)).toMatchObject({ source: "cli", by: null });
    } finally {
      await again.close();
    }
  });

  it("will not overwrite a database with data without --replace", async () => {
    const result = await npm("restore", ["--file", file], target);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Databasen er ikke tom. En gendannelse ville erstatte:");
    expect(result.stderr).toContain("users: 8 rækker");
    expect(result.stderr).toContain("--replace");
  });

  it("refuses a file that is not a backup", async () => {
    const result = await npm("restore", ["--file", path.resolve("package.json")], target);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Filen er ikke en sikkerhedskopi fra Samarbejdsaftaler");
  });
});

describe.runIf(drivers.includes("postgres"))(
  "npm run backup and restore on PostgreSQL",
  { timeout: 180_000 },
  () => {
    let source: TestDb;
    let target: TestDb;
    let tmp: string;

    beforeAll(async () => {
      tmp = mkdtempSync(path.join(tmpdir(), "backup-cli-pg-"));
      source = await createTestDb("postgres");
      target = await createTestDb("postgres", { seed: false });
    });
    afterAll(async () => {
      await source?.close();
      await target?.close();
      rmSync(tmp, { recursive: true, force: true });
    });

    it("backs up with pg_dump while the app's connections are open, and restores with pg_restore", async () => {
      const file = path.join(tmp, "pg.backup");
      const backup = await npm("backup", ["--out", file], tmp, source.url);
      expect(backup.stderr).toBe("");
      expect(backup.stdout).toContain("postgres, migration");
      const restore = await npm("restore", ["--file", file], tmp, target.url);
      expect(restore.stderr).toBe("");
      expect(restore.stdout).toContain("er gendannet");
      const restored = await openDb({ driver: "postgres", url: target.url!, max: 1 });
      try {
        const counts = await tableCounts(restored.db);
        const original = await tableCounts(source.db);
        // The source recorded the backup after dumping: one audit event more than the copy.
        expect(counts).toEqual({ ...original, audit_events: original.audit_events! - 1 });
      } finally {
        await restored.close();
      }
      const again = await npm("restore", ["--file", file], tmp, target.url);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("users: 8 rækker");
    });
  },
);
