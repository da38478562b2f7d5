/**
 * Backup and restore round trip on both drivers: the demo data plus a version history (approved,
 * superseded and proposed versions; the demo has a final progress report, decided applications
 * with a grant and its reports, self-evaluations) is
 * backed up and restored into an empty database, and every table comes back row for row, with the
 * database's guards and the app's models working on the result.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db, type DriverOptions, type OpenDb } from "../../db/client";
import { agreementVersions } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { addEverything } from "../helpers/everything";
import {
  BackupError,
  createBackup,
  getLastBackup,
  parseBackup,
  recordBackup,
  restoreBackup,
  tableCounts,
  type Backup,
} from "~/models/backup.server";
import { getPlanAttachmentFiles } from "~/models/attachments.server";
import { recordAudit } from "~/models/audit.server";
import { listPlansForUser } from "~/models/plans.server";

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Per table of the public schema: row count and an md5 over every row's text, in order. */
async function checksums(db: Db): Promise<Record<string, { rows: number; md5: string | null }>> {
  const counts = await tableCounts(db);
  const result: Record<string, { rows: number; md5: string | null }> = {};
  for (const [table, n] of Object.entries(counts)) {
    const [row] = await rows<{ md5: string | null }>(
      db,
      sql.raw(
        `select md5(string_agg(t::text, '|' order by t::text)) as md5 from public."${table}" t`,
      ),
    );
    result[table] = { rows: n, md5: row?.md5 ?? null };
  }
  return result;
}

describe.each(drivers)("backup and restore on %s", (driver) => {
  let source: TestDb;
  let backup: Backup;
  let target: DriverOptions;
  let targetDb: TestDb | undefined; // PostgreSQL: an empty, migrated database
  let tmp: string;

  async function openTarget(): Promise<OpenDb> {
    return openDb(target);
  }

  beforeAll(async () => {
    source = await createTestDb(driver);
    await addEverything(source);
    tmp = mkdtempSync(path.join(tmpdir(), "backup-test-"));
    if (driver === "pglite") {
      target = { driver: "pglite", dir: path.join(tmp, "pglite") };
    } else {
      targetDb = await createTestDb("postgres", { seed: false });
      target = { driver: "postgres", url: targetDb.url!, max: 2 };
    }
    backup = await createBackup(source);
  });

  afterAll(async () => {
    await source?.close();
    await targetDb?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("writes a header that says what the backup holds", () => {
    const { manifest, payload } = parseBackup(backup.bytes);
    expect(manifest.driver).toBe(driver);
    expect(manifest.payload).toBe(
      driver === "pglite" ? "pglite-datadir-tar-gzip" : "pg_dump-custom",
    );
    expect(manifest.migrations.count).toBeGreaterThan(5);
    expect(manifest.migrations.latest).toMatch(/^\d{4}_/);
    expect(manifest.tables.agreement_versions).toBeGreaterThan(0);
    expect(manifest.tables.fund_reports).toBeGreaterThan(0);
    expect(payload.length).toBe(manifest.payloadBytes);
  });

  it("restores every table's rows identically into an empty database", async () => {
    const before = await checksums(source.db);
    // The demo has one of everything the round trip must carry.
    for (const table of [
      "agreement_versions",
      "progress_reports",
      "self_evaluations",
      "fund_applications",
      "fund_grants",
      "fund_reports",
      "measurements",
      "spending",
      "audit_events",
      "plan_attachments",
    ]) {
      expect(before[table]?.rows, table).toBeGreaterThan(0);
    }

    const result = await restoreBackup(target, backup.bytes);
    expect(result.replaced).toEqual({});

    const restored = await openTarget();
    try {
      expect(await checksums(restored.db)).toEqual(before);

      // The database's guards came along: an approved version still cannot change.
      const [approved] = await restored.db
        .select({ id: agreementVersions.id })
        .from(agreementVersions)
        .where(eq(agreementVersions.status, "approved"));
      expect(approved).toBeDefined();
      await expect(
        restored.db
          .update(agreementVersions)
          .set({ summary: "ændret efter gendannelse" })
          .where(eq(agreementVersions.id, approved!.id)),
      ).rejects.toThrow();

      // And the app's models work on it: the administrator sees both demo plans.
      const plans = await listPlansForUser(restored.db, source.user("admin"));
      expect(plans.map((p) => p.id).sort()).toEqual(
        [source.demo.planId, source.demo.otherPlanId].sort(),
      );

      // The plan's attachments (bilag) are in the database, so the backup holds their bytes.
      const admin = source.user("admin");
      const files = (db: Db) => getPlanAttachmentFiles(db, admin, source.demo.planId);
      const original = await files(source.db);
      const back = await files(restored.db);
      expect(back.map((a) => a.fileName)).toEqual(original.map((a) => a.fileName));
      back.forEach((attachment, i) => {
        expect(attachment.data.byteLength).toBeGreaterThan(0);
        expect(Buffer.from(attachment.data).equals(Buffer.from(original[i]!.data))).toBe(true);
      });
    } finally {
      await restored.close();
    }
  });

  it("refuses a database with rows unless asked to replace it, and says what it would replace", async () => {
    let refusal: unknown;
    try {
      await restoreBackup(target, backup.bytes);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(BackupError);
    const message = (refusal as Error).message;
    expect(message).toContain("Databasen er ikke tom");
    expect(message).toMatch(/agreement_versions: \d+ rækker/);
    expect(message).toContain("--replace");

    // Change something, then replace it with the backup: the change is gone, the old kept.
    const changed = await openTarget();
    try {
      await changed.db.execute(sql`delete from audit_events`);
    } finally {
      await changed.close();
    }
    const result = await restoreBackup(target, backup.bytes, { replace: true, keepDir: tmp });
    expect(result.replaced.users).toBeGreaterThan(0);
    expect(result.replaced.audit_events).toBeUndefined();
    expect(result.keptAt).toBeTruthy();
    if (driver === "pglite") expect(readdirSync(result.keptAt!)).toContain("PG_VERSION");
    else expect(parseBackup(readFileSync(result.keptAt!)).manifest.driver).toBe("postgres");
    const again = await openTarget();
    try {
      expect(await checksums(again.db)).toEqual(await checksums(source.db));
    } finally {
      await again.close();
    }
  });

  it("refuses a file that is not a backup, a damaged one, or one of the other database", async () => {
    await expect(restoreBackup(target, Buffer.from("PK\x03\x04 not a backup"))).rejects.toThrow(
      /ikke en sikkerhedskopi fra Samarbejdsaftaler/,
    );
    const damaged = Buffer.from(backup.bytes);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 10) ^ 0xff, damaged.length - 10);
    await expect(restoreBackup(target, damaged)).rejects.toThrow(/beskadiget/);
    const other: DriverOptions =
      driver === "pglite"
        ? { driver: "postgres", url: "postgres://nobody@127.0.0.1:1/none" }
        : { driver: "pglite", dir: path.join(tmp, "other") };
    await expect(restoreBackup(other, backup.bytes)).rejects.toThrow(/samme slags database/);
  });

  it("remembers the last backup in the audit trail", async () => {
    expect(await getLastBackup(source.db)).toBeNull();
    await recordBackup(source.db, source.user("admin"), backup.manifest, "admin");
    const last = await getLastBackup(source.db);
    expect(last).toMatchObject({
      by: "Astrid Holm",
      source: "admin",
      bytes: backup.manifest.payloadBytes,
    });
  });

  // Last: it changes the source database.
  it.runIf(driver === "pglite")(
    "waits for a transaction in progress, so the dump never holds half of one",
    async () => {
      const before = (await tableCounts(source.db)).audit_events!;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const inside = new Promise<void>((resolve) => (started = resolve));
      const transaction = source.db.transaction(async (tx) => {
        await recordAudit(tx, {
          user: null,
          action: "test.write",
          entityType: "test",
          entityId: 1,
        });
        started();
        await held;
      });
      await inside;
      let done = false;
      const backing = createBackup(source).then((b) => ((done = true), b));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(done).toBe(false);
      release();
      await transaction;
      const during = await backing;
      expect(during.manifest.tables.audit_events).toBe(before + 1);
      // The dump itself holds the committed transaction.
      const { payload } = parseBackup(during.bytes);
      const copy = await openDb({
        driver: "pglite",
        loadDataDir: new File([new Uint8Array(payload)], "pgdata.tar.gz", {
          type: "application/x-gzip",
        }),
      });
      try {
        expect((await tableCounts(copy.db)).audit_events).toBe(before + 1);
      } finally {
        await copy.close();
      }
    },
  );
});
