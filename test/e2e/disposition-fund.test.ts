/**
 * A dispositionsfond application in the browser, the whole way: the applicant for afd. 7
 * Kløverhaven writes an application for five years (the demo fund allows four), is told so next
 * to the last year with everything typed kept, shortens the period, submits; the fund
 * administrator assesses it, records the organisation board's approval and finds the grant in
 * the fund's frame overview; the applicant then enters and submits the first yearly report.
 * All texts are invented.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, login, startServer, watchConsole, type TestServer } from "./server";

const TITLE = "Lektiecafé i Kløverhavens fælleshus";
const FUND = "Lærkeredens Dispositionsfond";

async function openFund(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/funds`);
  await page.getByRole("link", { name: FUND, exact: true }).click();
  await page.getByRole("heading", { level: 1 }).waitFor();
}

describe("a dispositionsfond application in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("is refused for too many years with the input kept, submitted, assessed, decided, and reported on", async () => {
    const year = new Date().getFullYear();
    // --- The applicant.
    const applicantContext = await browser.newContext();
    const applicant = await login(applicantContext, server.url, "ansoeger@samarbejde.example");
    const applicantProblems = watchConsole(applicant);
    await openFund(applicant, server.url);
    await applicant.getByRole("link", { name: "Ny ansøgning" }).click();
    await applicant.getByRole("heading", { level: 1 }).waitFor();

    await applicant.getByLabel("Titel").fill(TITLE);
    await applicant
      .getByLabel("Beskrivelse af indsatsen")
      .fill("To eftermiddage om ugen hjælper frivillige børn fra afdelingen med lektierne.");
    await applicant
      .getByLabel("Formål")
      .fill("Flere børn går op til afgangsprøven med mod på mere.");
    await applicant.getByRole("radio", { name: "Forebyggende indsats" }).check();
    await applicant
      .getByLabel("Indsatsen er ikke en almindelig fællesaktivitet i afdelingen")
      .check();
    await applicant.getByLabel("Første år").fill(String(year));
    await applicant.getByLabel("Sidste år").fill(String(year + 4));
    // The budget rows follow the period as it is typed.
    await applicant.getByLabel(`Ansøgt beløb ${year + 4} (kr.)`).waitFor();
    for (let y = year; y <= year + 4; y++) {
      await applicant.getByLabel(`Ansøgt beløb ${y} (kr.)`).fill("40.000");
      await applicant.getByLabel(`Egenfinansiering ${y} (kr.)`).fill("8.000");
    }
    await applicant.getByRole("button", { name: "Indsend ansøgning" }).click();
    const tooLong = applicant.getByText("Perioden må højst være 4 år (fondens retningslinjer)");
    await tooLong.first().waitFor();
    expect(await applicant.getByLabel("Titel").inputValue()).toBe(TITLE);
    expect(await applicant.getByLabel("Sidste år").inputValue()).toBe(String(year + 4));
    expect(await applicant.getByLabel(`Ansøgt beløb ${year} (kr.)`).inputValue()).toBe("40.000");
    expect(await applicant.getByLabel("Sidste år").getAttribute("aria-invalid")).toBe("true");

    await applicant.getByLabel("Sidste år").fill(String(year + 3));
    await expect.poll(() => applicant.getByLabel(`Ansøgt beløb ${year + 4} (kr.)`).count()).toBe(0);
    await expect.poll(() => tooLong.count()).toBe(0);
    await applicant.getByRole("button", { name: "Indsend ansøgning" }).click();
    await applicant.waitForURL(/\/funds\/\d+\/applications\/\d+(\?.*)?$/);
    await applicant.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const applicationUrl = applicant.url().replace(/\?.*$/, "");
    expect(await applicant.locator("main").textContent()).toContain("160.000 kr.");
    expect(applicantProblems).toEqual([]);

    // --- The fund administration: assessment and the organisation board's decision.
    const adminContext = await browser.newContext();
    const admin = await login(adminContext, server.url, "fond@samarbejde.example");
    const adminProblems = watchConsole(admin);
    await openFund(admin, server.url);
    await admin.getByRole("link", { name: TITLE }).click();
    await admin.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const checklist = admin.getByRole("region", {
      name: "Tjekliste efter fondens retningslinjer",
    });
    expect(await checklist.textContent()).toContain("Perioden er højst 4 år");

    // The assessment and the decision are in the panel the administrator starts from.
    const panel = admin.getByRole("region", { name: "Vurdering og beslutning" });
    const assess = panel.getByRole("form", { name: "Vurdering og indstilling" });
    await assess
      .getByLabel("Vurdering")
      .fill("Indsatsen er forebyggende og ligger inden for retningslinjerne.");
    await assess.getByRole("radio", { name: "Indstilles til bevilling", exact: true }).check();
    await assess.getByRole("button", { name: "Gem vurdering" }).click();
    await admin
      .getByRole("region", { name: "Fondsadministrationens vurdering" })
      .getByText("Indsatsen er forebyggende og ligger inden for retningslinjerne.")
      .waitFor();

    const decide = panel.getByRole("form", { name: "Organisationsbestyrelsens afgørelse" });
    await decide.getByRole("radio", { name: "Bevilget som ansøgt" }).check();
    await decide.getByLabel("Dato for afgørelsen").fill(`${year}-11-20`);
    await decide.getByLabel("Vilkår").fill("Afrapportering hvert år inden fristen.");
    await decide.getByRole("button", { name: "Registrér afgørelsen" }).click();
    await admin.getByRole("heading", { name: "Bevilling og afrapportering" }).waitFor();
    // Decided: the forms are gone.
    expect(await admin.getByRole("form", { name: "Vurdering og indstilling" }).count()).toBe(0);

    // The frame overview counts the grant in each of its years.
    await openFund(admin, server.url);
    const frames = admin.getByRole("table", {
      name: "Fondens ramme, bevilget beløb og rest pr. år",
    });
    const firstYear = frames.getByRole("row", { name: new RegExp(`^${year}`) });
    expect(await firstYear.textContent()).toContain("40.000");
    expect(adminProblems).toEqual([]);
    await adminContext.close();

    // --- The applicant's first yearly report.
    await applicant.goto(applicationUrl);
    await applicant.getByRole("link", { name: `Afrapportér ${year}` }).click();
    const report = applicant.getByRole("form", { name: `Afrapportering ${year}` });
    await report.getByLabel(`Forbrug i ${year} (kr.)`).fill("37.500");
    await report
      .getByLabel("Aktiviteter og resultater")
      .fill("Caféen har været åben 30 eftermiddage med 12 børn i gennemsnit.");
    await report.getByRole("button", { name: "Indsend afrapportering" }).click();
    await applicant.getByText("Afrapporteringen er indsendt.").waitFor();
    expect(await applicant.locator("main").textContent()).toContain("37.500 kr.");
    expect(await applicant.getByRole("form", { name: `Afrapportering ${year}` }).count()).toBe(0);
    expect(applicantProblems).toEqual([]);
    await applicantContext.close();
  });
});
