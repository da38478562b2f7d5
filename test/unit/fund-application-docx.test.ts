/**
 * The dispositionsfond's Word documents, read back with the JavaScript reader (test/helpers/docx.ts;
 * pandoc reads them too in test/documents): the
 * application (headings, fact table, budget and funding tables with Danish amounts and totals,
 * key figures, and the guideline checklist only in the fund administration's copy) and the
 * decision letter (its wording for each of the three decisions, the granted amounts and the
 * report due dates), plus hostile text. The page header and the checklist's colours are checked
 * in the XML. Every name and figure is invented.
 */
import type { Document } from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applicationChecklist,
  computeApplicationTotals,
  DEFAULT_FUND_SETTINGS,
  type FundApplicationStatus,
  type FundRole,
  type FundSettings,
} from "~/domain/disposition-fund";
import {
  buildFundApplicationView,
  hasDecision,
  type DecidedFundApplicationView,
  type FundApplicationSource,
} from "~/domain/fund-application-view";
import { parseRichText } from "~/domain/rich-text";
import {
  ADMINISTRATION_COPY,
  buildDecisionLetterDocument,
  buildFundApplicationDocument,
  CHECKLIST_FILLS,
  FUND_APPLICATION_HEADINGS as H,
} from "../../templates/fund-application";
import { renderDocx } from "../../templates/render";
import { readDocxBuffer } from "../helpers/docx";
import { nodesOfType, textOf, type PandocNode } from "../helpers/pandoc";

interface ReadBack {
  text: string;
  headings: [number, string][];
  tables: string[][][];
  bullets: string[];
  /** The XML parts of the .docx by name. */
  parts: Record<string, string>;
}

async function readBack(doc: Document): Promise<ReadBack> {
  const read = readDocxBuffer(await renderDocx(doc));
  return {
    text: read.text,
    headings: read.headings,
    tables: read.tables,
    bullets: nodesOfType(read.ast.blocks, "BulletList").flatMap((l) =>
      (l.c as PandocNode[][]).map(textOf),
    ),
    parts: Object.fromEntries(read.files),
  };
}

/** The visible text of a piece of WordprocessingML (its w:t elements), entities decoded. */
function xmlText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join("")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function headerText(doc: ReadBack): string {
  const header = Object.entries(doc.parts).find(([name]) => /^word\/header\d*\.xml$/.test(name));
  return xmlText(header?.[1] ?? "");
}

/** The cells of the table row that contains `text`: each cell's text and its shading fill. */
function rowCells(xml: string, text: string): { text: string; fill: string | null }[] {
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
  const row = rows.find((r) => xmlText(r).includes(text));
  if (!row) throw new Error(`No table row with ${text}`);
  return [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => ({
    text: xmlText(cell),
    fill: /<w:shd\b[^>]*\bw:fill="([0-9A-Fa-f]{6})"/.exec(cell)?.[1]?.toUpperCase() ?? null,
  }));
}

/** The table whose first row starts with these cells. */
function tableStartingWith(doc: ReadBack, ...cells: string[]): string[][] {
  const table = doc.tables.find((rows) => cells.every((c, i) => rows[0]?.[i] === c));
  if (!table) throw new Error(`No table starting with ${cells.join(" | ")}`);
  return table;
}

const FUND: FundSettings = {
  ...DEFAULT_FUND_SETTINGS,
  maxYears: 4,
  minOwnSharePercent: 10,
  maxAmountPerTenancy: 600,
  reportDueMonthDay: "03-31",
};
const FUND_NAME = "Birkelundens Dispositionsfond";
const ORGANISATION = "Boligforeningen Birkelund";
const ESTATE = "Afd. 3 Hyldebærhaven";
const TITLE = "Lektiecafé og forældrenetværk i Hyldebærhaven";

const YEARS = [
  { year: 2026, requestedAmount: 120_000, ownContribution: 15_000 },
  { year: 2027, requestedAmount: 100_000, ownContribution: 15_000 },
  { year: 2028, requestedAmount: 70_000, ownContribution: 10_000 },
];
const FUNDING = [
  {
    kind: "lbf_plan" as const,
    planName: "Helhedsplan Birkelund Nord",
    name: null,
    amount: 50_000,
  },
  { kind: "external" as const, planName: null, name: "Rønnebær Fonden", amount: 30_000 },
];

interface SourceOptions {
  role?: FundRole;
  status?: FundApplicationStatus;
  title?: string;
  estate?: string;
  fundName?: string;
  organisation?: string;
  description?: string;
  conditions?: string | null;
  grant?: { year: number; amount: number }[] | null;
  decidedBy?: string | null;
}

/** The application page's data as getApplication returns it, with computed totals and checklist. */
function source(options: SourceOptions = {}): FundApplicationSource {
  const {
    role = "fund_admin",
    status = "submitted",
    title = TITLE,
    estate = ESTATE,
    fundName = FUND_NAME,
    organisation = ORGANISATION,
  } = options;
  const record = {
    title,
    // A given description is one paragraph as typed (not through the Markdown parser).
    description: options.description
      ? { blocks: [{ type: "paragraph" as const, content: [{ text: options.description }] }] }
      : parseRichText(
          "Lektiecaféen holder åbent tre eftermiddage om ugen i beboerhuset med frivillige fra gymnasiet.\n\n## Forældrenetværk\n\nEn gang om måneden mødes forældrene til fællesspisning.",
        ),
    purpose: parseRichText("- Flere børn klarer afgangsprøven\n- Forældre kender hinanden"),
    need: "preventive" as const,
    notOrdinaryActivity: true,
    startYear: 2026,
    endYear: 2028,
    tenancies: 180,
    years: YEARS,
    funding: FUNDING,
  };
  const decided = status === "approved" || status === "approved_reduced" || status === "rejected";
  const grantYears =
    options.grant !== undefined
      ? options.grant
      : status === "approved"
        ? YEARS.map((y) => ({ year: y.year, amount: y.requestedAmount }))
        : null;
  return {
    role,
    fund: { name: fundName, organisationName: organisation, reportDueMonthDay: "03-31" },
    estate: { name: estate },
    application: {
      ...record,
      status,
      assessment:
        "Indsatsen er ny og forebyggende.\n\nEgenfinansieringen ligger lidt under fondens forventning.",
      recommendation: "approve_reduced",
      assessedAt: "2026-02-20T10:00:00Z",
      assessedBy: "Bodil Krogh",
      decisionDate: decided ? "2026-03-12" : null,
      decisionConditions:
        options.conditions === undefined
          ? decided
            ? "Lektiecaféen evalueres efter første år.\n\nAfdelingen oplyser støtten i sin kommunikation."
            : null
          : options.conditions,
      decidedBy: decided
        ? options.decidedBy === undefined
          ? "Bodil Krogh"
          : options.decidedBy
        : null,
      // Just before midnight UTC: 1 February in Denmark.
      submittedAt: "2026-01-31T23:15:00Z",
      submittedBy: "Nadia Holt",
      createdBy: "Nadia Holt",
    },
    totals: computeApplicationTotals(record),
    checklist: applicationChecklist(record, FUND),
    grant: grantYears
      ? { years: grantYears, total: grantYears.reduce((sum, g) => sum + g.amount, 0) }
      : null,
  };
}

function decidedView(options: SourceOptions): DecidedFundApplicationView {
  const view = buildFundApplicationView(source(options));
  if (!hasDecision(view)) throw new Error("expected a decided application");
  return view;
}

describe("application document, the fund administration's copy", () => {
  let doc: ReadBack;
  beforeAll(async () => {
    doc = await readBack(buildFundApplicationDocument(buildFundApplicationView(source())));
  });

  it("has real headings: the title, then each section", () => {
    expect(doc.headings).toEqual([
      [1, `Ansøgning til ${FUND_NAME}`],
      [2, H.description],
      [2, H.purpose],
      [2, H.budget],
      [2, H.funding],
      [2, H.keyFigures],
      [2, H.checklist],
      [2, H.assessment],
    ]);
    expect(doc.text).toContain(TITLE);
  });

  it("opens with a fact table: estate, organisation, tenancies, period, need, status, submitted", () => {
    expect(doc.tables[0]).toEqual([
      ["Ansøgning", TITLE],
      ["Afdeling", ESTATE],
      ["Boligorganisation", ORGANISATION],
      ["Antal lejemål", "180"],
      ["Periode", "2026–2028 (3 år)"],
      ["Behov", "Forebyggende indsats"],
      ["Ikke en almindelig fællesaktivitet", "Bekræftet af ansøgeren"],
      ["Status", "Indsendt"],
      ["Indsendt", "1. februar 2026 af Nadia Holt"],
    ]);
  });

  it("renders the description and purpose as rich text", () => {
    expect(doc.text).toContain("Lektiecaféen holder åbent tre eftermiddage om ugen");
    expect(doc.text).toContain("Forældrenetværk");
    expect(doc.bullets).toEqual(["Flere børn klarer afgangsprøven", "Forældre kender hinanden"]);
  });

  it("has the budget per year with Danish amounts and totals", () => {
    expect(tableStartingWith(doc, "År", "Ansøgt beløb")).toEqual([
      ["År", "Ansøgt beløb", "Egenfinansiering", "I alt"],
      ["2026", "120.000 kr.", "15.000 kr.", "135.000 kr."],
      ["2027", "100.000 kr.", "15.000 kr.", "115.000 kr."],
      ["2028", "70.000 kr.", "10.000 kr.", "80.000 kr."],
      ["I alt", "290.000 kr.", "40.000 kr.", "330.000 kr."],
    ]);
  });

  it("lists the other funding (the LBF plan by name, the external fund) with its total", () => {
    expect(tableStartingWith(doc, "Type")).toEqual([
      ["Type", "Finansieringskilde", "Beløb i perioden"],
      ["Boligsocial helhedsplan (Landsbyggefonden)", "Helhedsplan Birkelund Nord", "50.000 kr."],
      ["Anden fond eller pulje", "Rønnebær Fonden", "30.000 kr."],
      ["I alt", "", "80.000 kr."],
    ]);
  });

  it("computes the key figures: total budget, own share and amounts per tenancy", () => {
    const figures = Object.fromEntries(
      doc.tables.find((t) => t[0]?.[0]?.startsWith("Samlet budget"))!.map((r) => [r[0], r[1]]),
    );
    expect(figures).toEqual({
      "Samlet budget (ansøgt, egenfinansiering og anden finansiering)": "410.000 kr.",
      "Ansøgt beløb i alt": "290.000 kr.",
      "Egenfinansiering i alt": "40.000 kr.",
      "Anden finansiering i alt": "80.000 kr.",
      // 40.000 of 410.000
      "Egenfinansieringens andel af budgettet": "9,8 %",
      // 290.000 / 3 years / 180 tenancies
      "Ansøgt beløb pr. lejemål pr. år (gennemsnit)": "537 kr.",
      // 120.000 / 180
      "Højeste ansøgte beløb pr. lejemål i et år": "667 kr.",
    });
  });

  it("shows the guideline checklist with each state in words and colour", () => {
    const checklist = tableStartingWith(doc, "Retningslinje");
    expect(checklist.map((r) => [r[0], r[1]])).toEqual([
      ["Retningslinje", "Vurdering"],
      ["Perioden er højst 4 år", "Opfyldt"],
      ["Ekstraordinær social indsats, ikke en almindelig fællesaktivitet", "Opfyldt"],
      ["Medfinansiering af en boligsocial helhedsplan", "Opfyldt"],
      ["Akut eller forebyggende behov", "Til orientering"],
      ["Egenfinansiering mindst 10 %", "Bør vurderes"],
      ["Højst 600 kr. pr. lejemål pr. år", "Bør vurderes"],
    ]);
    expect(checklist[5]![2]).toContain("Fonden forventer mindst 10 %.");
    expect(checklist[6]![2]).toContain("Fondens maksimum er 600 kr. pr. lejemål pr. år.");
    const xml = doc.parts["word/document.xml"]!;
    expect(rowCells(xml, "Perioden er højst 4 år")[1]).toEqual({
      text: "Opfyldt",
      fill: CHECKLIST_FILLS.ok,
    });
    expect(rowCells(xml, "Egenfinansiering mindst 10 %")[1]).toEqual({
      text: "Bør vurderes",
      fill: CHECKLIST_FILLS.warn,
    });
  });

  it("includes the assessment and the recommendation", () => {
    expect(doc.text).toContain("Egenfinansieringen ligger lidt under fondens forventning.");
    expect(doc.text).toContain("Indstilling: Indstilles til bevilling med lavere beløb");
  });

  it("names fund, application, status and copy in the page header and numbers the pages", () => {
    expect(headerText(doc)).toBe(`${FUND_NAME} · ${TITLE} · Indsendt · ${ADMINISTRATION_COPY}`);
    const footer = Object.entries(doc.parts)
      .filter(([name]) => /^word\/footer\d*\.xml$/.test(name))
      .map(([, xml]) => xml)
      .join("");
    expect(xmlText(footer)).toContain("Side ");
    expect(footer).toMatch(/NUMPAGES/);
  });
});

describe("application document, the applicant's copy", () => {
  it("leaves out the checklist and the assessment", async () => {
    const doc = await readBack(
      buildFundApplicationDocument(buildFundApplicationView(source({ role: "applicant" }))),
    );
    expect(doc.headings.map(([, text]) => text)).toEqual([
      `Ansøgning til ${FUND_NAME}`,
      H.description,
      H.purpose,
      H.budget,
      H.funding,
      H.keyFigures,
    ]);
    expect(doc.text).not.toContain("Bør vurderes");
    expect(doc.text).not.toContain("Indstilling");
    expect(headerText(doc)).toBe(`${FUND_NAME} · ${TITLE} · Indsendt`);
  });

  it("records the decision once the application is decided", async () => {
    const doc = await readBack(
      buildFundApplicationDocument(
        buildFundApplicationView(source({ role: "applicant", status: "approved" })),
      ),
    );
    expect(doc.headings.slice(-2)).toEqual([
      [2, H.decision],
      [3, H.conditions],
    ]);
    expect(doc.tables[0]).toContainEqual(["Afgjort", "12. marts 2026"]);
    expect(doc.tables[0]).toContainEqual(["Status", "Bevilget"]);
    expect(doc.text).toContain(
      `Organisationsbestyrelsen har den 12. marts 2026 besluttet at bevilge 290.000 kr. fra ${FUND_NAME} til «${TITLE}» for 2026–2028, som ansøgt.`,
    );
  });
});

describe("decision letter", () => {
  it("is only built for a decided application", () => {
    expect(buildFundApplicationView(source({ status: "submitted" })).decision).toBeNull();
    expect(hasDecision(buildFundApplicationView(source({ status: "draft" })))).toBe(false);
    expect(hasDecision(buildFundApplicationView(source({ status: "rejected" })))).toBe(true);
  });

  describe("approved as applied for", () => {
    let doc: ReadBack;
    beforeAll(async () => {
      doc = await readBack(buildDecisionLetterDocument(decidedView({ status: "approved" })));
    });

    it("is dated, addressed to the estate's board and has a subject line", () => {
      const lines = doc.text.split("\n");
      expect(lines.slice(0, 4)).toEqual([
        `${ORGANISATION}, 12. marts 2026`,
        "Afdelingsbestyrelsen",
        ESTATE,
        "c/o Nadia Holt",
      ]);
      expect(doc.headings[0]).toEqual([1, `Afgørelse om støtte fra ${FUND_NAME}`]);
      expect(doc.text).toContain(`Vedr.: Ansøgning om støtte til «${TITLE}» (2026–2028 (3 år))`);
    });

    it("states the decision in words and the granted amounts per year with the total", () => {
      expect(doc.text).toContain(
        `Organisationsbestyrelsen har den 12. marts 2026 besluttet at bevilge 290.000 kr. fra ${FUND_NAME} til «${TITLE}» for 2026–2028, som ansøgt.`,
      );
      expect(tableStartingWith(doc, "År", "Ansøgt", "Bevilget")).toEqual([
        ["År", "Ansøgt", "Bevilget"],
        ["2026", "120.000 kr.", "120.000 kr."],
        ["2027", "100.000 kr.", "100.000 kr."],
        ["2028", "70.000 kr.", "70.000 kr."],
        ["I alt", "290.000 kr.", "290.000 kr."],
      ]);
    });

    it("lists the conditions and the yearly report due dates", () => {
      expect(doc.headings.map(([, text]) => text)).toEqual([
        `Afgørelse om støtte fra ${FUND_NAME}`,
        H.granted,
        H.conditions,
        H.reports,
      ]);
      expect(doc.text).toContain("Lektiecaféen evalueres efter første år.");
      expect(doc.text).toContain("senest 31. marts året efter");
      expect(tableStartingWith(doc, "Afrapportering for")).toEqual([
        ["Afrapportering for", "Frist"],
        ["2026", "31. marts 2027"],
        ["2027", "31. marts 2028"],
        ["2028", "31. marts 2029"],
      ]);
    });

    it("closes with the fund administrator's name for the organisation board", () => {
      const lines = doc.text.split("\n");
      expect(lines.slice(-3)).toEqual([
        "Med venlig hilsen",
        "Bodil Krogh",
        `På vegne af organisationsbestyrelsen i ${ORGANISATION}`,
      ]);
      expect(headerText(doc)).toBe(`${FUND_NAME} · Afgørelse: ${TITLE}`);
    });
  });

  it("states a lower amount and grants it per year", async () => {
    const doc = await readBack(
      buildDecisionLetterDocument(
        decidedView({
          status: "approved_reduced",
          grant: [
            { year: 2026, amount: 100_000 },
            { year: 2027, amount: 80_000 },
            { year: 2028, amount: 60_000 },
          ],
        }),
      ),
    );
    expect(doc.text).toContain(
      `Organisationsbestyrelsen har den 12. marts 2026 besluttet at bevilge et lavere beløb end ansøgt: 240.000 kr. af de ansøgte 290.000 kr. fra ${FUND_NAME} til «${TITLE}» for 2026–2028.`,
    );
    expect(tableStartingWith(doc, "År", "Ansøgt", "Bevilget")).toEqual([
      ["År", "Ansøgt", "Bevilget"],
      ["2026", "120.000 kr.", "100.000 kr."],
      ["2027", "100.000 kr.", "80.000 kr."],
      ["2028", "70.000 kr.", "60.000 kr."],
      ["I alt", "290.000 kr.", "240.000 kr."],
    ]);
    expect(tableStartingWith(doc, "Afrapportering for")).toHaveLength(4);
  });

  it("states a rejection without amounts or report obligation", async () => {
    const doc = await readBack(
      buildDecisionLetterDocument(
        decidedView({
          status: "rejected",
          grant: null,
          conditions: "Fonden prioriterer i år akutte behov.",
        }),
      ),
    );
    expect(doc.text).toContain(
      `Organisationsbestyrelsen har den 12. marts 2026 besluttet at give afslag på ansøgningen om 290.000 kr. fra ${FUND_NAME} til «${TITLE}».`,
    );
    expect(doc.text).not.toContain("bevilge");
    expect(doc.headings.map(([, text]) => text)).toEqual([
      `Afgørelse om støtte fra ${FUND_NAME}`,
      H.remarks,
    ]);
    expect(doc.text).toContain("Fonden prioriterer i år akutte behov.");
    expect(doc.tables).toEqual([]);
  });

  it("leaves out an empty conditions section and a missing signer's name", async () => {
    const doc = await readBack(
      buildDecisionLetterDocument(
        decidedView({ status: "approved", conditions: "  ", decidedBy: null }),
      ),
    );
    expect(doc.headings.map(([, text]) => text)).not.toContain(H.conditions);
    expect(doc.text.split("\n").slice(-2)).toEqual([
      "Med venlig hilsen",
      `På vegne af organisationsbestyrelsen i ${ORGANISATION}`,
    ]);
  });
});

describe("hostile text", () => {
  const hostile = `Ærø & Søn <w:t>"fed"</w:t> 'citat' æøå 🏠 ]]> &amp;`;

  it("renders names, titles and texts as written in both documents", async () => {
    const options: SourceOptions = {
      status: "approved",
      title: `Projekt ${hostile}`,
      estate: `Afd. ${hostile}`,
      fundName: `Fond ${hostile}`,
      organisation: `Boligselskab ${hostile}`,
      description: `Klokke\u0007tekst ${hostile}`,
      conditions: `Vilkår ${hostile}\r\nNy linje`,
    };
    const application = await readBack(
      buildFundApplicationDocument(buildFundApplicationView(source(options))),
    );
    expect(application.headings[0]).toEqual([1, `Ansøgning til Fond ${hostile}`]);
    expect(application.tables[0]).toContainEqual(["Afdeling", `Afd. ${hostile}`]);
    // A control character cannot be stored in XML: it is dropped.
    expect(application.text).toContain(`Klokketekst ${hostile}`);
    expect(headerText(application)).toContain(`Fond ${hostile} · Projekt ${hostile}`);

    const letter = await readBack(buildDecisionLetterDocument(decidedView(options)));
    expect(letter.text).toContain(`til «Projekt ${hostile}» for 2026–2028, som ansøgt.`);
    // A Windows line break is one line break.
    expect(letter.text).toContain(`Vilkår ${hostile}\nNy linje`);
    expect(letter.text.split("\n").slice(0, 3)).toEqual([
      `Boligselskab ${hostile}, 12. marts 2026`,
      "Afdelingsbestyrelsen",
      `Afd. ${hostile}`,
    ]);
  });
});
