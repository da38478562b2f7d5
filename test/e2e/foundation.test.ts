import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  launchBrowser,
  login,
  startServer,
  watchConsole,
  watchCspViolations,
  type TestServer,
  findDemoPaths,
  type DemoPaths,
  fieldError,
} from "./server";

describe("foundation in the browser", () => {
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

  it("refuses a wrong password, then logs in and opens the plan", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel("E-mail").fill("sekretariat@samarbejde.example");
    await page.getByLabel("Adgangskode").fill("forkert-kode-123");
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("E-mailadressen eller adgangskoden er forkert");
    await expect
      .poll(() => page.getByLabel("E-mail").inputValue())
      .toBe("sekretariat@samarbejde.example");

    await page.getByLabel("Adgangskode").fill("demo-adgang-2026");
    await page.getByRole("button", { name: "Log ind" }).click();
    await page.getByRole("heading", { level: 1, name: "Mine helhedsplaner" }).waitFor();
    await page
      .locator(".plan-list")
      .getByRole("link", { name: "Helhedsplan Strandengen og Solsikkeparken" })
      .click();
    await page
      .getByRole("heading", { level: 1, name: "Helhedsplan Strandengen og Solsikkeparken" })
      .waitFor();
    const facts = await page.locator("dl.facts").textContent();
    expect(facts).toContain("1. januar 2023 – 31. december 2026");
    expect(facts).toContain("LBF-midler 2019-26");
    expect(facts).toContain("Havbakke Kommune");
    const members = await page
      .getByRole("table", { name: "Planens medlemmer og deres roller" })
      .textContent();
    expect(members).toContain("Karim Dahl");
    expect(members).toContain("Bestyrelse");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("validates a new plan in the browser, then creates it", async () => {
    const context = await browser.newContext();
    const violations = await watchCspViolations(context);
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);
    // The pages run under a Content-Security-Policy that allows inline scripts only by nonce.
    const document = await page.goto(`${server.url}/`);
    expect(document?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
    let posts = 0;
    page.on("request", (req) => {
      if (req.method() === "POST") posts++;
    });
    await page.getByRole("link", { name: "Opret helhedsplan" }).click();
    await page.getByRole("heading", { level: 1, name: "Opret helhedsplan" }).waitFor();
    await page.getByLabel("Periodens slutning").fill("2020-01-01");
    await page.getByRole("button", { name: "Opret helhedsplan" }).click();
    await fieldError(page, "Skriv planens navn").waitFor();
    await fieldError(page, "Vælg en pulje").waitFor();
    await fieldError(page, "Slutdatoen skal ligge efter startdatoen").waitFor();
    expect(posts).toBe(0);
    await expect
      .poll(() => page.getByLabel("Navn på helhedsplanen").getAttribute("aria-invalid"))
      .toBe("true");

    await page.getByLabel("Navn på helhedsplanen").fill("Helhedsplan Engbakken");
    await page.getByLabel("Pulje (LBF-midler)").selectOption({ label: "LBF-midler 2019-26" });
    await page.getByLabel("Periodens start").fill("2025-03-01");
    await page.getByLabel("Periodens slutning").fill("2029-02-28");
    await page.getByLabel("Kommune").selectOption({ label: "Havbakke Kommune" });
    await page.getByLabel("Fællesbo Havbakke", { exact: true }).check();
    await page.getByRole("button", { name: "Opret helhedsplan" }).click();
    await page.getByRole("heading", { level: 1, name: "Helhedsplan Engbakken" }).waitFor();
    expect(await page.locator("dl.facts").textContent()).toContain(
      "1. marts 2025 – 28. februar 2029",
    );
    expect(await page.locator("body").textContent()).toContain("Fællesbo Havbakke");
    expect(problems).toEqual([]);
    expect(violations).toEqual([]);
    await context.close();
  });

  it("keeps the typed values and shows messages when JavaScript is off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    await page.goto(`${server.url}/plans/new`);
    await page.getByLabel("Navn på helhedsplanen").fill("Uden JavaScript");
    await page.getByLabel("Periodens start").fill("2025-01-01");
    await page.getByLabel("Periodens slutning").fill("2024-01-01");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Opret helhedsplan" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await fieldError(page, "Vælg en pulje").waitFor();
    await fieldError(page, "Slutdatoen skal ligge efter startdatoen").waitFor();
    expect(await page.getByLabel("Navn på helhedsplanen").inputValue()).toBe("Uden JavaScript");
    expect(await page.getByLabel("Periodens start").inputValue()).toBe("2025-01-01");
    await context.close();
  });

  it("shows a Danish 404 to a user of another plan", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "moelleaasen@samarbejde.example");
    // The URL changes as soon as the login answers; the dashboard renders a moment later.
    await expect
      .poll(() => page.locator(".plan-list h3").allTextContents())
      .toEqual(["Helhedsplan Mølleåsen"]);
    const response = await page.goto(`${server.url}${paths.plan}`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { level: 1, name: "Siden findes ikke" }).waitFor();
    expect(await page.locator("body").textContent()).not.toContain("Strandengen og Solsikkeparken");
    const unknown = await page.goto(`${server.url}/findes/ikke`);
    expect(unknown?.status()).toBe(404);
    await context.close();
  });

  it("offers a skip link and reaches the main menu by keyboard", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "admin@samarbejde.example");
    await page.goto(`${server.url}/`);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe("Gå til indholdet");
    await page
      .getByRole("navigation", { name: "Hovedmenu" })
      .getByRole("link", { name: "Brugere" })
      .waitFor();
    await context.close();
  });

  it("closes the database and exits cleanly on SIGTERM", async () => {
    expect(await server.terminate()).toBe(0);
  });
});
