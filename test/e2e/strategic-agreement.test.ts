/**
 * The strategic agreement in the browser: Mølleåsen's secretariat creates it (parties, vision, an
 * objective, with JavaScript's list buttons) and submits it; the board (an administrator here, as
 * the demo gives Mølleåsen no board member) approves; the page then says it awaits the fund; the
 * secretariat marks it sent to the fund and records the fund's approval, and the page says
 * "Godkendt" with version 1 in effect, also in the version history.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, login, startServer, watchConsole, type TestServer } from "./server";

const PLAN = "Helhedsplan Mølleåsen";
const VISION = "Mølleåsen er et trygt og attraktivt sted at bo for alle.";
const OBJECTIVE = "Flere unge i Mølleåsen gennemfører en uddannelse.";

describe("the strategic agreement in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let secretariatContext: BrowserContext;
  let adminContext: BrowserContext;
  let secretariat: Page;
  let admin: Page;
  let problems: string[];
  let strategyUrl = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    secretariatContext = await browser.newContext();
    adminContext = await browser.newContext();
    secretariat = await login(secretariatContext, server.url, "moelleaasen@samarbejde.example");
    problems = watchConsole(secretariat);
    admin = await login(adminContext, server.url, "admin@samarbejde.example");
    problems.push(...watchConsole(admin));
    const href = await secretariat
      .getByRole("link", { name: PLAN, exact: true })
      .first()
      .getAttribute("href");
    strategyUrl = `${server.url}${href}/strategy`;
    // The server's first start (a new PGlite) is slow on a busy machine.
  }, 400_000);
  afterAll(async () => {
    await secretariatContext?.close();
    await adminContext?.close();
    await browser?.close();
    await server?.stop();
  });

  const badge = (page: Page) => page.getByTestId("strategic-state");

  it("is created, submitted, approved by the board and then by the fund", async () => {
    // --- the secretariat creates it -----------------------------------------------------------------
    await secretariat.goto(strategyUrl);
    await secretariat
      .getByRole("heading", { level: 1, name: "Strategisk samarbejdsaftale" })
      .waitFor();
    expect(await badge(secretariat).textContent()).toBe("Udkast");
    await secretariat.getByRole("link", { name: "Opret strategisk samarbejdsaftale" }).click();
    await secretariat
      .getByRole("heading", { level: 1, name: "Rediger strategisk samarbejdsaftale" })
      .waitFor();
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
      .fill(OBJECTIVE);
    await secretariat.getByRole("button", { name: "Gem", exact: true }).click();
    await secretariat.waitForURL(strategyUrl);
    await secretariat.getByText(VISION).waitFor();
    await secretariat.getByText(OBJECTIVE).waitFor();
    await secretariat.getByText("Havbakke Kommune v. Lene Bak, Borgmester").waitFor();
    expect(await badge(secretariat).textContent()).toBe("Udkast");

    // --- it is submitted to the board ----------------------------------------------------------------
    await secretariat.getByLabel("Resumé af ændringerne").fill("Den første strategiske aftale.");
    await secretariat.getByRole("button", { name: "Indstil til bestyrelsen" }).click();
    await expect
      .poll(() => badge(secretariat).textContent(), { timeout: 20_000 })
      .toBe("Til beslutning");
    // Locked while the board decides: no edit button.
    expect(await secretariat.getByRole("link", { name: "Rediger" }).count()).toBe(0);

    // --- the board approves ---------------------------------------------------------------------------
    await admin.goto(strategyUrl);
    expect(await badge(admin).textContent()).toBe("Til beslutning");
    await admin.getByRole("link", { name: "Se forslaget og træf bestyrelsens beslutning" }).click();
    const decision = admin.getByRole("form", { name: "Bestyrelsens beslutning" });
    await decision.waitFor();
    await decision.getByLabel("Beslutning").selectOption("approve");
    await decision.getByLabel("Bestyrelsesmødets dato").fill("2026-04-20");
    await decision.getByRole("button", { name: "Registrér beslutningen" }).click();
    await admin.waitForURL(strategyUrl);
    await expect
      .poll(() => badge(admin).textContent(), { timeout: 20_000 })
      .toBe("Afventer fondens godkendelse");
    await admin.getByText("Version 1: Godkendt af bestyrelsen – sendes til fonden").waitFor();

    // --- the secretariat sends it to the fund and records the fund's approval ---------------------------
    await secretariat.goto(strategyUrl);
    await secretariat.getByLabel("Sendt den").fill("2026-05-03");
    await secretariat.getByRole("button", { name: "Markér som sendt til fonden" }).click();
    await secretariat
      .getByText("Version 1: Afventer fondens godkendelse (sendt 3. maj 2026)")
      .waitFor();
    expect(await badge(secretariat).textContent()).toBe("Afventer fondens godkendelse");
    const fund = secretariat.getByRole("form", { name: "Fondens afgørelse" });
    await fund.getByRole("combobox", { name: "Afgørelse", exact: true }).selectOption("approve");
    await fund.getByLabel("Dato for afgørelsen").fill("2026-06-10");
    await fund.getByLabel("Fondens journalnummer eller reference").fill("LBF 2026-0815");
    await fund.getByRole("button", { name: "Registrér fondens afgørelse" }).click();
    await expect.poll(() => badge(secretariat).textContent(), { timeout: 20_000 }).toBe("Godkendt");
    await secretariat
      .getByRole("link", { name: "Version 1, godkendt 10. juni 2026" })
      .first()
      .waitFor();

    // --- the version history -----------------------------------------------------------------------------
    await secretariat.getByRole("link", { name: "Versionshistorik" }).click();
    await secretariat.getByRole("heading", { level: 1, name: "Versionshistorik" }).waitFor();
    const row = secretariat.locator("table.data tbody tr").first();
    expect(await row.textContent()).toContain("Godkendt");
    expect(await row.textContent()).toContain("LBF 2026-0815");
    expect(problems).toEqual([]);
  }, 300_000);
});
