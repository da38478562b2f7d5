/**
 * Import of a delaftale from Word in the browser (issue 13): the secretariat opens the import from
 * the plan page, uploads a fictional delaftale (test/fixtures/import), sees the review with what
 * could not be placed, chooses the focus area, moves the unplaced paragraph into the problem
 * statement, saves, lands on the new agreement with the moved text in it, and finds the text again
 * in the agreement's Word export.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { IMPORT_FIXTURES } from "../fixtures/import";
import { readDocxBuffer } from "../helpers/docx";
import {
  createSecondPlan,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
} from "./server";

/**
 * A fixture with a paragraph no section takes; imported into a second plan of the demo plan's
 * round (2019-26), whose focus areas are all free (the demo plan's four have their delaftaler).
 */
const FIXTURE = IMPORT_FIXTURES.find((f) => f.expectedUnplaced.length > 0)!;
const NOTE = FIXTURE.expectedUnplaced[0]!;
/** A focus area of the round that the plan has no agreement for yet. */
const FOCUS_AREA = "Beskæftigelse";
const FILE_NAME = "delaftale-fra-word.docx";

describe("import of a delaftale from Word in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let planPath = "";
  let tmp = "";
  let file = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    tmp = mkdtempSync(path.join(os.tmpdir(), "e2e-import-"));
    file = path.join(tmp, FILE_NAME);
    writeFileSync(file, await FIXTURE.build());
    context = await browser.newContext({ acceptDownloads: true });
    page = await login(context, server.url, "sekretariat@samarbejde.example");
    problems = watchConsole(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const unplacedHeading = () => page.getByRole("heading", { level: 2, name: /^Ikke placeret/ });
  const unplacedItem = (text: string) =>
    page
      .getByRole("region", { name: /^Ikke placeret/ })
      .getByRole("listitem")
      .filter({
        hasText: text,
      });

  it("uploads the file from the plan page and shows the review before saving anything", async () => {
    planPath = await createSecondPlan(page, server.url);
    await page.getByRole("link", { name: "Importér delaftale fra Word" }).click();
    await page.getByRole("heading", { level: 1, name: "Importér delaftale fra Word" }).waitFor();
    await page.getByLabel("Word-filer (.docx)").setInputFiles(file);
    await page.getByRole("button", { name: "Læs filerne" }).click();
    await page.waitForURL(/\/imports\/\d+$/);
    await page.getByRole("heading", { level: 1, name: `Import: ${FILE_NAME}` }).waitFor();

    await page.getByText(/\d+ % af ordene er placeret/).waitFor();
    expect(await unplacedHeading().textContent()).toMatch(/^Ikke placeret \(\d+\)$/);
    await unplacedItem(NOTE).waitFor();
    // Its position in the document is shown with it.
    expect(await unplacedItem(NOTE).textContent()).toMatch(/Afsnit \d+|Tabel \d+, række \d+/);
  });

  it("chooses the focus area and moves the unplaced paragraph into the problem statement", async () => {
    await page.getByLabel("Delaftalen gælder indsatsområdet").selectOption({ label: FOCUS_AREA });
    await page.getByRole("button", { name: "Vælg indsatsområde" }).click();
    await page.getByRole("status").filter({ hasText: "Indsatsområdet er valgt." }).waitFor();
    expect(
      await page
        .getByLabel("Delaftalen gælder indsatsområdet")
        .locator("option:checked")
        .textContent(),
    ).toBe(FOCUS_AREA);

    const item = unplacedItem(NOTE);
    await item.getByLabel("Flyt til").selectOption({ label: "Problemkompleks" });
    await item.getByRole("button", { name: /^Flyt hertil/ }).click();
    await item.waitFor({ state: "detached" });

    // Anything else the importer left unplaced is discarded explicitly.
    const discard = page.getByRole("button", { name: /^Kassér: / });
    while ((await discard.count()) > 0) {
      const before = await discard.count();
      await discard.first().click();
      await expect.poll(() => discard.count()).toBe(before - 1);
    }
    expect(await unplacedHeading().textContent()).toBe("Ikke placeret (0)");

    // The draft's problem statement now holds the text, beside its source in the file.
    const problem = page.getByRole("region", { name: "Problemkompleks" });
    expect(await problem.locator(".import-draft").textContent()).toContain(NOTE);
    expect(await problem.locator(".import-source").textContent()).toContain(NOTE);
  });

  it("saves the draft and lands on the agreement, whose Word export holds the moved text", async () => {
    await page.getByRole("button", { name: "Gem som udkast til delaftale" }).click();
    await page.waitForURL(/\/agreements\/\d+$/);
    await page.getByText("Importen er gemt som udkast til delaftale.").waitFor();
    await page
      .getByRole("heading", { level: 1, name: `Delaftale for indsatsområdet ${FOCUS_AREA}` })
      .waitFor();
    expect(await page.locator("#problem").textContent()).toContain(NOTE);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Hent som Word" }).click(),
    ]);
    const saved = path.join(tmp, "export.docx");
    await download.saveAs(saved);
    const text = readDocxBuffer(readFileSync(saved)).plain;
    expect(text).toContain(NOTE);
    expect(text).toContain(`Delaftale for indsatsområdet ${FOCUS_AREA}`);
    expect(problems).toEqual([]);
  });

  // Last: the browser logs the 413 as a failed load, which the checks above would count.
  it("answers a file over 20 MB beside the field, and the page stays usable", async () => {
    const big = path.join(tmp, "for-stor.docx");
    writeFileSync(big, Buffer.alloc(21 * 1024 * 1024, 65));
    await page.goto(`${server.url}${planPath}/imports`);
    await page.getByLabel("Word-filer (.docx)").setInputFiles(big);
    await page.getByRole("button", { name: "Læs filerne" }).click();
    await page
      .getByText("Filen er for stor. Der kan højst importeres Word-filer på 20 MB.")
      .waitFor();
    // The import saved above is listed, and nothing new was added.
    const rows = page.getByRole("table", { name: /Importerede Word-filer/ }).locator("tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Gemt");
  });
});
