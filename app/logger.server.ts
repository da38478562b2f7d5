/**
 * The app's one logger (pino): JSON lines in production, readable lines (pino-pretty) otherwise.
 * `LOG_LEVEL` sets the level (default `info`, and `silent` under tests). The HTTP server
 * (scripts/server.ts) and the app bundle (build/index.js) each import this module, so the instance
 * lives on globalThis: one logger, one pretty-printing worker, also across `remix dev` reloads.
 *
 * Never log passwords, cookies or what users typed: log ids, counts and statuses. Cookie and
 * authorization headers are redacted in case a whole header object is ever logged.
 */
import { createRequire } from "node:module";
import { pino, type DestinationStream, type Logger } from "pino";

declare global {
  var __appLogger: Logger | undefined;
}

const REDACTED_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  "res.headers['set-cookie']",
  "headers.cookie",
  "headers.authorization",
  "headers['set-cookie']",
  "password",
  "*.password",
];

function canPrettyPrint(): boolean {
  // pino-pretty is a devDependency: an install without dev packages logs JSON.
  try {
    createRequire(import.meta.url).resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}

/** The logger as the app configures it; `destination` and `level` let a test capture its lines. */
export function createLogger(
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  const level =
    options.level ??
    (process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "silent" : "info"));
  const pretty =
    !options.destination &&
    process.env.NODE_ENV !== "production" &&
    level !== "silent" &&
    canPrettyPrint();
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      transport: pretty
        ? {
            target: "pino-pretty",
            options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" },
          }
        : undefined,
    },
    options.destination,
  );
}

export const logger: Logger = (globalThis.__appLogger ??= createLogger());
