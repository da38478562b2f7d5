/**
 * Every kind of page of the demo, as every role, on a desktop (1280×900) and a phone (390×844): axe
 * finds no serious or critical WCAG 2.1 A/AA violation, and on the phone no page scrolls sideways
 * (the document is no wider than the window; a wide table scrolls inside its own focusable,
 * labelled region instead). The pages are found by crawling as the role (test/e2e/pages.ts), so a
 * new page is checked as soon as something links to it; a link that answers an error (403, 404) to
 * the role that is shown it fails the test too.
 *
 * Kept fast enough for every browser-test run (about a fifth of the time per page it took before,
 * and about 160 of the 280 pages the roles reach, together, are checked), without leaving out a
 * kind of page:
 * - one page per route pattern and role ("/plans/1/agreements/1" stands for every agreement), so
 *   the time grows with the number of kinds of page, not with the data;
 * - a page whose <main> is the same for a role checked earlier (the help page, a plan page readers
 *   and board members see alike) is not checked again; each role's own first page always is, so
 *   every role's header and menu are checked too;
 * - axe-core is injected once per page and run directly (not through @axe-core/playwright's
 *   builder, which re-injects it and opens a blank page per analysis: five times slower), and
 *   reports only violations; the same loaded page is checked at desktop width, resized to the
 *   phone and checked again;
 * - two tabs per role work at the same time.
 *
 * It runs with the server on PGlite only: axe checks the markup, which does not depend on where
 * the data is stored (the other browser tests cover PostgreSQL).
 */
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/demo-users";
import { CRAWLED_ROLES, crawlPages, type CrawledRole, type CrawlResult } from "./pages";
import { launchBrowser, startServer, type TestServer } from "./server";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** Pages of one role checked at the same time (the machine has two cores). */
const TABS = 2;

/** axe-core's source, the same version @axe-core/playwright would inject. */
const AXE_SOURCE = (
  createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright"))("axe-core") as {
    source: string;
  }
).source;

/** The part of axe-core's API used here, in the page (window.axe). */
interface AxeCore {
  run(
    context: Document,
    options: { runOnly: { type: "tag"; values: string[] }; resultTypes: string[] },
  ): Promise<{
    violations: { id: string; impact?: string | null; nodes: { target: string[] }[] }[];
  }>;
}

/**
 * Waits two frames, so that what the page does after loading or a resize (a wide table's box
 * becoming focusable, the menu folding) has happened, as it has before a user sees the page.
 */
async function nextFrames(page: Page) {
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}

/** "page (width): rule – target" for every serious or critical violation on the page as it is. */
async function axeProblems(page: Page, label: string): Promise<string[]> {
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: AxeCore }).axe;
    const results = await axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}) – ${node.target.join(" ")}`));
  }, TAGS);
  return found.map((problem) => `${label}: ${problem}`);
}

/** "page: 512 px wide at 390 px – widest: <selector>" when the document scrolls sideways. */
async function sidewaysProblem(page: Page, label: string): Promise<string[]> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= window.innerWidth) return null;
    // Name the outermost element that sticks out, so the report points at the culprit.
    let culprit = "";
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const rect = el.getBoundingClientRect();
      if (rect.right > window.innerWidth + 1 && rect.width > 0 && el.checkVisibility()) {
        const parent = el.parentElement?.getBoundingClientRect();
        if (parent && parent.right > window.innerWidth + 1) continue;
        const cls = typeof el.className === "string" && el.className ? `.${el.className}` : "";
        culprit = `${el.tagName.toLowerCase()}${cls.split(" ").join(".")}`;
        break;
      }
    }
    return { width, culprit };
  });
  if (!overflow) return [];
  return [`${label}: ${overflow.width} px wide at ${PHONE.width} px – widest: ${overflow.culprit}`];
}

/** Milliseconds spent loading pages and running axe, for the log line of each role. */
interface Timing {
  load: number;
  axe: number;
}

/** Loads `path` once and checks it at desktop width, then resized to a phone. */
async function checkPage(
  page: Page,
  baseUrl: string,
  path: string,
  timing: Timing,
): Promise<string[]> {
  const started = Date.now();
  await page.setViewportSize(DESKTOP);
  const response = await page.goto(`${baseUrl}${path}`);
  if (!response?.ok()) return [`${path}: answered ${response?.status()} in the browser`];
  await page.locator("main").waitFor();
  await nextFrames(page);
  const loaded = Date.now();
  timing.load += loaded - started;
  await page.evaluate(AXE_SOURCE);
  const problems = await axeProblems(page, `${path} (desktop)`);
  await page.setViewportSize(PHONE);
  await nextFrames(page);
  problems.push(...(await sidewaysProblem(page, path)));
  problems.push(...(await axeProblems(page, `${path} (phone)`)));
  timing.axe += Date.now() - loaded;
  return problems;
}

/** Logs the role in through the login form's action, without rendering the form. */
async function logIn(context: BrowserContext, baseUrl: string, email: string) {
  const response = await context.request.post(`${baseUrl}/login`, {
    form: { email, password: DEMO_PASSWORD, redirectTo: "" },
    maxRedirects: 0,
  });
  if (response.status() !== 302) throw new Error(`${email} could not log in: ${response.status()}`);
}

function seconds(ms: number) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs `work` over `items`, at most `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

describe.skipIf(Boolean(process.env.E2E_DATABASE_URL))(
  "every kind of page as every role: axe and phone width",
  () => {
    let server: TestServer;
    let browser: Browser;
    const contexts = new Map<CrawledRole, BrowserContext>();
    const crawls = new Map<CrawledRole, CrawlResult>();
    /** The role that checks each <main> fingerprint: the first one (in CRAWLED_ROLES) to reach it. */
    const checkedBy = new Map<string, CrawledRole>();

    beforeAll(async () => {
      const started = Date.now();
      [server, browser] = await Promise.all([startServer(), launchBrowser()]);
      // Log in and crawl as every role, two roles at a time (the server does the work). Generous
      // timeouts: a busy shared machine is many times slower than an idle one.
      await inParallel([...CRAWLED_ROLES], 2, async (role) => {
        const context = await browser.newContext({ viewport: DESKTOP });
        contexts.set(role, context);
        await logIn(context, server.url, DEMO_USERS[role].email);
        crawls.set(role, await crawlPages(context.request, server.url));
      });
      const crawled = CRAWLED_ROLES.map((role) => `${role} ${crawls.get(role)!.pages.length}`);
      console.log(`crawled in ${seconds(Date.now() - started)}: ${crawled.join(", ")}`);
      for (const role of CRAWLED_ROLES) {
        for (const { fingerprint } of crawls.get(role)!.pages) {
          if (!checkedBy.has(fingerprint)) checkedBy.set(fingerprint, role);
        }
      }
    }, 600_000);
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it.each(CRAWLED_ROLES)(
      "as %s: no serious or critical violation, nothing scrolls sideways on a phone",
      async (role) => {
        const context = contexts.get(role)!;
        const { pages, broken } = crawls.get(role)!;
        expect(pages.length).toBeGreaterThan(3);
        const mine = pages.filter(
          ({ path, fingerprint }) => path === "/" || checkedBy.get(fingerprint) === role,
        );

        // A link the role is shown but may not follow is a dead end too.
        const problems = broken.map((link) => `dead link: ${link}`);
        const started = Date.now();
        const timing: Timing = { load: 0, axe: 0 };
        const tabs = await Promise.all(Array.from({ length: TABS }, () => context.newPage()));
        await inParallel(mine, TABS, async ({ path }) => {
          const tab = tabs.pop()!;
          try {
            problems.push(...(await checkPage(tab, server.url, path, timing)));
          } finally {
            tabs.push(tab);
          }
        });
        await context.close();
        console.log(
          `${role}: ${pages.length} kinds of page, ${mine.length} checked ` +
            `(${pages.length - mine.length} the same as for a role before) in ` +
            `${seconds(Date.now() - started)} (in the tabs: loading ${seconds(timing.load)}, ` +
            `axe and width ${seconds(timing.axe)})`,
        );
        expect(problems).toEqual([]);
      },
      600_000,
    );
  },
);
