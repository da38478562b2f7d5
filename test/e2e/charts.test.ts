/**
 * The charts in the browser: the plan page's "Status og økonomi" shows both charts with their
 * captions (as images from their own addresses with a name, also in print, the numbers in a table
 * for screen readers), and so does the yearly progress report, without breaking the
 * Content-Security-Policy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  watchCspViolations,
  type DemoPaths,
  type TestServer,
} from "./server";

const CRITERIA_CAPTION = /^Succeskriterier efter status/;
const BUDGET_CAPTION = /^Budget og forbrug pr\. finansieringskilde/;

async function expectCharts(page: Page, section: ReturnType<Page["getByRole"]>) {
  const figures = section.getByRole("figure");
  await expect.poll(() => figures.count()).toBe(2);
  await expect
    .poll(() => figures.nth(0).locator("figcaption").textContent())
    .toMatch(CRITERIA_CAPTION);
  await expect
    .poll(() => figures.nth(1).locator("figcaption").textContent())
    .toMatch(BUDGET_CAPTION);
  // Each chart is an image named by its title, loaded from its own address (an SVG) and drawn
  // with a visible size, on screen and on paper.
  for (const media of ["screen", "print"] as const) {
    await page.emulateMedia({ media });
    for (const name of [CRITERIA_CAPTION, BUDGET_CAPTION]) {
      const image = section.getByRole("img", { name });
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(200);
      expect(await image.getAttribute("src")).toMatch(/\/charts\/(criteria|budget)\.svg/);
      const box = await image.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      expect(box?.height ?? 0).toBeGreaterThan(50);
    }
  }
  await page.emulateMedia({ media: null });
  // The numbers for screen readers: a table per chart, with the chart's columns.
  await expect
    .poll(() => section.getByRole("columnheader", { name: "Indsatsområde" }).count())
    .toBe(1);
  await expect
    .poll(() => section.getByRole("columnheader", { name: "Finansieringskilde" }).count())
    .toBe(1);
}

describe("charts in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let paths: DemoPaths;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    paths = await findDemoPaths(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows both charts with captions on the plan page and in the progress report", async () => {
    const context = await browser.newContext();
    const violations = await watchCspViolations(context);
    const page = await login(context, server.url, "rapportering@samarbejde.example");
    const problems = watchConsole(page);

    await page.goto(`${server.url}${paths.plan}`);
    const planSection = page.getByRole("region", { name: "Status og økonomi" });
    await planSection.waitFor();
    await expectCharts(page, planSection);

    await page.goto(`${server.url}${paths.plan}/reports/2025`);
    await page.getByRole("heading", { level: 1, name: "Statusrapport 2025" }).waitFor();
    const reportSection = page.getByRole("region", { name: "Diagrammer" });
    await expectCharts(page, reportSection);
    await expect
      .poll(() => reportSection.locator("figcaption").first().textContent())
      .toBe("Succeskriterier efter status pr. indsatsområde, 2025");

    expect(problems).toEqual([]);
    expect(violations).toEqual([]);
    await context.close();
  });
});
