/**
 * The activity log in the browser: the secretariat logs a safety walk seven months ago with two
 * findings and three actions for two parties (the follow-up ticked and dated half a year on by the
 * kind), marks one action done, finds «Opfølgning forfalden» on the dashboard, opens the
 * follow-up meeting that shows the original findings with their statuses, records the statuses
 * taken there, and downloads the action list as Word with every finding. On a phone-sized window
 * the pages do not scroll sideways. All texts are invented.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { followUpDate } from "~/domain/activity-log";
import { todayInDenmark } from "~/domain/format";
import { readDocxBuffer } from "../helpers/docx";
import {
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
} from "./server";

const ACTIVITY = "Gårdliv – fællesskab på de udendørs arealer";
const FINDINGS = ["Mørk sti bag nr. 14", "Knallertkørsel i gården ved nr. 8"];
const ACTIONS = [
  "Skift de to defekte lamper på stien",
  "Beskær buskene langs stien",
  "Tal med de unge sammen med SSP",
];

const ACTION_LIST_ROUTE = "app/routes/plans.$planId.log.$eventId.actions[.]docx.ts";

/** yyyy-mm-dd `months` months before today (Danish time). */
function monthsAgo(months: number): string {
  return followUpDate(todayInDenmark(), -months);
}

/** The fieldset of a list row by its legend ("Fund 1", "Opgave 2 til fund 1"). */
const row = (scope: Page | Locator, name: string) =>
  scope.getByRole("group", { name, exact: true });

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe("the activity log in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let tmp: string;
  let PLAN: string;
  /** The walk's page, logged by the first test. */
  let eventUrl = "";
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "e2e-activity-log-"));
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    PLAN = (await findDemoPaths(browser, server.url)).plan;
    // The server's first start migrates and seeds PGlite: slow on a busy machine.
  }, 420_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("logs a walk, marks an action done, and holds the follow-up with the statuses", async () => {
    // A phone's window: the form must work there without sideways scrolling.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);
    const walkDate = monthsAgo(7);

    await page.goto(`${server.url}${PLAN}`);
    await page.getByRole("link", { name: "Aktivitetslog" }).click();
    await page.getByRole("heading", { level: 1, name: "Aktivitetslog" }).waitFor();
    await page.getByRole("link", { name: "Registrér hændelse" }).click();
    await page.getByRole("heading", { level: 1, name: "Registrér hændelse" }).waitFor();
    await noSidewaysScroll(page);

    await page.getByLabel("Aktivitet").selectOption({ label: ACTIVITY });
    await page
      .getByRole("combobox", { name: "Type", exact: true })
      .selectOption({ label: "Tryghedsvandring" });
    await page.getByLabel("Dato").fill(walkDate);
    await page.getByLabel("Sted eller afdeling").fill("Gårdene i Strandengen");
    await page.getByLabel("Beboere").fill("12");
    await page.getByLabel("Samarbejdspartnere").fill("4");
    // The kind's six months tick the follow-up and date it.
    expect(await page.getByLabel("Planlæg opfølgning").isChecked()).toBe(true);
    expect(await page.getByLabel("Opfølgning senest").inputValue()).toBe(followUpDate(walkDate, 6));

    // Two findings; the first with two actions, the second with one, for two parties.
    await page.getByRole("button", { name: "Tilføj fund" }).click();
    const first = row(page, "Fund 1");
    await first.getByLabel("Hvad blev fundet").fill(FINDINGS[0]!);
    await first.getByLabel("Hvor").fill("Stien mod skolen");
    const a1 = row(first, "Opgave 1 til fund 1");
    const partyOptions = await a1
      .getByLabel("Ansvarlig part")
      .locator("option:not([value=''])")
      .allTextContents();
    // Only the chosen activity's agreement's parties are offered.
    expect(partyOptions.length).toBeGreaterThanOrEqual(2);
    const [partyA, partyB] = [partyOptions[0]!, partyOptions[1]!];
    await a1.getByLabel("Ansvarlig part").selectOption({ label: partyA });
    await a1.getByLabel("Hvad skal gøres").fill(ACTIONS[0]!);
    await a1.getByLabel("Frist").fill(monthsAgo(6));
    await first.getByRole("button", { name: "Tilføj opgave til fund 1" }).click();
    const a2 = row(first, "Opgave 2 til fund 1");
    await a2.getByLabel("Ansvarlig part").selectOption({ label: partyB });
    await a2.getByLabel("Hvad skal gøres").fill(ACTIONS[1]!);
    await a2.getByLabel("Frist").fill(monthsAgo(5));

    await page.getByRole("button", { name: "Tilføj fund" }).click();
    const second = row(page, "Fund 2");
    await second.getByLabel("Hvad blev fundet").fill(FINDINGS[1]!);
    const b1 = row(second, "Opgave 1 til fund 2");
    await b1.getByLabel("Ansvarlig part").selectOption({ label: partyB });
    await b1.getByLabel("Hvad skal gøres").fill(ACTIONS[2]!);
    await b1.getByLabel("Status").selectOption({ label: "I gang" });

    // A dropped action needs its reason: the message appears beside the field, nothing is sent.
    await a2.getByLabel("Status").selectOption({ label: "Droppet" });
    await page.getByRole("button", { name: "Gem hændelse" }).click();
    await a2.getByText("Skriv, hvorfor opgaven droppes").waitFor();
    await a2.getByLabel("Status").selectOption({ label: "Åben" });
    await noSidewaysScroll(page);

    await page.getByRole("button", { name: "Gem hændelse" }).click();
    await page.waitForURL(/\/log\/\d+$/);
    await page.getByRole("status").filter({ hasText: "Hændelsen er gemt." }).waitFor();
    eventUrl = page.url().replace(/\?.*$/, "");
    const findings = page.getByRole("region", { name: "Fund og opgaver" });
    for (const text of [...FINDINGS, ...ACTIONS]) {
      expect(await findings.getByText(text).count(), text).toBeGreaterThan(0);
    }
    // The first action's due date has passed: said in words.
    const actionItem = (text: string) =>
      page
        .getByRole("region", { name: "Fund og opgaver" })
        .locator(".log-actions > li")
        .filter({ hasText: text });
    const lamp = actionItem(ACTIONS[0]!);
    expect(await lamp.textContent()).toContain("Overskredet");
    await noSidewaysScroll(page);

    // Mark the lamps done.
    await lamp.getByText("Skift status").click();
    await lamp.getByLabel("Status").selectOption({ label: "Udført" });
    await lamp.getByRole("button", { name: "Gem status" }).click();
    await page.getByRole("status").filter({ hasText: "Opgavens status er gemt." }).waitFor();
    const lampNow = actionItem(ACTIONS[0]!);
    expect(await lampNow.locator(".badge").first().textContent()).toBe("Udført");
    expect(await lampNow.textContent()).not.toContain("Overskredet");

    // Half a year on, the dashboard says the follow-up is due.
    await page.goto(`${server.url}/`);
    const logPanel = page.getByRole("region", { name: "Aktivitetslog" });
    await logPanel.getByText("Opfølgning forfalden").first().waitFor();
    await logPanel
      .getByRole("link", { name: /Tryghedsvandring/ })
      .first()
      .click();
    await page.waitForURL(eventUrl);

    await page.getByRole("button", { name: "Opret opfølgningsmøde" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Opfølgningsmødet er oprettet. Gør status over opgaverne nedenfor." })
      .waitFor();
    await page.getByRole("heading", { level: 1, name: /^Opfølgningsmøde/ }).waitFor();
    const review = page.getByRole("region", { name: /^Status på opgaverne fra/ });
    const reviewItem = (action: string) => review.getByRole("group", { name: new RegExp(action) });
    expect(await reviewItem(ACTIONS[0]!).textContent()).toContain("Status nu: Udført");
    expect(await reviewItem(ACTIONS[1]!).textContent()).toContain("Status nu: Åben");
    expect(await reviewItem(ACTIONS[2]!).textContent()).toContain("Status nu: I gang");
    for (const text of FINDINGS) expect(await review.getByText(text).count()).toBeGreaterThan(0);

    // The stock-taking: the bushes are done now, the talk with the young people goes on.
    await reviewItem(ACTIONS[1]!).getByLabel("Status på mødet").selectOption({ label: "Udført" });
    await reviewItem(ACTIONS[2]!)
      .getByLabel(/Bemærkning/)
      .fill("SSP har holdt to møder, et tredje er planlagt.");
    await page.getByRole("button", { name: "Gem status fra mødet" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Status fra opfølgningsmødet er gemt." })
      .waitFor();
    expect(await reviewItem(ACTIONS[1]!).textContent()).toContain("Status nu: Udført");
    expect(
      await reviewItem(ACTIONS[2]!)
        .getByLabel(/Bemærkning/)
        .inputValue(),
    ).toBe("SSP har holdt to møder, et tredje er planlagt.");

    // The walk's page now links its follow-up meeting and no longer says it is due.
    await page.goto(eventUrl);
    expect(await page.getByText("Opfølgning forfalden").count()).toBe(0);
    expect(await page.getByText("Opfølgningsmøder").count()).toBe(1);

    expect(problems).toEqual([]);
    await context.close();
  });

  // TODO(issue 21): the route comes with branch log-docs; this runs once it is merged.
  it.skipIf(!existsSync(ACTION_LIST_ROUTE))(
    "downloads the walk's action list as Word with every finding and action",
    async () => {
      expect(eventUrl).not.toBe("");
      const context = await browser.newContext();
      const page = await login(context, server.url, "sekretariat@samarbejde.example");
      await page.goto(eventUrl);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Hent opgavelisten (Word)" }).click(),
      ]);
      const file = path.join(tmp, "opgaveliste.docx");
      await download.saveAs(file);
      expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
      const text = readDocxBuffer(readFileSync(file)).plain;
      for (const finding of FINDINGS) expect(text).toContain(finding);
      for (const action of ACTIONS) expect(text).toContain(action);
      await context.close();
    },
  );

  it("registers an event without JavaScript, adding a finding with the list button", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await login(context, server.url, "rapportering@samarbejde.example");
    await page.goto(`${server.url}${PLAN}/log/new`);
    await page.getByLabel("Aktivitet").selectOption({ label: ACTIVITY });
    await page.getByRole("combobox", { name: "Type", exact: true }).selectOption({ label: "Møde" });
    await page.getByLabel("Sted eller afdeling").fill("Beboerhuset");
    await page.getByRole("button", { name: "Tilføj fund" }).click();
    await page.getByText("Listen er ændret, men ikke gemt endnu.").waitFor();
    expect(await page.getByLabel("Sted eller afdeling").inputValue()).toBe("Beboerhuset");
    const finding = row(page, "Fund 1");
    await finding.getByLabel("Hvad blev fundet").fill("Opslagstavlen er væk");
    await finding.getByRole("button", { name: "Tilføj opgave til fund 1" }).click();
    await row(finding, "Opgave 1 til fund 1").waitFor();
    expect(await finding.getByLabel("Hvad blev fundet").inputValue()).toBe("Opslagstavlen er væk");
    // Without a party the server answers with the message beside the field.
    await finding.getByLabel("Hvad skal gøres").fill("Sæt en ny op");
    await page.getByRole("button", { name: "Gem hændelse" }).click();
    await finding.getByText("Vælg den ansvarlige part").waitFor();
    expect(await finding.getByLabel("Hvad blev fundet").inputValue()).toBe("Opslagstavlen er væk");
    const party = finding.getByLabel("Ansvarlig part");
    const value = await party.locator("option:not([value=''])").first().getAttribute("value");
    await party.selectOption(value!);
    await page.getByRole("button", { name: "Gem hændelse" }).click();
    await page.getByText("Hændelsen er gemt.").waitFor();
    expect(await page.getByText("Opslagstavlen er væk").count()).toBeGreaterThan(0);
    await context.close();
  });
});
