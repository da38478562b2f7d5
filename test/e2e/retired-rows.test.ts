/**
 * Removing a success criterion that has measurements, in the browser, with and without
 * JavaScript: the save asks first and names the criterion and its years, the confirm button saves,
 * and the measurement page of a measured year still shows the criterion, marked "Afsluttet". The
 * demo data has measurements for 2023 on the demo agreement's criteria (db/demo-reporting.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
} from "./server";

describe("removing a criterion with measurements in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let agreementUrl = "";
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    agreementUrl = `${server.url}${(await findDemoPaths(browser, server.url)).agreement}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function removeFirstCriterion(page: Page): Promise<string> {
    await page.goto(`${agreementUrl}/edit/criteria`);
    const text = await page.locator("#f-criteria-0-text").inputValue();
    expect(text).not.toBe("");
    await page
      .getByRole("group", { name: "Succeskriterium 1" })
      .getByRole("button", { name: "Fjern" })
      .click();
    await page.getByRole("button", { name: "Gem", exact: true }).last().click();
    // The demo has figures for 2023–2025 on every criterion of its draft agreement.
    await page
      .getByText(`Succeskriteriet »${text}« har målinger for 2023, 2024 og 2025.`)
      .waitFor();
    // Nothing is saved yet: the form still lacks the row, as the user left it.
    expect(await page.locator("#f-criteria-0-text").inputValue()).not.toBe(text);
    await page.getByRole("button", { name: "Bekræft fjernelse og gem" }).click();
    await page.waitForURL(/\/plans\/1\/agreements\/1#criteria$/);
    return text;
  }

  async function expectEndedOnMeasurements(page: Page, text: string) {
    await page.goto(`${agreementUrl}/measurements?year=2023`);
    const row = page.getByRole("row").filter({ hasText: text });
    expect(await row.textContent()).toContain("Afsluttet");
  }

  it("asks, then retires the criterion without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const text = await removeFirstCriterion(page);
    expect(await page.locator("main").textContent()).not.toContain(text);
    await expectEndedOnMeasurements(page, text);
    await context.close();
  });

  it("asks, then retires the criterion with JavaScript", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);
    const text = await removeFirstCriterion(page);
    await expectEndedOnMeasurements(page, text);
    expect(problems).toEqual([]);
    await context.close();
  });
});
