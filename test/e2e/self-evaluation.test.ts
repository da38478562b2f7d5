/**
 * A self-evaluation in the browser: the reporter creates one with the standard question set,
 * leaves the project's title empty and gets the Danish message with everything else kept, fills
 * it in, rates the three questions with the keyboard on the radio groups, saves, finds the
 * ratings marked on the self-evaluation's page and downloads it as Word. Without JavaScript the
 * server answers the same empty title with the same message. All texts are invented.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
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

const TITLE = "Lys i gårdene";
const QUESTIONS = {
  forankring: "I hvor høj grad er I lykkedes med at forankre projektet?",
  maal: "I hvor høj grad blev målet med jeres projekt indfriet?",
  aktiviteter: "I hvor høj grad var de valgte aktiviteter de rigtige til at nå jeres mål?",
};

function wordText(file: string): string {
  return readDocxBuffer(readFileSync(file)).plain;
}

/** The radio group of a question: a fieldset whose legend is the question. */
const ratingGroup = (page: Page, question: string) => page.getByRole("group", { name: question });
const radio = (group: Locator, label: string) =>
  group.getByRole("radio", { name: label, exact: true });

/**
 * Chooses an answer the way a keyboard user does: focus the first answer, Space to select it,
 * then the arrow key down `steps` times (which moves the selection along the group).
 */
async function rateByKeyboard(page: Page, group: Locator, steps: number) {
  await radio(group, "I meget høj grad").focus();
  await page.keyboard.press("Space");
  for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowDown");
}

describe("a self-evaluation in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let tmp: string;
  /** The demo plan's list of self-evaluations. */
  let LIST: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "e2e-self-evaluation-"));
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    LIST = `${(await findDemoPaths(browser, server.url)).plan}/self-evaluations`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("creates one, is told about the missing title, rates by keyboard, saves and downloads it", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "rapportering@samarbejde.example");
    const problems = watchConsole(page);

    await page.goto(`${server.url}${LIST}`);
    await page.getByRole("heading", { level: 1, name: "Selvevalueringer" }).waitFor();
    await page.getByRole("link", { name: "Ny selvevaluering" }).click();
    await page.getByRole("heading", { level: 1, name: "Ny selvevaluering" }).waitFor();
    expect(await page.getByLabel("Spørgeskema", { exact: true }).inputValue()).toBe("standard");

    // Everything but the project's title.
    await page.getByLabel("Bevillingsgiver").fill("Egeskov Fonden");
    await page.getByLabel("Modtager").fill("Fællesbo Havbakke");
    await page.getByLabel("Region").selectOption("Midtjylland");
    expect(await page.getByLabel("Type", { exact: true }).inputValue()).toBe("Projekt");
    await page.getByLabel("Støttet beløb").fill("925.000");
    await page.getByLabel("Bevillingsår").fill("2019");
    await page.getByLabel("Delmål").fill("Trygge fællesarealer");
    await page
      .getByLabel("Om donationen")
      .fill("Vi satte lys op i to gårde og holdt gårdmøder med beboerne.");
    await page.getByLabel("Målgruppen").fill("Børn og unge\nÆldre beboere");

    await page.getByRole("button", { name: "Opret selvevaluering" }).click();
    await fieldError(page, "Skriv projektets titel").waitFor();
    expect(page.url()).toBe(`${server.url}${LIST}/new`);
    expect(await page.getByLabel("Bevillingsgiver").inputValue()).toBe("Egeskov Fonden");
    expect(await page.getByLabel("Støttet beløb").inputValue()).toBe("925.000");
    expect(await page.getByLabel("Region").inputValue()).toBe("Midtjylland");

    await page.getByLabel("Projektets titel").fill(TITLE);
    await expect.poll(() => fieldError(page, "Skriv projektets titel").count()).toBe(0);

    // Forankring: "I høj grad" (one step down), Mål: "I meget høj grad", Aktiviteter: "I nogen grad".
    const forankring = ratingGroup(page, QUESTIONS.forankring);
    const maal = ratingGroup(page, QUESTIONS.maal);
    const aktiviteter = ratingGroup(page, QUESTIONS.aktiviteter);
    await rateByKeyboard(page, forankring, 1);
    await rateByKeyboard(page, maal, 0);
    await rateByKeyboard(page, aktiviteter, 2);
    expect(await radio(forankring, "I høj grad").isChecked()).toBe(true);
    expect(await radio(maal, "I meget høj grad").isChecked()).toBe(true);
    expect(await radio(aktiviteter, "I nogen grad").isChecked()).toBe(true);
    expect(await radio(aktiviteter, "I meget høj grad").isChecked()).toBe(false);

    const narrative = (heading: string) =>
      page.getByRole("region", { name: heading, exact: true }).getByLabel("Begrundelse");
    await narrative("Forankring").fill("Afdelingsbestyrelsen driver lyset videre.");
    await narrative("Mål").fill("Alle gårde har fået lys, og beboerne bruger dem om aftenen.");
    await narrative("Aktiviteter").fill("Gårdmøderne virkede bedre end plakaterne.");

    await page.getByRole("button", { name: "Opret selvevaluering" }).click();
    await page.waitForURL(new RegExp(`${LIST}/\\d+$`));
    await page.getByRole("status").filter({ hasText: "Selvevalueringen er oprettet." }).waitFor();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();

    // The page: facts like the funder's form, the chosen answer marked on each scale.
    const document = page.getByRole("article", { name: "Selvevaluering" });
    const documentText = await document.textContent();
    expect(documentText).toContain("925.000 kr., år 2019");
    expect(documentText).toContain("Midtjylland");
    const chosen = (heading: string) =>
      document.getByRole("list", { name: `Skala: ${heading}` }).locator('[aria-current="true"]');
    expect(await chosen("Forankring").textContent()).toContain("I høj grad");
    expect(await chosen("Mål").textContent()).toContain("I meget høj grad");
    expect(await chosen("Aktiviteter").textContent()).toContain("I nogen grad");
    expect(documentText).toContain("Vurdering: I høj grad");
    expect(documentText).toContain("Gårdmøderne virkede bedre end plakaterne.");
    expect(
      await page.getByRole("region", { name: "Udfyldt" }).getByText("Færdig").count(),
    ).toBeGreaterThan(0);

    // Word.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Hent som Word" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`Selvevaluering - Egeskov Fonden - ${TITLE}.docx`);
    const file = path.join(tmp, "selvevaluering.docx");
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
    const text = wordText(file);
    expect(text).toContain(TITLE);
    expect(text).toContain("925.000 kr., år 2019");
    expect(text).toContain("Vurdering: I høj grad");
    expect(text).toContain("Vurdering: I nogen grad");

    // The list shows it as complete.
    await page.goto(`${server.url}${LIST}`);
    const row = page.getByRole("row", { name: new RegExp(TITLE) });
    expect(await row.textContent()).toContain("Færdig");
    expect(await row.textContent()).toContain("925.000 kr.");

    expect(problems).toEqual([]);
    await context.close();
  });

  it("answers an empty title without JavaScript with the same message and keeps the input", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await login(context, server.url, "rapportering@samarbejde.example");
    await page.goto(`${server.url}${LIST}/new`);
    await page.getByLabel("Bevillingsgiver").fill("Egeskov Fonden");
    await page.getByLabel("Støttet beløb").fill("40.000");
    await radio(ratingGroup(page, QUESTIONS.maal), "I ringe grad").check();
    await page.getByRole("button", { name: "Opret selvevaluering" }).click();
    await fieldError(page, "Skriv projektets titel").waitFor();
    expect(await page.getByLabel("Bevillingsgiver").inputValue()).toBe("Egeskov Fonden");
    expect(await page.getByLabel("Støttet beløb").inputValue()).toBe("40.000");
    expect(await radio(ratingGroup(page, QUESTIONS.maal), "I ringe grad").isChecked()).toBe(true);
    await context.close();
  });
});
