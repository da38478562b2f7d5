/**
 * Financing in the browser: a period total or a yearly split per source (only the chosen fields
 * shown with JavaScript), the budget summary follows the typed amounts before anything is saved,
 * the saved budget shows on the agreement page and in the plan's LBF share, and without
 * JavaScript every field is there, the summary shows the saved figures and the choice still works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
  createSecondPlan,
} from "./server";

const YEARS = [2023, 2024, 2025, 2026];

describe("agreement financing in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let financingUrl = "";
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const summaryRow = (page: Page, name: string) =>
    page
      .getByRole("region", { name: "Budgetoverblik" })
      .getByRole("row", { name: new RegExp(`^${name}`) })
      .first();

  const fillYears = async (page: Page, source: string, amount: string) => {
    const group = page.getByRole("group", { name: source });
    for (const year of YEARS) await group.getByLabel(`${year} (kr.)`).fill(amount);
  };

  it("updates the total while typing, saves, and shows the budget on the agreement and plan", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);

    // All four of the demo plan's focus areas have a delaftale: a new one goes in a new plan.
    const planPath = await createSecondPlan(page, server.url);
    await page.goto(`${server.url}${planPath}/agreements/new`);
    await page.getByLabel("Indsatsområde").selectOption({ label: "Uddannelse og livschancer" });
    await page.getByRole("button", { name: "Opret delaftale" }).click();
    await page
      .getByRole("heading", {
        level: 1,
        name: "Delaftale for indsatsområdet Uddannelse og livschancer",
        exact: true,
      })
      .waitFor();

    await page.getByRole("link", { name: "Rediger: Finansiering" }).click();
    await page.getByRole("heading", { level: 1, name: "Finansiering" }).waitFor();
    financingUrl = page.url();
    expect(await summaryRow(page, "Samlet budget for indsatsområdet").textContent()).toContain(
      "0 kr.",
    );

    // Landsbyggefonden and the plan's municipality are there from the start, each with one
    // amount for the whole period (the template's way): the yearly fields are not shown.
    const lbf = page.getByRole("group", { name: "Finansieringskilde 1" });
    await expect.poll(() => lbf.getByLabel("2024 (kr.)").isVisible()).toBe(false);
    await lbf.getByLabel("Beløb for hele perioden (kr.)").fill("3.000.000");
    await expect
      .poll(() => summaryRow(page, "Samlet budget for indsatsområdet").textContent())
      .toContain("3.000.000 kr.");
    // Without yearly figures there is no per-year table.
    expect(await page.getByRole("table", { name: "Fordelt på år" }).count()).toBe(0);

    // The municipality's share is split per year instead: then the years are its total.
    const municipality = page.getByRole("group", { name: "Finansieringskilde 2" });
    await municipality.getByLabel("Beløb angives").selectOption({ label: "Fordelt på år" });
    await expect
      .poll(() => municipality.getByLabel("Beløb for hele perioden (kr.)").isVisible())
      .toBe(false);
    await fillYears(page, "Finansieringskilde 2", "250.000");
    await expect
      .poll(() => summaryRow(page, "Samlet budget for indsatsområdet").textContent())
      .toContain("4.000.000 kr.");
    expect(await summaryRow(page, "Lokal medfinansiering").textContent()).toContain(
      "1.000.000 kr.",
    );
    await page.getByRole("table", { name: "Fordelt på år" }).waitFor();
    expect(await page.getByRole("region", { name: "Budgetoverblik" }).textContent()).toContain(
      "Landsbyggefondens andel: 75,0 %",
    );

    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page
      .getByRole("heading", {
        level: 1,
        name: "Delaftale for indsatsområdet Uddannelse og livschancer",
        exact: true,
      })
      .waitFor();
    const total = page
      .getByRole("region", { name: "Finansiering", exact: true })
      .getByRole("row", { name: /^Samlet budget for indsatsområdet/ });
    expect(await total.textContent()).toContain("4.000.000 kr.");

    await page.goto(`${server.url}${planPath}`);
    // The new plan's only agreement: 3.000.000 of 4.000.000 kr. from Landsbyggefonden.
    // The agreements table's row (the charts' data tables also have a row per focus area).
    const row = page
      .getByRole("table", { name: "Planens delaftaler med status og budget" })
      .getByRole("row", { name: /Uddannelse og livschancer/ });
    expect(await row.textContent()).toContain("3.000.000 kr.");
    await page.getByText("Landsbyggefondens andel af planen: 75,0 %").waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the saved figures and both kinds of amount field without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    await page.goto(financingUrl);
    expect(await summaryRow(page, "Samlet budget for indsatsområdet").textContent()).toContain(
      "4.000.000 kr.",
    );
    const lbf = page.getByRole("group", { name: "Finansieringskilde 1" });
    expect(await lbf.getByLabel("Beløb for hele perioden (kr.)").inputValue()).toBe("3.000.000");
    expect(await lbf.getByLabel("2024 (kr.)").isVisible()).toBe(true);
    const municipality = page.getByRole("group", { name: "Finansieringskilde 2" });
    expect(await municipality.getByLabel("2024 (kr.)").inputValue()).toBe("250.000");

    // Switching Landsbyggefonden to a yearly split works without JavaScript too.
    await lbf.getByLabel("Beløb angives").selectOption({ label: "Fordelt på år" });
    for (const year of YEARS) await lbf.getByLabel(`${year} (kr.)`).fill("700.000");
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /^Delaftale for indsatsområdet/ }).waitFor();
    await page.goto(financingUrl);
    expect(await summaryRow(page, "Landsbyggefonden").textContent()).toContain("2.800.000 kr.");
    expect(
      await page
        .getByRole("group", { name: "Finansieringskilde 1" })
        .getByLabel("Beløb for hele perioden (kr.)")
        .inputValue(),
    ).toBe("");
    await context.close();
  });
});
