/**
 * The running app's internal export, for `npm run export` while the app holds the embedded
 * database (scripts/running-app.ts has the protocol). Not a Remix route and not on the app's port:
 * a second Express listener on 127.0.0.1 with a random port, answering only loopback requests that
 * carry the token from the server file (compared in constant time). It exports as the command does
 * (ARCHIVE_SYSTEM_USER, scripts/export-documents.ts), on the app's own database handle:
 *
 *   GET /_intern/ping                    → the app's pid (the command checks it is the right app)
 *   GET /_intern/export?agreement=<id>   → the agreement as .docx (404 with the Danish line if none)
 *   GET /_intern/export?plan=<id>        → the plan's agreements as one .docx
 *   GET /_intern/export?all=1            → the archive as a zip stream (/admin/archive.zip's writer),
 *                                          with its counts in X-Archive-Plans/-Funds/-Documents
 *
 * One log line per export (what, the outcome, bytes, duration); never the token.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { Db } from "../db/client";
import type { ExportRequest } from "./export-documents";
import { newToken, writeRunningAppFile } from "./running-app";

/** The documents' code (templates, models) is loaded on the first export, not at startup. */
async function exporters() {
  const [documents, archive] = await Promise.all([
    import("./export-documents"),
    import("../app/models/archive.server"),
  ]);
  return { ...documents, ...archive };
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Constant-time comparison (of digests, so that unequal lengths take the same time too). */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4 === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** As the command's --agreement and --plan (export-documents.ts), without loading that module. */
function positiveId(value: string): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

function requestOf(query: Request["query"]): ExportRequest | null {
  const one = (v: unknown) => (typeof v === "string" ? v : undefined);
  const agreement = one(query.agreement);
  const plan = one(query.plan);
  const all = one(query.all) === "1";
  if ([agreement !== undefined, plan !== undefined, all].filter(Boolean).length !== 1) return null;
  if (agreement !== undefined)
    return { kind: "agreement", id: positiveId(agreement), raw: agreement };
  if (plan !== undefined) return { kind: "plan", id: positiveId(plan), raw: plan };
  return { kind: "all" };
}

export function internalExportApp(options: {
  token: string;
  getDb: () => Promise<Db>;
  logger: Logger;
}) {
  const { token, getDb, logger } = options;
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.use((req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    // A command asks once or twice: no connection is kept open past its answer.
    res.setHeader("Connection", "close");
    // The socket's address, never X-Forwarded-For: nothing may proxy its way in here.
    if (!isLoopback(req.socket.remoteAddress)) {
      res.status(403).type("text/plain").send("Kun fra denne maskine.");
      return;
    }
    if (!tokenMatches(req.headers.authorization, token)) {
      res.status(401).type("text/plain").send("Forkert eller manglende nøgle.");
      return;
    }
    next();
  });

  app.get("/_intern/ping", (_req, res) => {
    res.type("text/plain").send(String(process.pid));
  });

  app.get("/_intern/export", async (req, res, next) => {
    const started = performance.now();
    const request = requestOf(req.query);
    const log = (status: number, bytes: number | undefined, extra: object = {}) =>
      logger.info(
        {
          export: request?.kind ?? "invalid",
          id: request && "id" in request ? request.id : undefined,
          status,
          bytes,
          durationMs: Math.round(performance.now() - started),
          ...extra,
        },
        "command-line export through the running app",
      );
    try {
      if (!request) {
        log(400, undefined);
        res.status(400).type("text/plain").send("Angiv agreement, plan eller all=1.");
        return;
      }
      const db = await getDb();
      const {
        agreementDocx,
        planDocx,
        notFoundLine,
        listArchive,
        archiveZipStream,
        ARCHIVE_SYSTEM_USER,
      } = await exporters();
      if (request.kind !== "all") {
        const buffer =
          request.kind === "agreement"
            ? await agreementDocx(db, request.id)
            : await planDocx(db, request.id);
        if (!buffer) {
          log(404, undefined);
          res.status(404).type("text/plain").send(notFoundLine(request));
          return;
        }
        log(200, buffer.length);
        res.status(200).type(DOCX).send(buffer);
        return;
      }
      const archive = await listArchive(db, ARCHIVE_SYSTEM_USER);
      res.status(200).type("application/zip");
      res.setHeader("X-Archive-Plans", String(archive.planCount));
      res.setHeader("X-Archive-Funds", String(archive.fundCount));
      res.setHeader("X-Archive-Documents", String(archive.documentCount));
      const body = Readable.fromWeb(
        archiveZipStream(archive.entries) as import("node:stream/web").ReadableStream,
      );
      let bytes = 0;
      body.on("data", (chunk: Buffer) => (bytes += chunk.length));
      body.on("error", (error) => {
        logger.error(
          { err: error, export: "all", durationMs: Math.round(performance.now() - started) },
          "command-line export through the running app failed",
        );
        res.destroy(error);
      });
      body.on("end", () => log(200, bytes, { files: archive.entries.length }));
      body.pipe(res);
    } catch (error) {
      next(error);
    }
  });

  app.use((_req, res) => {
    res.status(404).type("text/plain").send("Findes ikke.");
  });
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    logger.error({ err: error }, "command-line export through the running app failed");
    if (res.headersSent) return next(error);
    res.status(500).type("text/plain").send("Eksporten fejlede i appen; se appens log.");
  });
  return app;
}

/**
 * Starts the internal listener on 127.0.0.1 (a free port) and writes the server file beside the
 * embedded database's lock. `close` stops the listener and removes the file.
 */
export async function startInternalExport(options: {
  dir: string;
  getDb: () => Promise<Db>;
  logger: Logger;
}): Promise<{ port: number; close: () => Promise<void> }> {
  const token = newToken();
  const app = internalExportApp({ token, getDb: options.getDb, logger: options.logger });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const removeFile = writeRunningAppFile(options.dir, {
    pid: process.pid,
    port,
    token,
    startedAt: new Date().toISOString(),
  });
  // Also when the process ends some other way than through close() (not on SIGKILL).
  process.once("exit", removeFile);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        removeFile();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
