/**
 * The running app's internal export (scripts/internal-export.ts) and the command's side of it
 * (scripts/export.ts, scripts/running-app.ts), in one process on each driver: the listener the app
 * starts beside its database, what it answers with and without its token, that the command writes
 * the same files through it as on the database itself, one log line per export, and that closing
 * it removes the server file. test/e2e/export-while-running.test.ts runs the real app and command.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { createLogger } from "~/logger.server";
import { isLoopback, startInternalExport, tokenMatches } from "../../scripts/internal-export";
import {
  askRunningApp,
  readRunningAppFile,
  runningAppFile,
  type RunningApp,
} from "../../scripts/running-app";
import { runExport, runExportCommand } from "../../scripts/export";

const PLAN_NAME = "Helhedsplan Strandengen og Solsikkeparken";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

describe("the internal export's guards", () => {
  it("accepts only the exact token as a bearer token", () => {
    expect(tokenMatches("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(tokenMatches("Bearer s3cret-toke", "s3cret-token")).toBe(false);
    expect(tokenMatches("Bearer s3cret-token2", "s3cret-token")).toBe(false);
    expect(tokenMatches("s3cret-token", "s3cret-token")).toBe(false);
    expect(tokenMatches("Basic s3cret-token", "s3cret-token")).toBe(false);
    expect(tokenMatches(undefined, "s3cret-token")).toBe(false);
  });

  it("serves only the loopback addresses", () => {
    for (const a of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.1.2.3"]) {
      expect(isLoopback(a), a).toBe(true);
    }
    for (const a of ["192.0.2.2", "::ffff:192.0.2.2", "10.0.0.1", "fe80::1", "", undefined]) {
      expect(isLoopback(a), String(a)).toBe(false);
    }
  });
});

describe.each(drivers)("exporting through the running app on %s", (driver) => {
  let t: TestDb;
  let tmp: string;
  let dir: string;
  let app: RunningApp;
  let stop: () => Promise<void>;
  let logLines: string[];

  beforeAll(async () => {
    t = await createTestDb(driver);
    tmp = mkdtempSync(path.join(tmpdir(), "internal-export-"));
    // Where the app's embedded database would be: the server file goes beside it.
    dir = path.join(tmp, "data", "pglite");
    logLines = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(...String(chunk).trim().split("\n"));
        done();
      },
    });
    const started = await startInternalExport({
      dir,
      getDb: () => Promise.resolve(t.db),
      logger: createLogger({ level: "info", destination }),
    });
    stop = started.close;
    app = readRunningAppFile(dir)!;
  });

  afterAll(async () => {
    await stop?.();
    await t?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("announces its port and token beside the database, readable by its user only", () => {
    expect(app.pid).toBe(process.pid);
    expect(statSync(runningAppFile(dir)).mode & 0o777).toBe(0o600);
    expect(app.token.length).toBeGreaterThanOrEqual(40);
  });

  it("answers only with its token", async () => {
    const url = `http://127.0.0.1:${app.port}/_intern/export?plan=${t.demo.planId}`;
    expect((await fetch(url)).status).toBe(401);
    const wrong = await fetch(url, { headers: { Authorization: `Bearer x${app.token}` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe("Forkert eller manglende nøgle.");
    const other = await askRunningApp({ ...app, token: "not-the-token" }, "all=1");
    expect(other).toEqual({ reachable: false, reason: "den svarede HTTP 401" });
  });

  it("gives the plan's Word document, and the Danish line for one that does not exist", async () => {
    const plan = await askRunningApp(app, `plan=${t.demo.planId}`);
    expect(plan.reachable && plan.status).toBe(200);
    if (!plan.reachable) return;
    expect(readDocxBuffer(plan.body).plain).toContain(PLAN_NAME);

    const missing = await askRunningApp(app, "agreement=99999");
    expect(missing.reachable && missing.status).toBe(404);
    if (!missing.reachable) return;
    expect(missing.body.toString()).toBe("Delaftale 99999 findes ikke.");
  });

  // Renders the archive twice.
  it(
    "the command writes the same archive through the app as on the database",
    { timeout: 90_000 },
    async () => {
      const direct = path.join(tmp, "direkte");
      const directResult = await runExport(["--all", "--out", direct], t.db);
      expect(directResult.exitCode).toBe(0);

      // The server file names a live process (this one), so the command asks it first.
      const via = path.join(tmp, "via-appen");
      const viaResult = await runExportCommand(["--all", "--out", via], { driver: "pglite", dir });
      expect(viaResult.exitCode).toBe(0);
      expect(viaResult.lines).toEqual([
        directResult.lines[0]!.replace(direct, via),
        `Hentet gennem den kørende app (pid ${process.pid}), som har databasen åben; appen kører videre.`,
      ]);
      expect(filesUnder(via)).toEqual(filesUnder(direct));
      const csv = filesUnder(direct).filter((f) => f.endsWith(".csv"));
      expect(csv.length).toBeGreaterThan(0);
      for (const f of csv) {
        expect(readFileSync(path.join(via, f), "utf8"), f).toBe(
          readFileSync(path.join(direct, f), "utf8"),
        );
      }
      // The plan's document is there and readable.
      const doc = filesUnder(via).find((f) => f.includes("/delaftaler/") && f.endsWith(".docx"))!;
      expect(readDocxBuffer(readFileSync(path.join(via, doc))).plain).toContain(PLAN_NAME);
    },
  );

  it("streams the archive as a zip with its counts", async () => {
    const all = await askRunningApp(app, "all=1");
    expect(all.reachable && all.status).toBe(200);
    if (!all.reachable) return;
    expect(all.headers.get("content-type")).toBe("application/zip");
    const files = Object.keys(unzipSync(new Uint8Array(all.body)));
    // Documents the app makes; the plans' attachments (bilag/) are files as uploaded.
    expect(Number(all.headers.get("X-Archive-Documents"))).toBe(
      files.filter((f) => /\.(docx|xlsx)$/.test(f) && !f.includes("/bilag/")).length,
    );
    expect(Number(all.headers.get("X-Archive-Plans"))).toBeGreaterThan(0);
  });

  it("logs one line per export, without the token", () => {
    const exports = logLines
      .map((l) => JSON.parse(l) as { msg: string; export: string; status: number })
      .filter((l) => l.msg === "command-line export through the running app")
      .map((l) => [l.export, l.status]);
    expect(exports).toEqual([
      ["plan", 200],
      ["agreement", 404],
      ["all", 200],
      ["all", 200],
    ]);
    expect(logLines.join("\n")).not.toContain(app.token);
  });

  it("removes the server file when it stops, and is then unreachable", async () => {
    await stop();
    expect(existsSync(runningAppFile(dir))).toBe(false);
    expect(await askRunningApp(app, "all=1")).toEqual({
      reachable: false,
      reason: "ingen lytter på porten",
    });
  });
});
