/**
 * Notifications in the browser (issue 20): the secretariat submits the demo delaftale for
 * approval; the board member sees «Notifikationer (1)» in the header, opens the list, follows
 * the notification to the review page, and the count is gone. The board member then chooses a
 * daily digest for that kind on «Min konto», and the choice is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  DEMO_FOCUS_AREA,
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
} from "./server";

const TITLE = `Delaftale for indsatsområdet ${DEMO_FOCUS_AREA}`;

describe("notifications", () => {
  let server: TestServer;
  let browser: Browser;
  let secretariatContext: BrowserContext;
  let boardContext: BrowserContext;
  let secretariat: Page;
  let board: Page;
  let problems: string[][];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    secretariatContext = await browser.newContext();
    boardContext = await browser.newContext();
    secretariat = await login(secretariatContext, server.url, "sekretariat@samarbejde.example");
    board = await login(boardContext, server.url, "bestyrelse@samarbejde.example");
    problems = [watchConsole(secretariat), watchConsole(board)];
    // A step that cannot happen fails with its locator, well before the test's own timeout.
    for (const page of [secretariat, board]) page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await secretariatContext?.close();
    await boardContext?.close();
    await browser?.close();
    await server?.stop();
  });

  const header = (page: Page) => page.locator("header.site-header");
  const notificationsLink = (page: Page) =>
    header(page).getByRole("link", { name: /^Notifikationer/ });

  it("tells the board member of a submitted revision and leads to the review page", async () => {
    // The demo's own history (its strategic agreement was submitted through the app) may have
    // left the board member unread notifications: mark them read first.
    await notificationsLink(board).click();
    await board.getByRole("heading", { level: 1, name: "Notifikationer" }).waitFor();
    const readAll = board.getByRole("button", { name: "Markér alle som læst" });
    if (await readAll.count()) {
      await readAll.click();
      await board.getByText("Du har ingen ulæste notifikationer.").waitFor();
    }
    expect(await notificationsLink(board).innerText()).toBe("Notifikationer");

    // --- the secretariat submits the agreement ----------------------------------------------------
    const { agreement } = await findDemoPaths(browser, server.url);
    await secretariat.goto(`${server.url}${agreement}`);
    await secretariat.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await secretariat
      .getByRole("complementary", { name: "Revision" })
      .getByRole("link", { name: "Indstil til godkendelse" })
      .click();
    await secretariat
      .getByRole("textbox", { name: "Resumé af ændringerne", exact: true })
      .fill("Første version til godkendelse.");
    await secretariat.getByRole("button", { name: "Indstil til godkendelse" }).click();
    await secretariat.waitForURL(`${server.url}${agreement}`);
    // The secretariat, who did it, is not notified of it.
    const secretariatList = await secretariat.goto(`${server.url}/notifikationer`);
    expect(secretariatList?.status()).toBe(200);
    expect(
      await secretariat.getByRole("link", { name: /afventer bestyrelsens beslutning$/ }).count(),
    ).toBe(0);

    // --- the board member sees it --------------------------------------------------------------
    await board.goto(`${server.url}/`);
    const link = header(board).getByRole("link", { name: "Notifikationer, 1 ulæst", exact: true });
    expect(await link.innerText()).toBe("Notifikationer (1)");
    await link.click();
    await board.getByRole("heading", { level: 1, name: "Notifikationer" }).waitFor();
    await board.getByText("Du har 1 ulæst notifikation.").waitFor();
    const year = new Date().getFullYear();
    const item = board.getByRole("link", {
      name: `Revision ${year} af «${TITLE}» afventer bestyrelsens beslutning`,
    });
    expect(await board.locator(".notification-list li.is-unread").count()).toBe(1);
    await item.click();
    await board.getByRole("heading", { level: 1, name: "Ændringer til godkendelse" }).waitFor();
    expect(board.url()).toBe(`${server.url}${agreement}/review`);
    expect(await notificationsLink(board).innerText()).toBe("Notifikationer");
    expect(await notificationsLink(board).getAttribute("aria-label")).toBeNull();

    // The list still has it, now read.
    await notificationsLink(board).click();
    await board.getByText("Du har ingen ulæste notifikationer.").waitFor();
    expect(await item.count()).toBe(1);
    expect(await board.locator(".notification-list li.is-unread").count()).toBe(0);
    expect(problems.flat()).toEqual([]);
  }, 120_000);

  it("lets the board member choose a daily digest for it on «Min konto»", async () => {
    await board.goto(`${server.url}/account`);
    const section = board.getByRole("region", { name: "Notifikationer på e-mail" });
    const digest = section.getByRole("radio", {
      name: "En revision afventer bestyrelsens beslutning Daglig oversigt",
    });
    const immediate = section.getByRole("radio", {
      name: "En revision afventer bestyrelsens beslutning Med det samme",
    });
    expect(await immediate.isChecked()).toBe(true);
    // An applicant's kinds are not offered to a board member.
    expect(await section.getByText("En ansøgning til dispositionsfonden er indsendt").count()).toBe(
      0,
    );
    await digest.check();
    await section.getByRole("button", { name: "Gem valg for e-mail" }).click();
    await board.getByText("Dine valg for e-mail er gemt.").waitFor();
    await board.reload();
    expect(
      await board
        .getByRole("region", { name: "Notifikationer på e-mail" })
        .getByRole("radio", {
          name: "En revision afventer bestyrelsens beslutning Daglig oversigt",
        })
        .isChecked(),
    ).toBe(true);
    expect(problems.flat()).toEqual([]);
  });
});
