/**
 * The organisation diagram in the browser, as the demo plan's viewer (the least role): the page
 * shows the diagram as an inline SVG with the board (from the demo strategic agreement) and the
 * demo delaftale's working group drawn in it, the same organisation as lists under it, and both
 * downloads answer with an image. No console errors and no Content-Security-Policy violations
 * (the diagram's styles are in a stylesheet, the SVG uses presentation attributes only).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  watchCspViolations,
  type TestServer,
} from "./server";

const BOARD = "Bestyrelsen for den boligsociale indsats";
const WORKING_GROUP = "Arbejdsgruppe (alle aktiviteter)";

describe("organisation diagram in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let planUrl = "";
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    planUrl = `${server.url}${(await findDemoPaths(browser, server.url)).plan}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the diagram with the board and the working group, and the same as lists", async () => {
    const context = await browser.newContext();
    const csp = await watchCspViolations(context);
    const page = await login(context, server.url, "laeser@samarbejde.example");
    const problems = watchConsole(page);
    await page.goto(`${planUrl}/organisation`);
    await page.getByRole("heading", { level: 1, name: "Organisationsdiagram" }).waitFor();

    const diagram = page.getByRole("img", { name: /^Organisationsdiagram for / });
    await diagram.waitFor();
    // One <tspan> per line: a long name wraps over lines in its box.
    const drawn = (await diagram.locator("tspan").allTextContents()).join(" ");
    expect(drawn).toContain(BOARD);
    expect(drawn).toContain(WORKING_GROUP);
    expect(drawn).toContain("Sammenhængskraft og medborgerskab");
    // Drawn, not just present: the SVG has a size and the board's box is visible.
    const box = await diagram.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(await diagram.locator("#org-board rect").isVisible()).toBe(true);

    const lists = page.getByRole("region", { name: "Organisationen" });
    await lists.getByRole("heading", { name: BOARD }).waitFor();
    await lists.getByRole("heading", { name: WORKING_GROUP }).waitFor();
    expect(
      await lists.getByRole("listitem").filter({ hasText: "Mette Lykke" }).count(),
    ).toBeGreaterThan(0);

    for (const [suffix, type] of [
      ["svg", "image/svg+xml; charset=utf-8"],
      ["png", "image/png"],
    ] as const) {
      const response = await page.request.get(`${planUrl}/organisation.${suffix}`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe(type);
      expect((await response.body()).length).toBeGreaterThan(1000);
    }
    expect(problems).toEqual([]);
    expect(csp).toEqual([]);
    await context.close();
  });
});
