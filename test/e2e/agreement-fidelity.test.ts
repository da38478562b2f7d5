/**
 * A real delaftale fits without loss (issue 12): a new agreement entered through the browser uses
 * every variant of the fund's template — the 2018 edition's opening clause, period totals with an
 * unattributed "Lokal medfinansiering" line, goals with delmål, the focus area's primary target
 * group, lead-ins before lists, a numbered list, a baseline of three values, an activity with a
 * short name, free-text staff and no conflict or revision clause chosen. Its Word file, read back,
 * holds every entered word in the template's order and nothing the user did not enter or choose,
 * and its second half is the fund's two-column tables. All names and texts are invented.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { readDocxBuffer, type ReadDocx } from "../helpers/docx";
import {
  DEFAULT_CONFLICT_HANDLING,
  DEFAULT_REVISION_CLAUSE,
  OPENING_CLAUSE_DEFAULTS,
} from "../../app/domain/texts.da";
import {
  createSecondPlan,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
} from "./server";

const FOCUS_AREA = "Kriminalitetsforebyggelse";
const TITLE = `Delaftale for indsatsområdet ${FOCUS_AREA}`;
const CLAUSE = OPENING_CLAUSE_DEFAULTS["2018"];

const PROBLEM =
  "Tryghedsmålingen i Strandengen fra 2022 viser store forskelle mellem afdelingerne: i én føler ni ud af ti sig trygge, i en anden kun lidt over halvdelen.";
const PURPOSES_LEAD_IN = "Formålet er:";
const PURPOSES = ["at flere beboere føler sig trygge i deres boligområde"];
const GOALS_LEAD_IN = "Målet er:";
const GOALS = [
  {
    text: "at færre beboere oplever uro i opgange og kældre",
    subGoals: [
      "at ejendomskontorerne kender vejen til de rette instanser",
      "at klager over uro følges op inden for to uger",
    ],
  },
  { text: "at flere beboere kender deres naboer", subGoals: ["at nye beboere bydes velkommen"] },
];
const TARGET_GROUP =
  "Indsatsområdets primære målgruppe er beboere i de tre afdelinger med lavest tryghed, herunder unge mellem 14 og 20 år, der opholder sig i fællesarealerne om aftenen.";
const METHOD_INTRO = "Indsatsen arbejder i tre trin:";
const METHOD_STEPS = [
  "kortlægning af utrygge steder sammen med beboerne",
  "fælles vandringer med ejendomskontor og politi",
  "opfølgning i afdelingsbestyrelserne",
];
const CRITERION = {
  text: "Alle afdelinger har mindst 75 % beboere, der føler sig trygge eller meget trygge.",
  dataSource: "Tryghedsmåling 2025",
  baselineText: "54 %, 63 % og 71 % i de tre afdelinger med lavest tryghed",
  targetText: "mindst 75 % i alle afdelinger",
};
const ACTIVITY = {
  name: "Ejendomskontoret som tryghedsskaber – sociale redskaber til driftens medarbejdere",
  shortName: "Ejendomskontoret som tryghedsskaber",
  content:
    "Ejendomsfunktionærerne får et kursusforløb i at møde beboere, der skaber utryghed eller selv har brug for hjælp, og i at henvise dem til kommunens tilbud.",
  purposesLeadIn: "Formål med indsatsen er:",
  purposes: [
    "at øge trygheden i afdelingerne",
    "at styrke samarbejdet mellem drift og sekretariat",
  ],
  targetGroupsLeadIn: "Indsatsen henvender sig til:",
  targetGroups: ["ejendomsfunktionærer i områdets afdelinger", "beboere, der oplever uro"],
  criterion: {
    text: "80 % af kursisterne oplever, at de har fået redskaber til svære situationer.",
    dataSource: "Sekretariatets evaluering af forløbet",
  },
  responsibility: {
    label: "Det boligsociale sekretariat",
    duties: ["tilrettelægger kursusforløbet", "evaluerer forløbet med ejendomskontorerne"],
  },
};
const LBF = 2_850_000;
const LOCAL = 1_150_000;
const STAFF = [
  "2 tryghedsmedarbejdere samt 9,5 time til koordinering",
  "1 studentermedhjælper i skoleåret",
];

const kr = (n: number) => `${n.toLocaleString("da-DK")} kr.`;

/** Every word the user entered, in the order the template prints it. */
const ENTERED_IN_ORDER = [
  TITLE,
  CLAUSE,
  PROBLEM,
  PURPOSES_LEAD_IN,
  ...PURPOSES,
  GOALS_LEAD_IN,
  ...GOALS.flatMap((g) => [g.text, ...g.subGoals]),
  TARGET_GROUP,
  METHOD_INTRO,
  ...METHOD_STEPS,
  CRITERION.text,
  CRITERION.baselineText,
  CRITERION.targetText,
  CRITERION.dataSource,
  ACTIVITY.shortName,
  kr(LBF),
  kr(LOCAL),
  kr(LBF + LOCAL),
  ...STAFF,
  ACTIVITY.name,
  ACTIVITY.content,
  ACTIVITY.purposesLeadIn,
  ...ACTIVITY.purposes,
  ACTIVITY.targetGroupsLeadIn,
  ...ACTIVITY.targetGroups,
  ACTIVITY.criterion.text,
  ACTIVITY.criterion.dataSource,
  ACTIVITY.responsibility.label,
  ...ACTIVITY.responsibility.duties,
];

/** Index of each expected text in the document's text, each found after the one before. */
function positionsInOrder(text: string, expected: string[]): number[] {
  const positions: number[] = [];
  let from = 0;
  for (const item of expected) {
    const at = text.indexOf(item, from);
    expect(at, `«${item}» after position ${from}`).toBeGreaterThanOrEqual(0);
    positions.push(at);
    from = at + item.length;
  }
  return positions;
}

/** The rows of the table whose first row starts with this cell text. */
function tableStartingWith(doc: ReadDocx, firstCell: string): string[][] | undefined {
  return doc.tables.find((rows) => rows[0]?.[0]?.trim() === firstCell);
}

const byId = (page: Page | Locator, name: string) => page.locator(`#f-${name.replace(/\./g, "-")}`);

/** Chooses "period" for a source's amount, whether the form offers a select or radio buttons. */
async function choosePeriodTotal(page: Page, index: number) {
  const field = page.locator(`[name="sources.${index}.split"]`);
  const tag = await field.first().evaluate((el) => el.tagName);
  if (tag === "SELECT") await field.selectOption("period");
  else await page.locator(`[name="sources.${index}.split"][value="period"]`).check();
}

describe("a delaftale with every variant of the fund's template", () => {
  let server: TestServer;
  let browser: Browser;
  let doc: ReadDocx;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("is entered through the forms and its Word file holds every entered word in template order", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);

    // --- create: the plan's 2018 edition gives the clause, kept as it is ---------------------
    // All four of the demo plan's focus areas have a delaftale: a new one goes in a new plan.
    const planPath = await createSecondPlan(page, server.url);
    await page.goto(`${server.url}${planPath}/agreements/new`);
    await page.getByLabel("Indsatsområde").selectOption({ label: FOCUS_AREA });
    expect(await byId(page, "openingText").inputValue()).toBe(CLAUSE);
    await page.getByRole("button", { name: "Opret delaftale" }).click();
    const title = page.getByRole("heading", { level: 1, name: TITLE, exact: true });
    await title.waitFor();
    const agreementUrl = page.url().replace(/[#?].*$/, "");
    const open = async (section: string) => {
      await page.goto(`${agreementUrl}/edit/${section}`);
      await page.getByRole("button", { name: "Gem", exact: true }).waitFor();
    };
    const save = async () => {
      await page.getByRole("button", { name: "Gem", exact: true }).click();
      await page.waitForURL((url) => url.pathname === new URL(agreementUrl).pathname);
      await title.waitFor();
    };

    // --- problem statement --------------------------------------------------------------------
    await open("problem");
    await byId(page, "problemStatement").fill(PROBLEM);
    await save();

    // --- purposes and goals with lead-ins, delmål, target group, a numbered list -------------
    await open("purpose");
    await byId(page, "purposesLeadIn").fill(PURPOSES_LEAD_IN);
    await byId(page, "purposes").fill(PURPOSES.join("\n"));
    await byId(page, "goalsLeadIn").fill(GOALS_LEAD_IN);
    for (const [g, goal] of GOALS.entries()) {
      if (!(await byId(page, `goals.${g}.text`).count())) {
        await page.getByRole("button", { name: "Tilføj mål", exact: true }).click();
      }
      await byId(page, `goals.${g}.text`).fill(goal.text);
      for (const [s, sub] of goal.subGoals.entries()) {
        if (!(await byId(page, `goals.${g}.subGoals.${s}.text`).count())) {
          await page
            .getByRole("button", { name: /^Tilføj delmål/ })
            .nth(g)
            .click();
        }
        await byId(page, `goals.${g}.subGoals.${s}.text`).fill(sub);
      }
    }
    await byId(page, "primaryTargetGroup").fill(TARGET_GROUP);
    await byId(page, "method").fill(
      [METHOD_INTRO, METHOD_STEPS.map((step, i) => `${i + 1}. ${step}`).join("\n")].join("\n\n"),
    );
    await save();

    // --- a criterion whose baseline is three values and whose target is a text ---------------
    await open("criteria");
    await page.getByRole("button", { name: "Tilføj succeskriterium" }).click();
    await byId(page, "criteria.0.text").fill(CRITERION.text);
    await byId(page, "criteria.0.dataSource").fill(CRITERION.dataSource);
    await byId(page, "criteria.0.baselineText").fill(CRITERION.baselineText);
    await byId(page, "criteria.0.targetText").fill(CRITERION.targetText);
    await save();

    // --- an activity with a short name and lead-ins -----------------------------------------
    await page.goto(`${agreementUrl}/edit/activities/new`);
    await byId(page, "name").fill(ACTIVITY.name);
    await byId(page, "shortName").fill(ACTIVITY.shortName);
    await byId(page, "content").fill(ACTIVITY.content);
    await byId(page, "purposesLeadIn").fill(ACTIVITY.purposesLeadIn);
    await byId(page, "purposes").fill(ACTIVITY.purposes.join("\n"));
    await byId(page, "targetGroupsLeadIn").fill(ACTIVITY.targetGroupsLeadIn);
    await byId(page, "targetGroups").fill(ACTIVITY.targetGroups.join("\n"));
    await page.getByRole("button", { name: "Tilføj succeskriterium" }).click();
    await byId(page, "criteria.0.text").fill(ACTIVITY.criterion.text);
    await byId(page, "criteria.0.dataSource").fill(ACTIVITY.criterion.dataSource);
    await page.getByRole("button", { name: "Tilføj part" }).click();
    await byId(page, "responsibilities.0.label").fill(ACTIVITY.responsibility.label);
    await byId(page, "responsibilities.0.duties").fill(ACTIVITY.responsibility.duties.join("\n"));
    await page.getByRole("button", { name: "Opret aktivitet" }).click();
    await page.waitForURL(/#activity-\d+$/);
    await title.waitFor();

    // --- financing: period totals, the local line without an organisation -------------------
    await open("financing");
    await choosePeriodTotal(page, 0);
    await byId(page, "sources.0.periodTotal").fill(LBF.toLocaleString("da-DK"));
    await byId(page, "sources.1.kind").selectOption("local");
    await byId(page, "sources.1.organisationId").selectOption("");
    await byId(page, "sources.1.name").fill("");
    await choosePeriodTotal(page, 1);
    await byId(page, "sources.1.periodTotal").fill(LOCAL.toLocaleString("da-DK"));
    await save();

    // --- staff as written -------------------------------------------------------------------
    await open("staff");
    for (const [i, line] of STAFF.entries()) {
      if (!(await byId(page, `staff.${i}.description`).count())) {
        await page
          .getByRole("button", { name: /^Tilføj/ })
          .first()
          .click();
      }
      await byId(page, `staff.${i}.description`).fill(line);
    }
    await save();

    // The clauses page was never opened: no conflict or revision text is chosen.

    // --- the screen shows the template's variants ------------------------------------------
    const article = page.locator("article.agreement-document");
    for (const text of [CLAUSE, PURPOSES_LEAD_IN, GOALS_LEAD_IN, TARGET_GROUP, ACTIVITY.shortName])
      await expect.poll(() => article.textContent()).toContain(text);
    expect(await article.locator("ol > li").allTextContents()).toEqual(
      expect.arrayContaining(METHOD_STEPS),
    );

    // --- Word --------------------------------------------------------------------------------
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Hent som Word" }).click(),
    ]);
    doc = readDocxBuffer(readFileSync(await download.path()));
    positionsInOrder(doc.text, ENTERED_IN_ORDER);
    // A numbered list stays a numbered list.
    expect(doc.orderedLists).toContainEqual({ start: 1, items: METHOD_STEPS });

    // Nothing the user did not enter or choose.
    for (const paragraph of [...DEFAULT_CONFLICT_HANDLING, ...DEFAULT_REVISION_CLAUSE])
      expect(doc.text).not.toContain(paragraph);
    expect(doc.text).not.toMatch(/Konflikthåndtering/);
    expect(doc.text).not.toMatch(/Revision af delaftalen/);
    expect(doc.text).not.toContain("×");
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it("prints the second half as the fund's two-column tables", () => {
    expect(doc, "the first test downloads the document").toBeDefined();
    const financing = tableStartingWith(doc, "Organisation");
    expect(financing?.map((cells) => cells.map((c) => c.trim()))).toEqual([
      ["Organisation", "Finansiering"],
      ["Landsbyggefonden", kr(LBF)],
      ["Lokal medfinansiering", kr(LOCAL)],
      ["Samlet budget for indsatsområdet", kr(LBF + LOCAL)],
    ]);
    // No yearly figures were entered, so no per-year table.
    expect(doc.tables.some((rows) => rows[0]?.some((cell) => /^20\d\d$/.test(cell.trim())))).toBe(
      false,
    );

    const labelled = doc.tables.flatMap((rows) =>
      rows
        .filter((cells) => cells.length === 2)
        .map(([label, content]) => [label!.trim(), content!]),
    );
    const cell = (label: string) => labelled.find(([l]) => l === label)?.[1];
    expect(cell("Medarbejderressourcer på indsatsområdet")).toContain(STAFF[0]);
    expect(cell("Medarbejderressourcer på indsatsområdet")).toContain(STAFF[1]);
    expect(cell("Delaftalen gælder fra:")).toMatch(/^Aftalen gælder fra den \d+\. \w+ \d{4}/);
    expect(cell("Aktivitetsnavn:")).toContain(ACTIVITY.name);
    expect(cell("Indhold og praksis (aktivitetsbeskrivelse):")).toContain(ACTIVITY.content);
    const purposes = cell("Formål:");
    expect(purposes).toContain(ACTIVITY.purposesLeadIn);
    for (const p of ACTIVITY.purposes) expect(purposes).toContain(p);
    const targetGroups = cell("Målgruppe(r):");
    expect(targetGroups).toContain(ACTIVITY.targetGroupsLeadIn);
    for (const t of ACTIVITY.targetGroups) expect(targetGroups).toContain(t);
    expect(labelled.map(([l]) => l)).toContain("Succeskriterier og datakilde for aktiviteten:");
    const roles = cell("Organisering, ansvar og rollefordeling:");
    expect(roles).toContain(ACTIVITY.responsibility.label);
    for (const d of ACTIVITY.responsibility.duties) expect(roles).toContain(d);
    const activityCriteria = tableStartingWith(doc, "Succeskriterier:");
    expect(activityCriteria?.[1]?.map((c) => c.trim())).toEqual([
      ACTIVITY.criterion.text,
      ACTIVITY.criterion.dataSource,
    ]);
    // The labels of what was not chosen are not printed either.
    expect(labelled.map(([l]) => l)).not.toContain("Konflikthåndtering og underretning:");
  });
});
