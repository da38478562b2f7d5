/**
 * Every page of the demo, as every role, on a desktop (1280×900) and a phone (390×844): axe finds
 * no serious or critical WCAG 2.1 A/AA violation, and on the phone no page scrolls sideways (the
 * document is no wider than the window; a wide table scrolls inside its own focusable, labelled
 * region instead). The pages are found by crawling as the role (test/e2e/pages.ts), so a new page
 * is checked as soon as something links to it; a link that answers an error (403, 404) to the role
 * that is shown it fails the test too.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "../../db/demo-users";
import { CRAWLED_ROLES, crawlPages } from "./pages";
import { launchBrowser, login, startServer, type TestServer } from "./server";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Waits two frames after a resize, so that what the page does on a resize (a wide table's box
 * becoming focusable, the menu folding) has happened, as it has before a user sees the page.
 */
async function nextFrames(page: Page) {
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}

/** "page (width): rule – target" for every serious or critical violation on the page as it is. */
async function axeProblems(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((node) => `${label}: ${v.id} (${v.impact}) – ${node.target.join(" ")}`),
    );
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

describe("every page as every role: axe and phone width", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(CRAWLED_ROLES)(
    "as %s: no serious or critical violation, nothing scrolls sideways on a phone",
    async (role) => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await login(context, server.url, DEMO_USERS[role].email);
      const { pages, broken } = await crawlPages(context.request, server.url);
      expect(pages.length).toBeGreaterThan(3);

      // A link the role is shown but may not follow is a dead end too.
      const problems = broken.map((link) => `dead link: ${link}`);
      for (const { path } of pages) {
        await page.goto(`${server.url}${path}`);
        await page.locator("main").waitFor();
        problems.push(...(await axeProblems(page, `${path} (desktop)`)));
        await page.setViewportSize(PHONE);
        await nextFrames(page);
        problems.push(...(await sidewaysProblem(page, path)));
        problems.push(...(await axeProblems(page, `${path} (phone)`)));
        await page.setViewportSize(DESKTOP);
      }
      console.log(`${role}: ${pages.length} pages checked`);
      await context.close();
      expect(problems).toEqual([]);
    },
    300_000,
  );
});
