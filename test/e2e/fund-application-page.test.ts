/**
 * The fund administrator's application page in the browser, on the demo's application awaiting
 * the organisation board («Tryg opgang – nabomægling og fællesskab i Kløverhaven»): the applicant
 * is told in their own words where it stands («Træk den tilbage …») and never the administration's
 * («Vurder ansøgningen …»); the administrator finds «Vurdering og beslutning» in the first screen
 * at 1280×900, with the fund's frame table whole, and assesses and decides from that panel; at
 * 390×844 the panel comes before the application and neither this page nor «Ny ansøgning» scrolls
 * sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  launchBrowser,
  loginAs,
  startServer,
  type DemoUser,
  type SignedIn,
  type TestServer,
} from "./server";

const FUND = "Lærkeredens Dispositionsfond";
const TITLE = "Tryg opgang – nabomægling og fællesskab i Kløverhaven";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The application's page, found as a user finds it: the fund list, the fund, the title. */
async function openApplication(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/funds`);
  await page.getByRole("link", { name: FUND, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: FUND }).waitFor();
  await page.getByRole("link", { name: TITLE }).click();
  await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
}

/** How far the document is wider than the window (0 when nothing scrolls sideways). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("the fund application page speaks to each reader and puts the decision first", () => {
  let server: TestServer;
  let browser: Browser;
  const sessions: SignedIn[] = [];
  const open = async (user: DemoUser, viewport: { width: number; height: number }) => {
    const session = await loginAs(browser, server.url, user, { viewport });
    sessions.push(session);
    return session;
  };
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const session of sessions) await session.close();
    await browser?.close();
    await server?.stop();
  });

  it("tells the applicant their own next step, not the administration's, and fits a phone", async () => {
    const { page: applicant, problems } = await open("applicant", PHONE);
    await openApplication(applicant, server.url);
    const panel = applicant.getByRole("region", { name: "Jeres ansøgning" });
    await panel.waitFor();
    const told = (await panel.textContent()) ?? "";
    expect(told).toContain("afventer fondens vurdering");
    expect(told).toContain("Træk den tilbage, hvis den skal rettes.");
    const main = (await applicant.locator("main").textContent()) ?? "";
    for (const words of ["Vurdering og beslutning", "Vurder ansøgningen", "Træf beslutning"]) {
      expect(main).not.toContain(words);
    }
    // «Træk den tilbage» leads to the withdrawal form.
    await panel.getByRole("link", { name: "Træk den tilbage, hvis den skal rettes." }).click();
    await expect.poll(() => applicant.url()).toMatch(/#withdraw-title$/);
    await applicant.getByRole("form", { name: "Træk ansøgningen tilbage" }).waitFor();

    // At phone width: the panel before the application, nothing wider than the screen.
    const application = applicant.getByRole("region", { name: "Ansøgningen", exact: true });
    const [panelBox, applicationBox] = [await panel.boundingBox(), await application.boundingBox()];
    expect(panelBox!.y).toBeLessThan(applicationBox!.y);
    expect(await sidewaysOverflow(applicant)).toBeLessThanOrEqual(0);

    await applicant.goto(`${applicant.url().replace(/\/applications\/.*$/, "")}/applications/new`);
    await applicant.getByRole("heading", { level: 1, name: "Ny ansøgning" }).waitFor();
    await applicant.getByLabel("Titel").waitFor();
    expect(await sidewaysOverflow(applicant)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });

  it("gives the administrator «Vurdering og beslutning» in the first screen, and both steps work from it", async () => {
    const { page: admin, problems } = await open("fundAdmin", DESKTOP);
    await openApplication(admin, server.url);
    const panel = admin.getByRole("region", { name: "Vurdering og beslutning" });
    await panel.waitFor();
    expect((await panel.boundingBox())!.y).toBeLessThan(DESKTOP.height);
    expect(await panel.textContent()).toContain("Vurder ansøgningen efter fondens retningslinjer");
    expect(await admin.locator("main").textContent()).not.toContain("Træk den tilbage");

    // The frame table is whole: nothing in it is cut off, so its box is no needless tab stop
    // (a ScrollTable is in the tab order only while it scrolls).
    const frames = panel.getByRole("table", { name: /^Fondens ramme, bevilget og rest pr\. år/ });
    const box = frames.locator("xpath=..");
    expect(await box.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expect.poll(() => box.getAttribute("tabindex")).toBeNull();
    expect(await sidewaysOverflow(admin)).toBeLessThanOrEqual(0);

    // Assess from the panel.
    const assess = panel.getByRole("form", { name: "Vurdering og indstilling" });
    await assess
      .getByLabel("Vurdering")
      .fill("Akut behov i to blokke, og helhedsplanen medfinansierer. Inden for retningslinjerne.");
    await assess.getByRole("radio", { name: "Indstilles til bevilling", exact: true }).check();
    await assess.getByRole("button", { name: "Gem vurdering" }).click();
    await admin.getByText("Vurderingen og indstillingen er gemt.").waitFor();
    // Assessed: the panel now asks for the board's decision.
    await panel
      .getByText(/^Træf beslutning: registrér organisationsbestyrelsens afgørelse/)
      .waitFor();

    // Decide from the panel.
    const decide = panel.getByRole("form", { name: "Organisationsbestyrelsens afgørelse" });
    await decide.getByRole("radio", { name: "Bevilget som ansøgt" }).check();
    await decide.getByLabel("Dato for afgørelsen").fill("2026-12-01");
    await decide.getByRole("button", { name: "Registrér afgørelsen" }).click();
    await admin.getByText("Organisationsbestyrelsens afgørelse er registreret").first().waitFor();
    await admin.getByRole("heading", { name: "Bevilling og afrapportering" }).waitFor();
    expect(await panel.textContent()).toContain("afgørelsen er registreret");
    expect(await panel.getByRole("form").count()).toBe(0);
    expect(problems).toEqual([]);

    // The same page on a phone: the panel first, nothing wider than the screen.
    const { page: phone } = await open("fundAdmin", PHONE);
    await phone.goto(admin.url().replace(/\?.*$/, ""));
    const phonePanel = phone.getByRole("region", { name: "Vurdering og beslutning" });
    await phonePanel.waitFor();
    const decision = phone.getByRole("region", { name: "Afgørelse", exact: true });
    expect((await phonePanel.boundingBox())!.y).toBeLessThan((await decision.boundingBox())!.y);
    expect(await sidewaysOverflow(phone)).toBeLessThanOrEqual(0);
  });
});
