/**
 * A whole delaftale entered through the browser the way the secretariat works: a new agreement for
 * "Uddannelse og livschancer" on the demo plan, filled section by section to the size of a real
 * agreement (16 parties in two tiers, a working group, rich texts, criteria, four activity schemas,
 * a four-year budget and staff) with the keyboard-usable list buttons. After a reload the page must
 * show every value in the entered order, be ready for approval, print without edit controls and
 * download as Word. All names and texts are invented.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { readDocxBuffer } from "../helpers/docx";
import {
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type TestServer,
  createSecondPlan,
} from "./server";

const FOCUS_AREA = "Uddannelse og livschancer";
const TITLE = `Delaftale for indsatsområdet ${FOCUS_AREA}`;

// --- the agreement's content --------------------------------------------------------------------

interface Person {
  name: string;
  title: string;
  /** The organisation the register shows after the name (for the select's option). */
  organisation: string;
}

interface PartyInput {
  tier: "primary" | "secondary";
  heading?: string;
  /** An organisation already in the register. */
  organisation?: string;
  /** A new organisation typed in, created in the register on save. */
  newOrganisation?: string;
  label?: string;
  contact?: Person;
  newContact?: Pick<Person, "name" | "title">;
}

const option = (p: Person) => `${p.name}, ${p.title} (${p.organisation})`;

const camilla: Person = {
  name: "Camilla Thorsen",
  title: "Afdelingsformand",
  organisation: "Afd. 12 Strandengen",
};
const thomas: Person = {
  name: "Thomas Krog",
  title: "Skoleleder",
  organisation: "Strandengskolen",
};
const pia: Person = {
  name: "Pia Lund",
  title: "Udviklingskonsulent",
  organisation: "Havbakke Kommune",
};
const mette: Person = {
  name: "Mette Lykke",
  title: "Sekretariatsleder",
  organisation: "Det Boligsociale Sekretariat Havbakke",
};

const SECRETARIAT_PARTY: PartyInput = {
  tier: "primary",
  heading: "Boligsocial indsats",
  organisation: "Det Boligsociale Sekretariat Havbakke",
  contact: mette,
};

/** The parties in the order the agreement must show them. */
const PARTIES: PartyInput[] = [
  { tier: "primary", heading: "Boligorganisationer", organisation: "Fællesbo Havbakke" },
  { tier: "primary", heading: "Boligorganisationer", organisation: "Boligselskabet Lærkereden" },
  {
    tier: "primary",
    heading: "Afdelingsbestyrelser",
    organisation: "Afd. 12 Strandengen",
    label: "afdelingsbestyrelsen",
    contact: camilla,
  },
  {
    tier: "primary",
    heading: "Afdelingsbestyrelser",
    organisation: "Afd. 4 Solsikkeparken",
    label: "afdelingsbestyrelsen",
  },
  {
    tier: "primary",
    heading: "Skoler og dagtilbud",
    organisation: "Strandengskolen",
    contact: thomas,
  },
  {
    tier: "primary",
    heading: "Skoler og dagtilbud",
    newOrganisation: "Solsikkeparkens Børnehus",
    newContact: { name: "Rikke Aagaard", title: "Dagtilbudsleder" },
  },
  {
    tier: "primary",
    heading: "Skoler og dagtilbud",
    newOrganisation: "Havbakke Gymnasium og HF",
    newContact: { name: "Mikkel Sønderby", title: "Studievejleder" },
  },
  { tier: "primary", heading: "Skoler og dagtilbud", newOrganisation: "Ungdomsskolen Havbakke" },
  {
    tier: "primary",
    heading: "Kommunale samarbejdspartnere",
    organisation: "Havbakke Kommune",
    label: "Børne- og Ungeforvaltningen",
    contact: pia,
  },
  {
    tier: "primary",
    heading: "Kommunale samarbejdspartnere",
    organisation: "Havbakke Kommune",
    label: "Jobcenterets ungeenhed",
    newContact: { name: "Sara Lindholm", title: "Ungevejleder" },
  },
  SECRETARIAT_PARTY,
  {
    tier: "secondary",
    heading: "Foreninger og frivillige",
    newOrganisation: "Lektiehjælpen Havbakke",
    newContact: { name: "Birgitte Holst", title: "Frivilligkoordinator" },
  },
  {
    tier: "secondary",
    heading: "Foreninger og frivillige",
    organisation: "Foreningen Nabohjælp Havbakke",
  },
  {
    tier: "secondary",
    heading: "Foreninger og frivillige",
    label: "2 lokale idrætsforeninger med ungdomsafdelinger",
  },
  {
    tier: "secondary",
    heading: "Kultur og kirke",
    organisation: "Strandengen Kirke",
    newContact: { name: "Jakob Frost", title: "Sognepræst" },
  },
  {
    tier: "secondary",
    heading: "Kultur og kirke",
    newOrganisation: "Havbakke Bibliotek",
    newContact: { name: "Nanna Riis", title: "Bibliotekar" },
  },
];

/** The secretariat is added last and moved up into place with "Flyt op". */
const PARTIES_AS_ENTERED = [...PARTIES.filter((p) => p !== SECRETARIAT_PARTY), SECRETARIAT_PARTY];

interface MemberInput {
  person?: Person;
  count?: string;
  description?: string;
  organisation?: string;
  names?: string;
  /** How the agreement shows the member. */
  shows: string;
}

const WORKING_GROUP = "Arbejdsgruppe (alle aktiviteter)";
const MEMBERS: MemberInput[] = [
  { person: mette, shows: "Mette Lykke, sekretariatsleder" },
  {
    person: { name: "Sara Lindholm", title: "Ungevejleder", organisation: "Havbakke Kommune" },
    organisation: "Havbakke Kommune",
    shows: "Sara Lindholm, ungevejleder (Havbakke Kommune)",
  },
  {
    person: thomas,
    description: "skolens repræsentant",
    shows: "skolens repræsentant: Thomas Krog, skoleleder",
  },
  {
    description: "repræsentant",
    organisation: "Havbakke Gymnasium og HF",
    names: "Mikkel Sønderby",
    shows: "repræsentant fra Havbakke Gymnasium og HF (Mikkel Sønderby)",
  },
  {
    count: "3",
    description: "beboerdemokrater",
    names: "Helle Bagger, Yusuf Demir, Lone Kragh",
    shows: "3 beboerdemokrater (Helle Bagger, Yusuf Demir, Lone Kragh)",
  },
  {
    count: "2",
    description: "unge fra lektiecaféen",
    names: "Amira og Oliver",
    shows: "2 unge fra lektiecaféen (Amira og Oliver)",
  },
  {
    description: "boligsocial medarbejder",
    names: "Signe Holt",
    shows: "boligsocial medarbejder (Signe Holt)",
  },
];

/** Rich text as the user types it: blocks separated by a blank line. */
const richText = (...blocks: string[]) => blocks.join("\n\n");
const bullets = (...items: string[]) => items.map((i) => `- ${i}`).join("\n");

const PROBLEM = richText(
  "I Strandengen og Solsikkeparken bor omkring 1.900 beboere, og knap hver tredje er under 18 år. Mange børn trives og klarer sig godt i skolen, men færre end i resten af kommunen går direkte videre i uddannelse efter grundskolen.",
  "Forældrene vil gerne støtte deres børns skolegang, men **mange forældre oplever det svært** at hjælpe med lektier og at finde rundt i uddannelsessystemet.",
  "## Overgangene er det svage led",
  "Sekretariatets kortlægning fra 2022 peger på tre overgange, hvor børn og unge fra området oftere falder fra end deres jævnaldrende:",
  bullets(
    "fra dagtilbud til skolestart",
    "fra udskoling til ungdomsuddannelse",
    "fra uddannelse til det første job",
  ),
  "Indsatsområdet samler derfor dagtilbud, skoler, foreninger og kommunen om en fælles indsats omkring hver overgang.",
);

const PURPOSES = [
  "at styrke børn og unges faglige, sociale og personlige kompetencer",
  "at flere unge fra boligområdet gennemfører en ungdomsuddannelse",
];
const GOALS = [
  "at flere børn er skoleparate, når de begynder i skole",
  "at flere unge går direkte videre i uddannelse efter grundskolen",
  "at flere forældre føler sig klædt på til at støtte deres børns skolegang",
  "at flere unge får erfaring fra et fritidsjob",
];
const METHOD = richText(
  "Indsatsen arbejder tæt sammen med dagtilbud, skoler og foreninger, så aktiviteterne bygger videre på det, der allerede virker i området.",
  "Vi lægger vægt på **tidlig og vedvarende kontakt** med familierne og bruger unge fra området som rollemodeller for de yngre børn.",
);

interface CriterionInput {
  text: string;
  dataSource: string;
  baseline?: [value: string, unit: string, year: string];
  target?: [value: string, unit: string, year: string];
  /** The baseline and target line under the text, if any. */
  shows?: string;
}

const CRITERIA: CriterionInput[] = [
  {
    text: "Andelen af unge fra boligområdet, der går direkte videre i en ungdomsuddannelse efter grundskolen, stiger.",
    dataSource: "Havbakke Kommunes uddannelsesstatistik",
    baseline: ["68", "%", "2022"],
    target: ["80", "%", "2026"],
    shows: "Udgangspunkt: 68 % (2022) · Mål: 80 % (2026)",
  },
  {
    text: "Mindst 60 familier deltager hvert år i forældreaktiviteter om skole og uddannelse.",
    dataSource: "Sekretariatets deltagerregistrering",
  },
  {
    text: "Halvdelen af de unge i lektiecaféen oplever, at de er blevet bedre til at klare deres lektier.",
    dataSource: "Årlig spørgeskemaundersøgelse blandt deltagerne",
  },
];

interface ActivityInput {
  name: string;
  reference?: string;
  content: string;
  purposes: string[];
  targetGroups: string[];
  criteria: CriterionInput[];
  responsibilities: { organisation?: string; label?: string; duties: string[] }[];
}

/** The activities in the order the agreement must show them. */
const ACTIVITIES: ActivityInput[] = [
  {
    name: "Lektiecafé i beboerhuset",
    reference: "jf. frivilligbaseret lektiehjælp",
    content: richText(
      "To eftermiddage om ugen holder beboerhuset åbent for lektiehjælp til elever fra 4. til 10. klasse. Frivillige studerende og pensionerede lærere hjælper, og en koordinator fra sekretariatet har ansvaret for hver åbning.",
      "Caféen tilbyder blandt andet:",
      bullets(
        "hjælp til lektier og afleveringer",
        "**forberedelse til prøverne** i 9. klasse",
        "et roligt sted at læse",
      ),
    ),
    purposes: ["at styrke elevernes faglighed", "at give eleverne tro på egne evner"],
    targetGroups: ["elever fra 4. til 10. klasse", "frivillige lektiehjælpere"],
    criteria: [
      {
        text: "Lektiecaféen har i gennemsnit 25 elever pr. åbning.",
        dataSource: "Koordinatorens fremmødeliste",
      },
      {
        text: "Mindst 12 frivillige er tilknyttet caféen hvert skoleår.",
        dataSource: "Sekretariatets frivilligoversigt",
      },
      {
        text: "70 % af de faste elever består folkeskolens afgangsprøve i dansk og matematik.",
        dataSource: "Strandengskolens prøveresultater",
      },
    ],
    responsibilities: [
      {
        organisation: "Det Boligsociale Sekretariat Havbakke",
        duties: ["driver caféen og koordinerer de frivillige", "følger op på fremmødet"],
      },
      {
        organisation: "Lektiehjælpen Havbakke",
        duties: ["rekrutterer og uddanner frivillige", "stiller materialer til rådighed"],
      },
      {
        organisation: "Strandengskolen",
        label: "udskolingen",
        duties: [
          "henviser elever til caféen",
          "deler viden om elevernes behov",
          "deltager i et årligt planlægningsmøde",
        ],
      },
    ],
  },
  {
    name: "Forældre som uddannelsesguider",
    content: richText(
      "Forældre med erfaring fra uddannelsessystemet bliver klædt på til at guide andre forældre. De holder små møder i opgangene og på skolen, hvor de fortæller om valg af ungdomsuddannelse og om, hvordan man støtter sit barn.",
    ),
    purposes: [
      "at styrke forældrenes kendskab til uddannelsessystemet",
      "at skabe netværk mellem forældre",
    ],
    targetGroups: ["forældre til børn i 6. til 10. klasse", "forældre, der selv er nye i Danmark"],
    criteria: [
      {
        text: "Der er uddannet 10 forældreguider i løbet af perioden.",
        dataSource: "Sekretariatets registrering",
      },
      {
        text: "Forældreguiderne holder mindst 20 møder om året.",
        dataSource: "Guidernes mødelog",
      },
    ],
    responsibilities: [
      {
        organisation: "Det Boligsociale Sekretariat Havbakke",
        duties: ["rekrutterer og uddanner forældreguiderne", "planlægger møderne"],
      },
      {
        organisation: "Havbakke Kommune",
        label: "Ungdommens Uddannelsesvejledning",
        duties: ["bidrager med oplæg om uddannelsesvalg", "deltager i udvalgte møder"],
      },
      {
        label: "Afdelingsbestyrelserne",
        duties: ["låner lokaler ud til møderne", "inviterer nye beboere"],
      },
    ],
  },
  {
    name: "Fritidsjob og første erfaring",
    reference: "jf. fritidsjobmodellen",
    content: richText(
      "En fritidsjobkonsulent hjælper unge mellem 13 og 17 år til et fritidsjob i lokale virksomheder, foreninger og i boligafdelingerne.",
      "## Sådan foregår det",
      "Den unge får hjælp til ansøgning og samtale, og konsulenten holder kontakt med både den unge og arbejdsgiveren i de første måneder.",
    ),
    purposes: ["at flere unge får et fritidsjob", "at styrke de unges tro på egne evner"],
    targetGroups: ["unge mellem 13 og 17 år fra boligområdet", "lokale arbejdsgivere"],
    criteria: [
      { text: "40 unge kommer i fritidsjob hvert år.", dataSource: "Konsulentens registrering" },
      {
        text: "Tre ud af fire unge er stadig i jobbet efter seks måneder.",
        dataSource: "Opfølgning hos arbejdsgiverne",
      },
      {
        text: "Mindst 15 lokale arbejdsgivere ansætter unge fra området.",
        dataSource: "Sekretariatets virksomhedsliste",
      },
      {
        text: "De unge vurderer forløbet til mindst 4 på en skala fra 1 til 5.",
        dataSource: "Evalueringsskema efter forløbet",
      },
    ],
    responsibilities: [
      {
        organisation: "Det Boligsociale Sekretariat Havbakke",
        duties: ["ansætter fritidsjobkonsulenten", "samler erfaringerne"],
      },
      {
        organisation: "Havbakke Kommune",
        label: "Jobcenterets ungeenhed",
        duties: ["formidler kontakt til virksomheder", "sparrer med konsulenten"],
      },
      {
        organisation: "Fællesbo Havbakke",
        duties: ["tilbyder fritidsjob i ejendomsdriften", "udpeger en kontaktperson"],
      },
    ],
  },
  {
    name: "Klar til skolestart",
    content: richText(
      "Dagtilbud, skole og sekretariat holder legestuer for familier med børn, der skal begynde i skole året efter. Børnene møder deres kommende lærere, og forældrene får en gennemgang af skolens hverdag.",
    ),
    purposes: ["at gøre overgangen fra dagtilbud til skole tryg"],
    targetGroups: ["børn på 5 til 6 år og deres forældre"],
    criteria: [
      {
        text: "Mindst 30 familier deltager i legestuerne hvert år.",
        dataSource: "Deltagerlister fra legestuerne",
      },
      {
        text: "Skolen oplever, at de deltagende børn er bedre forberedt ved skolestart.",
        dataSource: "Årligt interview med indskolingslederen",
      },
    ],
    responsibilities: [
      {
        organisation: "Solsikkeparkens Børnehus",
        duties: ["inviterer familierne", "deltager med pædagoger"],
      },
      {
        organisation: "Strandengskolen",
        label: "indskolingen",
        duties: ["stiller lærere og lokaler til rådighed"],
      },
      {
        organisation: "Det Boligsociale Sekretariat Havbakke",
        duties: ["planlægger legestuerne", "evaluerer forløbet med parterne"],
      },
    ],
  },
];

/** The last two are entered the other way round, then reordered on the activity list. */
const ACTIVITIES_AS_ENTERED = [ACTIVITIES[0]!, ACTIVITIES[1]!, ACTIVITIES[3]!, ACTIVITIES[2]!];

const INTERPLAY = richText(
  "Indsatsområdet supplerer kommunens egne tilbud og bygger bro til dem:",
  bullets(
    "lektiecaféen supplerer skolernes faglige fordybelse om eftermiddagen",
    "forældreguiderne når familier, som den kommunale vejledning sjældent møder",
    "fritidsjobindsatsen arbejder tæt sammen med Jobcenterets ungeenhed",
  ),
  "Der holdes **fælles koordinationsmøde hvert kvartal** med Børne- og Ungeforvaltningen.",
);
const ANCHORING = richText(
  "Aktiviteterne planlægges fra start sammen med dem, der skal drive dem videre.",
  bullets(
    "lektiecaféen overdrages gradvist til Lektiehjælpen Havbakke",
    "forældreguiderne organiseres i et netværk under skolernes forældreråd",
    "erfaringerne samles i en kort metodebeskrivelse til kommunen",
  ),
);

const YEARS = [2023, 2024, 2025, 2026];
const LBF = ["550.000", "600.000", "600.000", "450.000"];
const MUNICIPALITY = ["150.000", "200.000", "200.000", "250.000"];

// Staff lines as the secretariat writes them (one free-text line each since issue 12).
const STAFF = [
  "2 lektiecafékoordinatorer samt 18,5 time om ugen i skoleåret",
  "0,8 årsværk uddannelses- og fritidsjobkonsulent, ansat i sekretariatet",
];

// The clauses are never prefilled: the secretariat writes (or chooses) them.
const CONFLICT_HANDLING =
  "Uenighed drøftes først i styregruppen. Kan den ikke løses dér, orienteres bestyrelsen.";
const REVISION_CLAUSE = "Delaftalen revideres hvert år i forbindelse med årsrapporten.";

// --- what the agreement page should show ---------------------------------------------------------

function partyName(p: PartyInput): string {
  const organisation = p.organisation ?? p.newOrganisation;
  if (!organisation) return p.label ?? "";
  return p.label ? `${organisation}, ${p.label}` : organisation;
}

function partyContact(p: PartyInput): string {
  const contact = p.contact ?? p.newContact;
  return contact ? `v. ${contact.title.toLocaleLowerCase("da")} ${contact.name}` : "";
}

/** Consecutive parties of a tier with the same sub-heading form one group. */
function expectedPartyGroups(tier: PartyInput["tier"]) {
  const groups: { heading: string; parties: string[][] }[] = [];
  for (const p of PARTIES.filter((x) => x.tier === tier)) {
    const last = groups[groups.length - 1];
    const row = [partyName(p), partyContact(p)];
    if (last && last.heading === (p.heading ?? "")) last.parties.push(row);
    else groups.push({ heading: p.heading ?? "", parties: [row] });
  }
  return groups;
}

/** The blocks of typed rich text as readBlocks reports them. */
function expectedBlocks(markdown: string): string[] {
  return markdown.split("\n\n").flatMap((block) => {
    const plain = block.replace(/\*\*/g, "");
    if (plain.startsWith("## ")) return [`h: ${plain.slice(3)}`];
    if (plain.startsWith("- ")) return plain.split("\n").map((line) => `li: ${line.slice(2)}`);
    return [`p: ${plain}`];
  });
}

function expectedCriteria(criteria: CriterionInput[]) {
  return criteria.map((c) => [c.text, c.shows ?? "", c.dataSource]);
}

const amount = (text: string) => Number(text.replace(/\./g, ""));
const kr = (n: number) => `${n.toLocaleString("da-DK")} kr.`;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// --- reading the rendered document -----------------------------------------------------------

/** Rich text (or a list) as "p: …", "h: …", "li: …" in document order. */
function readBlocks(container: Locator): Promise<string[]> {
  return container.evaluate((el) =>
    [...el.children].flatMap((child) => {
      const text = (node: Element) => node.textContent ?? "";
      if (/^H\d$/.test(child.tagName)) return [`h: ${text(child)}`];
      if (child.tagName === "UL" || child.tagName === "OL") {
        return [...child.children].map((li) => `li: ${text(li)}`);
      }
      return [`p: ${text(child)}`];
    }),
  );
}

function readPartyGroups(groups: Locator) {
  return groups.evaluateAll((elements) =>
    elements.map((group) => ({
      heading: group.querySelector("h4")?.textContent ?? "",
      parties: [...group.querySelectorAll(".party-list > li")].map((li) => [
        li.firstChild?.textContent ?? "",
        li.querySelector(".muted")?.textContent ?? "",
      ]),
    })),
  );
}

/** Each criterion row as [text, baseline/target line, data source]. */
function readCriteria(table: Locator) {
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      const [criterion, source] = [...row.querySelectorAll("td")];
      return [
        criterion?.firstChild?.textContent ?? "",
        criterion?.querySelector(".muted")?.textContent ?? "",
        source?.textContent ?? "",
      ];
    }),
  );
}

const listTexts = (list: Locator) => list.locator(":scope > li").allTextContents();

// --- the test ----------------------------------------------------------------------------------

/** Presses a button the way a keyboard user does: focus it, then Enter. */
async function press(button: Locator) {
  await button.focus();
  await button.press("Enter");
}

/** The legend of the list row that the focused button belongs to ("Part 12"). */
function focusedRow(page: Page) {
  return page.evaluate(() => {
    const legendId = document.activeElement?.getAttribute("aria-describedby");
    return legendId ? (document.getElementById(legendId)?.textContent ?? null) : null;
  });
}

const textbox = (scope: Locator | Page, name: string) =>
  scope.getByRole("textbox", { name, exact: true });
const select = (scope: Locator | Page, name: string) =>
  scope.getByRole("combobox", { name, exact: true });
const row = (scope: Locator | Page, name: string) =>
  scope.getByRole("group", { name, exact: true });

/** Criteria filled so far: each measures the next goal in turn, so every goal gets criteria. */
let criteriaFilled = 0;

async function fillCriteria(page: Page, criteria: CriterionInput[]) {
  for (const [i, c] of criteria.entries()) {
    await press(page.getByRole("button", { name: "Tilføj succeskriterium" }));
    const r = row(page, `Succeskriterium ${i + 1}`);
    await textbox(r, "Succeskriterium").fill(c.text);
    const goal = criteriaFilled++ % GOALS.length;
    await select(r, "Måler på mål/delmål").selectOption({
      label: `Mål ${goal + 1}: ${GOALS[goal]}`,
    });
    await textbox(r, "Datakilde").fill(c.dataSource);
    if (c.baseline) {
      const [value, unit, year] = c.baseline;
      await textbox(r, "Udgangspunkt (tal)").fill(value);
      await textbox(r, "Enhed").fill(unit);
      await textbox(r, "År for udgangspunkt").fill(year);
    }
    if (c.target) {
      const [value, unit, year] = c.target;
      await textbox(r, "Mål (tal)").fill(value);
      await textbox(r, "Enhed for mål").fill(unit);
      await textbox(r, "År for mål").fill(year);
    }
  }
}

describe("a complete agreement in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("enters a whole delaftale section by section and shows, prints and downloads it", async () => {
    const context = await browser.newContext();
    const page = await login(context, server.url, "sekretariat@samarbejde.example");
    const problems = watchConsole(page);

    // --- create ------------------------------------------------------------------------------
    // All four of the demo plan's focus areas have a delaftale: a new one goes in a new plan.
    const planPath = await createSecondPlan(page, server.url);
    await page.goto(`${server.url}${planPath}/agreements/new`);
    await page.getByLabel("Indsatsområde").selectOption({ label: FOCUS_AREA });
    await page.getByRole("button", { name: "Opret delaftale" }).click();
    const title = page.getByRole("heading", { level: 1, name: TITLE, exact: true });
    await title.waitFor();
    const agreementUrl = page.url().replace(/[#?].*$/, "");
    expect(agreementUrl).toMatch(new RegExp(`${planPath}/agreements/\\d+$`));

    const edit = async (section: string, heading: string) => {
      await page.getByRole("link", { name: `Rediger: ${section}`, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
    };
    const save = async (anchor: string) => {
      await page.getByRole("button", { name: "Gem", exact: true }).click();
      await page.waitForURL(`${agreementUrl}#${anchor}`);
      await title.waitFor();
    };

    // --- parties -----------------------------------------------------------------------------
    await edit("Aftalens parter", "Aftalens parter");
    const addParty = page.getByRole("button", { name: "Tilføj part" });
    for (const [i, p] of PARTIES_AS_ENTERED.entries()) {
      await press(addParty);
      const r = row(page, `Part ${i + 1}`);
      if (i === 0) {
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.id))
          .toBe("f-parties-0-tier");
      }
      if (p.tier === "secondary") {
        await select(r, "Primær eller sekundær").selectOption({
          label: "Sekundære samarbejdspartnere",
        });
      }
      if (p.heading) await textbox(r, "Underoverskrift").fill(p.heading);
      if (p.organisation) {
        await select(r, "Organisation fra registret").selectOption({ label: p.organisation });
      }
      if (p.newOrganisation) await textbox(r, "eller ny organisation").fill(p.newOrganisation);
      if (p.label) await textbox(r, "Betegnelse").fill(p.label);
      if (p.contact) {
        await select(r, "Kontaktperson fra registret").selectOption({ label: option(p.contact) });
      }
      if (p.newContact) {
        await textbox(r, "eller ny kontaktperson: navn").fill(p.newContact.name);
        await textbox(r, "titel").fill(p.newContact.title);
      }
    }
    // The secretariat, added last, goes up above the secondary partners: one press of
    // "Flyt op", then Enter again on the button that keeps the focus.
    const last = PARTIES_AS_ENTERED.length;
    const target = PARTIES.indexOf(SECRETARIAT_PARTY) + 1;
    await press(row(page, `Part ${last}`).getByRole("button", { name: "Flyt op" }));
    for (let at = last - 1; at > target; at--) {
      await expect.poll(() => focusedRow(page)).toBe(`Part ${at}`);
      await page.keyboard.press("Enter");
    }
    await expect.poll(() => focusedRow(page)).toBe(`Part ${target}`);
    await page.getByText(`Part ${target + 1} er flyttet op`).waitFor({ state: "attached" });
    const moved = row(page, `Part ${target}`);
    expect(await textbox(moved, "Underoverskrift").inputValue()).toBe(SECRETARIAT_PARTY.heading);
    expect(
      await select(moved, "Kontaktperson fra registret").evaluate(
        (el) => (el as HTMLSelectElement).selectedOptions[0]?.text,
      ),
    ).toBe(option(mette));
    await save("parties");

    // --- working group -----------------------------------------------------------------------
    await edit("Arbejdsgrupper", "Arbejdsgrupper");
    await press(page.getByRole("button", { name: "Tilføj arbejdsgruppe" }));
    const group = row(page, "Arbejdsgruppe 1");
    await textbox(group, "Navn").fill(WORKING_GROUP);
    for (const [i, m] of MEMBERS.entries()) {
      await press(group.getByRole("button", { name: "Tilføj medlem" }));
      const r = row(group, `Medlem ${i + 1}`);
      if (m.person) {
        await select(r, "Person fra registret").selectOption({ label: option(m.person) });
      }
      if (m.count) await textbox(r, "Antal").fill(m.count);
      if (m.description) await textbox(r, "Beskrivelse").fill(m.description);
      if (m.organisation) {
        await select(r, "fra organisation").selectOption({ label: m.organisation });
      }
      if (m.names) await textbox(r, "Navne").fill(m.names);
    }
    await save("working-groups");

    // --- problem statement, purpose, goals and method ------------------------------------------
    await edit("Problemkompleks for indsatsområdet", "Problemkompleks");
    await textbox(page, "Problemkompleks for indsatsområdet").fill(PROBLEM);
    await save("problem");

    await edit("Formål og lokalt opstillede målinger for indsatsområdet", "Formål, mål og metode");
    await textbox(page, "Formål").fill(PURPOSES.join("\n"));
    // Each goal is its own row (with room for its delmål).
    for (const [i, goal] of GOALS.entries()) {
      await press(page.getByRole("button", { name: "Tilføj mål", exact: true }));
      await textbox(row(page, `Mål ${i + 1}`), "Mål").fill(goal);
    }
    await textbox(page, "Metode").fill(METHOD);
    await save("purpose");

    // --- the agreement's success criteria --------------------------------------------------------
    await edit(
      "Lokalt opstillede målinger (succeskriterier)",
      "Lokalt opstillede målinger (succeskriterier)",
    );
    await fillCriteria(page, CRITERIA);
    await save("criteria");

    // --- activities --------------------------------------------------------------------------
    for (const a of ACTIVITIES_AS_ENTERED) {
      await edit("Aktiviteter, som skal bidrage til indfrielse af formål og mål", "Aktiviteter");
      await page.getByRole("link", { name: "Tilføj aktivitet" }).click();
      await page.getByRole("heading", { level: 1, name: "Ny aktivitet" }).waitFor();
      await textbox(page, "Aktivitetsnavn").fill(a.name);
      if (a.reference) await textbox(page, "Reference").fill(a.reference);
      await textbox(page, "Indhold og praksis (aktivitetsbeskrivelse)").fill(a.content);
      await textbox(page, "Formål").fill(a.purposes.join("\n"));
      await textbox(page, "Målgruppe(r)").fill(a.targetGroups.join("\n"));
      await fillCriteria(page, a.criteria);
      for (const [i, r] of a.responsibilities.entries()) {
        await press(page.getByRole("button", { name: "Tilføj part" }));
        const part = row(page, `Part ${i + 1}`);
        if (r.organisation) {
          await select(part, "Part (organisation)").selectOption({ label: r.organisation });
        }
        if (r.label) await textbox(part, "eller betegnelse").fill(r.label);
        await textbox(part, "Opgaver").fill(r.duties.join("\n"));
      }
      await page.getByRole("button", { name: "Opret aktivitet" }).click();
      await page.waitForURL(/#activity-\d+$/);
      await title.waitFor();
    }
    await edit("Aktiviteter, som skal bidrage til indfrielse af formål og mål", "Aktiviteter");
    const activityRows = page.locator("table.activity-list tbody tr");
    const movedActivity = activityRows.filter({ hasText: ACTIVITIES[2]!.name });
    await press(movedActivity.getByRole("button", { name: "Flyt op" }));
    await page.getByRole("status").filter({ hasText: "er flyttet op" }).waitFor();
    expect(await activityRows.locator("th > span").allTextContents()).toEqual(
      ACTIVITIES.map((a) => a.name),
    );
    await page.getByRole("link", { name: "Tilbage til delaftalen" }).click();
    await title.waitFor();

    // --- interplay and anchoring ----------------------------------------------------------------
    await edit(
      "Samspil med og supplement til den kommunale indsats i boligområdet",
      "Samspil med kommunen og forankring",
    );
    await textbox(page, "Samspil med den kommunale indsats").fill(INTERPLAY);
    await textbox(page, "Forankring").fill(ANCHORING);
    await save("interplay");

    // --- financing: Landsbyggefonden and the municipality are there from the start ----------------
    await edit("Finansiering", "Finansiering");
    for (const [source, amounts] of [
      ["Finansieringskilde 1", LBF],
      ["Finansieringskilde 2", MUNICIPALITY],
    ] as const) {
      const r = row(page, source);
      // The template's way is one amount for the whole period; this agreement splits it per year.
      await select(r, "Beløb angives").selectOption({ label: "Fordelt på år" });
      for (const [i, year] of YEARS.entries()) await textbox(r, `${year} (kr.)`).fill(amounts[i]!);
    }
    const total = sum([...LBF, ...MUNICIPALITY].map(amount));
    await expect
      .poll(() =>
        page
          .getByRole("region", { name: "Budgetoverblik" })
          .getByRole("row", { name: /^Samlet budget for indsatsområdet/ })
          .textContent(),
      )
      .toContain(kr(total));
    await save("financing");

    // --- staff -------------------------------------------------------------------------------
    await edit("Medarbejderressourcer på indsatsområdet", "Medarbejderressourcer");
    for (const [i, s] of STAFF.entries()) {
      await press(page.getByRole("button", { name: "Tilføj medarbejder" }));
      const r = row(page, `Medarbejder ${i + 1}`);
      await textbox(r, "Medarbejderressource").fill(s);
    }
    await save("staff");

    // --- conflict handling and revision --------------------------------------------------------
    await edit("Konflikthåndtering og underretning", "Konflikthåndtering og revision");
    await textbox(page, "Konflikthåndtering og underretning").fill(CONFLICT_HANDLING);
    await textbox(page, "Revision af delaftalen").fill(REVISION_CLAUSE);
    await save("clauses");

    // --- after a reload, everything is there in the entered order ---------------------------------
    await page.reload();
    await title.waitFor();

    expect(
      await readPartyGroups(page.locator("#parties .party-group:has(~ #working-groups)")),
    ).toEqual(expectedPartyGroups("primary"));
    expect(await readPartyGroups(page.locator("#working-groups ~ .party-group"))).toEqual(
      expectedPartyGroups("secondary"),
    );
    expect(await page.locator("#parties .party-list > li").count()).toBe(PARTIES.length);

    expect(await page.locator("#working-groups h4").allTextContents()).toEqual([WORKING_GROUP]);
    expect(await page.locator("#working-groups li").allTextContents()).toEqual(
      MEMBERS.map((m) => m.shows),
    );

    expect(await readBlocks(page.locator("#problem .rich-text"))).toEqual(expectedBlocks(PROBLEM));
    expect(await page.locator("#problem strong").allTextContents()).toEqual([
      "mange forældre oplever det svært",
    ]);

    expect(await listTexts(page.locator("#purpose > ul").nth(0))).toEqual(PURPOSES);
    expect(await listTexts(page.locator("#purpose > ul").nth(1))).toEqual(GOALS);
    expect(await readBlocks(page.locator("#purpose .rich-text"))).toEqual(expectedBlocks(METHOD));

    expect(await readCriteria(page.locator("#criteria table"))).toEqual(expectedCriteria(CRITERIA));

    const titles = ACTIVITIES.map((a) => (a.reference ? `${a.name} (${a.reference})` : a.name));
    expect(await page.locator("#activities li").allTextContents()).toEqual(titles);
    const schemas = page.locator(".activity-schema");
    expect((await schemas.locator("h3").allTextContents()).map((t) => t.trim())).toEqual(
      titles.map((t, i) => `Aktivitet ${i + 1}: ${t}`),
    );
    for (const [i, a] of ACTIVITIES.entries()) {
      const schema = schemas.nth(i);
      // The schema is the fund's label | content table.
      const cell = (label: string) =>
        schema
          .locator("tr")
          .filter({ has: page.locator(`th:text-is("${label}")`) })
          .locator("td");
      expect(await cell("Aktivitetsnavn:").textContent()).toBe(titles[i]);
      expect(
        await readBlocks(cell("Indhold og praksis (aktivitetsbeskrivelse):").locator(".rich-text")),
      ).toEqual(expectedBlocks(a.content));
      expect(await listTexts(cell("Formål:").locator("ul"))).toEqual(a.purposes);
      expect(await listTexts(cell("Målgruppe(r):").locator("ul"))).toEqual(a.targetGroups);
      expect(
        await readCriteria(cell("Succeskriterier og datakilde for aktiviteten:").locator("table")),
      ).toEqual(expectedCriteria(a.criteria));
      const duties = await schema.locator(".responsibility").evaluateAll((items) =>
        items.map((item) => ({
          party: item.querySelector("strong")?.textContent ?? "",
          duties: [...item.querySelectorAll("li")].map((li) => li.textContent ?? ""),
        })),
      );
      expect(duties).toEqual(
        a.responsibilities.map((r) => ({
          party: `${
            r.organisation ? (r.label ? `${r.organisation} (${r.label})` : r.organisation) : r.label
          }:`,
          duties: r.duties,
        })),
      );
    }

    const interplay = page.locator("#interplay .rich-text");
    expect(await readBlocks(interplay.nth(0))).toEqual(expectedBlocks(INTERPLAY));
    expect(await readBlocks(interplay.nth(1))).toEqual(expectedBlocks(ANCHORING));

    const lbf = LBF.map(amount);
    const municipality = MUNICIPALITY.map(amount);
    const byYear = YEARS.map((_, i) => lbf[i]! + municipality[i]!);
    const budgetRow = (label: string, amounts: number[]) => [
      label,
      ...amounts.map(kr),
      kr(sum(amounts)),
    ];
    const tableRows = (selector: string) =>
      page
        .locator(`#financing ${selector} tbody tr`)
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent ?? "")),
        );
    // The template's two-column table for the period, then the years (they were entered).
    expect(await tableRows(".doc-financing")).toEqual([
      ["Landsbyggefonden", kr(sum(lbf))],
      ["Havbakke Kommune", kr(sum(municipality))],
      ["Samlet budget for indsatsområdet", kr(total)],
    ]);
    expect(await tableRows(".doc-financing-years")).toEqual([
      budgetRow("Landsbyggefonden", lbf),
      budgetRow("Havbakke Kommune", municipality),
      budgetRow("I alt", byYear),
    ]);
    expect(kr(total)).toBe("3.000.000 kr.");
    await page
      .getByRole("region", { name: "Finansiering", exact: true })
      .getByText("Landsbyggefondens andel: 73,3 %")
      .waitFor();

    expect(await page.locator("#staff td p").allTextContents()).toEqual(STAFF);
    await page.locator("#clauses").getByText(CONFLICT_HANDLING).waitFor();
    await page.locator("#clauses").getByText(REVISION_CLAUSE).waitFor();

    const checklist = page.getByRole("complementary", { name: "Tjekliste", includeHidden: true });
    expect(await checklist.locator(".badge").textContent()).toBe("Klar til godkendelse");
    const checks = checklist.locator(".checklist > li");
    expect(await checks.count()).toBeGreaterThan(ACTIVITIES.length);
    expect(await checks.evaluateAll((items) => items.map((li) => li.className))).toEqual(
      Array.from({ length: await checks.count() }, () => "ok"),
    );

    // --- printing hides the edit links, the checklist and the buttons -----------------------------
    const editLinks = page.getByRole("link", { name: /^Rediger/, includeHidden: true });
    // One per section, the working groups, one per row of the clauses table and one per activity.
    expect(await editLinks.count()).toBe(13 + ACTIVITIES.length);
    expect(await checklist.isVisible()).toBe(true);
    expect(await editLinks.first().isVisible()).toBe(true);
    await page.emulateMedia({ media: "print" });
    for (const link of await editLinks.all()) expect(await link.isVisible()).toBe(false);
    expect(await checklist.isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Udskriv" }).isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: "Hent som Word" }).isVisible()).toBe(false);
    expect(await page.locator("#parties").isVisible()).toBe(true);
    expect(await schemas.last().isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });

    // --- Word -------------------------------------------------------------------------------
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Hent som Word" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/Uddannelse og livschancer\.docx$/);
    // The file holds what was entered, read back as a Word reader sees it.
    const doc = readDocxBuffer(readFileSync(await download.path()));
    expect(doc.text).toContain(TITLE);
    for (const party of PARTIES) expect(doc.text).toContain(partyName(party));
    for (const member of MEMBERS) expect(doc.text).toContain(member.shows);
    expect(doc.bullets).toEqual(expect.arrayContaining([...PURPOSES, ...GOALS]));
    const rows = doc.tables.flat().map((cells) => cells.join(" | "));
    for (const criterion of [...CRITERIA, ...ACTIVITIES.flatMap((a) => a.criteria)]) {
      const row = rows.find((r) => r.includes(criterion.text));
      expect(row, criterion.text).toBeDefined();
      expect(row).toContain(criterion.dataSource);
    }
    // The activities' schemas (the fund's tables) in the order the page shows them.
    const schemaNames = doc.tables
      .map((table) => table.find((cells) => cells[0]?.trim() === "Aktivitetsnavn:")?.[1]?.trim())
      .filter(Boolean);
    expect(schemaNames).toEqual(titles);
    for (const line of [...STAFF, CONFLICT_HANDLING, REVISION_CLAUSE]) {
      expect(doc.text).toContain(line);
    }
    expect(doc.text).toContain("3.000.000");

    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
