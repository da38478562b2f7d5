/**
 * Starts the built app (build/index.js, from `remix build`) behind our HTTP server
 * (scripts/server.ts) for browser tests: on a fresh PGlite directory, or on a fresh database of
 * the PostgreSQL server in E2E_DATABASE_URL. Migrates and seeds it with the demo data the way
 * `npm start` does, then waits until the server answers. Logs are silent unless a test asks for
 * them (`logLevel`); `output()` returns what the server wrote.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export interface TestServer {
  url: string;
  /** The server process's id. */
  pid: number;
  /** The environment it runs with (DATA_DIR and PGLITE_DIR, or DATABASE_URL), for commands. */
  env: NodeJS.ProcessEnv;
  /** Everything the server wrote to stdout and stderr so far (its log lines). */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code, or null if it did not exit within 10 s. */
  terminate(): Promise<number | null>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export async function startServer({ logLevel = "silent" } = {}): Promise<TestServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "e2e-data-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(24).toString("hex"),
    LOG_LEVEL: logLevel,
  };
  delete env.DATABASE_URL;
  let dropDatabase: (() => Promise<void>) | undefined;
  const pgUrl = process.env.E2E_DATABASE_URL;
  if (pgUrl) {
    const name = `e2e_${randomBytes(5).toString("hex")}`;
    const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const again = postgres(pgUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    };
  } else {
    env.PGLITE_DIR = path.join(dataDir, "pglite");
  }
  const tsx = path.resolve("node_modules/.bin/tsx");
  run(tsx, ["db/migrate.ts"], env);
  run(tsx, ["db/seed.ts"], env);

  // `node --import tsx`, not the tsx CLI, so that the child's pid is the server's (signals).
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      // A login attempt opens the database, so the first real request is not slow.
      const res = await fetch(`${url}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: "warmup@samarbejde.example", password: "x" }),
        redirect: "manual",
      });
      if (res.status === 400) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`Server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    pid: child.pid!,
    env,
    output: () => output,
    terminate() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => resolve(null), 10_000);
        child.once("exit", (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.kill("SIGTERM");
      });
    },
    async stop() {
      child.kill("SIGKILL");
      await new Promise((r) => setTimeout(r, 100));
      await dropDatabase?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/**
 * Collects console errors and page errors so a test can assert there were none. The browser logs
 * our deliberate 400/409 replies to bad input as failed loads; those are expected, not problems.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    if (/status of (400|409) /.test(msg.text())) return;
    problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

/**
 * Collects Content-Security-Policy violations on every page of the context (the browser also logs
 * them as console errors; this catches those reported without one, such as blocked styles).
 */
export async function watchCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding("__reportCspViolation", (_source, text: string) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as Record<string, (text: string) => void>)
        .__reportCspViolation;
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  return violations;
}

export async function login(
  context: BrowserContext,
  baseUrl: string,
  email: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill("demo-adgang-2026");
  await page.getByRole("button", { name: "Log ind" }).click();
  await page.waitForURL(`${baseUrl}/`);
  return page;
}

/** The demo plan and its complete delaftale (db/seed.ts), by the names a user sees. */
export const DEMO_PLAN_NAME = "Helhedsplan Strandengen og Solsikkeparken";
export const DEMO_FOCUS_AREA = "Sammenhængskraft og medborgerskab";

export interface DemoPaths {
  /** "/plans/<id>" of the demo plan. */
  plan: string;
  /** "/plans/<id>/agreements/<id>" of its delaftale. */
  agreement: string;
}

/** The href of the link named `name` on the page at `url`, in a page of its own. */
async function linkHref(context: BrowserContext, url: string, name: string): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const href = await page.getByRole("link", { name, exact: true }).first().getAttribute("href");
    if (!href) throw new Error(`No link "${name}" on ${url}`);
    return href;
  } finally {
    await page.close();
  }
}

/**
 * Where the demo plan and its agreement live on this server, found the way a user finds them: the
 * secretariat's dashboard links the plan by name, the plan page links the agreement by its focus
 * area. So no test depends on the ids the database happened to give.
 */
export async function findDemoPaths(browser: Browser, baseUrl: string): Promise<DemoPaths> {
  const context = await browser.newContext();
  try {
    await login(context, baseUrl, "sekretariat@samarbejde.example");
    const plan = await linkHref(context, `${baseUrl}/`, DEMO_PLAN_NAME);
    const agreement = await linkHref(context, `${baseUrl}${plan}`, DEMO_FOCUS_AREA);
    return { plan, agreement };
  } finally {
    await context.close();
  }
}
