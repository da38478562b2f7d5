/**
 * The HTTP server: Express in front of the Remix build (build/index.js), in place of remix-serve,
 * so that we control what every response carries and what is logged.
 *
 *   npm start                                   # production: builds, migrates, seeds, then this
 *   remix dev --manual -c "tsx scripts/server.ts"   # npm run dev: reloads the build on change
 *
 * What it adds to what remix-serve did (compression, fingerprinted assets cached for a year,
 * public/ for an hour, NODE_ENV defaulting to production, PORT and HOST):
 * - security headers on every response (helmet): a Content-Security-Policy whose inline scripts
 *   need this response's nonce (handed to Remix through the load context), nosniff, no framing,
 *   a same-origin referrer and a Permissions-Policy;
 * - one log line per request (pino-http): method, path without the query's values, status,
 *   duration and a request id, echoed as X-Request-Id;
 * - request checks before Remix: a form post from another site answers 403, a post that is not
 *   a form (JSON, plain text) 415, instead of the 500 that Remix gives for both;
 * - SIGTERM/SIGINT close the HTTP server and the database, then exit 0;
 * - on the embedded database (PGlite), an internal export listener on 127.0.0.1 for
 *   `npm run export` while the app holds the database (scripts/internal-export.ts), announced in
 *   "<dir>.server" beside the lock file and removed on shutdown.
 *
 * - the background jobs (app/jobs: the mail queue, the notification dispatcher and digests, the
 *   reminders) run in this process unless BACKGROUND_JOBS=0; they stop before the database closes;
 * - the one-click unsubscribe (RFC 8058) posts to /afmeld/<token> from a mail provider, not from
 *   our pages: that one path is let through the cross-site form check (its token is its proof).
 *
 * Environment: PORT (3000), HOST (all interfaces), NODE_ENV, LOG_LEVEL, TRUST_PROXY,
 * BACKGROUND_JOBS (on unless 0), SMTP_URL, MAIL_FROM, APP_URL.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, watch } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";

// As remix-serve: `npm start` (no NODE_ENV) serves the production build. Set before the logger
// and the build are loaded, since both read it.
process.env.NODE_ENV ??= "production";
const isDevelopment = process.env.NODE_ENV === "development";
process.setSourceMapsEnabled(true);

const { logger } = await import("../app/logger.server");
const { closeAppDb, getDb } = await import("../app/db.server");
const { driverFromEnv } = await import("../db/client");
const { withRouteBoundary } = await import("../app/route-boundary.server");
const { redactSecretPath } = await import("../app/log-redaction");
const { startBackgroundJobs } = await import("../app/jobs/scheduler.server");
const { BACKGROUND_JOBS } = await import("../app/jobs/jobs.server");

const BUILD_PATH = path.resolve("build/index.js");
const VERSION_FILE = "version.txt";

async function importBuild(): Promise<ServerBuild> {
  // A query string busts the ESM import cache when the build changes (development).
  const { mtimeMs } = await stat(BUILD_PATH);
  const build = (await import(`${pathToFileURL(BUILD_PATH).href}?t=${mtimeMs}`)) as ServerBuild;
  return withRouteBoundary(build);
}

/**
 * Request ids: an incoming X-Request-Id (from a proxy) is kept when it is short and plain, so a
 * request can be followed across services; otherwise a new UUID. Never more than an id.
 */
function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers["x-request-id"];
  const id =
    typeof incoming === "string" && /^[\w.:-]{1,100}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader("X-Request-Id", id);
  return id;
}

/**
 * The path without the query's values (they can be personal); the query's keys are kept. A
 * calendar feed's secret token (the address is its only credential) is never logged.
 */
function loggedUrl(url: string | undefined): { path: string; query?: string[] } {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  if (q === -1) return { path: redactSecretPath(raw) };
  const keys = [...new Set(new URLSearchParams(raw.slice(q + 1)).keys())];
  return { path: redactSecretPath(raw.slice(0, q)), query: keys };
}

/** TRUST_PROXY: unset or 0 trusts nobody; a number is the count of proxies in front (1). */
function trustProxySetting(value: string | undefined): boolean | number | string {
  if (!value || value === "0" || value === "false") return false;
  if (value === "true") return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

// The live-reload socket of `remix dev` (REMIX_DEV_ORIGIN, e.g. http://localhost:3001) must be
// reachable in development; in production the policy names nothing but this origin.
function devSources(): { script: string[]; connect: string[] } {
  const origin = process.env.REMIX_DEV_ORIGIN;
  if (!isDevelopment || !origin) return { script: [], connect: [] };
  const url = new URL(origin);
  const socket = `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`;
  return { script: [url.origin], connect: [url.origin, socket] };
}

const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "display-capture=()",
].join(", ");

const FORM_CONTENT_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The host the browser addressed, as Remix determines it for its own check (X-Forwarded-Host
 * first, then Host). Ours must accept exactly what Remix accepts, or Remix would answer 500.
 */
function requestHost(req: Request): string | undefined {
  const forwarded = req.headers["x-forwarded-host"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || req.headers.host;
}

function isForeignOrigin(req: Request): boolean {
  const origin = req.headers.origin;
  // No Origin header (curl, some browsers' same-site form posts): nothing to compare.
  if (origin === undefined) return false;
  try {
    return origin === "null" || new URL(origin).host !== requestHost(req);
  } catch {
    return true;
  }
}

/**
 * A mail client's one-click unsubscribe (RFC 8058) is a POST from the mail provider's servers,
 * with whatever Origin they send: the signed token in the address is what authorises it, and
 * all it can do is turn e-mails off.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/afmeld\/[^/]+$/;

/** Every action here reads a form: anything else is refused before it reaches Remix. */
function checkFormPost(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  if (isForeignOrigin(req) && ONE_CLICK_UNSUBSCRIBE.test(req.path)) {
    // Remix itself aborts an action whose Origin is not this host (a 500): the provider's
    // Origin says nothing here, so it is dropped for this path only.
    delete req.headers.origin;
  } else if (isForeignOrigin(req)) {
    res
      .status(403)
      .type("text/plain")
      .send("Afvist: formularen blev sendt fra et andet websted end Samarbejdsaftaler.");
    return;
  }
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_CONTENT_TYPES.has(type)) {
    res
      .status(415)
      .type("text/plain")
      .send(
        "Afvist: indholdet skal sendes som en formular (application/x-www-form-urlencoded eller multipart/form-data).",
      );
    return;
  }
  next();
}

/**
 * The public directory's files, cached for an hour. express.static looks every request's path up
 * on disk (a stat that fails, with an error object, for every page): here only paths whose first
 * segment names an entry of the directory reach it. Its top-level entries are listed once (in
 * development on every request, so files added while it runs are served).
 */
function publicFiles(dir: string) {
  const serve = express.static(dir, { maxAge: "1h" });
  const listed = new Set(readdirSync(dir));
  return (req: Request, res: Response, next: NextFunction) => {
    const p = req.path;
    const end = p.indexOf("/", 1);
    let first = end === -1 ? p.slice(1) : p.slice(1, end);
    if (first.includes("%")) {
      try {
        first = decodeURIComponent(first);
      } catch {
        return next();
      }
    }
    const names = isDevelopment ? new Set(readdirSync(dir)) : listed;
    return names.has(first) ? serve(req, res, next) : next();
  };
}

async function main() {
  let build = await importBuild();
  installGlobals({ nativeFetch: build.future.v3_singleFetch });

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));

  app.use(
    pinoHttp({
      logger,
      genReqId: requestIdFor,
      // Loggers for app code (req.log) carry only the request id, not the request.
      quietReqLogger: true,
      wrapSerializers: false,
      customAttributeKeys: { responseTime: "durationMs" },
      serializers: {
        req: (req: IncomingMessage) => ({ method: req.method, ...loggedUrl(req.url) }),
        res: (res: ServerResponse) => ({ status: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
      customSuccessMessage: () => "request completed",
      customErrorMessage: () => "request failed",
    }),
  );

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  const dev = devSources();
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          connectSrc: ["'self'", ...dev.connect],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          imgSrc: ["'self'", "data:"],
          objectSrc: ["'none'"],
          scriptSrc: [
            "'self'",
            (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`,
            ...dev.script,
          ],
          styleSrc: ["'self'"],
          // No upgrade-insecure-requests: the demo and the tests run on plain http://localhost.
        },
      },
      referrerPolicy: { policy: "same-origin" },
      xFrameOptions: { action: "deny" },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    next();
  });

  app.use(compression());
  // Remix fingerprints its build assets: cache them for a year. Other public files for an hour.
  app.use(
    build.publicPath,
    express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }),
  );
  app.use(publicFiles("public"));

  app.use(checkFormPost);

  const getLoadContext = (req: Request, res: Response) => ({
    cspNonce: res.locals.cspNonce as string,
    requestId: String(req.id),
    clientAddress: req.ip,
    buildVersion: build.assets.version,
  });
  if (isDevelopment) {
    // `remix dev --manual`: reload the build when it changes and tell the dev server we are ready.
    let reloading: NodeJS.Timeout | undefined;
    watch(path.dirname(BUILD_PATH), (_event, file) => {
      if (file !== VERSION_FILE) return;
      clearTimeout(reloading);
      reloading = setTimeout(() => {
        importBuild()
          .then((next) => {
            build = next;
            return broadcastDevReady(build);
          })
          .catch((error: unknown) => logger.error({ err: error }, "reloading the build failed"));
      }, 50);
    });
    app.all("*", (req, res, next) =>
      createRequestHandler({ build, mode: "development", getLoadContext })(req, res, next),
    );
  } else {
    app.all("*", createRequestHandler({ build, mode: build.mode, getLoadContext }));
  }

  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    req.log.error({ err: error }, "unhandled error");
    if (res.headersSent) return next(error);
    res.status(500).type("text/plain").send("Der opstod en fejl på serveren. Prøv igen om lidt.");
  });

  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || undefined;
  const onListening = () => {
    logger.info(`Samarbejdsaftaler is listening on http://${host ?? "localhost"}:${port}`);
    if (isDevelopment) void broadcastDevReady(build);
  };
  const server = host ? app.listen(port, host, onListening) : app.listen(port, onListening);
  server.on("error", (error) => {
    logger.fatal({ err: error }, `cannot listen on ${host ?? "port"} ${port}`);
    process.exit(1);
  });

  // `npm run export` cannot open the embedded database while we hold it: it asks us instead.
  const target = driverFromEnv();
  let internalExport: { close(): Promise<void> } | undefined;
  if (target.driver === "pglite" && target.dir) {
    const { startInternalExport } = await import("./internal-export");
    internalExport = await startInternalExport({ dir: target.dir, getDb, logger });
  }

  const jobs =
    process.env.BACKGROUND_JOBS === "0"
      ? undefined
      : startBackgroundJobs(BACKGROUND_JOBS, getDb, logger);

  // Stop taking requests, let running ones finish (5 s at most), stop the background jobs,
  // close the database, exit 0.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    const force = setTimeout(() => server.closeAllConnections(), 5_000);
    server.close(() => {
      clearTimeout(force);
      Promise.resolve(jobs?.stop())
        .then(() => internalExport?.close())
        .then(() => closeAppDb())
        .catch((error: unknown) => logger.error({ err: error }, "closing the database failed"))
        .finally(() => logger.flush(() => process.exit(0)));
    });
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "the server did not start");
  logger.flush(() => process.exit(1));
});
