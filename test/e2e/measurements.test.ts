/**
 * Measurements in the browser: a reporter opens the demo agreement's measurements, enters values
 * for a year, sees the suggested statuses follow the typed values, overrides one (a reason is
 * required), saves, and finds the values again after a reload.
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
} from "./server";

const SAFETY = /^Andelen af beboere, der føler sig trygge/;
const NEIGHBOURS = /^Andelen af beboere, der kender navnet/;

describe("measurements in the browser", () => {
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

  // One table row per criterion; each input is named by its column and the criterion.
  const row = (page: Page, name: RegExp) => page.getByRole("row", { name });
  const valueInput = (page: Page, name: RegExp) =>
    row(page, name).getByRole("textbox", { name: /^Værdi (?!som tekst)/ });
  const statusSelect = (page: Page, name: RegExp) =>
    row(page, name).getByRole("combobox", { name: /^Status / });
  const statusReason = (page: Page, name: RegExp) =>
    row(page, name).getByRole("textbox", { name: /^Begrundelse for afvigende status / });
  /** The figure's source, in the row's details («Detaljer»), opened first. */
  async function sourceInput(page: Page, name: RegExp) {
    const details = row(page, name).locator("details");
    if ((await details.getAttribute("open")) == null) await details.locator("summary").click();
    return details.getByLabel("Kilde til tallet");
  }
  const firstOption = (page: Page, name: RegExp) =>
    statusSelect(page, name).locator("option").first().textContent();

  it("enters values, sees suggested statuses, overrides one with a reason and saves", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "rapportering@samarbejde.example");
    const problems = watchConsole(page);

    await page.goto(`${server.url}${paths.agreement}`);
    await page.getByRole("link", { name: "Målinger", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /^Målinger \d{4}$/ }).waitFor();
    await page
      .getByRole("navigation", { name: "Vælg år" })
      .getByRole("link", { name: "2026" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Målinger 2026" }).waitFor();

    // Baseline 71 %, target 80 %: 76 is on the way, 50 of 38 → 50 % is reached.
    expect(await firstOption(page, SAFETY)).toBe("Intet forslag (gemmes som Ikke målt)");
    await valueInput(page, SAFETY).fill("76");
    await expect.poll(() => firstOption(page, SAFETY)).toBe("Forslag: Delvist opfyldt");
    await valueInput(page, NEIGHBOURS).fill("50");
    await expect.poll(() => firstOption(page, NEIGHBOURS)).toBe("Forslag: Opfyldt");
    await (await sourceInput(page, NEIGHBOURS)).fill("Beboerundersøgelsen 2026");

    // Overriding the suggestion needs a reason, checked before anything is sent.
    await statusSelect(page, SAFETY).selectOption({ label: "Opfyldt" });
    await page.getByRole("button", { name: "Gem målinger" }).click();
    await row(page, SAFETY).getByText("Begrund, hvorfor status afviger fra forslaget").waitFor();
    await statusReason(page, SAFETY).fill("Målingen dækker hele området");
    await page.getByRole("button", { name: "Gem målinger" }).click();
    await page.getByRole("status").filter({ hasText: "Målingerne for 2026 er gemt." }).waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Målinger 2026" }).waitFor();
    expect(await valueInput(page, SAFETY).inputValue()).toBe("76");
    expect(await statusSelect(page, SAFETY).inputValue()).toBe("met");
    expect(await statusReason(page, SAFETY).inputValue()).toBe("Målingen dækker hele området");
    expect(await valueInput(page, NEIGHBOURS).inputValue()).toBe("50");
    // The stored status follows the suggestion, shown as such.
    expect(await statusSelect(page, NEIGHBOURS).inputValue()).toBe("");
    expect(await firstOption(page, NEIGHBOURS)).toBe("Forslag: Opfyldt");
    expect(await row(page, NEIGHBOURS).textContent()).toContain("Gemt statusOpfyldt");
    expect(await (await sourceInput(page, NEIGHBOURS)).inputValue()).toBe(
      "Beboerundersøgelsen 2026",
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the saved measurements read-only to a board member", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "bestyrelse@samarbejde.example");
    await page.goto(`${server.url}${paths.agreement}/measurements?year=2026`);
    await page.getByRole("heading", { level: 1, name: "Målinger 2026" }).waitFor();
    expect(await page.getByRole("button", { name: "Gem målinger" }).count()).toBe(0);
    const safety = page.getByRole("row", { name: SAFETY });
    expect(await safety.textContent()).toContain("76 %");
    expect(await safety.textContent()).toContain("Opfyldt");
    await context.close();
  });
});
