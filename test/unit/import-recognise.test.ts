/**
 * The recogniser's parts (issue 13): label tolerance, amounts, dates, party and member lines,
 * criteria, activities, and the review screen's moves (place, discard) with the word accounting.
 * Documents are small SourceDocuments shaped as the reader yields them (test/helpers).
 */
import { describe, expect, it } from "vitest";
import {
  pairActivityList,
  parseResponsibilityLine,
  splitReference,
} from "~/domain/import/activities";
import { isNoAmount, parseAmount, parseAmountLine } from "~/domain/import/amounts";
import { parseCriterionLine, parseMeasure } from "~/domain/import/criteria";
import { findDates, parseValidity } from "~/domain/import/dates";
import { fundingKind } from "~/domain/import/financing";
import { matchLabel, type LabelKey } from "~/domain/import/labels";
import { parseMemberLine, parsePartyText, parsePerson } from "~/domain/import/parties";
import { discardBlock, importCoverage, placeBlock } from "~/domain/import/place";
import { templateEditionOf } from "~/domain/import/label-walk";
import { MIN_SECTIONS_FOR_AGREEMENT, recogniseAgreement } from "~/domain/import/recognise";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import { emptyActivity } from "~/domain/import/activities";
import { b, h, li, p, sourceDocument, table, type BlockSpec } from "../helpers/source-document";

const TITLE = h("Delaftale for indsatsområdet Tryghed og trivsel", 1);

function recognise(specs: BlockSpec[]) {
  const doc = sourceDocument(specs);
  return { doc, recognition: recogniseAgreement(doc) };
}

describe("labels", () => {
  const cases: [string, LabelKey][] = [
    ["Problemkompleks for indsatsområdet", "problem"],
    ["Problemkompleks for indsatsområdet:", "problem"],
    ["PROBLEMKOMPLEKS FOR INDSATSOMRÅDET :", "problem"],
    ["  Problemkompleks   for\nindsatsområdet ", "problem"],
    ["Problemkompleks for indsatsomraadet", "problem"],
    ["Problemkomplekset", "problem"],
    ["Medarbejder ressourcer på indsatsområdet", "staff"],
    ["Medarbejderressourcer", "staff"],
    ["Primære samarbejdspartner", "primary"],
    ["Sekundære samarbejdspartnere:", "secondary"],
    ["Formål:", "purposes"],
    ["Formal", "purposes"],
    ["Mål", "goals"],
    ["Metoder", "method"],
    ["Lokalt opstillede målinger (succeskriterier):", "criteria"],
    ["Datakilde:", "data-source"],
    [
      "Aktiviteter som skal bidrage til indfrielse af formål og lokalt fastsatte mål/målinger:",
      "activity-list",
    ],
    ["Samspil med og supplement til den kommunale indsats i boligområdet", "interplay"],
    ["Forankring af aktiviteterne inden for temaet", "anchoring"],
    ["Samlet budget for indsatsområdet", "financing-total"],
    ["Konflikthåndtering og underretning:", "conflict"],
    [
      "Revision af delaftalen (Eventuelle reviderede aftaler skal ikke fremsendes til Landsbyggefonden):",
      "revision",
    ],
    ["Delaftalen gælder fra:", "validity"],
    ["Aktivitetsskemaer: Tryghed og trivsel", "schemas"],
    [
      "Aktiviteter, som skal bidrage til indfrielsen af mål for indsatsområdet (tilføj skemaer, - ét skema pr. aktivitet):",
      "schemas",
    ],
    ["Aktivitetsnavn:", "activity-name"],
    ["Indhold og praksis (aktivitetsbeskrivelse):", "activity-content"],
    ["Organisering, ansvar og rollefordeling:", "activity-roles"],
    ["(OBS: Disse skal fremgå af aktivitetsskemaet)", "activity-criteria-note"],
  ];
  it.each(cases)("%j is the %s label", (text, key) => {
    expect(matchLabel(text)?.key).toBe(key);
  });

  it("reads the labels a schema shares with the agreement as the schema's inside one", () => {
    expect(matchLabel("Formål:", true)?.key).toBe("activity-purposes");
    expect(matchLabel("Målgruppe(r):", true)?.key).toBe("activity-target-groups");
    expect(matchLabel("Målgruppe(r):", false)?.key).toBe("primary-target-group");
    expect(matchLabel("Succeskriterier:", true)?.key).toBe("activity-criteria");
    expect(matchLabel("Succeskriterier:", false)?.key).toBe("criteria");
  });

  it("takes lead-in lines as lead-ins of their list", () => {
    expect(matchLabel("Formålet er:")).toEqual({ key: "purposes", leadIn: true });
    expect(matchLabel("Målet er:")).toEqual({ key: "goals", leadIn: true });
    expect(matchLabel("Formål med indsatsen er:", true)).toEqual({
      key: "activity-purposes",
      leadIn: true,
    });
  });

  it("does not bend short words or ordinary sentences into labels", () => {
    expect(matchLabel("Mad")).toBeNull();
    expect(matchLabel("Mål i 2026")).toBeNull();
    expect(matchLabel("De boligsociale aktiviteter er:")).toBeNull();
    expect(matchLabel("Ejendomskontorer")).toBeNull();
    expect(matchLabel("Det Boligsociale Sekretariat:")).toBeNull();
    // Not bold, not a heading: only an exact label counts.
    expect(matchLabel("Metode", false, true)?.key).toBe("method");
    expect(matchLabel("Metodr", false, true)).toBeNull();
    expect(matchLabel("Metodr")?.key).toBe("method");
  });

  const forms: [string, BlockSpec[]][] = [
    [
      "a heading",
      [h("Problemkompleks for indsatsområdet:"), p("Utrygheden er størst om aftenen.")],
    ],
    ["a bold paragraph", [b("Problemkompleks"), p("Utrygheden er størst om aftenen.")]],
    [
      "the first cell of a two-column table",
      [table([["problemkompleks for indsatsområdet", "Utrygheden er størst om aftenen."]])],
    ],
    [
      "a bold run at the start of the paragraph",
      [
        p([
          { text: "Problemkompleks:", bold: true },
          { text: " Utrygheden er størst om aftenen." },
        ]),
      ],
    ],
  ];
  it.each(forms)("recognises a label written as %s", (_form, specs) => {
    const { recognition } = recognise([TITLE, ...specs]);
    expect(recognition.draft.problemStatement).toEqual({
      blocks: [{ type: "paragraph", content: [{ text: "Utrygheden er størst om aftenen." }] }],
    });
    expect(recognition.sectionsFound).toContain("problem");
  });
});

describe("amounts", () => {
  it.each([
    ["3.962.000", 3_962_000, false],
    ["3.962.000 kr.", 3_962_000, false],
    ["kr. 3.962.000", 3_962_000, false],
    ["3 962 000 kr", 3_962_000, false],
    ["3962000", 3_962_000, false],
    ["kr. 3,962 mio.", 3_962_000, true],
    ["3,9 mio. kr.", 3_900_000, true],
    ["1,25 mio", 1_250_000, true],
  ])("%j is %d kr.", (text, amount, millions) => {
    expect(parseAmount(text)).toEqual({ amount, millions });
  });

  it("refuses what is not one amount", () => {
    expect(parseAmount("3.962,50 kr.")).toBeNull();
    expect(parseAmount("ca. 4 mio. over fire år")).toBeNull();
    expect(parseAmount("Landsbyggefonden")).toBeNull();
    expect(isNoAmount("–")).toBe(true);
    expect(isNoAmount("-")).toBe(true);
    expect(isNoAmount("0 kr.")).toBe(false);
  });

  it("reads a name with its amount on one line", () => {
    expect(parseAmountLine("Landsbyggefonden: 3.962.000 kr.")).toMatchObject({
      name: "Landsbyggefonden",
      amount: 3_962_000,
    });
    expect(parseAmountLine("Lokal medfinansiering\tkr. 2,078 mio.")).toMatchObject({
      name: "Lokal medfinansiering",
      amount: 2_078_000,
      millions: true,
    });
    expect(parseAmountLine("Samlet budget 2017-2021")).toBeNull();
  });

  it("knows the kind of a funding source from its name", () => {
    expect(fundingKind("Landsbyggefonden (Driftsstøtte)")).toBe("lbf");
    expect(fundingKind("Lokal medfinansiering")).toBe("local");
    expect(fundingKind("Kildeby Kommune")).toBe("municipality");
    expect(fundingKind("Boligselskabet Vesterbo")).toBe("housing_organisation");
    expect(fundingKind("Boligforeningen Egebo")).toBe("housing_organisation");
    expect(fundingKind("Egedal Fonden")).toBe("other");
  });

  it("notes an amount read from millions, and leaves the total out", () => {
    const { recognition } = recognise([
      TITLE,
      h("Finansiering"),
      p("Landsbyggefonden\tkr. 3,962 mio."),
      p("Vesterå Kommune: 1.250.000"),
      p("I alt 5.212.000"),
    ]);
    expect(recognition.draft.fundingSources).toEqual([
      { kind: "lbf", name: "Landsbyggefonden", periodTotal: 3_962_000, amounts: [] },
      { kind: "municipality", name: "Vesterå Kommune", periodTotal: 1_250_000, amounts: [] },
    ]);
    expect(recognition.notes).toContain(
      "Beløbet «kr. 3,962 mio.» blev læst som 3.962.000 kr. Kontrollér det.",
    );
    expect(recognition.destinations[4]).toEqual({ kind: "label", section: "financing" });
  });

  it("reads per-year tables, with '–' for a year without an amount", () => {
    const { recognition } = recognise([
      TITLE,
      table([
        ["Organisation", "Finansiering"],
        ["Landsbyggefonden", "2.000.000 kr."],
        ["Lokal medfinansiering", "600.000 kr."],
        ["Samlet budget for indsatsområdet", "2.600.000 kr."],
      ]),
      table([
        ["Finansiering pr. år", "2023", "2024", "I alt"],
        ["Landsbyggefonden", "1.000.000 kr.", "1.000.000 kr.", "2.000.000 kr."],
        ["Lokal medfinansiering", "–", "–", "600.000 kr."],
        ["I alt", "–", "–", "2.600.000 kr."],
      ]),
    ]);
    expect(recognition.draft.fundingSources).toEqual([
      {
        kind: "lbf",
        name: "Landsbyggefonden",
        periodTotal: null,
        amounts: [
          { year: 2023, amount: 1_000_000 },
          { year: 2024, amount: 1_000_000 },
        ],
      },
      { kind: "local", name: "Lokal medfinansiering", periodTotal: 600_000, amounts: [] },
    ]);
    expect(recognition.destinations.filter((d) => d.kind === "unplaced")).toEqual([]);
  });
});

describe("dates", () => {
  it.each([
    ["1. marts 2017 – 28. februar 2021"],
    ["fra 1. marts 2017 til 28. februar 2021"],
    ["01.03.2017-28.02.2021"],
    ["Aftalen gælder fra den 1. marts 2017 – 28. februar 2021."],
    ["1/3 2017 - 28/2 2021"],
  ])("%j is 2017-03-01 to 2021-02-28", (text) => {
    expect(parseValidity(text)).toEqual({ validFrom: "2017-03-01", validTo: "2021-02-28" });
  });

  it("drops impossible dates and periods that end before they start", () => {
    expect(findDates("31. februar 2021 og 1. jan. 2022")).toEqual(["2022-01-01"]);
    expect(parseValidity("28. februar 2021 – 1. marts 2017")).toBeNull();
    expect(parseValidity("Aftalen gælder i fire år")).toBeNull();
  });
});

describe("parties and working-group members", () => {
  it("reads an organisation with its contact, on two lines or one", () => {
    const contact = { name: "Ib Sandholm", title: "ejendomsleder" };
    expect(
      parsePartyText("EF-ejendomskontor\nv. ejendomsleder Ib Sandholm", "primary", null),
    ).toEqual({
      tier: "primary",
      groupHeading: null,
      organisation: "EF-ejendomskontor",
      label: null,
      contact,
    });
    expect(
      parsePartyText("EF-ejendomskontor, v. ejendomsleder Ib Sandholm", "secondary", "Drift"),
    ).toEqual({
      tier: "secondary",
      groupHeading: "Drift",
      organisation: "EF-ejendomskontor",
      label: null,
      contact,
    });
    expect(parsePartyText("beboerne i afdelingen", "primary", null)?.label).toBe(
      "beboerne i afdelingen",
    );
  });

  it("splits a contact's title from the name", () => {
    expect(parsePerson("udviklingskonsulent Karen Bøgelund Holt")).toEqual({
      name: "Karen Bøgelund Holt",
      title: "udviklingskonsulent",
    });
    expect(parsePerson("Sekretariatsleder Hanne Vinkel Søgaard")).toEqual({
      name: "Hanne Vinkel Søgaard",
      title: "Sekretariatsleder",
    });
    expect(parsePerson("Ida von Gersdorf")).toEqual({ name: "Ida von Gersdorf", title: null });
  });

  it.each([
    [
      "En repræsentant fra SSP (Peter Nørskov)",
      { count: 1, description: "repræsentant", organisation: "SSP", names: "Peter Nørskov" },
    ],
    [
      "3 beboerdemokrater (Aske, Berit, Carlo)",
      {
        count: 3,
        description: "beboerdemokrater",
        organisation: null,
        names: "Aske, Berit, Carlo",
      },
    ],
    [
      "En boligsocial medarbejder (Ida von Gersdorf)",
      {
        count: 1,
        description: "boligsocial medarbejder",
        organisation: null,
        names: "Ida von Gersdorf",
      },
    ],
    [
      "Signe Lykkegaard, koordinator (Sekretariatet for Kildeparken)",
      {
        count: null,
        description: null,
        person: { name: "Signe Lykkegaard", title: "koordinator" },
        organisation: "Sekretariatet for Kildeparken",
      },
    ],
    [
      "Social- og Sundhedsforvaltningen, Kildeby Kommune (Hanne Vinkel Søgaard)",
      {
        count: null,
        organisation: "Social- og Sundhedsforvaltningen, Kildeby Kommune",
        names: "Hanne Vinkel Søgaard",
        person: null,
      },
    ],
    [
      "Social- og Sundhedsforvaltningen, Kildeby Kommune\n(Hanne Vinkel Søgaard)",
      {
        count: null,
        organisation: "Social- og Sundhedsforvaltningen, Kildeby Kommune",
        names: "Hanne Vinkel Søgaard",
        person: null,
      },
    ],
  ])("reads the member line %j", (line, expected) => {
    expect(parseMemberLine(line)).toMatchObject(expected);
  });

  it("walks tiers, group sub-headings and working groups", () => {
    const { recognition } = recognise([
      TITLE,
      h("Aftalens parter:"),
      b("Primære samarbejdspartner"),
      b("Ejendomskontorer"),
      p("K7, ejendomskontor\nv. ejendomsleder Søren Ravnkilde"),
      p("PAB8 ejendomskontor"),
      p("v. ejendomsleder Kasper Tolstrup"),
      p("Social- og Sundhedsforvaltningen, Kildeby Kommune"),
      p("Sekretariatsleder Hanne Vinkel Søgaard"),
      b("Arbejdsgruppe (alle aktiviteter)"),
      p("En repræsentant fra ejendomskontorerne"),
      li("4 beboerdemokrater (Aske, Berit, Carlo, Dorte)"),
      b("Sekundære samarbejdspartner"),
      p("Kildeby Kirke\nPræst Marianne Lund"),
    ]);
    const d = recognition.draft;
    expect(d.parties.map((x) => [x.tier, x.groupHeading, x.organisation, x.contact])).toEqual([
      [
        "primary",
        "Ejendomskontorer",
        "K7, ejendomskontor",
        { name: "Søren Ravnkilde", title: "ejendomsleder" },
      ],
      [
        "primary",
        "Ejendomskontorer",
        "PAB8 ejendomskontor",
        { name: "Kasper Tolstrup", title: "ejendomsleder" },
      ],
      [
        "primary",
        "Ejendomskontorer",
        "Social- og Sundhedsforvaltningen, Kildeby Kommune",
        { name: "Hanne Vinkel Søgaard", title: "Sekretariatsleder" },
      ],
      ["secondary", null, "Kildeby Kirke", { name: "Marianne Lund", title: "Præst" }],
    ]);
    expect(d.workingGroups).toHaveLength(1);
    expect(d.workingGroups[0]!.name).toBe("Arbejdsgruppe (alle aktiviteter)");
    expect(d.workingGroups[0]!.members.map((m) => [m.count, m.description])).toEqual([
      [1, "repræsentant"],
      [4, "beboerdemokrater"],
    ]);
    expect(recognition.destinations.some((x) => x.kind === "unplaced")).toBe(false);
  });
});

describe("purposes, goals and rich text", () => {
  it("reads lead-ins, goals with delmål (nested or written), and sub-headings", () => {
    const { recognition } = recognise([
      TITLE,
      h("Problemkompleks for indsatsområdet"),
      p([{ text: "Mange er " }, { text: "utrygge", italic: true }, { text: "." }]),
      b("Stor forskel fra afdeling til afdeling"),
      p("I en afdeling er 85 % trygge, i en anden 53 %."),
      h("Formål og lokalt opstillede målinger for indsatsområdet:"),
      h("Formål:", 4),
      h("Formålet er:", 4),
      li("• at styrke fællesskaberne"),
      b("Målet er:"),
      li("at udbygge beboernes netværk"),
      li("færre klager over støj", 1),
      li("at flere føler sig trygge"),
      p("Delmål: bedre belysning"),
      h("Metode", 4),
      p("Vi arbejder med\ntre afdelinger ad gangen."),
    ]);
    const d = recognition.draft;
    expect(d.problemStatement?.blocks.map((x) => x.type)).toEqual([
      "paragraph",
      "heading",
      "paragraph",
    ]);
    expect(d.problemStatement?.blocks[0]).toEqual({
      type: "paragraph",
      content: [{ text: "Mange er " }, { text: "utrygge", italic: true }, { text: "." }],
    });
    expect(d.purposesLeadIn).toBe("Formålet er:");
    expect(d.purposes).toEqual(["at styrke fællesskaberne"]);
    expect(d.goalsLeadIn).toBe("Målet er:");
    expect(d.goals).toEqual([
      { text: "at udbygge beboernes netværk", subGoals: ["færre klager over støj"] },
      { text: "at flere føler sig trygge", subGoals: ["bedre belysning"] },
    ]);
    expect(d.method).toEqual({
      blocks: [
        { type: "paragraph", content: [{ text: "Vi arbejder med\ntre afdelinger ad gangen." }] },
      ],
    });
  });

  it("reads delmål after a «Delmål» label under the last goal", () => {
    const { recognition } = recognise([
      TITLE,
      h("Mål"),
      li("at flere føler sig trygge"),
      b("Delmål:"),
      li("bedre belysning"),
      li("færre klager"),
    ]);
    expect(recognition.draft.goals).toEqual([
      { text: "at flere føler sig trygge", subGoals: ["bedre belysning", "færre klager"] },
    ]);
  });

  it("takes a validity line only outside the schemas", () => {
    const { recognition } = recognise([
      TITLE,
      b("Aktivitetsnavn:"),
      p("Sommerlejr"),
      b("Indhold og praksis:"),
      p("Aftalen gælder fra 1. juni 2024 til 31. august 2024 for lejren."),
      table([["Delaftalen gælder fra:", "1. marts 2017 – 28. februar 2021"]]),
    ]);
    expect([recognition.draft.validFrom, recognition.draft.validTo]).toEqual([
      "2017-03-01",
      "2021-02-28",
    ]);
    expect(recognition.draft.activities[0]?.content?.blocks).toHaveLength(1);
  });

  it("marks empty paragraphs empty and leaves text before the title unplaced", () => {
    const { recognition } = recognise([p("UDKAST 3"), p(""), TITLE, p("   ")]);
    expect(recognition.destinations.map((d) => d.kind)).toEqual([
      "unplaced",
      "empty",
      "section",
      "empty",
    ]);
  });
});

describe("criteria", () => {
  it("reads baselines and targets as numbers or as written", () => {
    expect(parseMeasure("48 % (2022)")).toEqual({ value: 48, unit: "%", year: 2022, text: null });
    expect(parseMeasure("4 fester (2024)")).toEqual({
      value: 4,
      unit: "fester",
      year: 2024,
      text: null,
    });
    expect(parseMeasure("11,5 (2020)")).toEqual({
      value: 11.5,
      unit: null,
      year: 2020,
      text: null,
    });
    expect(parseMeasure("53 %, 66 % og 68 % (2016)")).toEqual({
      value: null,
      unit: null,
      year: 2016,
      text: "53 %, 66 % og 68 %",
    });
    expect(parseMeasure("42 % (2016) – gennemsnit af tre afdelinger")).toEqual({
      value: 42,
      unit: "%",
      year: 2016,
      text: "gennemsnit af tre afdelinger",
    });
  });

  it("reads a criterion with its data source on one line", () => {
    expect(
      parseCriterionLine("10 nye frivillige om året – datakilde: Sekretariatets liste"),
    ).toEqual({
      text: "10 nye frivillige om året",
      dataSource: "Sekretariatets liste",
      baseline: null,
      target: null,
    });
    expect(parseCriterionLine("Færre klager (datakilde: Ejendomskontoret)")?.dataSource).toBe(
      "Ejendomskontoret",
    );
    expect(parseCriterionLine("Færre klager om året")).toBeNull();
  });

  it("reads criteria from a table, from list lines, and from alternating paragraphs", () => {
    const { recognition } = recognise([
      TITLE,
      table([
        ["Lokalt opstillede målinger (succeskriterier):", "Datakilde:"],
        [
          [
            p("Andelen af trygge beboere stiger."),
            p("Udgangspunkt: 75 % (2016)"),
            p("Mål: 85 % (2020)"),
          ],
          "Tryghedsundersøgelse 2020",
        ],
      ]),
      h("Succeskriterier"),
      li("10 nye frivillige om året – datakilde: Sekretariatets liste"),
      li("Udgangspunkt: 4 (2016)"),
      li("En film med 2000 visninger"),
    ]);
    expect(recognition.draft.successCriteria).toEqual([
      {
        text: "Andelen af trygge beboere stiger.",
        dataSource: "Tryghedsundersøgelse 2020",
        baseline: { value: 75, unit: "%", year: 2016, text: null },
        target: { value: 85, unit: "%", year: 2020, text: null },
      },
      {
        text: "10 nye frivillige om året",
        dataSource: "Sekretariatets liste",
        baseline: { value: 4, unit: null, year: 2016, text: null },
        target: null,
      },
      { text: "En film med 2000 visninger", dataSource: "", baseline: null, target: null },
    ]);
    expect(recognition.notes).toContain(
      "Succeskriteriet «En film med 2000 visninger» har ingen datakilde.",
    );
  });
});

describe("activity schemas", () => {
  it("reads a schema written as bold labels run together, as in older files", () => {
    const { recognition } = recognise([
      TITLE,
      h("Aktiviteter som skal bidrage til indfrielse af formål og mål"),
      li("Velkomst (jf. CFBU)"),
      b(
        "Aktiviteter, som skal bidrage til indfrielsen af mål for indsatsområdet (tilføj skemaer):",
      ),
      p([
        { text: "Aktivitetsnavn:", bold: true },
        { text: "Din afdeling – din tryghed (jf. CFBU/ Naboambassadører)", bold: true },
        { text: "Indhold og praksis (aktivitetsbeskrivelse):", bold: true },
      ]),
      p("Nye beboere får besøg af en naboambassadør."),
      p([
        { text: "Formål:", bold: true },
        { text: "Formål med indsatsen er:", bold: true },
      ]),
      li("at øge trygheden"),
      b("Målgruppe(r):"),
      li("nye beboere"),
      b("Succeskriterier og datakilde for aktiviteten:"),
      p("(OBS: Disse skal fremgå af aktivitetsskemaet)"),
      p([
        { text: "Succeskriterier:", bold: true },
        { text: "Datakilde:", bold: true },
      ]),
      p("Rekrutteret 15 naboambassadører."),
      p("Sekretariatet registrerer årligt."),
      b("Organisering, ansvar og rollefordeling:"),
      p([
        { text: "Det Boligsociale Sekretariat:", bold: true },
        { text: " rekrutterer, uddanner" },
      ]),
      b("Afdelingsbestyrelser:"),
      li("er ejere af aktiviteten"),
      table([["Ejendomskontorerne", [li("orienterer ambassadørerne")]]]),
    ]);
    const [activity] = recognition.draft.activities;
    expect(recognition.draft.activities).toHaveLength(1);
    expect(activity).toMatchObject({
      name: "Din afdeling – din tryghed",
      reference: "jf. CFBU/ Naboambassadører",
      shortName: "Velkomst",
      content: {
        blocks: [
          { type: "paragraph", content: [{ text: "Nye beboere får besøg af en naboambassadør." }] },
        ],
      },
      purposesLeadIn: "Formål med indsatsen er:",
      purposes: ["at øge trygheden"],
      targetGroups: ["nye beboere"],
      criteria: [
        {
          text: "Rekrutteret 15 naboambassadører.",
          dataSource: "Sekretariatet registrerer årligt.",
          baseline: null,
          target: null,
        },
      ],
      responsibilities: [
        { party: "Det Boligsociale Sekretariat", duties: ["rekrutterer", "uddanner"] },
        { party: "Afdelingsbestyrelser", duties: ["er ejere af aktiviteten"] },
        { party: "Ejendomskontorerne", duties: ["orienterer ambassadørerne"] },
      ],
    });
    expect(recognition.destinations.filter((d) => d.kind === "unplaced")).toEqual([]);
    expect(recognition.destinations[6]).toEqual({
      kind: "section",
      section: "activity",
      activity: 0,
    });
  });

  it("reads a roles row whose first cell holds the party and its duties", () => {
    const { recognition } = recognise([
      TITLE,
      table([
        ["Aktivitetsnavn:", "Naboskabsapp"],
        [[b("Organisering, ansvar og rollefordeling:")], ""],
        [[b("Det Boligsociale Sekretariat:"), li("• koordinerer samarbejdet")], ""],
        ["Afdelingsbestyrelsen", [li("udvælger opgangen"), li("evaluerer")]],
      ]),
    ]);
    expect(recognition.draft.activities[0]?.responsibilities).toEqual([
      { party: "Det Boligsociale Sekretariat", duties: ["koordinerer samarbejdet"] },
      { party: "Afdelingsbestyrelsen", duties: ["udvælger opgangen", "evaluerer"] },
    ]);
  });

  it("splits references and responsibility lines, and pairs the list with the schemas", () => {
    expect(splitReference("Gårdfester (jf. CFBU)")).toEqual({
      name: "Gårdfester",
      reference: "jf. CFBU",
    });
    expect(splitReference("Lektiecafé (for unge)")).toEqual({
      name: "Lektiecafé (for unge)",
      reference: null,
    });
    expect(parseResponsibilityLine("Kildeby Bibliotek: lægger lokaler til, holder åbent")).toEqual({
      party: "Kildeby Bibliotek",
      duties: ["lægger lokaler til", "holder åbent"],
    });
    expect(parseResponsibilityLine("Vi gør det sådan her. Og så: noget")).toBeNull();
    const paired = pairActivityList(
      ["Lektiecafé", "Fester (jf. CFBU)"],
      [emptyActivity("Gårdfester i afdelingerne"), emptyActivity("Lektiecafé")],
    );
    expect(paired.map((a) => a.shortName)).toEqual(["Fester", null]);
  });
});

describe("template edition and what is not an agreement", () => {
  it("knows both editions' opening clauses, also in the documents' own wording", () => {
    expect(templateEditionOf(OPENING_CLAUSE_DEFAULTS.older)).toBe("older");
    expect(templateEditionOf(OPENING_CLAUSE_DEFAULTS["2018"])).toBe("2018");
    expect(
      templateEditionOf(
        "Bestyrelsen for den boligsociale indsats har ansvar for, at denne delaftale løbende ajourføres.",
      ),
    ).toBe("older");
    expect(templateEditionOf("Velkommen til vores nyhedsbrev")).toBeNull();
  });

  it("finds too few sections in a document that is no delaftale", () => {
    const { recognition, doc } = recognise([
      h("Referat af afdelingsmøde", 1),
      p("Mødet blev holdt i beboerhuset. 34 beboere deltog."),
      b("Dagsorden"),
      li("Valg af dirigent"),
      li("Budget for 2024"),
      p("Budgettet blev godkendt. Huslejen stiger med 2,1 %."),
    ]);
    expect(recognition.sectionsFound.length).toBeLessThan(MIN_SECTIONS_FOR_AGREEMENT);
    expect(importCoverage(doc, recognition).placedShare).toBeLessThan(0.5);
  });
});

describe("placing and discarding by hand", () => {
  function unplacedDoc() {
    return recognise([
      TITLE,
      h("Problemkompleks"),
      p("Utryghed om aftenen."),
      h("Formål"),
      li("at øge trygheden"),
      h("Aktivitetsskemaer"),
      p([{ text: "Et afsnit med " }, { text: "fed", bold: true }, { text: " tekst." }]),
      p("Kildeby Kommune: 400.000 kr."),
      p("Noget helt andet"),
    ]);
  }

  it("starts with the expected blocks unplaced", () => {
    const { recognition } = unplacedDoc();
    expect(recognition.destinations.map((d) => d.kind)).toEqual([
      "section",
      "label",
      "section",
      "label",
      "section",
      "label",
      "unplaced",
      "unplaced",
      "unplaced",
    ]);
  });

  it("appends a paragraph to rich text keeping its bold, and leaves the old recognition alone", () => {
    const { doc, recognition } = unplacedDoc();
    const before = structuredClone(recognition);
    const placed = placeBlock(recognition, doc.blocks[6]!, { section: "problem" });
    expect(placed.draft.problemStatement?.blocks[1]).toEqual({
      type: "paragraph",
      content: [{ text: "Et afsnit med " }, { text: "fed", bold: true }, { text: " tekst." }],
    });
    expect(placed.destinations[6]).toEqual({ kind: "section", section: "problem" });
    expect(recognition).toEqual(before);
  });

  it("adds an item to a list section, a criterion without data source, a funding line", () => {
    const { doc, recognition } = unplacedDoc();
    let r = placeBlock(recognition, doc.blocks[8]!, { section: "purpose" });
    expect(r.draft.purposes).toEqual(["at øge trygheden", "Noget helt andet"]);
    r = placeBlock(recognition, doc.blocks[8]!, { section: "criteria" });
    expect(r.draft.successCriteria).toEqual([
      { text: "Noget helt andet", dataSource: "", baseline: null, target: null },
    ]);
    r = placeBlock(recognition, doc.blocks[7]!, { section: "financing" });
    expect(r.draft.fundingSources).toEqual([
      { kind: "municipality", name: "Kildeby Kommune", periodTotal: 400_000, amounts: [] },
    ]);
    expect(r.sectionsFound).toContain("financing");
  });

  it("puts text into an activity, or a new one, and refuses one that does not exist", () => {
    const { doc, recognition } = unplacedDoc();
    const r = placeBlock(recognition, doc.blocks[8]!, { section: "activity", activity: 0 });
    expect(r.draft.activities).toHaveLength(1);
    expect(r.destinations[8]).toEqual({ kind: "section", section: "activity", activity: 0 });
    expect(() =>
      placeBlock(recognition, doc.blocks[8]!, { section: "activity", activity: 3 }),
    ).toThrow(Error);
    expect(() => placeBlock(recognition, doc.blocks[8]!, { section: "financing" })).toThrow(
      /intet navn med et beløb/,
    );
    expect(() => placeBlock(recognition, doc.blocks[8]!, { section: "validity" })).toThrow(Error);
  });

  it("records a discard with who and when, and counts every word", () => {
    const { doc, recognition } = unplacedDoc();
    const before = importCoverage(doc, recognition);
    expect(before).toEqual({
      words: 27,
      placedWords: 12,
      labelWords: 3,
      unplacedWords: 12,
      discardedWords: 0,
      emptyBlocks: 0,
      placedShare: 15 / 27,
    });
    let r = discardBlock(recognition, 8, 7, "2026-12-05T08:00:00.000Z");
    expect(r.destinations[8]).toEqual({
      kind: "discarded",
      userId: 7,
      at: "2026-12-05T08:00:00.000Z",
    });
    r = placeBlock(r, doc.blocks[6]!, { section: "problem" });
    r = placeBlock(r, doc.blocks[7]!, { section: "financing" });
    const after = importCoverage(doc, r);
    expect(after).toMatchObject({ placedWords: 21, unplacedWords: 0, discardedWords: 3 });
    expect(after.placedWords + after.labelWords + after.unplacedWords + after.discardedWords).toBe(
      after.words,
    );
    expect(() => discardBlock(recognition, 99, 7, "2026-12-05T08:00:00.000Z")).toThrow(Error);
  });
});

describe("the fund's measurements table with more sections in it", () => {
  it("reads the criteria, then the activity list and interplay rows as label | content", () => {
    const { recognition } = recognise([
      TITLE,
      table([
        [[b("Lokalt opstillede målinger (succeskriterier):")], [b("Datakilde:")]],
        ["Der er rekrutteret 10 nye frivillige om året.", "Måling v. sekretariatet."],
        [[b("Aktiviteter som skal bidrage til indfrielse af formål og lokalt fastsatte mål:")], ""],
        [[li("• Din afdeling – din tryghed"), li("• Afprøve naboskabsapp.")], ""],
        [[b("Samspil med og supplement til den kommunale indsats i boligområdet:")], ""],
        [[b("De boligsociale aktiviteter er:"), li("en fremskudt indsats")], ""],
      ]),
    ]);
    const d = recognition.draft;
    expect(d.successCriteria).toEqual([
      {
        text: "Der er rekrutteret 10 nye frivillige om året.",
        dataSource: "Måling v. sekretariatet.",
        baseline: null,
        target: null,
      },
    ]);
    expect(d.activityList).toEqual(["Din afdeling – din tryghed", "Afprøve naboskabsapp."]);
    expect(d.municipalInterplay).toEqual({
      blocks: [
        { type: "heading", content: [{ text: "De boligsociale aktiviteter er:" }] },
        { type: "list", ordered: false, items: [[{ text: "en fremskudt indsats" }]] },
      ],
    });
    expect(recognition.destinations.filter((x) => x.kind === "unplaced")).toEqual([]);
  });
});
