/**
 * The målhierarki in the browser: the secretariat adds a delmål under goal 1, links a success
 * criterion to it with "Måler på mål/delmål" in the criteria form, and finds the criterion under
 * that delmål on the Målhierarki page, whose diagram names the delmål too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type DemoPaths,
  type TestServer,
} from "./server";

describe("the målhierarki in the browser", () => {
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

  it("links a criterion to a delmål and shows it under that delmål", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);
    const agreementUrl = `${server.url}${paths.agreement}`;

    // A delmål under goal 1.
    await page.goto(`${agreementUrl}/edit/purpose`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByRole("button", { name: "Tilføj delmål" }).first().click();
    await page.locator("#f-goals-0-subGoals-0-text").fill("Nye beboere får besøg af en nabovært");
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/edit/purpose"));

    // Link the agreement's second criterion to it.
    await page.goto(`${agreementUrl}/edit/criteria`);
    const select = page.locator("#f-criteria-1-goalId");
    await select.waitFor();
    expect(await select.locator("option").first().textContent()).toBe("Ikke knyttet til et mål");
    await select.selectOption({ label: "Delmål 1.1: Nye beboere får besøg af en nabovært" });
    const criterionText = await page.locator("#f-criteria-1-text").inputValue();
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/edit/criteria"));
    // The agreement page says which goal the criterion measures.
    await page.getByText("Måler på delmål 1.1").first().waitFor();

    await page.goto(`${server.url}${paths.plan}/goals`);
    await page.getByRole("heading", { level: 1, name: "Målhierarki" }).waitFor();
    const delmaal = page.locator(".goal-level.sub-goal").filter({
      has: page.getByRole("heading", {
        name: "Delmål 1.1: Nye beboere får besøg af en nabovært",
      }),
    });
    await delmaal.waitFor();
    expect(await delmaal.getByRole("listitem").allTextContents()).toEqual([
      `Succeskriterium: ${criterionText}`,
    ]);
    // The diagram has the delmål's box as well.
    expect(await page.locator(".goal-diagram svg").textContent()).toContain("Delmål 1.1");
    expect(problems).toEqual([]);
    await context.close();
  });
});
