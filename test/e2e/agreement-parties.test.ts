/**
 * Editing an agreement's parties and working groups in the browser: rows are added and moved with
 * the list buttons by keyboard, and the agreement page shows them in the chosen order. The working
 * groups check that a list inside a list (members of each group) follows its group when moved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import {
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
  createSecondPlan,
} from "./server";

/** Presses a button the way a keyboard user does: focus it, then Enter. */
async function press(button: Locator) {
  await button.focus();
  await button.press("Enter");
}

async function focusedText(page: Page) {
  return page.evaluate(() => document.activeElement?.textContent ?? "");
}

describe("agreement parties in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let agreementUrl = "";
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("adds three parties by keyboard, moves the third up and shows them in that order", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);

    // All four of the demo plan's focus areas have a delaftale: a new one goes in a new plan.
    const planPath = await createSecondPlan(page, server.url);
    await page.goto(`${server.url}${planPath}/agreements/new`);
    await page.getByLabel("Indsatsområde").selectOption({ label: "Kriminalitetsforebyggelse" });
    await page.getByRole("button", { name: "Opret delaftale" }).click();
    await page
      .getByRole("heading", {
        level: 1,
        name: "Delaftale for indsatsområdet Kriminalitetsforebyggelse",
      })
      .waitFor();
    agreementUrl = page.url();

    await page.getByRole("link", { name: "Rediger: Aftalens parter" }).click();
    await page.getByRole("heading", { level: 1, name: "Aftalens parter" }).waitFor();
    await page.getByText("Ingen parter endnu.").waitFor();

    const add = page.getByRole("button", { name: "Tilføj part" });
    const part = (n: number) => page.getByRole("group", { name: `Part ${n}`, exact: true });

    await press(add);
    // The new row's first field gets the focus.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe("f-parties-0-tier");
    await part(1).getByLabel("Underoverskrift").fill("Ejendomskontorer");
    await part(1)
      .getByLabel("Organisation fra registret")
      .selectOption({ label: "Afd. 12 Strandengen" });

    await press(add);
    await part(2).getByLabel("Underoverskrift").fill("Ejendomskontorer");
    await part(2).getByLabel("eller ny organisation").fill("Ejendomskontoret Vestbyen");
    await part(2).getByLabel("eller ny kontaktperson: navn").fill("Gitte Bro");
    await part(2).getByLabel("titel", { exact: true }).fill("Ejendomsleder");

    await press(add);
    await part(3).getByLabel("Betegnelse").fill("3 lokale idrætsforeninger");

    await press(part(3).getByRole("button", { name: "Flyt op" }));
    // The moved row is now Part 2, and the focus stays on its button.
    await expect
      .poll(() => part(2).getByLabel("Betegnelse").inputValue())
      .toBe("3 lokale idrætsforeninger");
    await expect.poll(() => focusedText(page)).toBe("Flyt op");
    expect(
      await page.evaluate(() => {
        const legendId = document.activeElement?.getAttribute("aria-describedby");
        return legendId ? document.getElementById(legendId)?.textContent : null;
      }),
    ).toBe("Part 2");
    await page.getByText("Part 3 er flyttet op").waitFor({ state: "attached" });
    expect(await part(3).getByLabel("eller ny organisation").inputValue()).toBe(
      "Ejendomskontoret Vestbyen",
    );

    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.waitForURL(`${agreementUrl}#parties`);
    const parties = page.locator("#parties .party-list > li");
    await expect
      .poll(() => parties.allTextContents())
      .toEqual([
        "Afd. 12 Strandengen",
        "3 lokale idrætsforeninger",
        "Ejendomskontoret Vestbyenv. ejendomsleder Gitte Bro",
      ]);
    // Part 1 and the new office share the heading but are not next to each other: two groups.
    expect(await page.locator("#parties h4").allTextContents()).toEqual([
      "Ejendomskontorer",
      "Ejendomskontorer",
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps each group's members with their group when groups are moved", async () => {
    expect(agreementUrl).not.toBe("");
    const context = await browser.newContext();
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);
    await page.goto(agreementUrl);
    await page.getByRole("link", { name: "Rediger: Arbejdsgrupper" }).click();
    await page.getByRole("heading", { level: 1, name: "Arbejdsgrupper" }).waitFor();

    const group = (n: number) =>
      page.getByRole("group", { name: `Arbejdsgruppe ${n}`, exact: true });
    const member = (g: number, n: number) =>
      group(g).getByRole("group", { name: `Medlem ${n}`, exact: true });

    await press(page.getByRole("button", { name: "Tilføj arbejdsgruppe" }));
    await group(1).getByRole("textbox", { name: "Navn", exact: true }).fill("Tryghedsgruppen");
    await press(group(1).getByRole("button", { name: "Tilføj medlem" }));
    await member(1, 1).getByLabel("Antal").fill("4");
    await member(1, 1).getByLabel("Beskrivelse").fill("beboerdemokrater");
    await member(1, 1).getByLabel("Navne").fill("Hanne, Omar, Lise, Jens");
    await press(group(1).getByRole("button", { name: "Tilføj medlem" }));
    await member(1, 2)
      .getByLabel("Person fra registret")
      .selectOption({ label: "Pia Lund, Udviklingskonsulent (Havbakke Kommune)" });

    await press(page.getByRole("button", { name: "Tilføj arbejdsgruppe" }));
    await group(2)
      .getByRole("textbox", { name: "Navn", exact: true })
      .fill("Styregruppe for fritidsjob");
    await press(group(2).getByRole("button", { name: "Tilføj medlem" }));
    await member(2, 1).getByLabel("Beskrivelse").fill("repræsentant");
    await member(2, 1)
      .getByLabel("fra organisation")
      .selectOption({ label: "Havbakke Lokalpoliti" });

    // Move the second group (one member) above the first (two members), then reorder inside it.
    await press(
      group(2).locator(":scope > .list-item-actions").getByRole("button", { name: "Flyt op" }),
    );
    await expect
      .poll(() => group(1).getByRole("textbox", { name: "Navn", exact: true }).inputValue())
      .toBe("Styregruppe for fritidsjob");
    expect(
      await group(1)
        .getByRole("group", { name: /^Medlem/ })
        .count(),
    ).toBe(1);
    expect(
      await group(2)
        .getByRole("group", { name: /^Medlem/ })
        .count(),
    ).toBe(2);
    expect(await member(2, 1).getByLabel("Beskrivelse").inputValue()).toBe("beboerdemokrater");
    await press(member(2, 2).getByRole("button", { name: "Flyt op" }));
    await expect
      .poll(() => member(2, 1).getByLabel("Person fra registret").inputValue())
      .not.toBe("");
    await press(group(1).getByRole("button", { name: "Tilføj medlem" }));
    await member(1, 2).getByLabel("Antal").fill("2");
    await member(1, 2).getByLabel("Beskrivelse").fill("unge fra fritidsjobbet");

    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.waitForURL(`${agreementUrl}#working-groups`);
    const section = page.locator("#working-groups");
    expect(await section.locator("h4").allTextContents()).toEqual([
      "Styregruppe for fritidsjob",
      "Tryghedsgruppen",
    ]);
    expect(await section.locator("li").allTextContents()).toEqual([
      "repræsentant fra Havbakke Lokalpoliti",
      "2 unge fra fritidsjobbet",
      "Pia Lund, udviklingskonsulent",
      "4 beboerdemokrater (Hanne, Omar, Lise, Jens)",
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
