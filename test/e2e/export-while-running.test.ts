/**
 * `npm run export` while the app runs, as a user runs them side by side: the built app (our HTTP
 * server) holds the embedded database, and the command, run with the same environment, exports
 * through the app and writes the same files as it writes alone. When the app does not answer (it
 * hangs, or it was killed and left its server file behind while something else holds the
 * database) the command says in Danish what holds the database and what to do, and exits 1.
 * On PostgreSQL the command opens the server database itself, as before.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDocxBuffer } from "../helpers/docx";
import { DEMO_PLAN_NAME, startServer, type TestServer } from "./server";

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const onPostgres = Boolean(process.env.E2E_DATABASE_URL);

async function npmExport(server: TestServer, args: string[]) {
  try {
    const { stdout, stderr } = await exec("npm", ["run", "--silent", "export", "--", ...args], {
      env: server.env,
      cwd: ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

/** The demo plan's id, from its folder in an exported archive ("helhedsplaner/<id> - <name>"). */
function demoPlanId(archiveDir: string): string {
  const folder = readdirSync(path.join(archiveDir, "helhedsplaner")).find((f) =>
    f.endsWith(` - ${DEMO_PLAN_NAME}`),
  );
  if (!folder) throw new Error(`No folder for ${DEMO_PLAN_NAME} in ${archiveDir}`);
  return folder.split(" - ")[0]!;
}

// Each command starts tsx (and, on its own, PGlite): several seconds each on a busy 2-core machine.
describe.skipIf(onPostgres)(
  "npm run export while the app runs on PGlite",
  { timeout: 120_000 },
  () => {
    let server: TestServer;
    let tmp: string;
    let pgliteDir: string;
    let serverFile: string;
    let lockFile: string;
    let archiveDir: string;
    let planId: string;

    beforeAll(async () => {
      server = await startServer({ logLevel: "info" });
      tmp = mkdtempSync(path.join(tmpdir(), "export-running-"));
      pgliteDir = server.env.PGLITE_DIR!;
      serverFile = `${pgliteDir}.server`;
      lockFile = `${pgliteDir}.lock`;
    });

    afterAll(async () => {
      await server?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it("announces itself to the command in a file only its user can read", () => {
      expect(existsSync(lockFile)).toBe(true);
      expect(existsSync(serverFile)).toBe(true);
      expect(statSync(serverFile).mode & 0o777).toBe(0o600);
      const announced = JSON.parse(readFileSync(serverFile, "utf8")) as { pid: number };
      expect(announced.pid).toBe(server.pid);
    });

    it("--all writes the archive through the running app", async () => {
      archiveDir = path.join(tmp, "arkiv");
      const result = await npmExport(server, ["--all", "--out", archiveDir]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split("\n");
      expect(lines[0]).toMatch(
        new RegExp(
          `^Arkivet er skrevet til ${archiveDir}: \\d+ helhedsplaner og \\d+ dispositionsfonde, ` +
            `\\d+ dokumenter \\((\\d+) filer med data.json og revisionsspor\\)\\.$`,
        ),
      );
      expect(lines[1]).toBe(
        `Hentet gennem den kørende app (pid ${server.pid}), som har databasen åben; appen kører videre.`,
      );
      const files = filesUnder(archiveDir);
      expect(files.length).toBe(Number(/\((\d+) filer/.exec(lines[0]!)![1]));
      planId = demoPlanId(archiveDir);
      const planFolder = `helhedsplaner/${planId} - ${DEMO_PLAN_NAME}`;
      expect(files).toContain(`${planFolder}/data.json`);
      expect(files).toContain(`${planFolder}/revisionsspor.csv`);
      const data = JSON.parse(readFileSync(path.join(archiveDir, planFolder, "data.json"), "utf8"));
      expect(JSON.stringify(data)).toContain(DEMO_PLAN_NAME);
      const agreementDoc = files.find(
        (f) => f.startsWith(`${planFolder}/delaftaler/`) && f.endsWith(".docx"),
      );
      expect(agreementDoc).toBeDefined();
      const text = readDocxBuffer(readFileSync(path.join(archiveDir, agreementDoc!))).plain;
      expect(text).toContain(DEMO_PLAN_NAME);
    });

    it("--plan writes the plan's Word document, and the app keeps serving", async () => {
      const file = path.join(tmp, "plan.docx");
      const result = await npmExport(server, ["--plan", planId, "--out", file]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        `Skrev ${file}\nHentet gennem den kørende app (pid ${server.pid}), som har databasen åben; ` +
          "appen kører videre.\n",
      );
      expect(readDocxBuffer(readFileSync(file)).plain).toContain(DEMO_PLAN_NAME);

      const page = await fetch(`${server.url}/login`);
      expect(page.status).toBe(200);
      // One log line per export, with what was exported.
      const logged = server
        .output()
        .split("\n")
        .filter((l) => l.includes("command-line export through the running app"))
        .map((l) => JSON.parse(l) as { export: string; id?: number; status: number });
      expect(logged.map((l) => [l.export, l.id, l.status])).toEqual([
        ["all", undefined, 200],
        ["plan", Number(planId), 200],
      ]);
      expect(server.output()).not.toContain(
        (JSON.parse(readFileSync(serverFile, "utf8")) as { token: string }).token,
      );
    });

    it("says so when the plan does not exist", async () => {
      const file = path.join(tmp, "missing.docx");
      const result = await npmExport(server, ["--plan", "99999", "--out", file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe("Plan 99999 findes ikke.\n");
      expect(existsSync(file)).toBe(false);
    });

    it("refuses requests without the app's token", async () => {
      const { port, token } = JSON.parse(readFileSync(serverFile, "utf8")) as {
        port: number;
        token: string;
      };
      const base = `http://127.0.0.1:${port}/_intern/export?all=1`;
      expect((await fetch(base)).status).toBe(401);
      const wrong = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
      expect((await fetch(base, { headers: { Authorization: `Bearer ${wrong}` } })).status).toBe(
        401,
      );
      // Not on the app's own port either.
      const onAppPort = await fetch(`${server.url}/_intern/export?all=1`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(onAppPort.headers.get("content-type")).not.toContain("zip");
    });

    it("a hung app: says what holds the database and what to do, exit 1", async () => {
      const file = path.join(tmp, "hung.docx");
      process.kill(server.pid, "SIGSTOP");
      let result;
      try {
        result = await npmExport(server, ["--plan", planId, "--out", file]);
      } finally {
        process.kill(server.pid, "SIGCONT");
      }
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      const [first, second] = result.stderr.trim().split("\n");
      expect(first).toMatch(
        new RegExp(
          `^Den kørende app \\(pid ${server.pid}, port \\d+ på 127.0.0.1\\) kunne ikke spørges: ` +
            "den svarede ikke inden for 5 sekunder\\.$",
        ),
      );
      expect(second).toContain(`er i brug af en anden proces (pid ${server.pid}`);
      // The server's command: scripts/server.ts, or its compiled copy (test/e2e/global-setup.ts).
      expect(second).toMatch(/scripts\/server\.(ts|mjs)/);
      expect(second).toContain("/admin/archive.zip");
      expect(second).toContain("»Hent alle delaftaler som ét Word-dokument«");
      expect(second).toContain("stop appen, og kør kommandoen igen");
      expect(second).not.toContain("/admin/backup");
      expect(existsSync(file)).toBe(false);
    });

    it("a killed app's stale server file: a clear message while something holds the database, and a direct export once nothing does", async () => {
      process.kill(server.pid, "SIGKILL");
      await new Promise((r) => setTimeout(r, 300));
      expect(existsSync(serverFile)).toBe(true); // left behind: SIGKILL runs no cleanup

      // Another live process (this test) holds the database, as `npm run backup` would.
      writeFileSync(
        lockFile,
        JSON.stringify({
          pid: process.pid,
          host: hostname(),
          startedAt: "2026-12-05T05:00:00.000Z",
          command: "scripts/backup.ts",
        }),
      );
      const file = path.join(tmp, "stale.docx");
      const refused = await npmExport(server, ["--plan", planId, "--out", file]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `kunne ikke spørges: ingen lytter på porten (${serverFile} er efterladt af en app, ` +
          "der ikke kører længere).",
      );
      expect(refused.stderr).toContain(
        `er i brug af en anden proces (pid ${process.pid}, startet 2026-12-05T05:00:00.000Z: ` +
          "scripts/backup.ts).",
      );
      expect(refused.stderr).toContain("/admin/archive.zip");
      expect(existsSync(file)).toBe(false);

      rmSync(lockFile);
      const direct = await npmExport(server, ["--plan", planId, "--out", file]);
      expect(direct.stderr).toBe("");
      expect(direct.code).toBe(0);
      expect(direct.stdout).toBe(`Skrev ${file}\n`);
      expect(readDocxBuffer(readFileSync(file)).plain).toContain(DEMO_PLAN_NAME);
    });
  },
);

describe.runIf(onPostgres)(
  "npm run export while the app runs on PostgreSQL",
  { timeout: 120_000 },
  () => {
    let server: TestServer;
    let tmp: string;

    beforeAll(async () => {
      server = await startServer();
      tmp = mkdtempSync(path.join(tmpdir(), "export-running-"));
    });

    afterAll(async () => {
      await server?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it("opens the server database itself, as before", async () => {
      const dir = path.join(tmp, "arkiv");
      const result = await npmExport(server, ["--all", "--out", dir]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Arkivet er skrevet til .*\n$/);
      expect(result.stdout).not.toContain("kørende app");
      expect(readdirSync(server.env.DATA_DIR!)).not.toContain("pglite.server");
      const planId = demoPlanId(dir);
      const file = path.join(tmp, "plan.docx");
      const plan = await npmExport(server, ["--plan", planId, "--out", file]);
      expect(plan.code).toBe(0);
      expect(readDocxBuffer(readFileSync(file)).plain).toContain(DEMO_PLAN_NAME);
    });
  },
);
