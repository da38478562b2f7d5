/**
 * The issue's whole flow in the browser: Mølleåsen's secretariat creates the strategic agreement
 * and submits it, the board (an administrator: the demo gives Mølleåsen no board member) approves,
 * it is marked sent to the fund and then approved by the fund; the secretariat adds a milestone;
 * the package page shows the parts' states and the package downloads as .docx and .zip; and the
 * secretariat's calendar address (fetched without a session, as a calendar app does) carries
 * Mølleåsen's milestone and nothing of the plans the user is not a member of.
 */
import { strFromU8, unzipSync } from "fflate";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { readDocxBuffer } from "../helpers/docx";
import { launchBrowser, login, startServer, watchConsole, type TestServer } from "./server";

const PLAN = "Helhedsplan Mølleåsen";
const OTHER_PLAN = "Helhedsplan Strandengen og Solsikkeparken";
const VISION = "Mølleåsen er et trygt sted at bo for alle.";
const MILESTONE = "Lektiecafé åbner i Mølleåsen";

describe("the helhedsplan's package in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let secretariatContext: BrowserContext;
  let adminContext: BrowserContext;
  let secretariat: Page;
  let admin: Page;
  let problems: string[];
  let planUrl = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    secretariatContext = await browser.newContext({ acceptDownloads: true });
    adminContext = await browser.newContext();
    secretariat = await login(secretariatContext, server.url, "moelleaasen@samarbejde.example");
    problems = watchConsole(secretariat);
    admin = await login(adminContext, server.url, "admin@samarbejde.example");
    problems.push(...watchConsole(admin));
    const href = await secretariat
      .getByRole("link", { name: PLAN, exact: true })
      .first()
      .getAttribute("href");
    planUrl = `${server.url}${href}`;
  }, 400_000);
  afterAll(async () => {
    await secretariatContext?.close();
    await adminContext?.close();
    await browser?.close();
    await server?.stop();
  });

  const badge = (page: Page) => page.getByTestId("strategic-state");

  it("strategic agreement through board and fund, a milestone, the package, the calendar", async () => {
    // --- the strategic agreement, from the plan page's package panel ------------------------------
    await secretariat.goto(planUrl);
    const panel = secretariat.getByRole("region", { name: "Helhedsplanens pakke" });
    await panel.getByRole("link", { name: "Strategisk samarbejdsaftale" }).click();
    await secretariat.waitForURL(`${planUrl}/strategy`);
    await secretariat.getByRole("link", { name: "Opret strategisk samarbejdsaftale" }).click();
    await secretariat.getByRole("button", { name: "Tilføj part" }).click();
    const party = secretariat.getByRole("group", { name: "Part 1" });
    await party.getByLabel("Organisation i registret").selectOption({ label: "Havbakke Kommune" });
    await party.getByLabel("Underskriver", { exact: true }).fill("Lene Bak");
    await party.getByLabel("Underskriverens titel").fill("Borgmester");
    await secretariat.getByLabel("Vision", { exact: true }).fill(VISION);
    await secretariat.getByRole("button", { name: "Tilføj målsætning" }).click();
    await secretariat
      .getByRole("group", { name: "Målsætning 1" })
      .getByLabel("Målsætning")
      .fill("Flere unge i Mølleåsen gennemfører en uddannelse.");
    await secretariat.getByRole("button", { name: "Gem", exact: true }).click();
    await secretariat.waitForURL(`${planUrl}/strategy`);
    await secretariat.getByText(VISION).waitFor();
    await secretariat.getByLabel("Resumé af ændringerne").fill("Den første strategiske aftale.");
    await secretariat.getByRole("button", { name: "Indstil til bestyrelsen" }).click();
    await expect
      .poll(() => badge(secretariat).textContent(), { timeout: 20_000 })
      .toBe("Til beslutning");

    // The board approves.
    await admin.goto(`${planUrl}/strategy`);
    await admin.getByRole("link", { name: "Se forslaget og træf bestyrelsens beslutning" }).click();
    const decision = admin.getByRole("form", { name: "Bestyrelsens beslutning" });
    await decision.getByLabel("Beslutning").selectOption("approve");
    await decision.getByLabel("Bestyrelsesmødets dato").fill("2026-04-20");
    await decision.getByRole("button", { name: "Registrér beslutningen" }).click();
    await admin.waitForURL(`${planUrl}/strategy`);
    await expect
      .poll(() => badge(admin).textContent(), { timeout: 20_000 })
      .toBe("Afventer fondens godkendelse");

    // Awaiting the fund: the package page says so.
    await secretariat.goto(`${planUrl}/package`);
    await secretariat.getByRole("heading", { level: 1, name: "Helhedsplanens pakke" }).waitFor();
    expect(
      await secretariat
        .getByRole("listitem")
        .filter({ hasText: "Strategisk samarbejdsaftale:" })
        .textContent(),
    ).toContain("Version 1, godkendt af bestyrelsen – sendes til fonden");

    // Sent to the fund, then approved by it.
    await secretariat.goto(`${planUrl}/strategy`);
    await secretariat.getByLabel("Sendt den").fill("2026-05-03");
    await secretariat.getByRole("button", { name: "Markér som sendt til fonden" }).click();
    await secretariat
      .getByText("Version 1: Afventer fondens godkendelse (sendt 3. maj 2026)")
      .waitFor();
    const fund = secretariat.getByRole("form", { name: "Fondens afgørelse" });
    await fund.getByRole("combobox", { name: "Afgørelse", exact: true }).selectOption("approve");
    await fund.getByLabel("Dato for afgørelsen").fill("2026-06-10");
    await fund.getByLabel("Fondens journalnummer eller reference").fill("LBF 2026-0815");
    await fund.getByRole("button", { name: "Registrér fondens afgørelse" }).click();
    await expect.poll(() => badge(secretariat).textContent(), { timeout: 20_000 }).toBe("Godkendt");

    // --- a milestone ------------------------------------------------------------------------------
    await secretariat.goto(`${planUrl}/milestones/new`);
    await secretariat.getByLabel("Titel").fill(MILESTONE);
    await secretariat.getByLabel("Dato", { exact: true }).fill("2027-09-15");
    await secretariat.getByRole("button", { name: "Opret milepæl" }).click();
    await secretariat.getByRole("link", { name: MILESTONE }).waitFor();

    // --- the package page and its downloads --------------------------------------------------------
    await secretariat.goto(planUrl);
    await secretariat
      .getByRole("region", { name: "Helhedsplanens pakke" })
      .getByRole("link", { name: "Pakken" })
      .click();
    await secretariat.waitForURL(`${planUrl}/package`);
    const strategicLine = secretariat
      .getByRole("listitem")
      .filter({ hasText: "Strategisk samarbejdsaftale:" });
    expect(await strategicLine.textContent()).toContain("Version 1, godkendt 10. juni 2026");
    await secretariat.getByText("Bilag mangler: Beredskabsplan").waitFor();

    const [docxDownload] = await Promise.all([
      secretariat.waitForEvent("download"),
      secretariat.getByRole("link", { name: "Hent hele pakken som ét Word-dokument" }).click(),
    ]);
    expect(docxDownload.suggestedFilename()).toBe(`Helhedsplanens pakke - ${PLAN}.docx`);
    const docxPath = await docxDownload.path();
    const { readFileSync } = await import("node:fs");
    const docx = readDocxBuffer(new Uint8Array(readFileSync(docxPath)));
    expect(docx.text).toContain(VISION);
    expect(docx.text).toContain(MILESTONE);
    expect(docx.text).toContain("Strategisk samarbejdsaftale: Version 1, godkendt 10. juni 2026");

    const [zipDownload] = await Promise.all([
      secretariat.waitForEvent("download"),
      secretariat.getByRole("link", { name: "Hent pakken som zip" }).click(),
    ]);
    const entries = unzipSync(new Uint8Array(readFileSync(await zipDownload.path())));
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining([
        "00 Helhedsplanens pakke.docx",
        "01 Strategisk samarbejdsaftale.docx",
        "Organisationsdiagram.png",
        "Målhierarki.docx",
      ]),
    );
    expect(strFromU8(entries["Organisationsdiagram.png"]!.slice(1, 4))).toBe("PNG");

    // --- the calendar: the secretariat's own address, fetched without a session ----------------------
    await secretariat.getByRole("link", { name: "Min konto" }).click();
    await secretariat.getByRole("button", { name: "Lav en kalenderadresse" }).click();
    const address = await secretariat.getByLabel("Din kalenderadresse").inputValue();
    const response = await fetch(address);
    expect(response.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const summaries = calendar
      .getAllSubcomponents("vevent")
      .map((v) => String(v.getFirstPropertyValue("summary")));
    expect(summaries.some((s) => s.includes(MILESTONE))).toBe(true);
    expect(summaries.some((s) => s.includes(OTHER_PLAN))).toBe(false);
    expect(problems).toEqual([]);
  }, 400_000);
});
