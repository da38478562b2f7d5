/**
 * The deadline calendar in the browser: the demo reporter opens «Min konto» from the header,
 * makes a calendar address (shown once, with the warning), and the address fetched outside the
 * browser (no cookies, as a calendar app does) holds the reporter's plan deadlines and nothing of
 * the plan they are not in. After «Tilbagekald» the same address answers 404. The server's log
 * never shows the token.
 */
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  DEMO_PLAN_NAME,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
} from "./server";

describe("the deadline calendar in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ logLevel: "info" }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("makes an address on «Min konto» that serves the user's deadlines until revoked", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "rapportering@samarbejde.example");
    const errors = watchConsole(page);

    await page.getByRole("link", { name: "Min konto" }).click();
    await page.waitForURL(`${server.url}/account`);
    // The URL changes before the client has rendered the new page: wait for it, do not poll once.
    await page.getByRole("heading", { name: "Min konto", level: 1 }).waitFor();
    await page.getByText("Sofie Brandt").first().waitFor();

    await page.getByRole("button", { name: "Lav en kalenderadresse" }).click();
    await page.getByText("Gem adressen nu – den vises kun én gang.").waitFor();
    const address = await page.getByLabel("Din kalenderadresse").inputValue();
    expect(address).toMatch(new RegExp(`^${server.url}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));

    // Fetched as a calendar app would: no session cookie.
    const response = await fetch(address);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const events = calendar.getAllSubcomponents("vevent").map((v) => ({
      summary: String(v.getFirstPropertyValue("summary")),
      start: (v.getFirstPropertyValue("dtstart") as ICAL.Time).toString(),
      allDay: (v.getFirstPropertyValue("dtstart") as ICAL.Time).isDate,
    }));
    expect(events).toContainEqual({
      summary: `Frist: statusrapport for 2026 – ${DEMO_PLAN_NAME}`,
      start: "2027-06-30",
      allDay: true,
    });
    expect(events.some((e) => e.summary.includes("Mølleåsen"))).toBe(false);
    // Nor the dispositionsfond's grants: the reporter neither administers nor applies.
    expect(events.some((e) => e.summary.startsWith("Frist: afrapportering"))).toBe(false);

    // After a reload the address is not shown again, but the page knows there is one.
    await page.reload();
    await expect(page.getByLabel("Din kalenderadresse").count()).resolves.toBe(0);
    await page.getByText("Du har en kalenderadresse").waitFor();

    await page.getByRole("button", { name: "Tilbagekald adressen" }).click();
    await page.getByText("Kalenderadressen er tilbagekaldt").waitFor();
    expect((await fetch(address)).status).toBe(404);

    const token = address
      .split("/")
      .pop()!
      .replace(/\.ics$/, "");
    expect(server.output()).toContain("/calendar/[redacted]");
    expect(server.output()).not.toContain(token);
    expect(errors).toEqual([]);
    await context.close();
  });
});
