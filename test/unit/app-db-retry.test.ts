/**
 * The app opens its database on the first request. When that open fails because a command holds
 * the embedded database for a moment (npm run backup), the next request must try again rather
 * than fail until the app restarts.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pgliteLockFile } from "../../db/client";
import { closeAppDb, getOpenDb } from "~/db.server";

describe("the app's database handle", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "app-db-retry-"));
  const saved = { PGLITE_DIR: process.env.PGLITE_DIR, DATABASE_URL: process.env.DATABASE_URL };
  // Test files share a fork's modules: keep another file's handle out of this test, untouched.
  const previous = globalThis.__appDb;
  afterAll(async () => {
    await closeAppDb();
    globalThis.__appDb = previous;
    process.env.PGLITE_DIR = saved.PGLITE_DIR;
    if (saved.DATABASE_URL !== undefined) process.env.DATABASE_URL = saved.DATABASE_URL;
    rmSync(dir, { recursive: true, force: true });
  });

  it("tries again after an open that failed because another process held the database", async () => {
    globalThis.__appDb = undefined;
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = path.join(dir, "pglite");
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    const lock = pgliteLockFile(process.env.PGLITE_DIR);
    writeFileSync(
      lock,
      JSON.stringify({ pid: holder.pid, startedAt: new Date().toISOString(), command: "backup" }),
    );
    try {
      await expect(getOpenDb()).rejects.toThrow(/i brug af en anden proces/);
    } finally {
      holder.kill();
      rmSync(lock, { force: true });
    }
    const handle = await getOpenDb();
    expect(handle.driver).toBe("pglite");
  }, 60_000);
});
