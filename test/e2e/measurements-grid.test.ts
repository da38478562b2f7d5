/**
 * The measurements grid as a spreadsheet user works it: a reporter types a whole column (type,
 * Enter, type, Enter…), pastes a range from the clipboard (units, statuses and comments for every
 * row), sees the unsaved changes counted in the sticky save bar, saves and finds the values after a
 * reload. Without JavaScript the same table posts the same form: a wrong value comes back with the
 * message beside its cell and the input kept. At phone width only the table's own box scrolls.
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import {
  findDemoPaths,
  launchBrowser,
  loginAs,
  startServer,
  type DemoPaths,
  type TestServer,
} from "./server";

const YEAR = 2026;
const SAFETY = /^Andelen af beboere, der føler sig trygge/;

describe("the measurements grid in the browser", () => {
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

  const gridUrl = () => `${server.url}${paths.agreement}/measurements?year=${YEAR}`;
  const column = (page: Page, label: string) =>
    page.getByRole("textbox", { name: new RegExp(`^${label} (?!som tekst)`) });
  const values = (cells: Locator) =>
    cells.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const focused = (cell: Locator) => cell.evaluate((el) => el === document.activeElement);

  async function openGrid(page: Page) {
    await page.goto(gridUrl());
    await page.getByRole("heading", { level: 1, name: `Målinger ${YEAR}` }).waitFor();
  }

  it("types a column with Enter, pastes a range, counts the changes, saves and keeps them", async () => {
    const { page, problems, close } = await loginAs(browser, server.url, "reporter", {
      viewport: { width: 1280, height: 900 },
      permissions: ["clipboard-read", "clipboard-write"],
    });
    await openGrid(page);
    // The keys work once the page has hydrated; its help text says so.
    await page.getByText("Piletasterne og Enter flytter mellem cellerne").waitFor();

    // Compact: the demo agreement's 16 criteria fit in a few screens (the stack of forms it
    // replaced was over 12,000 px tall).
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(4000);

    const valueCells = column(page, "Værdi");
    const unitCells = column(page, "Enhed");
    const commentCells = column(page, "Kommentar");
    const n = await valueCells.count();
    expect(n).toBeGreaterThan(10);
    expect(await unitCells.count()).toBe(n);
    expect(await commentCells.count()).toBe(n);
    const before = {
      values: await values(valueCells),
      units: await values(unitCells),
      comments: await values(commentCells),
    };

    // --- a whole column from the keyboard: type, Enter, type, Enter … --------------------------
    const typed = Array.from({ length: n }, (_, i) => String(100 + i));
    await valueCells.first().click();
    await page.keyboard.press("Control+A");
    for (const value of typed) {
      await page.keyboard.type(value);
      await page.keyboard.press("Enter");
    }
    expect(await values(valueCells)).toEqual(typed);
    // Enter moved down and never saved; on the last row it stays.
    expect(await focused(valueCells.last())).toBe(true);
    expect(await page.getByText(`Målingerne for ${YEAR} er gemt.`).count()).toBe(0);
    // The status suggestion follows the typed value (71 % → 80 %; 100 is reached).
    const safetyStatus = page
      .getByRole("row", { name: SAFETY })
      .getByRole("combobox", { name: /^Status / });
    expect(await safetyStatus.locator("option").first().textContent()).toBe("Forslag: Opfyldt");

    // Arrows: up to the same column, right into the next cell (all of the text is selected on
    // arrival, so the caret is at its end).
    await page.keyboard.press("ArrowUp");
    expect(await focused(valueCells.nth(n - 2))).toBe(true);
    await page.keyboard.press("ArrowRight");
    expect(await focused(unitCells.nth(n - 2))).toBe(true);

    // --- a range from the clipboard: unit, status (the suggestion) and comment for every row ---
    const comments = Array.from({ length: n }, (_, i) => `Kommentar ${i + 1}`);
    const clip = `${comments.map((c) => `stk.\t\t${c}`).join("\r\n")}\r\n`;
    await page.evaluate((text) => navigator.clipboard.writeText(text), clip);
    await unitCells.first().click();
    await page.keyboard.press("Control+V");
    await page
      .getByRole("status")
      .filter({ hasText: `${3 * n} celler indsat.` })
      .waitFor();
    expect(await values(unitCells)).toEqual(Array(n).fill("stk."));
    expect(await values(commentCells)).toEqual(comments);

    // --- the sticky bar counts what is not saved -----------------------------------------------
    const changed = (a: string[], b: string[]) => a.filter((v, i) => v !== b[i]).length;
    const expected =
      changed(before.values, typed) +
      changed(before.units, Array(n).fill("stk.")) +
      changed(before.comments, comments);
    await page.getByText(`${expected} ændringer ikke gemt`).waitFor();

    await page.getByRole("button", { name: "Gem målinger" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Målingerne for ${YEAR} er gemt.` })
      .waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: `Målinger ${YEAR}` }).waitFor();
    await page.getByText("Ingen ændringer endnu").waitFor();
    expect(await values(valueCells)).toEqual(typed);
    expect(await values(unitCells)).toEqual(Array(n).fill("stk."));
    expect(await values(commentCells)).toEqual(comments);
    expect(problems).toEqual([]);
    await close();
  });

  it("posts the same table without JavaScript: a wrong value comes back beside its cell", async () => {
    const { page, close } = await loginAs(browser, server.url, "reporter", {
      javaScriptEnabled: false,
    });
    await openGrid(page);
    // No keys and no counting without JavaScript: neither is promised.
    expect(await page.getByText("Piletasterne og Enter").count()).toBe(0);
    expect(await page.getByText(/ændringer? ikke gemt|Ingen ændringer/).count()).toBe(0);

    const valueCells = column(page, "Værdi");
    const commentCells = column(page, "Kommentar");
    await valueCells.nth(0).fill("ikke et tal");
    await valueCells.nth(1).fill("42");
    await commentCells.nth(1).fill("Tastet uden JavaScript");
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Gem målinger" }).click(),
    ]);
    expect(reply.status()).toBe(400);
    await page.getByRole("heading", { level: 1, name: `Målinger ${YEAR}` }).waitFor();
    // The message is in the cell, tied to its input.
    const firstCell = valueCells.nth(0).locator("xpath=ancestor::td");
    expect(await firstCell.textContent()).toContain("Skriv et tal, fx 42 eller 11,5");
    const errorId = await valueCells.nth(0).getAttribute("aria-describedby");
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(
      "Skriv et tal, fx 42 eller 11,5",
    );
    expect(await valueCells.nth(0).getAttribute("aria-invalid")).toBe("true");
    expect(await valueCells.nth(0).inputValue()).toBe("ikke et tal");
    expect(await valueCells.nth(1).inputValue()).toBe("42");
    expect(await commentCells.nth(1).inputValue()).toBe("Tastet uden JavaScript");

    await valueCells.nth(0).fill("55");
    await page.getByRole("button", { name: "Gem målinger" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Målingerne for ${YEAR} er gemt.` })
      .waitFor();
    expect(await valueCells.nth(0).inputValue()).toBe("55");
    expect(await valueCells.nth(1).inputValue()).toBe("42");
    expect(await commentCells.nth(1).inputValue()).toBe("Tastet uden JavaScript");
    await close();
  });

  it("at phone width only the focusable, labelled table box scrolls sideways; the save bar stays in view", async () => {
    const { page, close } = await loginAs(browser, server.url, "reporter", {
      viewport: { width: 390, height: 844 },
    });
    await openGrid(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const region = page.getByRole("region", { name: `Målinger ${YEAR}` });
    expect(await region.getAttribute("tabindex")).toBe("0");
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    // The table is far taller than the screen; the save bar sticks to its bottom.
    const bar = await page.getByRole("button", { name: "Gem målinger" }).boundingBox();
    expect(bar).not.toBeNull();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(844);
    expect(bar!.y).toBeGreaterThan(844 - 200);

    const axe = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    await close();
  });
});
