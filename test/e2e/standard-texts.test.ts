/**
 * The template edition and the standard-text buttons in the browser: choosing a funding round
 * prefills the plan's edition until the user picks one, the new agreement starts with that
 * edition's opening clause, and "Brug standardteksten" fills a field in place with JavaScript (no
 * request) and through the server without it, saving nothing in either case.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, login, startServer, watchConsole, type TestServer } from "./server";
import {
  DEFAULT_CONFLICT_HANDLING,
  DEFAULT_REVISION_CLAUSE,
  OPENING_CLAUSE_DEFAULTS,
} from "~/domain/texts.da";

const SECRETARIAT = "sekretariat@samarbejde.example";

describe("template edition and standard texts in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  /** "/plans/<id>/agreements/<id>" of the agreement the first test creates. */
  let agreementPath = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("prefills the edition from the round, and the agreement's opening clause from the edition", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, SECRETARIAT);
    const problems = watchConsole(page);
    let posts = 0;
    page.on("request", (req) => {
      if (req.method() === "POST") posts++;
    });
    await page.goto(`${server.url}/plans/new`);
    const round = page.getByLabel("Pulje (LBF-midler)");
    const edition = page.getByLabel("Skabelonudgave");
    expect(await edition.inputValue()).toBe("");
    await round.selectOption({ label: "LBF-midler 2011-14" });
    await expect.poll(() => edition.inputValue()).toBe("older");
    await round.selectOption({ label: "LBF-midler 2019-26" });
    await expect.poll(() => edition.inputValue()).toBe("2018");
    // A choice of the user's own stays when the round changes.
    await edition.selectOption({ label: "Ældre skabelon (før 2018)" });
    await round.selectOption({ label: "LBF-midler 2015-18" });
    await round.selectOption({ label: "LBF-midler 2019-26" });
    expect(await edition.inputValue()).toBe("older");
    expect(posts).toBe(0);

    await page.getByLabel("Navn på helhedsplanen").fill("Helhedsplan Skovbrynet");
    await page.getByLabel("Periodens start").fill("2025-01-01");
    await page.getByLabel("Periodens slutning").fill("2028-12-31");
    await page.getByRole("button", { name: "Opret helhedsplan" }).click();
    await page.getByRole("heading", { level: 1, name: "Helhedsplan Skovbrynet" }).waitFor();
    expect(await page.locator("dl.facts").textContent()).toContain("Ældre skabelon (før 2018)");

    await page.getByRole("link", { name: "Ny delaftale" }).click();
    const opening = page.getByLabel("Indledende tekst");
    expect(await opening.inputValue()).toBe(OPENING_CLAUSE_DEFAULTS.older);
    await opening.fill("Et udkast, vi fortryder.");
    const postsBefore = posts;
    await page.getByRole("button", { name: "Brug skabelonens standardtekst" }).click();
    await expect.poll(() => opening.inputValue()).toBe(OPENING_CLAUSE_DEFAULTS.older);
    await page.getByText("Standardteksten er indsat. Gem for at bruge den.").waitFor();
    expect(posts).toBe(postsBefore);
    await page.getByLabel("Indsatsområde").selectOption({ label: "Beskæftigelse" });
    await page.getByRole("button", { name: "Opret delaftale" }).click();
    await page.waitForURL(/\/plans\/\d+\/agreements\/\d+$/);
    agreementPath = new URL(page.url()).pathname;
    expect(await page.locator("main").textContent()).toContain(OPENING_CLAUSE_DEFAULTS.older);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fills a clause in place with JavaScript, sending nothing until saved", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, SECRETARIAT);
    const problems = watchConsole(page);
    await page.goto(`${server.url}${agreementPath}/edit/clauses`);
    const conflict = page.getByLabel("Konflikthåndtering og underretning");
    const revision = page.getByLabel("Revision af delaftalen");
    expect(await conflict.inputValue()).toBe("");
    expect(await revision.inputValue()).toBe("");
    let posts = 0;
    page.on("request", (req) => {
      if (req.method() === "POST") posts++;
    });
    await page.getByRole("button", { name: "Brug standardteksten for konflikthåndtering" }).click();
    await expect.poll(() => conflict.inputValue()).toContain(DEFAULT_CONFLICT_HANDLING[0]);
    expect(await revision.inputValue()).toBe("");
    expect(posts).toBe(0);
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.waitForURL(new RegExp(`${agreementPath}(#clauses)?$`));
    const text = await page.locator("main").textContent();
    expect(text).toContain(DEFAULT_CONFLICT_HANDLING[0]);
    expect(text).not.toContain(DEFAULT_REVISION_CLAUSE[0]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fills a clause through the server without JavaScript, keeping what was typed", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await login(context, server.url, SECRETARIAT);
    await page.goto(`${server.url}${agreementPath}/edit/clauses`);
    await page.getByLabel("Konflikthåndtering og underretning").fill("Vores egen formulering.");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Brug standardteksten for revision" }).click(),
    ]);
    expect(response.status()).toBe(200);
    await page.getByText("Standardteksten er indsat. Gem for at bruge den.").waitFor();
    expect(await page.getByLabel("Revision af delaftalen").inputValue()).toContain(
      DEFAULT_REVISION_CLAUSE[0],
    );
    expect(await page.getByLabel("Konflikthåndtering og underretning").inputValue()).toBe(
      "Vores egen formulering.",
    );
    // Nothing was saved: the agreement still has only the conflict clause saved before.
    await page.goto(`${server.url}${agreementPath}`);
    const text = await page.locator("main").textContent();
    expect(text).not.toContain(DEFAULT_REVISION_CLAUSE[0]);
    expect(text).not.toContain("Vores egen formulering.");
    expect(text).toContain(DEFAULT_CONFLICT_HANDLING[0]);
    await context.close();
  });
});
