/**
 * Environment: the session secret and where data lives. When SESSION_SECRET is not set (a
 * newcomer's machine), a random secret is generated once and kept under data/ so that sessions
 * survive restarts; production sets SESSION_SECRET.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const dataDir = path.resolve(process.env.DATA_DIR ?? "data");

function readOrCreateDevSecret(): string {
  const file = path.join(dataDir, "session-secret");
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // Not there yet: create it below.
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

let sessionSecret: string | undefined;

export function getSessionSecret(): string {
  sessionSecret ??= process.env.SESSION_SECRET || readOrCreateDevSecret();
  return sessionSecret;
}

export const isProduction = process.env.NODE_ENV === "production";
/** Cookies are marked Secure unless explicitly served over plain HTTP (local use and tests). */
export const secureCookies = isProduction && process.env.INSECURE_COOKIES !== "1";

/**
 * The app's origin for links that leave it (e-mails): APP_URL when set, else this machine's
 * http://localhost:PORT (the newcomer's default).
 */
export function getAppUrl(): string {
  const configured = process.env.APP_URL?.trim();
  return configured ? new URL(configured).origin : `http://localhost:${process.env.PORT || 3000}`;
}
