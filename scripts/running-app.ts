/**
 * How `npm run export` reaches the running app when the app holds the embedded database.
 *
 * The app (scripts/server.ts, on PGlite only) writes "<dir>.server" beside the database's lock file
 * ("<dir>.lock", db/client.ts): its pid, the loopback port of its internal export listener and a
 * random token, readable by the file's owner only (0600), and removes it when it stops. The command
 * reads it and asks http://127.0.0.1:<port>/_intern/… with `Authorization: Bearer <token>`
 * (scripts/internal-export.ts serves that).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface RunningApp {
  pid: number;
  /** Port of the internal export listener, on 127.0.0.1. */
  port: number;
  token: string;
  startedAt: string;
}

export function runningAppFile(dir: string): string {
  return `${path.resolve(dir)}.server`;
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Writes the file (owner-only) and returns a function that removes it if it is still ours. */
export function writeRunningAppFile(dir: string, app: RunningApp): () => void {
  const file = runningAppFile(dir);
  mkdirSync(path.dirname(file), { recursive: true });
  // A stale file from a killed app may have other permissions: write a new one.
  rmSync(file, { force: true });
  writeFileSync(file, JSON.stringify(app), { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600); // in case the umask took more away than 0600 (or gave more)
  return () => {
    try {
      const current = JSON.parse(readFileSync(file, "utf8")) as RunningApp;
      if (current.pid === app.pid && current.token === app.token) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}

export function readRunningAppFile(dir: string): RunningApp | null {
  try {
    const app = JSON.parse(readFileSync(runningAppFile(dir), "utf8")) as Partial<RunningApp>;
    if (
      Number.isInteger(app.pid) &&
      Number.isInteger(app.port) &&
      typeof app.token === "string" &&
      app.token.length > 0
    ) {
      return app as RunningApp;
    }
  } catch {
    // Missing or unreadable.
  }
  return null;
}

// --- The command's side ----------------------------------------------------------------------------

/** How long the app may take to answer the first question, before we call it unreachable. */
const PING_TIMEOUT_MS = 5_000;
/** How long an export may go without sending anything (a plan document takes a few seconds). */
const IDLE_TIMEOUT_MS = 120_000;

export type AppAnswer =
  | { reachable: false; reason: string }
  | {
      reachable: true;
      status: number;
      headers: Headers;
      body: Buffer;
    };

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `den svarede ikke inden for ${timeoutMs / 1000} sekunder`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code === "ECONNREFUSED") return "ingen lytter på porten";
  const message = error instanceof Error ? error.message : String(error);
  return cause?.message ? `${message} (${cause.code ?? ""} ${cause.message})` : message;
}

async function readWithIdleTimeout(response: Response, controller: AbortController) {
  const chunks: Uint8Array[] = [];
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  let timer = setTimeout(() => controller.abort(), IDLE_TIMEOUT_MS);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), IDLE_TIMEOUT_MS);
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

/**
 * Asks the app: first whether it is there and is the process named in the file (a short ping),
 * then for the export. Unreachable when the ping fails, so a stale file or a hung app is told
 * apart from an export the app refused (which has a status).
 */
export async function askRunningApp(app: RunningApp, query: string): Promise<AppAnswer> {
  const base = `http://127.0.0.1:${app.port}/_intern`;
  const headers = { Authorization: `Bearer ${app.token}` };
  try {
    const ping = await fetch(`${base}/ping`, {
      headers,
      signal: AbortSignal.timeout(PING_TIMEOUT_MS),
    });
    const text = await ping.text();
    if (!ping.ok) return { reachable: false, reason: `den svarede HTTP ${ping.status}` };
    if (text.trim() !== String(app.pid)) {
      return { reachable: false, reason: "porten tilhører en anden proces" };
    }
  } catch (error) {
    return { reachable: false, reason: reasonOf(error, PING_TIMEOUT_MS) };
  }
  const controller = new AbortController();
  const headerTimer = setTimeout(() => controller.abort(), IDLE_TIMEOUT_MS);
  try {
    const response = await fetch(`${base}/export?${query}`, {
      headers,
      signal: controller.signal,
    });
    clearTimeout(headerTimer);
    const body = await readWithIdleTimeout(response, controller);
    return { reachable: true, status: response.status, headers: response.headers, body };
  } catch (error) {
    return { reachable: false, reason: reasonOf(error, IDLE_TIMEOUT_MS) };
  } finally {
    clearTimeout(headerTimer);
  }
}
