/**
 * Issue 12 in the browser: an activity with a short name for the agreement's list and a lead-in
 * before its purposes, whose success criterion has a baseline of three values written as text.
 * A too long short name is refused beside the field before anything is sent; what was saved comes
 * back in the form as written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type DemoPaths,
  type TestServer,
} from "./server";

const FULL_NAME = "Lektiecafé for børn og unge i alderen 6-16 år";
const THREE_ESTATES = "53 %, 66 % og 68 % i tre afdelinger";

describe("activity names and text baselines in the browser", () => {
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

  it("saves a short name, a lead-in and a three-value baseline as typed", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);
    let posts = 0;
    page.on("request", (req) => {
      if (req.method() === "POST") posts++;
    });
    const activitiesUrl = `${server.url}${paths.agreement}/edit/activities`;

    await page.goto(`${activitiesUrl}/new`);
    await page.getByRole("heading", { level: 1, name: "Ny aktivitet" }).waitFor();
    await page.getByLabel("Aktivitetsnavn").fill(FULL_NAME);
    await page.getByLabel("Kort navn i aktivitetslisten").fill("L".repeat(201));
    await page.getByLabel("Indledning til formål").fill("Formål med indsatsen er:");
    await page.getByLabel("Formål", { exact: true }).fill("at flere får lavet lektier");
    await page.getByRole("button", { name: "Tilføj succeskriterium" }).click();
    await page.locator("#f-criteria-0-text").fill("Flere børn klarer sig godt i dansk");
    await page.locator("#f-criteria-0-dataSource").fill("Skolens test");
    await page.locator("#f-criteria-0-baselineText").fill(THREE_ESTATES);
    await page.locator("#f-criteria-0-baselineYear").fill("2018");
    await page.locator("#f-criteria-0-targetText").fill("Mindst 70 % i alle tre");
    await page.getByRole("button", { name: "Opret aktivitet" }).click();
    await page.locator("#f-shortName-error").getByText("Højst 200 tegn").waitFor();
    expect(posts).toBe(0);
    expect(await page.locator("#f-shortName").getAttribute("aria-invalid")).toBe("true");

    await page.locator("#f-shortName").fill("Lektiecafé");
    await page.getByRole("button", { name: "Opret aktivitet" }).click();
    await page.waitForURL(/#activity-\d+$/);

    // The list names it by its short name, with the schema's full name after it.
    await page.goto(activitiesUrl);
    const row = page.locator("table.activity-list tbody tr").filter({ hasText: FULL_NAME });
    expect((await row.locator("th").textContent())?.trim()).toBe(`Lektiecafé (${FULL_NAME})`);

    await row.getByRole("link", { name: /^Rediger/ }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.locator("#f-name").inputValue()).toBe(FULL_NAME);
    expect(await page.locator("#f-shortName").inputValue()).toBe("Lektiecafé");
    expect(await page.locator("#f-purposesLeadIn").inputValue()).toBe("Formål med indsatsen er:");
    expect(await page.locator("#f-targetGroupsLeadIn").inputValue()).toBe("");
    expect(await page.locator("#f-criteria-0-baselineText").inputValue()).toBe(THREE_ESTATES);
    expect(await page.locator("#f-criteria-0-baselineValue").inputValue()).toBe("");
    expect(await page.locator("#f-criteria-0-targetText").inputValue()).toBe(
      "Mindst 70 % i alle tre",
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
