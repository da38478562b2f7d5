/**
 * The yearly progress report in the browser: the reporter enters the year's measurements (and
 * sees the suggested statuses), writes the report's text and a status note, finalises it,
 * downloads it as Word and Excel, and can no longer change it or the year's measurements.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { readDocxBuffer } from "../helpers/docx";
import {
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
  findDemoPaths,
  type DemoPaths,
} from "./server";

const PLAN = "Helhedsplan Strandengen og Solsikkeparken";
const AREA = "Sammenhængskraft og medborgerskab";
const SAFETY = /^Andelen af beboere, der føler sig trygge/;
const NEIGHBOURS = /^Andelen af beboere, der kender navnet/;
const SUMMARY = "Naboværterne nåede ud til flere nye lejere end i året før.";
const WORKED = "Gårdaktiviteterne med beboerne som medarrangører.";
const NOTE = "Otte nye naboværter er uddannet i efteråret.";

describe("the progress report in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let paths: DemoPaths;
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "e2e-report-"));
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    paths = await findDemoPaths(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function download(page: Page, link: Locator, name: string): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const target = path.join(tmp, name);
    await file.saveAs(target);
    return target;
  }

  // The measurements grid: one table row per criterion, inputs named by column and criterion.
  const row = (page: Page, name: RegExp) => page.getByRole("row", { name });
  const valueInput = (page: Page, name: RegExp) =>
    row(page, name).getByRole("textbox", { name: /^Værdi (?!som tekst)/ });
  const firstOption = (page: Page, name: RegExp) =>
    row(page, name)
      .getByRole("combobox", { name: /^Status / })
      .locator("option")
      .first()
      .textContent();

  it("enters the year's figures, writes, finalises, downloads and cannot edit after", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await login(context, server.url, "rapportering@samarbejde.example");
    const problems = watchConsole(page);

    // --- from the plan to the report on 2024 (the year the demo leaves without a report) ---
    await page.locator(".plan-list").getByRole("link", { name: PLAN }).first().click();
    await page.getByRole("heading", { level: 1, name: PLAN }).waitFor();
    await page.getByRole("link", { name: "Statusrapporter" }).click();
    await page.getByRole("heading", { level: 1, name: "Statusrapporter" }).waitFor();
    await page.getByRole("link", { name: "Statusrapport 2024" }).click();
    await page.getByRole("heading", { level: 1, name: "Statusrapport 2024" }).waitFor();

    // --- the year's measurements, with suggested statuses ----------------------------------------
    await page.getByRole("link", { name: `Indtast målinger for ${AREA} 2024` }).click();
    await page.getByRole("heading", { level: 1, name: "Målinger 2024" }).waitFor();
    await valueInput(page, SAFETY).fill("76");
    await expect.poll(() => firstOption(page, SAFETY)).toBe("Forslag: Delvist opfyldt");
    await valueInput(page, NEIGHBOURS).fill("52");
    await expect.poll(() => firstOption(page, NEIGHBOURS)).toBe("Forslag: Opfyldt");
    await page.getByRole("button", { name: "Gem målinger" }).click();
    await page.getByRole("status").filter({ hasText: "Målingerne for 2024 er gemt." }).waitFor();

    // --- the report shows them; the reporter writes the text --------------------------------------
    await page.goto(`${server.url}${paths.plan}/reports/2024`);
    await page.getByRole("heading", { level: 1, name: "Statusrapport 2024" }).waitFor();
    const safety = page.getByRole("row", { name: SAFETY });
    expect(await safety.textContent()).toContain("76 %");
    expect(await safety.textContent()).toContain("Delvist opfyldt");
    expect(await page.getByRole("row", { name: NEIGHBOURS }).textContent()).toContain("Opfyldt");

    await page.getByRole("textbox", { name: "Resumé" }).fill(SUMMARY);
    await page.getByRole("textbox", { name: "Det fungerede godt" }).fill(`- ${WORKED}`);
    await page.getByLabel("Statusnote: Naboværter i opgangene").fill(NOTE);
    await page.getByRole("button", { name: "Gem udkast" }).click();
    await page.getByRole("status").filter({ hasText: "Rapportens tekst er gemt." }).waitFor();
    expect(await page.getByRole("textbox", { name: "Resumé" }).inputValue()).toBe(SUMMARY);

    // --- finalise -----------------------------------------------------------------------------
    await page.getByRole("button", { name: "Gør rapporten endelig" }).click();
    await page.getByRole("status").filter({ hasText: "Rapporten er gjort endelig." }).waitFor();
    expect(await page.getByText(SUMMARY).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Gem udkast" }).count()).toBe(0);
    expect(await page.getByRole("textbox").count()).toBe(0);

    // --- Word and Excel ------------------------------------------------------------------------
    const word = await download(page, page.getByRole("link", { name: "Hent som Word" }), "r.docx");
    const text = readDocxBuffer(readFileSync(word)).plain;
    expect(text).toContain("Statusrapport 2024");
    expect(text).toContain(SUMMARY);
    expect(text).toContain(NOTE);
    expect(text).toContain("Delvist opfyldt");

    const excel = await download(
      page,
      page.getByRole("link", { name: "Hent som Excel" }),
      "r.xlsx",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(excel);
    const values: unknown[] = [];
    workbook.worksheets.forEach((sheet) =>
      sheet.eachRow((r) => r.eachCell((cell) => values.push(cell.value))),
    );
    expect(values).toContain(76);
    expect(values).toContain(52);

    // --- the final report and the year's figures cannot be changed ----------------------------
    const refused = await page.evaluate(async () => {
      const body = new URLSearchParams({ intent: "save", version: "2", summary: "Ændret" });
      // A document POST to the page's action (an index route, hence `?index`).
      const res = await fetch(`${location.pathname}?index`, { method: "POST", body });
      return res.status;
    });
    expect(refused).toBe(409);
    await page.reload();
    expect(await page.getByText(SUMMARY).count()).toBe(1);
    expect(await page.getByText("Ændret").count()).toBe(0);

    await page.goto(`${server.url}${paths.agreement}/measurements?year=2024`);
    await page.getByRole("heading", { level: 1, name: "Målinger 2024" }).waitFor();
    await page.getByText("Statusrapporten for 2024 er endelig").waitFor();
    expect(await page.getByRole("button", { name: "Gem målinger" }).count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });
});
