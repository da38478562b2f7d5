/**
 * Takes the screenshots of the user guide (docs/brugervejledning.md) from the demo data, so the
 * pictures follow the pages: each picture is the page a chapter describes, seen by that chapter's
 * demo user at 1280×900, saved as docs/brugervejledning/<name>.png. Each page's main heading is
 * asserted first, so a broken page fails the test instead of ending up in the guide.
 *
 * The pictures of the other roles only read. The board's pictures need a proposed version awaiting the
 * board, which the demo data does not have; that part runs on its own server, where the
 * secretariat submits the proposed version first, so no test depends on another's writes. Last, the help
 * page itself is opened from the menu: the guide, its table of contents and every picture loading.
 */
import { mkdirSync, mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type DemoPaths,
  type TestServer,
} from "./server";

// The pictures change a little on every run (the demo data shows when it was seeded), so a run
// writes them into the guide only when asked to; otherwise into a temporary folder, which still
// proves every page renders and every picture can be taken.
const OUT_DIR =
  process.env.UPDATE_GUIDE_SCREENSHOTS === "1"
    ? path.resolve("docs/brugervejledning")
    : mkdtempSync(path.join(os.tmpdir(), "guide-screenshots-"));
// A Danish browser, as the app's users have.
const CONTEXT = { viewport: { width: 1280, height: 900 }, locale: "da-DK" };
const PLAN = "Helhedsplan Strandengen og Solsikkeparken";
const AGREEMENT = "Delaftale for indsatsområdet Sammenhængskraft og medborgerskab";
const FUND = "Lærkeredens Dispositionsfond";
// A picture larger than this bloats the repository; a page that suddenly grows should be looked at.
const MAX_BYTES = 250_000;

interface Shot {
  /** File name without .png. */
  name: string;
  path: string;
  /** The page's h1. */
  heading: string;
  /** A heading further down to scroll to before the picture is taken. */
  scrollTo?: string;
}

const heading = (page: Page, name: string, level = 1) =>
  page.getByRole("heading", { level, name, exact: true });

async function scrollToHeading(page: Page, name: string): Promise<void> {
  await page
    .getByRole("heading", { name, exact: true })
    .first()
    .evaluate((el) => {
      el.scrollIntoView({ block: "start" });
      // A little of what comes before, so the heading does not sit on the edge.
      window.scrollBy(0, -24);
    });
}

/** Saves the viewport, or only its top `height` pixels when the page is short. */
async function save(page: Page, name: string, height?: number): Promise<void> {
  const file = path.join(OUT_DIR, `${name}.png`);
  const clip = height ? { x: 0, y: 0, width: CONTEXT.viewport.width, height } : undefined;
  await page.screenshot({ path: file, fullPage: false, clip });
  expect(statSync(file).size).toBeLessThan(MAX_BYTES);
}

describe("user guide screenshots", () => {
  let server: TestServer;
  let browser: Browser;
  let paths: DemoPaths;
  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    paths = await findDemoPaths(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function shoot(email: string, shots: Shot[]): Promise<void> {
    const context = await browser.newContext(CONTEXT);
    const page = await login(context, server.url, email);
    const problems = watchConsole(page);
    for (const shot of shots) {
      await page.goto(`${server.url}${shot.path}`);
      await heading(page, shot.heading).waitFor();
      if (shot.scrollTo) await scrollToHeading(page, shot.scrollTo);
      await save(page, shot.name);
    }
    expect(problems).toEqual([]);
    await context.close();
  }

  it("sekretariat: dashboard, plan, agreement and the form that submits a version", async () => {
    await shoot("sekretariat@samarbejde.example", [
      { name: "sekretariat-forside", path: "/", heading: "Mine helhedsplaner" },
      {
        name: "sekretariat-start-revision",
        path: paths.plan,
        heading: PLAN,
        scrollTo: "Delaftaler",
      },
      { name: "sekretariat-delaftale", path: paths.agreement, heading: AGREEMENT },
      {
        name: "sekretariat-indstil",
        path: `${paths.agreement}/revision`,
        heading: "Indstil til godkendelse",
      },
    ]);
  });

  it("rapportør: measurements and the yearly progress report", async () => {
    await shoot("rapportering@samarbejde.example", [
      {
        name: "afrapportering-maalinger",
        path: `${paths.agreement}/measurements?year=2025`,
        heading: "Målinger 2025",
      },
      {
        name: "afrapportering-statusrapport",
        path: `${paths.plan}/reports/2025`,
        heading: "Statusrapport 2025",
      },
    ]);
  });

  it("fondsadministration: the fund and an application awaiting a decision", async () => {
    await shoot("fond@samarbejde.example", [
      { name: "fond-oversigt", path: "/funds/1", heading: FUND, scrollTo: "Rammer og bevillinger" },
      {
        name: "fond-ansoegning",
        path: "/funds/1/applications/2",
        heading: "Tryg opgang – nabomægling og fællesskab i Kløverhaven",
        scrollTo: "Tjekliste efter fondens retningslinjer",
      },
    ]);
  });

  it("ansøger: a new application and the yearly grant report", async () => {
    await shoot("ansoeger@samarbejde.example", [
      {
        name: "ansoeger-ny-ansoegning",
        path: "/funds/1/applications/new",
        heading: "Ny ansøgning",
      },
      {
        name: "ansoeger-afrapportering",
        path: "/funds/1/grants/1/reports/2025",
        heading: "Afrapportering 2025: Fællesværkstedet i Kløverhaven",
      },
    ]);
  });

  it("administrator: a user's roles and the roll-up across plans", async () => {
    await shoot("admin@samarbejde.example", [
      { name: "administrator-bruger", path: "/admin/users/2", heading: "Mette Lykke" },
      {
        name: "administrator-rapportering",
        path: "/admin/rollup",
        heading: "Rapportering 2025",
      },
    ]);
  });

  it("the help page shows the guide with its pictures to a signed-in user", async () => {
    const context = await browser.newContext(CONTEXT);
    const page = await login(context, server.url, "ansoeger@samarbejde.example");
    const problems = watchConsole(page);
    await page
      .getByRole("navigation", { name: "Hovedmenu" })
      .getByRole("link", { name: "Hjælp" })
      .click();
    await heading(page, "Brugervejledning").waitFor();
    expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    const toc = page.getByRole("navigation", { name: "Indhold" });
    for (const chapter of ["Sekretariatet", "Bestyrelsen", "Ansøger", "Administrator"]) {
      await toc.getByRole("link", { name: chapter, exact: true }).waitFor();
    }
    await toc.getByRole("link", { name: "Ansøger", exact: true }).click();
    await page.waitForURL(/\/hjaelp#ansoeger$/);
    const images = page.locator("main figure img");
    expect(await images.count()).toBeGreaterThanOrEqual(10);
    // Every picture loads (a broken one has no natural width) and has a Danish alt text.
    for (const img of await images.all()) {
      await img.scrollIntoViewIfNeeded();
      await expect
        .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
        .toBeGreaterThan(0);
      expect(await img.getAttribute("alt")).toMatch(/\S{4}/);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("user guide screenshots: the board", () => {
  let server: TestServer;
  let browser: Browser;
  let paths: DemoPaths;
  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    paths = await findDemoPaths(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("bestyrelse: the list to decide on and the changes with the decision form", async () => {
    const agreementUrl = `${server.url}${paths.agreement}`;
    const secretariatContext = await browser.newContext(CONTEXT);
    const secretariat = await login(
      secretariatContext,
      server.url,
      "sekretariat@samarbejde.example",
    );
    await secretariat.goto(`${agreementUrl}/revision`);
    await heading(secretariat, "Indstil til godkendelse").waitFor();
    await secretariat
      .getByRole("textbox", { name: "Resumé af ændringerne", exact: true })
      .fill("Første udgave af delaftalen til godkendelse.");
    await secretariat.getByRole("button", { name: "Indstil til godkendelse" }).click();
    await secretariat.waitForURL(agreementUrl);
    await secretariat.getByText("Forslag til version 1 afventer bestyrelsen.").waitFor();
    await secretariatContext.close();

    const context = await browser.newContext(CONTEXT);
    const board = await login(context, server.url, "bestyrelse@samarbejde.example");
    const problems = watchConsole(board);
    await board
      .getByRole("navigation", { name: "Hovedmenu" })
      .getByRole("link", { name: "Til beslutning" })
      .click();
    await heading(board, "Til beslutning").waitFor();
    await save(board, "bestyrelse-til-beslutning", 340);

    // The demo's Beskæftigelse revision awaits the board too: open the one just submitted.
    await board
      .getByRole("link", { name: /^Se ændringer og beslut: Sammenhængskraft og medborgerskab/ })
      .click();
    await heading(board, "Ændringer til godkendelse").waitFor();
    await save(board, "bestyrelse-aendringer");

    await board.getByRole("link", { name: "Gå til beslutningen" }).click();
    await scrollToHeading(board, "Bestyrelsens beslutning");
    await board.getByRole("form", { name: "Bestyrelsens beslutning" }).waitFor();
    await save(board, "bestyrelse-beslutning");
    expect(problems).toEqual([]);
    await context.close();
  });
});
