/**
 * The first page per role in the browser (issue 19): each demo user logs in, finds their next step
 * on the first page, follows its link and does it to done, and the first page then shows it done.
 * The secretariat submits the demo agreement from its draft list; the board finds it awaiting its
 * decision and approves it; the reporter enters a measurement and the count goes up; the fund
 * administrator decides the awaiting application and the frame left shrinks; the applicant starts
 * a new application and finds the draft with its state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  DEMO_FOCUS_AREA,
  DEMO_PLAN_NAME,
  asUser,
  launchBrowser,
  startServer,
  type DemoUser,
  type TestServer,
} from "./server";

const heading = (page: Page, name: string | RegExp, level = 1) =>
  page.getByRole("heading", { level, name, exact: typeof name === "string" ? true : undefined });
const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

/** Back to the first page the way a user goes: the menu's first link. */
async function home(page: Page, title = "Mine helhedsplaner") {
  await page
    .getByRole("navigation", { name: "Hovedmenu" })
    .getByRole("link", { name: title })
    .click();
  await heading(page, title).waitFor();
}

describe("the first page per role in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  const year = new Date().getFullYear();
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const as = (user: DemoUser, run: (page: Page) => Promise<void>) =>
    asUser(browser, server.url, user, run);

  it("secretariat: submits the draft agreement its first page lists as ready", async () => {
    await as("secretariat", async (page) => {
      await heading(page, "Mine helhedsplaner").waitFor();
      const secretariat = section(page, "Sekretariatet");
      await secretariat.getByRole("heading", { name: "Delaftaler under udarbejdelse" }).waitFor();
      await secretariat
        .getByRole("link", { name: `Indstil ${DEMO_FOCUS_AREA} til godkendelse` })
        .click();
      await heading(page, "Indstil til godkendelse").waitFor();
      await page
        .getByRole("textbox", { name: "Resumé af ændringerne" })
        .fill("Første udgave af delaftalen til bestyrelsens godkendelse.");
      await page.getByRole("button", { name: "Indstil til godkendelse" }).click();
      await page.getByText("Forslag til version 1 afventer bestyrelsen.").waitFor();
      // Locked while the board decides: no longer a draft to work on.
      await home(page);
      await section(page, "Sekretariatet")
        .getByText("Ingen delaftaler er under udarbejdelse")
        .waitFor();
    });
  });

  it("board: finds the proposal awaiting its decision and approves it", async () => {
    await as("board", async (page) => {
      await heading(page, "Mine helhedsplaner").waitFor();
      const board = section(page, "Bestyrelsen");
      // The secretariat's proposal, and the demo's revision of Beskæftigelse (version 3).
      await board.getByText("2 forslag venter på din beslutning.").waitFor();
      await board
        .getByRole("link", {
          name: `Se ændringer og beslut: ${DEMO_FOCUS_AREA}, ${DEMO_PLAN_NAME}`,
        })
        .click();
      const form = page.getByRole("form", { name: "Bestyrelsens beslutning" });
      await form.waitFor();
      await form.getByRole("radio", { name: "Godkend" }).check();
      await form.getByRole("button", { name: "Registrer beslutningen" }).click();
      await page.waitForURL(/\/agreements\/\d+$/);
      await heading(page, new RegExp(DEMO_FOCUS_AREA)).waitFor();
      await home(page);
      const after = section(page, "Bestyrelsen");
      await after.getByText("1 forslag venter på din beslutning.").first().waitFor();
      expect(
        await after
          .getByRole("link", {
            name: `Se ændringer og beslut: ${DEMO_FOCUS_AREA}, ${DEMO_PLAN_NAME}`,
          })
          .count(),
      ).toBe(0);
    });
  });

  it("reporter: enters a measurement from the first page and the count goes up", async () => {
    // After the summer's report deadline the reporter gathers this year's figures (as the app says).
    const reportYear = new Date().getMonth() >= 6 ? year : year - 1;
    await as("reporter", async (page) => {
      await heading(page, "Mine helhedsplaner").waitFor();
      const name = `Målinger ${reportYear}: ${DEMO_FOCUS_AREA}, ${DEMO_PLAN_NAME}`;
      const link = section(page, "Afrapportering").getByRole("link", { name });
      const row = section(page, "Afrapportering")
        .getByRole("row")
        .filter({ has: page.getByRole("link", { name }) });
      await row.waitFor();
      const before = /(\d+) af (\d+) målinger/.exec((await row.textContent()) ?? "");
      expect(before).not.toBeNull();
      const [, entered, total] = before!.map(Number);
      expect(total).toBeGreaterThan(entered!);
      await link.click();
      await heading(page, `Målinger ${reportYear}`).waitFor();
      // The grid's value cell (the row's «Værdi som tekst» stays folded away under «Detaljer»).
      await page
        .getByRole("textbox", { name: /^Værdi/ })
        .first()
        .fill("42");
      await page.getByRole("button", { name: "Gem målinger" }).first().click();
      await page
        .getByRole("status")
        .filter({ hasText: `Målingerne for ${reportYear} er gemt.` })
        .waitFor();
      await home(page);
      await expect
        .poll(async () => row.textContent())
        .toContain(`${entered! + 1} af ${total} målinger`);
    });
  });

  it("fund administrator: decides the awaiting application and the frame left shrinks", async () => {
    const frameLeft = async (page: Page) =>
      section(page, "Fondsadministration")
        .getByRole("row")
        .filter({ hasText: "Lærkeredens Dispositionsfond" })
        .locator("td")
        .last()
        .textContent();
    await as("fundAdmin", async (page) => {
      await heading(page, "Min forside").waitFor();
      const fund = section(page, "Fondsadministration");
      await fund.getByText("1 ansøgning afventer afgørelse").waitFor();
      const before = await frameLeft(page);
      await fund.getByRole("link", { name: /Tryg opgang/ }).click();
      const decide = page.getByRole("form", { name: "Organisationsbestyrelsens afgørelse" });
      await decide.waitFor();
      await decide.getByRole("radio", { name: "Bevilget som ansøgt" }).check();
      await decide.getByLabel("Dato for afgørelsen").fill(`${year}-11-20`);
      await decide.getByRole("button", { name: "Registrér afgørelsen" }).click();
      await page.getByRole("heading", { name: "Bevilling og afrapportering" }).waitFor();
      await home(page, "Min forside");
      await section(page, "Fondsadministration")
        .getByText("Ingen ansøgninger afventer vurdering eller afgørelse.")
        .waitFor();
      await expect.poll(() => frameLeft(page)).not.toBe(before);
    });
  });

  it("applicant: starts a new application from the first page and finds the draft there", async () => {
    const title = "Fællesspisning i Kløverhaven";
    await as("applicant", async (page) => {
      await heading(page, "Min forside").waitFor();
      // The applicant's menu: no board decisions, no register.
      const menu = page.getByRole("navigation", { name: "Hovedmenu" });
      await menu.getByRole("link", { name: "Dispositionsfond" }).waitFor();
      expect(await menu.getByRole("link", { name: "Til beslutning" }).count()).toBe(0);
      const applicant = section(page, "Ansøgninger til dispositionsfonden");
      await applicant.getByRole("link", { name: "Ny ansøgning" }).click();
      await page.getByLabel("Titel").fill(title);
      await page.getByRole("button", { name: "Gem udkast" }).click();
      await heading(page, title).waitFor();
      await home(page, "Min forside");
      const row = section(page, "Ansøgninger til dispositionsfonden")
        .getByRole("row")
        .filter({ has: page.getByRole("link", { name: title }) });
      await row.waitFor();
      expect(await row.textContent()).toContain("Udkast");
    });
  });
});
