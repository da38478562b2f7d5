/**
 * Comments on a draft in the browser (issue 20): the secretariat makes a comment link for a
 * working-group member; the member (no account, a browser of their own) opens it, sees the draft
 * and nothing else of the app, and comments on a section; the secretariat sees «1 åben
 * kommentar» in the checklist, answers and resolves the thread; the secretariat submits the
 * draft and the board member sees the discussed thread on the review page. The server's log
 * never shows the link's token.
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
} from "./server";

/** Serious or critical WCAG 2.1 AA violations on the page as it is (as test/e2e/axe.test.ts). */
async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((node) => `${page.url()}: ${v.id} – ${node.target.join(" ")}`));
}

const COMMENT = "Kan vi skrive, hvor mange beboere der deltog i fællesspisningerne sidste år?";
const ANSWER = "God idé – tallet kommer med i næste udkast.";

describe("comments on a draft in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let agreementUrl = "";
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ logLevel: "info" }), launchBrowser()]);
    agreementUrl = `${server.url}${(await findDemoPaths(browser, server.url)).agreement}`;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function newContext() {
    const context = await browser.newContext();
    contexts.push(context);
    return context;
  }
  const panel = (page: Page) => page.getByRole("region", { name: "Kommentarer", exact: true });
  const checklist = (page: Page) => page.getByRole("complementary", { name: "Tjekliste" });

  it("a member comments through a link; the secretariat answers and resolves; the board sees it", async () => {
    // --- the secretariat makes a link -----------------------------------------------------------
    const secretariat = await login(
      await newContext(),
      server.url,
      "sekretariat@samarbejde.example",
    );
    const secretariatProblems = watchConsole(secretariat);
    await secretariat.goto(agreementUrl);
    await panel(secretariat).getByRole("link", { name: "Kommentarlinks" }).click();
    await secretariat.getByRole("heading", { level: 1, name: "Kommentarlinks" }).waitFor();
    await secretariat.getByLabel("Navn").fill("Birgit Holm");
    await secretariat.getByRole("button", { name: "Lav kommentarlink" }).click();
    await secretariat.getByText("Gem linket nu – det vises kun én gang.").waitFor();
    const link = await secretariat.getByLabel("Kommentarlink til Birgit Holm").inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/kommentar/[A-Za-z0-9_-]{43}$`));
    const token = link.split("/").pop()!;
    await secretariat.getByRole("cell", { name: "Birgit Holm", exact: true }).waitFor();

    // --- the working-group member, without an account ------------------------------------------
    const member = await (await newContext()).newPage();
    const memberProblems = watchConsole(member);
    const response = await member.goto(link);
    expect(response!.status()).toBe(200);
    expect(response!.headers()["x-robots-tag"]).toContain("noindex");
    expect(response!.headers()["referrer-policy"]).toContain("no-referrer");
    expect(await member.locator('meta[name="robots"]').getAttribute("content")).toContain(
      "noindex",
    );
    await member.getByText("Du kommenterer som").waitFor();
    // Nothing of the app but the draft: no menu, no edit links, no documents; only in-page links
    // (and the name in the header, which leads to the login page).
    expect(await member.getByRole("navigation", { name: "Hovedmenu" }).count()).toBe(0);
    const hrefs = await member
      .locator("a[href]")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.filter((h) => !h.startsWith("#") && h !== "/")).toEqual([]);
    expect(await member.getByRole("button", { name: "Markér som løst" }).count()).toBe(0);

    const problem = panel(member).getByRole("region", { name: "Problemkompleks" });
    await problem.getByText("Kommentér").click();
    // Empty: the message beside the field, nothing stored.
    await problem.getByRole("button", { name: "Send kommentar" }).click();
    await problem.locator(".field-error", { hasText: "Skriv en kommentar" }).waitFor();
    await problem.getByLabel("Kommentar til «Problemkompleks»").fill(COMMENT);
    await problem.getByRole("button", { name: "Send kommentar" }).click();
    const thread = problem.locator("article.comment-thread", { hasText: COMMENT });
    await thread.waitFor();
    await thread.getByText("Birgit Holm", { exact: true }).waitFor();
    // The page lands on the new comment.
    await expect
      .poll(() => member.evaluate(() => document.activeElement?.id ?? ""), { timeout: 30_000 })
      .toMatch(/^comment-\d+$/);
    expect(new URL(member.url()).hash).toMatch(/^#comment-\d+$/);
    expect(await axeProblems(member)).toEqual([]);

    // The token opens this page and nothing else.
    for (const other of [
      `${link}/document.docx`,
      `${link}/x`,
      `${server.url}/kommentar/${"A".repeat(43)}`,
    ]) {
      expect((await fetch(other)).status).toBe(404);
    }
    const app = await fetch(`${agreementUrl}?token=${token}`, { redirect: "manual" });
    expect(app.status).toBe(302);
    expect(app.headers.get("location")).toMatch(/\/login/);

    // --- the secretariat answers and resolves ---------------------------------------------------
    await secretariat.goto(agreementUrl);
    const open = checklist(secretariat).getByRole("link", { name: "1 åben kommentar" });
    await open.click();
    const atSecretariat = panel(secretariat).locator("article.comment-thread", {
      hasText: COMMENT,
    });
    await atSecretariat.getByText("(via kommentarlink)").waitFor();
    await atSecretariat.getByText("Svar", { exact: true }).click();
    await atSecretariat.getByLabel("Dit svar til Birgit Holm").fill(ANSWER);
    await atSecretariat.getByRole("button", { name: "Send svar" }).click();
    await atSecretariat.getByText(ANSWER).waitFor();
    expect(await axeProblems(secretariat)).toEqual([]);
    await atSecretariat.getByRole("button", { name: "Markér som løst" }).click();
    await expect.poll(() => atSecretariat.count(), { timeout: 30_000 }).toBe(0);
    expect(
      await checklist(secretariat)
        .getByText(/åbne? kommentar/)
        .count(),
    ).toBe(0);

    // The member's page no longer shows the resolved thread; after a revoke, nothing at all.
    await member.reload();
    expect(await member.getByText(COMMENT).count()).toBe(0);

    // --- submitted for approval: the board sees the thread on the review page --------------------
    await secretariat
      .getByRole("complementary", { name: "Revision" })
      .getByRole("link", { name: "Indstil til godkendelse" })
      .click();
    await secretariat.getByRole("heading", { level: 1, name: "Indstil til godkendelse" }).waitFor();
    await secretariat.getByRole("textbox", { name: "Resumé af ændringerne" }).fill("Første udkast");
    await secretariat.getByRole("button", { name: "Indstil til godkendelse" }).click();
    await secretariat.waitForURL(agreementUrl);

    const board = await login(await newContext(), server.url, "bestyrelse@samarbejde.example");
    const boardProblems = watchConsole(board);
    await board.goto(`${agreementUrl}/review`);
    const history = board.getByRole("region", { name: "Kommentarer til udkastet" });
    await history.waitFor();
    const discussed = history.locator("article.comment-thread", { hasText: COMMENT });
    await discussed.getByText(ANSWER).waitFor();
    await discussed.getByText("Løst").waitFor();
    await discussed.getByText("Birgit Holm", { exact: true }).waitFor();
    await history.getByRole("heading", { level: 3, name: "Problemkompleks" }).waitFor();
    expect(await axeProblems(board)).toEqual([]);

    // --- revoked: the member's link answers 404 -------------------------------------------------
    await secretariat.goto(`${agreementUrl}/comment-links`);
    await secretariat.getByRole("button", { name: "Tilbagekald linket til Birgit Holm" }).click();
    await secretariat.getByText("Linket er tilbagekaldt").waitFor();
    expect(await axeProblems(secretariat)).toEqual([]);
    expect((await member.goto(link))!.status()).toBe(404);

    expect(server.output()).toContain("/kommentar/[redacted]");
    expect(server.output()).not.toContain(token);
    expect(secretariatProblems).toEqual([]);
    expect(boardProblems).toEqual([]);
    // The last page (404) logs its own failed load: only the earlier problems count.
    expect(memberProblems.filter((p) => !p.includes("404"))).toEqual([]);
  }, 240_000);
});
