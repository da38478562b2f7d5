/**
 * The yearly revision of a delaftale in the browser, with the secretariat and a board member in
 * two browser contexts: the demo agreement is submitted and approved as version 1; the
 * secretariat starts the year's revision, changes a goal, removes a criterion, adds an activity
 * and changes one budget year, and submits version 2. The board sees exactly those changes (on
 * screen and in the tracked-changes Word file) and approves; the version history keeps version 1
 * unchanged, on screen and as Word.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Download, Locator, Page } from "playwright-core";
import { readDocxBuffer, type TrackChanges } from "../helpers/docx";
import { launchBrowser, login, startServer, watchConsole, type TestServer } from "./server";

const PLAN = "Helhedsplan Strandengen og Solsikkeparken";
const FOCUS_AREA = "Sammenhængskraft og medborgerskab";
const TITLE = `Delaftale for indsatsområdet ${FOCUS_AREA}`;

// --- the demo agreement as seeded (db/demo-agreement.ts) -----------------------------------------

const OLD_GOAL =
  "at flere beboere kender og hjælper deres naboer, og at nye beboere hurtigt bliver en del af fællesskabet";
const DELETED_WORDS = "hurtigt";
const INSERTED_WORDS = "inden for det første år";
const NEW_GOAL = OLD_GOAL.replace(DELETED_WORDS, INSERTED_WORDS);
/** The second of the agreement's three criteria, removed in the revision. */
const REMOVED_CRITERION =
  "Andelen af beboere, der kender navnet på mere end tre naboer i deres opgang, stiger fra 38 % i 2022 til 50 % i 2026.";
const THIRD_CRITERION =
  "Der rekrutteres mindst 12 nye frivillige om året i hele perioden (5 i 2022).";
const DEMO_ACTIVITIES = [
  "Naboværter i opgangene",
  "Gårdliv – fællesskab på de udendørs arealer",
  "Ny i beboerdemokratiet",
  "Foreningsbroen – vej ind i foreninger og kulturliv",
];

// --- the revision --------------------------------------------------------------------------------

const ACTIVITY = {
  name: "Fællesspisning i opgangene",
  content:
    "En gang om måneden inviterer naboværterne opgangens beboere til fællesspisning i beboerhuset, hvor hver husstand tager en ret med.",
  purpose: "at naboer i samme opgang mødes om et måltid",
  targetGroup: "beboere i opgange med lav tryghed",
  criterion: "Der holdes mindst 10 fællesspisninger om året.",
  dataSource: "Sekretariatets aktivitetslog",
};
const BUDGET_YEAR = 2025;
const OLD_LBF = "1.064.000 kr.";
const NEW_LBF = "1.100.000";

/** "Rediger" links besides the activities': one per section, the working groups and one per row
 * of the clauses table (staff, conflict handling, revision, validity). */
const EDIT_LINKS = 13;
const V1_MEETING = "2025-11-18";
const V1_LABEL = "Version 1, godkendt 18. november 2025";
const V2_MEETING = "2026-11-17";
const V2_LABEL = "Version 2, godkendt 17. november 2026";

// --- helpers -----------------------------------------------------------------------------------

const textbox = (scope: Locator | Page, name: string) =>
  scope.getByRole("textbox", { name, exact: true });
const group = (scope: Locator | Page, name: string) =>
  scope.getByRole("group", { name, exact: true });
const heading = (page: Page, name: string) =>
  page.getByRole("heading", { level: 1, name, exact: true });

/**
 * What a sighted user reads: without the screen-reader-only prefixes and the change badges, and
 * without what `leaveOut` selects (the insertions or the deletions).
 */
function shownTexts(locator: Locator, leaveOut?: string): Promise<string[]> {
  return locator.evaluateAll(
    (elements, selector) =>
      elements.map((el) => {
        const copy = el.cloneNode(true) as Element;
        copy
          .querySelectorAll(`.sr-only, .diff-badges${selector ? `, ${selector}` : ""}`)
          .forEach((n) => n.remove());
        return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
      }),
    leaveOut ?? "",
  );
}

/** The document's text; `all` keeps the tracked insertions and deletions, else they are accepted. */
function documentText(file: string, trackChanges: TrackChanges = "accept"): string {
  return readDocxBuffer(readFileSync(file), { trackChanges }).plain;
}

describe("the yearly revision in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let secretariatContext: BrowserContext;
  let boardContext: BrowserContext;
  let secretariat: Page;
  let board: Page;
  let secretariatProblems: string[];
  let boardProblems: string[];
  let agreementUrl = "";
  let tmp = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    tmp = mkdtempSync(path.join(os.tmpdir(), "e2e-revision-"));
    secretariatContext = await browser.newContext({ acceptDownloads: true });
    boardContext = await browser.newContext({ acceptDownloads: true });
    secretariat = await login(secretariatContext, server.url, "sekretariat@samarbejde.example");
    secretariatProblems = watchConsole(secretariat);
    board = await login(boardContext, server.url, "bestyrelse@samarbejde.example");
    boardProblems = watchConsole(board);
  });
  afterAll(async () => {
    await secretariatContext?.close();
    await boardContext?.close();
    await browser?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const revisionPanel = (page: Page) => page.getByRole("complementary", { name: "Revision" });
  const editLinks = (page: Page) => page.getByRole("link", { name: /^Rediger/ });

  /** The value under a term of the revision panel ("Gældende version" → "Version 1, …"). */
  const panelValue = (page: Page, term: string) =>
    revisionPanel(page)
      .locator("dt", { hasText: term })
      .evaluate((dt) => dt.nextElementSibling?.textContent?.trim() ?? "");

  /** The agreement's status badge under its title (issue 19's status words). */
  const statusBadge = (page: Page) => page.locator(".page-header .badge").first().textContent();

  async function openAgreement(page: Page) {
    await page.goto(agreementUrl);
    await heading(page, TITLE).waitFor();
  }

  async function submitForApproval(number: number, summary: string) {
    await revisionPanel(secretariat).getByRole("link", { name: "Indstil til godkendelse" }).click();
    await heading(secretariat, "Indstil til godkendelse").waitFor();
    await secretariat
      .getByRole("heading", { level: 2, name: `Indstil som version ${number}` })
      .waitFor();
    await textbox(secretariat, "Resumé af ændringerne").fill(summary);
    await secretariat.getByRole("button", { name: "Indstil til godkendelse" }).click();
    await secretariat.waitForURL(agreementUrl);
    await heading(secretariat, TITLE).waitFor();
    await revisionPanel(secretariat)
      .getByText(`Forslag til version ${number} afventer bestyrelsen.`)
      .waitFor();
    expect(await statusBadge(secretariat)).toBe(`Til beslutning (version ${number})`);
    // The draft is locked: no section or activity can be edited, and nothing can be submitted.
    expect(await editLinks(secretariat).count()).toBe(0);
    expect(
      await revisionPanel(secretariat)
        .getByRole("link", { name: "Indstil til godkendelse" })
        .count(),
    ).toBe(0);
    await revisionPanel(secretariat)
      .getByRole("button", { name: "Træk forslaget tilbage" })
      .waitFor();
  }

  /** The board member finds the proposed version under "Til beslutning" and opens it. */
  async function openProposedVersion(summary: string) {
    await board
      .getByRole("navigation", { name: "Hovedmenu" })
      .getByRole("link", { name: "Til beslutning" })
      .click();
    await heading(board, "Til beslutning").waitFor();
    // The demo has another agreement's revision awaiting the board too: this agreement's row.
    const rows = board.locator("table.data tbody tr").filter({ hasText: FOCUS_AREA });
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(summary);
    await rows
      .first()
      .getByRole("link", { name: `Se ændringer og beslut: ${FOCUS_AREA}, ${PLAN}` })
      .click();
    await heading(board, "Ændringer til godkendelse").waitFor();
  }

  async function approve(meetingDate: string, label: string) {
    const form = board.getByRole("form", { name: "Bestyrelsens beslutning" });
    await form.getByRole("radio", { name: "Godkend" }).check();
    await form.getByLabel("Dato for bestyrelsesmødet").fill(meetingDate);
    await form.getByRole("button", { name: "Registrer beslutningen" }).click();
    await board.waitForURL(agreementUrl);
    await heading(board, TITLE).waitFor();
    await expect.poll(() => panelValue(board, "Gældende version")).toBe(label);
  }

  async function download(page: Page, link: Locator, name: string): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const target = path.join(tmp, name);
    await (file as Download).saveAs(target);
    return target;
  }

  it("submits the demo agreement and the board approves it as version 1", async () => {
    // --- the secretariat opens the agreement from the plan ----------------------------------------
    await secretariat.locator(".plan-list").getByRole("link", { name: PLAN }).click();
    await heading(secretariat, PLAN).waitFor();
    await secretariat
      .getByRole("region", { name: "Delaftaler" })
      .getByRole("link", { name: FOCUS_AREA, exact: true })
      .click();
    await heading(secretariat, TITLE).waitFor();
    agreementUrl = secretariat.url().replace(/[#?].*$/, "");
    expect(agreementUrl).toMatch(/\/plans\/1\/agreements\/\d+$/);
    expect(await panelValue(secretariat, "Gældende version")).toBe("Ikke godkendt endnu");
    // One per section, the working groups and one per activity.
    expect(await editLinks(secretariat).count()).toBe(EDIT_LINKS + DEMO_ACTIVITIES.length);

    await submitForApproval(1, "Første version af delaftalen til godkendelse.");
    expect(await panelValue(secretariat, "Gældende version")).toBe("Ikke godkendt endnu");
    expect(await panelValue(secretariat, "Igangværende revision")).toBe(
      `${new Date().getFullYear()}: Til beslutning`,
    );

    // --- the board approves -------------------------------------------------------------------
    await openProposedVersion("Første version af delaftalen til godkendelse.");
    await board
      .getByText(
        "Ingen godkendt version endnu: dette er første version, så alt vises som tilføjet.",
      )
      .waitFor();
    await approve(V1_MEETING, V1_LABEL);

    await openAgreement(secretariat);
    expect(await panelValue(secretariat, "Gældende version")).toBe(V1_LABEL);
    expect(await statusBadge(secretariat)).toBe("Godkendt (version 1, 18. november 2025)");
    expect(await revisionPanel(secretariat).locator("dt").allTextContents()).not.toContain(
      "Igangværende revision",
    );
    expect(await editLinks(secretariat).count()).toBe(EDIT_LINKS + DEMO_ACTIVITIES.length);

    expect(secretariatProblems).toEqual([]);
    expect(boardProblems).toEqual([]);
  }, 180_000);

  it("starts the year's revision, changes four sections and submits version 2", async () => {
    const page = secretariat;
    const year = new Date().getFullYear();
    const edit = async (section: string, title: string) => {
      await page.getByRole("link", { name: `Rediger: ${section}`, exact: true }).click();
      await heading(page, title).waitFor();
    };
    const save = async (anchor: string) => {
      await page.getByRole("button", { name: "Gem", exact: true }).click();
      await page.waitForURL(`${agreementUrl}#${anchor}`);
      await heading(page, TITLE).waitFor();
    };

    // --- start the revision ---------------------------------------------------------------------
    await revisionPanel(page).getByRole("link", { name: "Indstil til godkendelse" }).click();
    await heading(page, "Indstil til godkendelse").waitFor();
    const start = page.getByRole("form", { name: "Start revision" });
    await textbox(start, "År").fill(String(year));
    await start.getByRole("button", { name: "Start revision" }).click();
    await page.waitForURL(agreementUrl);
    await heading(page, TITLE).waitFor();
    await expect
      .poll(() => panelValue(page, "Igangværende revision"))
      .toBe(`${year}: Under udarbejdelse`);
    expect(await panelValue(page, "Gældende version")).toBe(V1_LABEL);

    // --- the first goal ---------------------------------------------------------------------
    await edit("Formål og lokalt opstillede målinger for indsatsområdet", "Formål, mål og metode");
    const goals = textbox(group(page, "Mål 1"), "Mål");
    expect(await goals.inputValue()).toBe(OLD_GOAL);
    await goals.fill(NEW_GOAL);
    await save("purpose");
    expect(await page.locator("#purpose > ul").nth(1).locator("li").first().textContent()).toBe(
      NEW_GOAL,
    );

    // --- remove the second criterion ----------------------------------------------------------
    await edit(
      "Lokalt opstillede målinger (succeskriterier)",
      "Lokalt opstillede målinger (succeskriterier)",
    );
    const second = group(page, "Succeskriterium 2");
    expect(await textbox(second, "Succeskriterium").inputValue()).toBe(REMOVED_CRITERION);
    await second.getByRole("button", { name: "Fjern" }).click();
    await expect.poll(() => group(page, "Succeskriterium 3").count()).toBe(0);
    expect(await textbox(group(page, "Succeskriterium 2"), "Succeskriterium").inputValue()).toBe(
      THIRD_CRITERION,
    );
    // The criterion has measurements (the demo's figures for 2023–2025), so removing it asks
    // first: it is retired with its history kept, not deleted.
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    const history = page.getByText(
      `Succeskriteriet »${REMOVED_CRITERION}« har målinger for 2023, 2024 og 2025.`,
    );
    await history.waitFor();
    await page.getByRole("button", { name: "Bekræft fjernelse og gem" }).click();
    await page.waitForURL(`${agreementUrl}#criteria`);
    await heading(page, TITLE).waitFor();
    const criteriaText = await page.locator("#criteria table").textContent();
    expect(criteriaText).not.toContain(REMOVED_CRITERION);
    expect(criteriaText).toContain(THIRD_CRITERION);

    // --- a new activity with one criterion ------------------------------------------------------
    await edit("Aktiviteter, som skal bidrage til indfrielse af formål og mål", "Aktiviteter");
    await page.getByRole("link", { name: "Tilføj aktivitet" }).click();
    await heading(page, "Ny aktivitet").waitFor();
    await textbox(page, "Aktivitetsnavn").fill(ACTIVITY.name);
    await textbox(page, "Indhold og praksis (aktivitetsbeskrivelse)").fill(ACTIVITY.content);
    await textbox(page, "Formål").fill(ACTIVITY.purpose);
    await textbox(page, "Målgruppe(r)").fill(ACTIVITY.targetGroup);
    await page.getByRole("button", { name: "Tilføj succeskriterium" }).click();
    const criterion = group(page, "Succeskriterium 1");
    await textbox(criterion, "Succeskriterium").fill(ACTIVITY.criterion);
    await textbox(criterion, "Datakilde").fill(ACTIVITY.dataSource);
    await page.getByRole("button", { name: "Opret aktivitet" }).click();
    await page.waitForURL(/#activity-\d+$/);
    await heading(page, TITLE).waitFor();
    expect(await page.locator("#activities li").allTextContents()).toEqual([
      ...DEMO_ACTIVITIES.map((name) => expect.stringContaining(name)),
      ACTIVITY.name,
    ]);

    // --- one budget year of Landsbyggefonden ------------------------------------------------------
    await edit("Finansiering", "Finansiering");
    const lbf = group(page, "Finansieringskilde 1");
    expect(
      await lbf
        .getByRole("combobox", { name: "Type", exact: true })
        .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text),
    ).toBe("Landsbyggefonden");
    const amount = textbox(lbf, `${BUDGET_YEAR} (kr.)`);
    expect((await amount.inputValue()).replace(/\D/g, "")).toBe(OLD_LBF.replace(/\D/g, ""));
    await amount.fill(NEW_LBF);
    await save("financing");
    expect(
      await page
        .locator("#financing .doc-financing-years tbody tr")
        .filter({ hasText: "Landsbyggefonden" })
        .first()
        .textContent(),
    ).toContain(`${NEW_LBF} kr.`);

    // --- submit --------------------------------------------------------------------------------
    await submitForApproval(2, "Årets revision: et mål er skærpet, et succeskriterium udgår.");
    expect(await panelValue(page, "Gældende version")).toBe(V1_LABEL);

    expect(secretariatProblems).toEqual([]);
  }, 180_000);

  it("shows the board exactly those changes, on screen and in Word, and the board approves", async () => {
    const page = board;
    const summary = "Årets revision: et mål er skærpet, et succeskriterium udgår.";
    await openProposedVersion(summary);
    expect(await page.locator(".review-proposed-version").textContent()).toContain(V1_LABEL);
    const diff = page.locator(".diff-view");
    const sectionHeadings = diff.locator(":scope > section[id^='diff-'] > h2");
    const activityHeadings = diff.locator(".diff-activity > h3");

    // The whole agreement lists every section and activity.
    await page.getByRole("link", { name: "Vis hele aftalen" }).click();
    await page.waitForURL(/\?all=1$/);
    await expect.poll(() => activityHeadings.count()).toBe(DEMO_ACTIVITIES.length + 1);
    expect(await sectionHeadings.count()).toBe(15);

    // Only the changes: the goals, the criteria, the budget and the new activity.
    await page.getByRole("link", { name: "Vis kun ændringer" }).click();
    await page.waitForURL((url) => !url.search);
    await expect.poll(() => activityHeadings.count()).toBe(1);
    expect(
      await page.getByRole("link", { name: "Vis kun ændringer" }).getAttribute("aria-current"),
    ).toBe("true");
    expect([
      ...(await shownTexts(sectionHeadings)),
      ...(await shownTexts(activityHeadings)),
    ]).toEqual([
      "Mål og delmål",
      "Lokalt opstillede målinger (succeskriterier)",
      "Finansiering",
      ACTIVITY.name,
    ]);
    expect(await diff.locator(".diff-summary").textContent()).toBe(
      "Ændringer: 3 ændret, 1 tilføjet, 1 fjernet",
    );

    // The goal: the new words inserted, the old one deleted, nothing else.
    const goals = diff.locator("#diff-goals");
    const goal = goals.locator("li");
    expect(await goal.count()).toBe(1);
    // Read without the insertions it is the old goal, without the deletions the new one.
    expect(await shownTexts(goal, "ins")).toEqual([OLD_GOAL]);
    expect(await shownTexts(goal, "del")).toEqual([NEW_GOAL]);
    expect((await shownTexts(goals.locator("ins"))).join(" ")).toBe(INSERTED_WORDS);
    expect(await shownTexts(goals.locator("del"))).toEqual([DELETED_WORDS]);
    expect(new Set(await goals.locator("ins .sr-only").allTextContents())).toEqual(
      new Set(["tilføjet: "]),
    );
    expect(await goals.locator("del .sr-only").allTextContents()).toEqual(["slettet: "]);

    // The criteria: one removed, the others hidden as unchanged.
    const criteria = diff.locator("#diff-criteria");
    const items = criteria.locator("li.diff-item");
    expect(await items.count()).toBe(1);
    expect(await items.locator(".diff-badge").allTextContents()).toEqual(["Fjernet"]);
    expect(await shownTexts(items.locator(".diff-item-title del"))).toEqual([REMOVED_CRITERION]);
    expect(await criteria.locator(".diff-hidden-note").textContent()).toBe(
      "2 punkter uden ændringer er skjult.",
    );

    // The activity: added as a whole.
    const activity = diff.locator(".diff-activity");
    expect(await activity.locator("h3 .diff-badge").allTextContents()).toEqual(["Tilføjet"]);
    expect(await shownTexts(activity.locator("h3 ins"))).toEqual([ACTIVITY.name]);
    const activityText = (await shownTexts(activity))[0];
    for (const text of [
      ACTIVITY.content,
      ACTIVITY.purpose,
      ACTIVITY.criterion,
      ACTIVITY.dataSource,
    ]) {
      expect(activityText).toContain(text);
    }
    expect(await activity.locator("del").count()).toBe(0);

    // The budget: Landsbyggefonden's changed year and the totals, the other rows hidden.
    const budget = diff.locator("#diff-financing");
    const rows = budget.locator("tbody tr");
    expect(await shownTexts(rows.locator("th"))).toEqual([
      "Landsbyggefonden",
      "Samlet budget for indsatsområdet",
    ]);
    const years = await budget.locator("thead th").allTextContents();
    const yearColumn = years.indexOf(String(BUDGET_YEAR)) - 1;
    const lbfCells = rows.first().locator("td");
    for (let i = 0; i < years.length - 2; i++) {
      const cell = lbfCells.nth(i);
      if (i === yearColumn) {
        expect(await shownTexts(cell.locator("del"))).toEqual([OLD_LBF]);
        expect(await shownTexts(cell.locator("ins"))).toEqual([`${NEW_LBF} kr.`]);
      } else {
        expect(await cell.locator("del, ins").count()).toBe(0);
      }
    }

    // --- the same changes as tracked changes in Word -----------------------------------------
    const file = await download(
      page,
      page.getByRole("link", { name: "Hent med registrerede ændringer (Word)" }),
      "changes.docx",
    );
    const all = documentText(file, "all");
    expect(all).toContain(INSERTED_WORDS);
    expect(all).toContain(`og at nye beboere ${DELETED_WORDS}`);
    expect(all).toContain(REMOVED_CRITERION);
    const accepted = documentText(file);
    expect(accepted).toContain(NEW_GOAL);
    expect(accepted).not.toContain(OLD_GOAL);
    expect(accepted).not.toContain(`og at nye beboere ${DELETED_WORDS}`);
    expect(accepted).not.toContain(REMOVED_CRITERION);
    expect(accepted).toContain(THIRD_CRITERION);
    expect(accepted).toContain(ACTIVITY.name);

    await approve(V2_MEETING, V2_LABEL);
    expect(boardProblems).toEqual([]);
  }, 180_000);

  it("keeps version 1 unchanged in the version history, on screen and as Word", async () => {
    const page = board;
    await revisionPanel(page).getByRole("link", { name: "Versionshistorik" }).click();
    await heading(page, "Versionshistorik").waitFor();
    const versions = await page
      .locator("table.data tbody tr")
      .evaluateAll((rows) =>
        rows.map((r) => [
          r.querySelector("th")?.textContent ?? "",
          r.querySelector(".badge")?.textContent ?? "",
        ]),
      );
    expect(versions).toEqual([
      ["2", "Godkendt"],
      ["1", "Afløst"],
    ]);

    await page.getByRole("link", { name: "Vis version 1" }).click();
    await heading(page, TITLE).waitFor();
    const note = page.getByRole("note").filter({ hasText: "Dette er en gemt version" });
    expect(await note.locator("strong").textContent()).toBe(V1_LABEL);
    expect(await note.locator(".badge").textContent()).toBe("Afløst");
    expect(await page.locator("#purpose > ul").nth(1).locator("li").first().textContent()).toBe(
      OLD_GOAL,
    );
    const criteria = await page.locator("#criteria table").textContent();
    expect(criteria).toContain(REMOVED_CRITERION);
    expect(criteria).toContain(THIRD_CRITERION);
    expect(await page.locator("#activities li").count()).toBe(DEMO_ACTIVITIES.length);
    const document = (await page.locator("article.agreement-document").textContent()) ?? "";
    expect(document).not.toContain(ACTIVITY.name);
    expect(document).not.toContain(INSERTED_WORDS);
    expect(await page.locator("#financing").textContent()).toContain(OLD_LBF);
    expect(await editLinks(page).count()).toBe(0);

    const file = await download(
      page,
      page.getByRole("link", { name: "Hent Word", exact: true }),
      "version-1.docx",
    );
    const text = documentText(file);
    expect(text).toContain(OLD_GOAL);
    expect(text).toContain(REMOVED_CRITERION);
    expect(text).not.toContain(ACTIVITY.name);
    expect(text).not.toContain(INSERTED_WORDS);

    // The secretariat's agreement page shows version 2 as current and can be edited again.
    await openAgreement(secretariat);
    expect(await panelValue(secretariat, "Gældende version")).toBe(V2_LABEL);
    // Not "Udkast": the badge says which version is approved, and when.
    expect(await statusBadge(secretariat)).toBe("Godkendt (version 2, 17. november 2026)");
    expect(await editLinks(secretariat).count()).toBe(EDIT_LINKS + DEMO_ACTIVITIES.length + 1);

    expect(boardProblems).toEqual([]);
    expect(secretariatProblems).toEqual([]);
  }, 180_000);
});
