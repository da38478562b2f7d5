/**
 * Starts the built app (build/index.js, from `remix build`) behind our HTTP server
 * (scripts/server.ts) for browser tests: on a fresh PGlite directory, or on a fresh database of
 * the PostgreSQL server in E2E_DATABASE_URL, migrated and seeded with the demo data the way
 * `npm start` does. Then it waits until the server answers. Logs are silent unless a test asks for
 * them (`logLevel`); `output()` returns what the server wrote.
 *
 * Under vitest.e2e.config.ts the migrating and seeding is done once per run, into a template
 * (test/e2e/global-setup.ts), and every server starts from a copy of it: PGlite's closed data
 * directory copied file by file, or `create database … template …` on PostgreSQL. Without the
 * global setup (bench/import.ts), each server's database is migrated and seeded on its own.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";
import { expect, inject } from "vitest";

/** The run's migrated and seeded template (test/e2e/global-setup.ts). */
export type E2eTemplate =
  | { driver: "pglite"; /** A DATA_DIR whose PGlite ("pglite") is closed. */ dataDir: string }
  | { driver: "postgres"; /** A database on the E2E_DATABASE_URL server. */ database: string };

declare module "vitest" {
  export interface ProvidedContext {
    e2eTemplate: E2eTemplate | null;
    /** scripts/server.ts compiled to plain JavaScript (test/e2e/global-setup.ts), or null. */
    e2eServerEntry: string | null;
  }
}

/** What the global setup provided, or null (no setup, or outside vitest). */
function provided<K extends "e2eTemplate" | "e2eServerEntry">(key: K) {
  try {
    return inject(key) ?? null;
  } catch {
    return null;
  }
}

/**
 * Compiles scripts/server.ts and the modules it imports (not node_modules) into one JavaScript
 * file, `<dir>/scripts/server.mjs` inside the repository (so its packages resolve as the source's
 * do). Plain `node` starts it about 2.5 s of CPU faster than `node --import tsx`, which compiles
 * every module on the way in. Source maps are inline, so stack traces name the sources.
 */
export async function compileServer(dir: string): Promise<string> {
  const { build } = await import("esbuild");
  const outfile = path.join(dir, "scripts", "server.mjs");
  await build({
    entryPoints: ["scripts/server.ts"],
    outfile,
    bundle: true,
    packages: "external",
    alias: { "~": "./app" },
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "inline",
    logLevel: "warning",
  });
  return outfile;
}

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

/** The environment of a server (or command) on DATA_DIR `dataDir` and, if given, DATABASE_URL. */
export function serverEnv(dataDir: string, databaseUrl?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(24).toString("hex"),
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else env.PGLITE_DIR = path.join(dataDir, "pglite");
  return env;
}

/** Migrates and seeds the database `env` names, as `npm start` does (db/migrate.ts, db/seed.ts). */
export function migrateAndSeed(env: NodeJS.ProcessEnv): void {
  const tsx = path.resolve("node_modules/.bin/tsx");
  run(tsx, ["db/migrate.ts"], env);
  run(tsx, ["db/seed.ts"], env);
}

/** `url` with its database replaced by `database`. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Creates database `name`, as a copy of `template` if given. PostgreSQL refuses to copy while
 * anyone is connected to the template, and a just-closed connection's backend may still be
 * exiting: retry briefly.
 */
export async function createDatabase(pgUrl: string, name: string, template?: string) {
  const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ""}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
        await sleep(100);
      }
    }
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(pgUrl: string, name: string) {
  const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

export async function startServer({ logLevel = "silent" } = {}): Promise<TestServer> {
  const started = Date.now();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "e2e-data-"));
  const pgUrl = process.env.E2E_DATABASE_URL;
  const template = provided("e2eTemplate");
  const name = `e2e_${randomBytes(5).toString("hex")}`;
  const env = serverEnv(dataDir, pgUrl ? databaseUrl(pgUrl, name) : undefined);
  env.PORT = String(port);
  env.LOG_LEVEL = logLevel;
  let removeDatabase: (() => Promise<void>) | undefined;
  if (pgUrl) {
    if (template && template.driver !== "postgres") {
      throw new Error("The e2e template is on PGlite, but E2E_DATABASE_URL is set");
    }
    await createDatabase(pgUrl, name, template?.database);
    removeDatabase = () => dropDatabase(pgUrl, name);
  } else if (template && template.driver !== "pglite") {
    throw new Error("The e2e template is on PostgreSQL, but E2E_DATABASE_URL is not set");
  }
  if (template?.driver === "pglite") {
    cpSync(template.dataDir, dataDir, { recursive: true });
  } else if (!template) {
    migrateAndSeed(env);
  }
  const prepared = Date.now();

  // `node --import tsx`, not the tsx CLI, so that the child's pid is the server's (signals).
  const entry = provided("e2eServerEntry");
  const args = entry ? [entry] : ["--import", "tsx", "scripts/server.ts"];
  const child: ChildProcess = spawn(process.execPath, args, {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;

  // Generous: a busy shared machine has taken over 60 s to start it; an idle one takes ~5 s.
  const deadline = Date.now() + 120_000;
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
  if (process.env.E2E_TIMING) {
    process.stderr.write(
      `startServer: database ${prepared - started} ms, server ${Date.now() - prepared} ms\n`,
    );
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
      await removeDatabase?.();
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

/** The demo users (db/seed.ts) by role; all have the password `login` types. */
export const DEMO_USERS = {
  admin: "admin@samarbejde.example",
  secretariat: "sekretariat@samarbejde.example",
  board: "bestyrelse@samarbejde.example",
  reporter: "rapportering@samarbejde.example",
  viewer: "laeser@samarbejde.example",
  /** A member of the other plan only. */
  otherPlan: "moelleaasen@samarbejde.example",
  fundAdmin: "fond@samarbejde.example",
  applicant: "ansoeger@samarbejde.example",
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

export interface SignedIn {
  context: BrowserContext;
  /** The first page, on the user's first page after logging in. */
  page: Page;
  /** Console errors and page errors on that page so far (watchConsole). */
  problems: string[];
  close(): Promise<void>;
}

/**
 * A browser context of its own (`options`: viewport, JavaScript off, permissions …) signed in as
 * a demo user, with the first page's console watched.
 */
export async function loginAs(
  browser: Browser,
  baseUrl: string,
  user: DemoUser,
  options: BrowserContextOptions = {},
): Promise<SignedIn> {
  const context = await browser.newContext(options);
  try {
    const page = await login(context, baseUrl, DEMO_USERS[user]);
    return { context, page, problems: watchConsole(page), close: () => context.close() };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * Runs `run` signed in as `user` in a context of its own, then asserts the page logged no errors;
 * the context is closed either way.
 */
export async function asUser(
  browser: Browser,
  baseUrl: string,
  user: DemoUser,
  run: (page: Page, session: SignedIn) => Promise<void>,
  options: BrowserContextOptions = {},
): Promise<void> {
  const session = await loginAs(browser, baseUrl, user, options);
  try {
    await run(session.page, session);
    expect(session.problems).toEqual([]);
  } finally {
    await session.close();
  }
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

/**
 * The message beside a field (not its copy in the error summary above the form, which links to
 * the field with the same words).
 */
export function fieldError(page: Page, text: string) {
  return page.locator(".field-error").filter({ hasText: text });
}

/** The plan a test starts when it needs a focus area without a delaftale (createSecondPlan). */
export const SECOND_PLAN_NAME = "Helhedsplan Kløverhaven";

/**
 * The demo plan's four focus areas all have their delaftale, so a test that writes a new one first
 * does what a secretariat does for another estate: it starts that estate's plan through the plan
 * form (same municipality, funding round and period as the demo plan, for Afd. 7 Kløverhaven,
 * which the demo plan does not cover) and so becomes its secretariat. `page` is logged in as the
 * secretariat. Returns the new plan's "/plans/<id>".
 */
export async function createSecondPlan(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/plans/new`);
  await page.getByLabel("Navn på helhedsplanen").fill(SECOND_PLAN_NAME);
  await page.getByLabel("Pulje (LBF-midler)").selectOption({ label: "LBF-midler 2019-26" });
  await page.getByLabel("Periodens start").fill("2023-01-01");
  await page.getByLabel("Periodens slutning").fill("2026-12-31");
  await page.getByLabel("Kommune").selectOption({ label: "Havbakke Kommune" });
  const organisations = page.getByRole("group", { name: "Boligorganisationer og afdelinger" });
  await organisations.getByLabel("Boligselskabet Lærkereden", { exact: true }).check();
  await organisations.getByLabel(/^Afd\. 7 Kløverhaven/).check();
  await page.getByRole("button", { name: "Opret helhedsplan" }).click();
  await page.getByRole("heading", { level: 1, name: SECOND_PLAN_NAME }).waitFor();
  return new URL(page.url()).pathname;
}
