/**
 * Feedback after every action and locks shown up front (issue 19, items 5 and 6), in the browser:
 * a section save returns to the agreement at that section with a message that is in view there
 * and gone after the next navigation; a bad submit lists its errors as links (focus on the
 * summary, a link focuses its field), with and without JavaScript; a reorder without JavaScript
 * lands on the moved row's anchor with its message; while the board decides, a section page shows
 * the lock with its fields disabled and no save button.
 */
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

/** Whether the element is inside the visible part of the window. */
async function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight && box.height > 0;
  });
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const activeClass = (page: Page) =>
  page.evaluate(() => document.activeElement?.className.toString() ?? "");

describe("feedback and locks in the browser", () => {
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

  it("shows the save's message at the section it returns to, once", async () => {
    const { page, problems, close } = await loginAs(browser, server.url, "secretariat", {
      viewport: { width: 1280, height: 900 },
    });
    const agreement = `${server.url}${paths.agreement}`;

    await page.goto(`${agreement}/edit/problem`);
    await page.getByRole("heading", { level: 1, name: "Problemkompleks" }).waitFor();
    await page
      .getByLabel("Problemkompleks for indsatsområdet")
      .fill("Mange unge i området mangler et sted at mødes efter skole.");
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.waitForURL(/#problem$/);

    const message = page.getByRole("status").filter({ hasText: "Problemkomplekset er gemt." });
    await message.waitFor();
    const section = page.locator("#problem-title");
    await section.waitFor();
    // The page scrolled to the section, and the message is in view there, not above it.
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(await inViewport(message)).toBe(true);
    await expect.poll(() => inViewport(section)).toBe(true);
    const [messageBox, sectionBox] = await Promise.all([
      message.boundingBox(),
      section.boundingBox(),
    ]);
    expect(messageBox!.y + messageBox!.height).toBeLessThanOrEqual(sectionBox!.y + 1);
    // Focus was not moved to the message.
    expect(await activeClass(page)).not.toContain("flash");

    // It can be closed, and is gone after the next navigation.
    await page.getByRole("button", { name: "Luk beskeden" }).click();
    await message.waitFor({ state: "detached" });
    await page.goto(`${agreement}/edit/problem`);
    await page.getByRole("heading", { level: 1, name: "Problemkompleks" }).waitFor();
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await message.waitFor();
    await page.getByRole("link", { name: "Helhedsplan Strandengen og Solsikkeparken" }).click();
    await page.waitForURL(`${server.url}${paths.plan}`);
    // The URL changes before the new page renders: wait for the plan page's own heading.
    await page
      .getByRole("heading", { level: 1, name: "Helhedsplan Strandengen og Solsikkeparken" })
      .waitFor();
    await expect.poll(() => page.getByText("Problemkomplekset er gemt.").count()).toBe(0);

    expect(problems).toEqual([]);
    await close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`lists a bad submit's errors as links to the fields (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
      const { page, close } = await loginAs(browser, server.url, "secretariat", {
        javaScriptEnabled,
      });
      await page.goto(`${server.url}${paths.agreement}/edit/basics`);
      await page
        .getByRole("heading", { level: 1, name: "Grundoplysninger og gyldighed" })
        .waitFor();
      await page.getByLabel("Gælder fra").fill("");
      await page.getByLabel("Gælder til").fill("");
      await page.getByRole("button", { name: "Gem", exact: true }).click();

      const summary = page.locator(".error-summary");
      await summary.getByRole("heading", { name: "Der er 2 fejl" }).waitFor();
      const links = summary.getByRole("link");
      expect(await links.allTextContents()).toEqual([
        "Angiv en gyldig startdato",
        "Angiv en gyldig slutdato",
      ]);
      expect(await links.first().getAttribute("href")).toBe("#f-validFrom");
      expect(await links.nth(1).getAttribute("href")).toBe("#f-validTo");
      // The messages are beside the fields too.
      expect(await page.locator("#f-validFrom-error").textContent()).toBe(
        "Angiv en gyldig startdato",
      );
      if (javaScriptEnabled) {
        // Focus moved to the summary; following a link focuses its field.
        await expect.poll(() => activeClass(page)).toContain("error-summary");
        await links.nth(1).click();
        await expect.poll(() => activeId(page)).toBe("f-validTo");
      } else {
        // The server answered (no client check): its page starts at the summary, and the link
        // jumps to the field.
        await expect.poll(() => activeClass(page)).toContain("error-summary");
        await links.nth(1).click();
        await page.waitForURL(/#f-validTo$/);
        expect(await page.locator(":target").getAttribute("id")).toBe("f-validTo");
      }
      await close();
    });
  }

  it("lands on the moved activity after a reorder without JavaScript", async () => {
    const { page, close } = await loginAs(browser, server.url, "secretariat", {
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 500 },
    });
    const list = `${server.url}${paths.agreement}/edit/activities`;
    await page.goto(list);
    await page.getByRole("heading", { level: 1, name: "Aktiviteter" }).waitFor();
    const rows = page.locator("table.activity-list tbody tr");
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(2);
    const last = rows.nth(count - 1);
    const id = await last.getAttribute("id");
    const name = await last.locator("th > span").first().textContent();
    await last.getByRole("button", { name: "Flyt op" }).click();
    await page.waitForURL(new RegExp(`/edit/activities#${id}$`));
    await page.getByRole("status").filter({ hasText: "Aktiviteten er flyttet op." }).waitFor();
    // The moved row is the target, one place up.
    const target = page.locator(":target");
    expect(await target.getAttribute("id")).toBe(id);
    expect(
      await rows
        .nth(count - 2)
        .locator("th > span")
        .first()
        .textContent(),
    ).toBe(name);
    expect(await inViewport(target)).toBe(true);
    await close();
  });

  it("shows the lock and disabled fields while the board decides", async () => {
    const { page, problems, close } = await loginAs(browser, server.url, "secretariat");
    const agreement = `${server.url}${paths.agreement}`;

    await page.goto(`${agreement}/revision`);
    await page.getByLabel("Resumé af ændringerne").fill("Årets revision");
    await page.getByRole("button", { name: "Indstil til godkendelse" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Delaftalen er sendt til bestyrelsen til beslutning." })
      .waitFor();

    await page.goto(`${agreement}/edit/problem`);
    await page.getByRole("heading", { level: 1, name: "Problemkompleks" }).waitFor();
    await page
      .getByText(/^Aftalen ligger hos bestyrelsen til beslutning siden \d+\. \w+ \d{4}\./)
      .waitFor();
    expect(await page.getByLabel("Problemkompleks for indsatsområdet").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Gem", exact: true }).count()).toBe(0);
    await page.getByRole("link", { name: "Tilbage" }).waitFor();

    // Every section page: the activity list's buttons too.
    await page.goto(`${agreement}/edit/activities`);
    await page.getByRole("heading", { level: 1, name: "Aktiviteter" }).waitFor();
    const moves = page.getByRole("button", { name: "Flyt ned" });
    expect(await moves.count()).toBeGreaterThan(0);
    for (const button of await moves.all()) expect(await button.isDisabled()).toBe(true);
    expect(await page.getByRole("link", { name: "Tilføj aktivitet" }).count()).toBe(0);

    expect(problems).toEqual([]);
    await close();
  });
});
