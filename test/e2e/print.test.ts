/**
 * Printing an agreement (issue 19, item 8) in Chromium with print media emulated, at the width of
 * an A4 page inside 2 cm margins: no header menu, breadcrumb or buttons on paper, a line saying
 * the agreement's status, version and date (the same words as the badge on screen), amounts on one
 * line, table rows kept whole; and the PDF Chromium prints is A4.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  findDemoPaths,
  launchBrowser,
  loginAs,
  startServer,
  type DemoPaths,
  type TestServer,
} from "./server";

/** A4 is 210 mm wide; 2 cm margins leave 17 cm, at 96 px per inch. */
const PAPER_WIDTH_PX = Math.floor((170 / 25.4) * 96);
/** A4 in PDF points (1/72 inch): 595.28 × 841.89. */
const A4_POINTS = { width: 595.28, height: 841.89 };

/** Every page's MediaBox of a PDF, read from its bytes (Chromium writes them uncompressed). */
function mediaBoxes(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString("latin1");
  const boxes = [
    ...text.matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g),
  ];
  return boxes.map((m) => ({
    width: Number(m[3]) - Number(m[1]),
    height: Number(m[4]) - Number(m[2]),
  }));
}

/** How many lines the text of each amount cell ("… kr.") takes, by its rendered line boxes. */
function amountCellLines(page: Page): Promise<{ text: string; lines: number }[]> {
  return page.locator("td.num").evaluateAll((cells) =>
    cells
      .filter((cell) => /kr\.$/.test(cell.textContent?.trim() ?? ""))
      .map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return { text: cell.textContent ?? "", lines: tops.size };
      }),
  );
}

describe("printing an agreement", () => {
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

  it("prints only the document, with its status line, amounts on one line, rows whole", async () => {
    const { page, problems, close } = await loginAs(browser, server.url, "viewer", {
      viewport: { width: PAPER_WIDTH_PX, height: 900 },
    });
    await page.goto(`${server.url}${paths.agreement}`);
    const title = page.getByRole("heading", { level: 1 });
    await title.waitFor();
    const statusLine = page.locator(".print-status");

    // On screen: the badge, and no print line.
    const badge = (await page.locator(".page-header .badge").first().textContent())!.trim();
    expect(badge).toMatch(/^(Udkast|Til beslutning|Godkendt|Afvist)/);
    expect(await statusLine.isHidden()).toBe(true);
    await page.locator(".site-header").waitFor();

    await page.emulateMedia({ media: "print" });
    await statusLine.waitFor();
    // The same status words as the badge, with the plan's name and the dates.
    const line = (await statusLine.textContent())!.replace(/\s+/g, " ").trim();
    expect(line).toContain(badge);
    expect(line).toMatch(/^Helhedsplan .+ · Senest gemt .+ · Udskrevet \d{1,2}\. \w+ \d{4}$/);
    expect(await title.isVisible()).toBe(true);

    // No header menu, breadcrumb, buttons or button-links on paper (still in the page, not shown).
    const hiddenToo = { includeHidden: true };
    for (const hidden of [
      page.getByRole("navigation", { name: "Hovedmenu", ...hiddenToo }),
      page.getByRole("navigation", { name: "Brødkrummer", ...hiddenToo }),
      page.getByRole("button", { name: "Udskriv", ...hiddenToo }),
      page.getByRole("link", { name: "Hent som Word", ...hiddenToo }),
    ]) {
      expect(await hidden.count()).toBeGreaterThan(0);
      expect(await hidden.first().isHidden()).toBe(true);
    }
    expect(await page.locator(".site-header").isHidden()).toBe(true);

    // Every amount is on one line, on a page as narrow as A4 inside its margins.
    const amounts = await amountCellLines(page);
    expect(amounts.length).toBeGreaterThan(3);
    expect(amounts.filter((a) => a.lines !== 1)).toEqual([]);
    const amountStyle = await page
      .locator("td.num")
      .first()
      .evaluate((cell) => getComputedStyle(cell).whiteSpace);
    expect(amountStyle).toBe("nowrap");

    // Table rows are never cut in two by a page break.
    const rowBreaks = await page
      .locator("table tr")
      .evaluateAll((rows) => [...new Set(rows.map((r) => getComputedStyle(r).breakInside))]);
    expect(rowBreaks).toEqual(["avoid"]);

    // The @page rule: A4 with 2 cm margins.
    const pageRules = await page.evaluate(() =>
      [...document.styleSheets].flatMap((sheet) => {
        const rules: { size: string; margin: string }[] = [];
        const walk = (list: CSSRuleList) => {
          for (const rule of list) {
            if (rule instanceof CSSPageRule) {
              rules.push({
                size: rule.style.getPropertyValue("size").toLowerCase(),
                margin: rule.style.getPropertyValue("margin"),
              });
            } else if ("cssRules" in rule) {
              walk((rule as CSSGroupingRule).cssRules);
            }
          }
        };
        walk(sheet.cssRules);
        return rules;
      }),
    );
    expect(pageRules).toContainEqual({ size: "a4", margin: "2cm" });
    expect(problems).toEqual([]);
    await close();
  });

  it("prints the agreement as an A4 PDF", async () => {
    const { page, close } = await loginAs(browser, server.url, "viewer");
    await page.goto(`${server.url}${paths.agreement}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    // The page's own @page size decides (Playwright's default would be US Letter).
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const boxes = mediaBoxes(pdf);
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) {
      expect(Math.abs(box.width - A4_POINTS.width)).toBeLessThan(2);
      expect(Math.abs(box.height - A4_POINTS.height)).toBeLessThan(2);
    }
    await close();
  });
});
