/**
 * Several real app servers on one PostgreSQL database, as a load balancer would have them: each
 * is `scripts/server.ts` on the built app (build/index.js), in a process of its own on a free
 * port, all with the same SESSION_SECRET and DATABASE_URL. Used by the multi-process tests
 * (test/integration/multi-process.test.ts, mail-app-processes.test.ts) and the benchmark's
 * two-process mode (bench/processes.ts).
 *
 * The database must already be migrated (and seeded, if the caller logs in): the servers do not
 * migrate, as in production, where migrations run once before the processes start.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { SERVER_NODE_OPTIONS } from "../../scripts/node-options";

const BUILD_FILE = path.resolve("build/index.js");

export interface AppProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** The server process's id (node itself, not a wrapper: signals reach the server). */
  pid: number;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs` if it has not exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface AppProcesses {
  processes: AppProcess[];
  urls: string[];
  /** The environment every process shares (before its own PORT), for commands. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The PostgreSQL database every process uses (migrated, and seeded if you log in). */
  databaseUrl: string;
  /** Added to (or, as undefined, removed from) each process's environment: BACKGROUND_JOBS, SMTP_URL … */
  env?: Record<string, string | undefined>;
  /** Added to one process's environment (index from 0), after `env`: e.g. its own MAIL_FROM. */
  envFor?: (index: number) => Record<string, string>;
  /** Shared by all processes; random when not given. */
  sessionSecret?: string;
  /** Extra node options before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** LOG_LEVEL of the servers ("silent" unless given). */
  logLevel?: string;
  /**
   * Keep what the servers write, for output() (default). False discards it: a benchmark's
   * servers log every request, which would only grow this process's memory.
   */
  keepOutput?: boolean;
  /** How long each may take to answer /healthz (a busy 2-core machine is slow to start). */
  startTimeoutMs?: number;
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/**
 * Runs `npx remix build` unless build/index.js is newer than every file under app/ (the CI builds
 * before the tests; a developer who changed app/ gets a fresh build). APP_BUILD=1 forces it.
 */
export function ensureAppBuild(): void {
  let built = 0;
  try {
    built = statSync(BUILD_FILE).mtimeMs;
  } catch {
    // No build yet.
  }
  if (process.env.APP_BUILD !== "1" && built > newestMtime(path.resolve("app"))) return;
  // The servers run the production build: under vitest NODE_ENV is "test", and a build made with
  // it would be a development build (jsxDEV), which a production server answers with 500s.
  const result = spawnSync("npx", ["remix", "build"], {
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function startOne(
  env: NodeJS.ProcessEnv,
  index: number,
  options: StartOptions,
): Promise<AppProcess> {
  const port = await freePort();
  // `node --import tsx`, not the tsx CLI, so that the child's pid is the server's (signals).
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...SERVER_NODE_OPTIONS, "--import", "tsx", "scripts/server.ts"],
    {
      env: { ...env, ...options.envFor?.(index), PORT: String(port) },
      stdio: options.keepOutput === false ? "ignore" : ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    if (!(await exited(child, graceMs))) {
      child.kill("SIGKILL");
      await exited(child, 5_000);
    }
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop(0);
      throw new Error(`The app server on port ${port} did not start:\n${output}`);
    }
    await sleep(200);
  }
  return { url, port, pid: child.pid!, output: () => output, stop };
}

/**
 * Starts `count` app servers on `databaseUrl`, each on its own free port, and waits until each
 * answers /healthz. Stop them with `stop()` (also when a test fails: call it in afterAll).
 */
export async function startAppProcesses(
  count: number,
  options: StartOptions,
): Promise<AppProcesses> {
  ensureAppBuild();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    SESSION_SECRET: options.sessionSecret ?? randomBytes(24).toString("hex"),
    LOG_LEVEL: options.logLevel ?? "silent",
  };
  delete env.PGLITE_DIR;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, index) => startOne(env, index, options)),
  );
  const processes = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
  };
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { processes, urls: processes.map((p) => p.url), env, stop };
}
