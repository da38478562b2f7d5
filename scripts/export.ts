/**
 * Command-line export of agreements as Word, on whichever database the app is configured for
 * (DATABASE_URL or the embedded PGlite under data/):
 *
 *   npm run export -- --agreement <id> --out <file.docx>
 *   npm run export -- --plan <id> --out <file.docx>      (every agreement, with a table of contents)
 *   npm run export -- --all --out <dir>                   (the archive: every plan and fund)
 *
 * The archive (docs/archive.md) has a folder per plan with every agreement's current document and
 * approved versions, the revisions as tracked changes, progress reports (Word and Excel),
 * self-evaluations, data.json and the audit trail as CSV, and a folder per dispositionsfond with
 * its applications, decision letters and data.json. It is the admin page's archive download too.
 *
 * While the app runs on the embedded database it holds that database (its lock file), and a second
 * process may not open it. The command then asks the running app, which announces an internal
 * export listener in "<dir>.server" (scripts/running-app.ts, scripts/internal-export.ts), and
 * writes the same files. If the app does not answer, it says what holds the database and what to
 * do instead. On PostgreSQL (DATABASE_URL) it always opens the database itself.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import {
  DatabaseInUseError,
  driverFromEnv,
  openDb,
  type Db,
  type DriverOptions,
} from "../db/client";
import { agreementFileName } from "../app/documents.server";
import { ARCHIVE_SYSTEM_USER, listArchive, writeArchive } from "../app/models/archive.server";
import {
  agreementDocx,
  archiveSummary,
  notFoundLine,
  parseExportArgs,
  planDocx,
  type ExportRequest,
} from "./export-documents";
import { askRunningApp, readRunningAppFile, runningAppFile, type RunningApp } from "./running-app";

export interface ExportResult {
  exitCode: number;
  lines: string[];
}

function writeFile(out: string, buffer: Uint8Array) {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, buffer);
}

async function exportDirect(request: ExportRequest, out: string, db: Db): Promise<ExportResult> {
  if (request.kind !== "all") {
    const buffer =
      request.kind === "agreement"
        ? await agreementDocx(db, request.id)
        : await planDocx(db, request.id);
    if (!buffer) return { exitCode: 1, lines: [notFoundLine(request)] };
    writeFile(out, buffer);
    return { exitCode: 0, lines: [`Skrev ${out}`] };
  }
  mkdirSync(out, { recursive: true });
  const archive = await listArchive(db, ARCHIVE_SYSTEM_USER);
  let written = 0;
  await writeArchive(archive, ({ path: relative, buffer }) => {
    writeFile(path.join(out, ...relative.split("/")), buffer);
    written++;
  });
  return { exitCode: 0, lines: [archiveSummary(out, archive, written)] };
}

/** Exports on an open database (the command's own, or a test's). */
export async function runExport(argv: string[], db: Db): Promise<ExportResult> {
  const parsed = parseExportArgs(argv);
  if ("usage" in parsed) return { exitCode: 1, lines: parsed.usage };
  return exportDirect(parsed.request, parsed.out, db);
}

function queryOf(request: ExportRequest): string {
  return request.kind === "all"
    ? "all=1"
    : new URLSearchParams({ [request.kind]: request.raw }).toString();
}

/** Writes the archive's zip into `out` as the direct export writes its files. */
function unpackArchive(out: string, zip: Buffer): number {
  const files = unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.length));
  const root = path.resolve(out);
  mkdirSync(root, { recursive: true });
  let written = 0;
  for (const [relative, data] of Object.entries(files)) {
    if (relative.endsWith("/")) continue; // a directory entry
    const target = path.resolve(root, ...relative.split("/"));
    if (!target.startsWith(root + path.sep)) throw new Error(`Ugyldig sti i arkivet: ${relative}`);
    writeFile(target, data);
    written++;
  }
  return written;
}

/**
 * The export through the running app. null when the app is not reachable (the reason is then in
 * `unreachable`); otherwise the result, as the direct export would have given it, plus a line.
 */
async function exportViaApp(
  app: RunningApp,
  request: ExportRequest,
  out: string,
): Promise<ExportResult | { unreachable: string }> {
  const answer = await askRunningApp(app, queryOf(request));
  if (!answer.reachable) return { unreachable: answer.reason };
  const via =
    `Hentet gennem den kørende app (pid ${app.pid}), som har databasen åben; ` +
    "appen kører videre.";
  if (answer.status === 404 && request.kind !== "all") {
    return { exitCode: 1, lines: [notFoundLine(request)] };
  }
  if (answer.status !== 200) {
    const text = answer.body.toString("utf8").trim().slice(0, 500);
    return {
      exitCode: 1,
      lines: [`Den kørende app kunne ikke lave eksporten (HTTP ${answer.status}): ${text}`],
    };
  }
  if (request.kind !== "all") {
    writeFile(out, answer.body);
    return { exitCode: 0, lines: [`Skrev ${out}`, via] };
  }
  const count = (name: string) => Number(answer.headers.get(name) ?? 0);
  const written = unpackArchive(out, answer.body);
  const counts = {
    planCount: count("X-Archive-Plans"),
    fundCount: count("X-Archive-Funds"),
    documentCount: count("X-Archive-Documents"),
  };
  return { exitCode: 0, lines: [archiveSummary(out, counts, written), via] };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The command: on the configured database, or through the running app when it holds the
 * embedded one. Asks the app first when its server file names a live process, since the app opens
 * the database on its first request and must not find it taken by us.
 */
export async function runExportCommand(
  argv: string[],
  target: DriverOptions,
): Promise<ExportResult> {
  const parsed = parseExportArgs(argv);
  if ("usage" in parsed) return { exitCode: 1, lines: parsed.usage };
  const { request, out } = parsed;

  const dir = target.driver === "pglite" ? target.dir : undefined;
  const app = dir ? readRunningAppFile(dir) : null;
  let unreachable: string | undefined;
  if (app && isAlive(app.pid)) {
    const result = await exportViaApp(app, request, out);
    if (!("unreachable" in result)) return result;
    unreachable = result.unreachable;
  }

  let handle;
  try {
    handle = await openDb(target);
  } catch (error) {
    if (!(error instanceof DatabaseInUseError)) throw error;
    if (app && unreachable === undefined) {
      // The file names a process that has gone, yet someone holds the database: try anyway.
      const result = await exportViaApp(app, request, out);
      if (!("unreachable" in result)) return result;
      unreachable = result.unreachable;
    }
    const lines = [error.forCommand("export").message];
    if (app) {
      const gone = isAlive(app.pid)
        ? ""
        : ` (${runningAppFile(dir!)} er efterladt af en app, der ikke kører længere)`;
      lines.unshift(
        `Den kørende app (pid ${app.pid}, port ${app.port} på 127.0.0.1) kunne ikke spørges: ` +
          `${unreachable}${gone}.`,
      );
    }
    return { exitCode: 1, lines };
  }
  try {
    return await exportDirect(request, out, handle.db);
  } finally {
    await handle.close();
  }
}

export { agreementFileName };

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runExportCommand(process.argv.slice(2), driverFromEnv())
    .then((result) => {
      (result.exitCode ? process.stderr : process.stdout).write(`${result.lines.join("\n")}\n`);
      process.exitCode = result.exitCode;
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `Eksporten fejlede: ${error instanceof Error ? error.message : error}\n`,
      );
      process.exit(1);
    });
}
