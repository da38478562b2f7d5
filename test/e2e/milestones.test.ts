/**
 * Milestone plans in the browser: the secretariat adds two milestones (one by date, one by
 * quarter; the first try without a date is told in Danish), the reporter marks one done, the
 * yearly and whole-period timelines show them, the progress report counts the year's milestones
 * reached and lists next year's, and the plan downloads as Word and Excel. All texts are invented.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readDocxBuffer } from "../helpers/docx";
import {
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
  fieldError,
} from "./server";

const FIRST = "Lektiehjælpen flytter ind på biblioteket";
const SECOND = "Fælles sommerfest for begge afdelinger";
const PLAN = "Helhedsplan Strandengen og Solsikkeparken";

describe("milestone plans in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let tmp: string;
  let planPath: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "e2e-milestones-"));
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    planPath = (await findDemoPaths(browser, server.url)).plan;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function addMilestone(
    page: Page,
    title: string,
    when: { date?: string; quarter?: string },
  ) {
    await page.goto(`${server.url}${planPath}/milestones?year=2025`);
    await page.getByRole("link", { name: "Ny milepæl" }).click();
    await page.getByRole("heading", { level: 1, name: "Ny milepæl" }).waitFor();
    await page.getByLabel("Titel").fill(title);
    if (when.date) await page.getByLabel("Dato", { exact: true }).fill(when.date);
    if (when.quarter) await page.getByLabel("Kvartal").selectOption({ label: when.quarter });
    await page.getByLabel("Delaftale").selectOption({ label: "Sammenhængskraft og medborgerskab" });
    await page.getByLabel("Ansvarlig").selectOption({ label: "Havbakke Kommune" });
    await page.getByRole("button", { name: "Opret milepæl" }).click();
  }

  it("adds two milestones, marks one done, and shows them on the timeline and in the report", async () => {
    const secretariat = await browser.newContext({ acceptDownloads: true });
    const page = await login(secretariat, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);

    // No date and no quarter: the Danish message, nothing sent away.
    await addMilestone(page, FIRST, {});
    await fieldError(page, "Angiv enten en dato eller et kvartal").waitFor();
    expect(await page.getByLabel("Titel").inputValue()).toBe(FIRST);
    await page.getByLabel("Dato", { exact: true }).fill("2025-11-20");
    await page.getByRole("button", { name: "Opret milepæl" }).click();
    await page.getByRole("heading", { level: 1, name: "Milepælsplan 2025" }).waitFor();
    await page.getByRole("link", { name: FIRST }).waitFor();

    await addMilestone(page, SECOND, { quarter: "3. kvartal 2026" });
    await page.getByRole("heading", { level: 1, name: "Milepælsplan 2026" }).waitFor();
    const row = page.getByRole("row", { name: new RegExp(SECOND) });
    expect(await row.textContent()).toContain("3. kvartal 2026");
    expect(await row.textContent()).toContain("Planlagt");
    expect(problems).toEqual([]);

    // The reporter marks the first one done.
    const reporterContext = await browser.newContext();
    const reporter = await login(reporterContext, server.url, "rapportering@samarbejde.example");
    await reporter.goto(`${server.url}${planPath}/milestones?year=2025`);
    expect(await reporter.getByRole("link", { name: "Ny milepæl" }).count()).toBe(0);
    await reporter.getByRole("link", { name: FIRST }).click();
    const status = reporter.getByRole("form", { name: "Status" });
    await status.getByRole("radio", { name: "Nået", exact: true }).check();
    await status.getByLabel("Nået den").fill("2025-11-18");
    await status.getByRole("button", { name: "Gem status" }).click();
    await reporter.getByText("Milepælens status er gemt.").waitFor();
    expect(await reporter.getByRole("form", { name: "Milepæl" }).count()).toBe(0);

    // The yearly timeline and table.
    await reporter.goto(`${server.url}${planPath}/milestones?year=2025`);
    expect(await reporter.getByTestId("milestone-counts").textContent()).toContain(
      "4 af 4 milepæle nået",
    );
    const done = reporter.getByRole("row", { name: new RegExp(FIRST) });
    expect(await done.textContent()).toContain("Nået 18. november 2025");
    const timeline = reporter.locator(".milestone-timeline svg");
    expect(await timeline.getByText(FIRST, { exact: false }).count()).toBe(1);
    // The year's three dated milestones (the demo's two and ours) as dots, the demo's quarter as a bar.
    expect(await timeline.locator("circle").count()).toBe(3);
    expect(await timeline.locator("rect").count()).toBe(1);

    // The whole period: every year's quarters across, the quarter milestone as a bar.
    await reporter.getByRole("link", { name: "Hele perioden" }).click();
    await reporter
      .getByRole("heading", { level: 1, name: "Milepælsplan for hele perioden" })
      .waitFor();
    // The year once over its four quarters (K1–K4).
    expect(await timeline.getByText("2026", { exact: true }).count()).toBe(1);
    expect(await timeline.getByText("K3", { exact: true }).count()).toBeGreaterThan(1);
    expect(await timeline.getByText(SECOND, { exact: false }).count()).toBe(1);
    expect(await timeline.locator("rect").count()).toBeGreaterThan(1);

    // The 2025 progress report is final in the demo: it keeps the count it was made final with.
    await reporter.goto(`${server.url}${planPath}/reports/2025`);
    // The report's milestone section (its tables are regions of their own when they scroll).
    const milestoneSection = () => reporter.locator("section[aria-labelledby='milestones-title']");
    const final = milestoneSection();
    await reporter.getByRole("heading", { level: 2, name: "Milepæle 2025" }).waitFor();
    expect(await final.getByTestId("report-milestone-counts").textContent()).toContain(
      "3 af 3 milepæle nået",
    );
    expect(await final.getByRole("row", { name: new RegExp(FIRST) }).count()).toBe(0);
    // This year's draft report counts the year's milestones, the new quarter one among them.
    await reporter.goto(`${server.url}${planPath}/reports/2026`);
    await reporter.getByRole("heading", { level: 2, name: "Milepæle 2026" }).waitFor();
    const draft = milestoneSection();
    expect(await draft.getByTestId("report-milestone-counts").textContent()).toMatch(
      /\d+ af \d+ milepæle nået/,
    );
    expect(await draft.getByRole("row", { name: new RegExp(SECOND) }).count()).toBe(1);
    await reporterContext.close();

    // Word and Excel of the year.
    await page.goto(`${server.url}${planPath}/milestones?year=2025`);
    const [word] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Hent som Word" }).click(),
    ]);
    expect(word.suggestedFilename()).toBe(`Milepælsplan 2025 - ${PLAN}.docx`);
    const wordFile = path.join(tmp, "milepaele.docx");
    await word.saveAs(wordFile);
    const text = readDocxBuffer(readFileSync(wordFile)).plain;
    expect(text).toContain("Milepælsplan 2025");
    expect(text).toContain(FIRST);
    expect(text).toContain("✓ Nået 18. november 2025");

    const [excel] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Hent som Excel" }).click(),
    ]);
    expect(excel.suggestedFilename()).toBe(`Milepælsplan 2025 - ${PLAN}.xlsx`);
    const excelFile = path.join(tmp, "milepaele.xlsx");
    await excel.saveAs(excelFile);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(excelFile);
    const titles: unknown[] = [];
    workbook.worksheets[0]!.eachRow((r, n) => {
      if (n > 2) titles.push(r.getCell(4).value);
    });
    expect(titles).toContain(FIRST);
    expect(titles).not.toContain(SECOND);

    expect(problems).toEqual([]);
    await secretariat.close();
  });
});
