/**
 * Spending in the browser: the reporter records the year's spend of the demo agreement, the
 * comparison with the budget follows the typed amounts before anything is saved, and after saving
 * and reloading the page shows the saved figures; the board reads them (without JavaScript too).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
  findDemoPaths,
  type DemoPaths,
  fieldError,
} from "./server";

describe("agreement spending in the browser", () => {
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

  const comparison = (page: Page) => page.getByRole("region", { name: "Budget og forbrug" });
  const comparisonRow = (page: Page, name: string) =>
    comparison(page).getByRole("row", { name: new RegExp(`^${name}`) });
  const spentInput = (page: Page, source: string) =>
    page.getByRole("group", { name: source, exact: true }).getByLabel("Forbrug 2026 (kr.)");

  it("enters the year's spend, sees the live totals, saves and sees the comparison after a reload", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "rapportering@samarbejde.example");
    const problems = watchConsole(page);

    await page.goto(`${server.url}${paths.agreement}`);
    await page.getByRole("link", { name: "Forbrug", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /^Forbrug \d{4}$/ }).waitFor();
    await page
      .getByRole("navigation", { name: "Vælg år" })
      .getByRole("link", { name: "2026", exact: true })
      .click();
    await page.getByRole("heading", { level: 1, name: "Forbrug 2026" }).waitFor();

    // Nothing is recorded yet (the demo has figures up to 2025): the budget for 2026 beside nothing spent.
    expect(await page.getByRole("group", { name: "Landsbyggefonden" }).textContent()).toContain(
      "Budget 2026: 1.022.000 kr.",
    );
    expect(await comparisonRow(page, "I alt").textContent()).toContain("1.460.000 kr.");

    await spentInput(page, "Landsbyggefonden").fill("1.000.000");
    await expect
      .poll(() => comparisonRow(page, "Landsbyggefonden").textContent())
      .toContain("1.000.000 kr.");
    await spentInput(page, "Havbakke Kommune").fill("300.000");
    await spentInput(page, "Fællesbo Havbakke").fill("100000");
    await page
      .getByRole("group", { name: "Havbakke Kommune", exact: true })
      .getByLabel("Bemærkning")
      .fill("Ekstra lektiehjælp i efterårsferien");
    await expect.poll(() => comparisonRow(page, "I alt").textContent()).toContain("1.400.000 kr.");
    expect(await comparisonRow(page, "Lokal medfinansiering").textContent()).toContain(
      "400.000 kr.",
    );
    // Havbakke Kommune spent more than budgeted: a negative difference, over 100 %.
    const municipality = await comparisonRow(page, "Havbakke Kommune").textContent();
    expect(municipality).toContain("-40.000 kr.");
    expect(municipality).toContain("115,4 %");
    expect(await comparison(page).textContent()).toContain(
      "Landsbyggefondens andel af forbruget: 71,4 %",
    );

    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Forbruget for 2026 er gemt." }).waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Forbrug 2026" }).waitFor();
    expect(await spentInput(page, "Landsbyggefonden").inputValue()).toBe("1.000.000");
    expect(await spentInput(page, "Fællesbo Havbakke").inputValue()).toBe("100.000");
    const lbf = await comparisonRow(page, "Landsbyggefonden").textContent();
    expect(lbf).toContain("1.022.000 kr.");
    expect(lbf).toContain("1.000.000 kr.");
    expect(await comparisonRow(page, "I alt").textContent()).toContain("1.400.000 kr.");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps a bad amount with a Danish message and shows the board the saved figures without JavaScript", async () => {
    const reporter = await browser.newContext({ javaScriptEnabled: false });
    const page = await login(reporter, server.url, "rapportering@samarbejde.example");
    await page.goto(`${server.url}${paths.agreement}/spending?year=2026`);
    await spentInput(page, "Landsbyggefonden").fill("12,5");
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await fieldError(page, "Skriv et beløb i hele kroner, fx 1.250.000").waitFor();
    expect(await spentInput(page, "Landsbyggefonden").inputValue()).toBe("12,5");
    expect(await spentInput(page, "Havbakke Kommune").inputValue()).toBe("300.000");
    await reporter.close();

    const board = await browser.newContext({ javaScriptEnabled: false });
    const boardPage = await login(board, server.url, "bestyrelse@samarbejde.example");
    await boardPage.goto(`${server.url}${paths.agreement}/spending?year=2026`);
    await boardPage.getByRole("heading", { level: 1, name: "Forbrug 2026" }).waitFor();
    expect(await boardPage.getByRole("textbox").count()).toBe(0);
    expect(await boardPage.getByRole("button", { name: "Gem" }).count()).toBe(0);
    expect(await comparisonRow(boardPage, "I alt").textContent()).toContain("1.400.000 kr.");
    expect(await boardPage.getByText("Ekstra lektiehjælp i efterårsferien").count()).toBe(1);
    await board.close();
  });
});
