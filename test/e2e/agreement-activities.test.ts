/**
 * Activities in the browser: the secretariat creates an agreement, adds two activity schemas with a
 * success criterion each through the form, reorders them from the activities list by keyboard and
 * sees the new order on the agreement page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
  createSecondPlan,
} from "./server";

describe("agreement activities in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function addActivity(page: Page, agreementUrl: string, name: string, criterion: string) {
    await page.goto(`${agreementUrl}/edit/activities/new`);
    await page.getByRole("heading", { level: 1, name: "Ny aktivitet" }).waitFor();
    await page.getByLabel("Aktivitetsnavn").fill(name);
    await page.getByLabel("Målgruppe(r)").fill("beboere i afdelingerne");
    await page.getByRole("button", { name: "Tilføj succeskriterium" }).click();
    // The new row's fields (ids from the field names, as the form names them).
    await page.locator("#f-criteria-0-text").fill(criterion);
    await page.locator("#f-criteria-0-dataSource").fill("Sekretariatets registrering");
    await page.getByRole("button", { name: "Opret aktivitet" }).click();
    await page.waitForURL(/#activity-\d+$/);
    await page.getByRole("heading", { level: 3, name: new RegExp(name) }).waitFor();
  }

  it("adds two activities and moves the second above the first", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);

    // All four of the demo plan's focus areas have a delaftale: a new one goes in a new plan.
    const planPath = await createSecondPlan(page, server.url);
    await page.goto(`${server.url}${planPath}/agreements/new`);
    await page.getByLabel("Indsatsområde").selectOption({ label: "Beskæftigelse" });
    await page.getByRole("button", { name: "Opret delaftale" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Delaftale for indsatsområdet Beskæftigelse" })
      .waitFor();
    const agreementUrl = page.url().replace(/[#?].*$/, "");
    expect(agreementUrl).toMatch(new RegExp(`${planPath}/agreements/\\d+$`));

    await addActivity(page, agreementUrl, "Jobcafé i beboerhuset", "40 besøgende om måneden");
    await addActivity(page, agreementUrl, "Praktikforløb med lokale firmaer", "15 praktikker");

    await page.goto(`${agreementUrl}/edit/activities`);
    await page.getByRole("heading", { level: 1, name: "Aktiviteter" }).waitFor();
    const rows = page.locator("table.activity-list tbody tr");
    expect(await rows.locator("th").allTextContents()).toEqual([
      "Jobcafé i beboerhuset",
      "Praktikforløb med lokale firmaer",
    ]);
    const second = rows.filter({ hasText: "Praktikforløb med lokale firmaer" });
    expect(await second.getByRole("button", { name: "Flyt ned" }).isDisabled()).toBe(true);

    // By keyboard: focus "Flyt op" on the second row and press Enter.
    await second.getByRole("button", { name: "Flyt op" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "er flyttet op" }).waitFor();
    expect(await rows.locator("th").allTextContents()).toEqual([
      "Praktikforløb med lokale firmaer",
      "Jobcafé i beboerhuset",
    ]);
    // Now first, it cannot move further up, so focus lands on its "Flyt ned".
    const moved = rows.filter({ hasText: "Praktikforløb med lokale firmaer" });
    await expect
      .poll(() =>
        moved
          .getByRole("button", { name: "Flyt ned" })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);

    // Declining the confirmation deletes nothing.
    page.once("dialog", (dialog) => void dialog.dismiss());
    await moved.getByRole("button", { name: /^Slet/ }).click();
    expect(await rows.count()).toBe(2);

    await page.getByRole("link", { name: "Tilbage til delaftalen" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Delaftale for indsatsområdet Beskæftigelse" })
      .waitFor();
    const schemas = await page.locator(".activity-schema h3").allTextContents();
    expect(schemas.map((s) => s.trim())).toEqual([
      "Aktivitet 1: Praktikforløb med lokale firmaer",
      "Aktivitet 2: Jobcafé i beboerhuset",
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
