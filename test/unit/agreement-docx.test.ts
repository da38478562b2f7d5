/**
 * The agreement's Word document, read back with the JavaScript reader in test/helpers/docx.ts: text,
 * headings, lists, tables, header and footer. pandoc and LibreOffice read the same documents in
 * test/documents (`npm run test:documents`).
 */
import type { Document } from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAgreementView, type AgreementView } from "~/domain/agreement-view";
import { parseRichText, type RichText } from "~/domain/rich-text";
import {
  AGREEMENT_HEADINGS as H,
  buildAgreementDocument,
  buildAgreementSectionOptions,
} from "../../templates/agreement";
import { createDocument } from "../../templates/parts/document";
import { renderDocx } from "../../templates/render";
import { ACTIVITY_CRITERIA_NOTE, REVISION_CLAUSE_NOTE } from "~/domain/texts.da";
import {
  agreementRecord,
  criterionRecord,
  emptyAgreementRecord,
  fundingSourceRecord,
  goalRecords,
  partyRecord,
} from "../fixtures/agreement-record";
import { readDocxBuffer, unzipDocx, xmlPartText, type ReadDocx } from "../helpers/docx";
import { nodesOfType, textOf, type PandocDoc, type PandocNode } from "../helpers/pandoc";

// --- reading documents back ----------------------------------------------------------------

function bulletItems(ast: PandocDoc): string[] {
  return nodesOfType(ast.blocks, "BulletList").flatMap((list) =>
    (list.c as PandocNode[][]).map(textOf),
  );
}

const unzip = (buffer: Uint8Array) => unzipDocx(buffer);
const xmlText = xmlPartText;

async function writeDocx(doc: Document): Promise<{ buffer: Buffer }> {
  return { buffer: await renderDocx(doc) };
}

type ReadBack = ReadDocx & { buffer: Buffer };

async function readBack(doc: Document): Promise<ReadBack> {
  const { buffer } = await writeDocx(doc);
  return { ...readDocxBuffer(buffer), buffer };
}

function richLines(text: RichText | null): string[] {
  return (text?.blocks ?? []).flatMap((b) =>
    b.type === "list"
      ? b.items.map((item) => item.map((r) => r.text).join(""))
      : [b.content.map((r) => r.text).join("")],
  );
}

/** Every piece of text the view holds that the document must show. */
function viewValues(view: AgreementView): string[] {
  const criteria = view.criteria.concat(view.activities.flatMap((a) => a.criteria));
  return [
    view.title,
    view.openingClause,
    view.plan.name,
    ...[...view.parties.primary, ...view.parties.secondary].flatMap((g) => [
      g.heading,
      ...g.parties.flatMap((p) => [p.name, p.contact]),
    ]),
    ...view.workingGroups.flatMap((g) => [g.name, ...g.members.map((m) => m.text)]),
    ...richLines(view.problemStatement),
    view.purposesLeadIn,
    ...view.purposes,
    view.goalsLeadIn,
    ...view.goals.flatMap((g) => [g.text, ...g.subGoals.map((s) => s.text)]),
    ...richLines(view.primaryTargetGroup),
    ...richLines(view.method),
    ...criteria.flatMap((c) => [c.text, c.dataSource, c.baseline?.text, c.target?.text]),
    ...view.activities.flatMap((a) => [
      `Aktivitet: ${a.title}`,
      ...richLines(a.content),
      ...a.purposes,
      ...a.targetGroups,
      ...a.responsibilities.flatMap((r) => [r.party, ...r.duties]),
    ]),
    ...richLines(view.municipalInterplay),
    ...richLines(view.anchoring),
    ...[...view.budget.lbf, ...view.budget.local].map((line) => line.label),
    ...view.staff.map((s) => s.text),
    ...richLines(view.conflictHandling),
    ...richLines(view.revisionClause),
    REVISION_CLAUSE_NOTE,
    ACTIVITY_CRITERIA_NOTE,
    view.validityText,
  ].filter((value): value is string => Boolean(value));
}

const OPTIONAL_HEADINGS = [
  H.parties,
  H.primary,
  H.secondary,
  H.problem,
  H.purpose,
  H.method,
  H.criteria,
  H.activities,
  H.interplay,
  H.anchoring,
  H.financing,
  H.staff,
  H.conflict,
  H.revision,
  H.schemas,
  H.activityContent,
  H.activityTargetGroups,
  H.activityCriteria,
  H.activityRoles,
];

// --- the complete agreement ------------------------------------------------------------------

describe("agreement document", () => {
  const view = buildAgreementView(agreementRecord());
  let doc: ReadBack;
  beforeAll(async () => {
    doc = await readBack(buildAgreementDocument(view));
  });

  it("shows every value of the agreement", () => {
    const values = viewValues(view);
    expect(values.length).toBeGreaterThan(60);
    for (const value of values) expect(doc.text, value).toContain(value);
    expect(doc.plain).toContain(view.title);
  });

  it("puts the sections in the template's order", () => {
    const markers = [
      view.title,
      view.openingClause,
      H.planName,
      view.plan.name,
      H.parties,
      H.primary,
      "Ejendomskontor Kildeparken Nord",
      "Arbejdsgruppen for naboskab",
      H.secondary,
      "Kildeparkens Idrætsforening",
      H.problem,
      "Tryghedsmålingen fra 2022",
      H.purpose,
      view.purposes[0]!,
      view.goals[0]!.text,
      "kortlægning af ønsker",
      "Lokalt opstillede målinger (succeskriterier)",
      H.activities,
      H.interplay,
      H.anchoring,
      H.financing,
      "Samlet budget",
      H.staff,
      H.conflict,
      H.revision,
      REVISION_CLAUSE_NOTE,
      H.validity,
      view.validityText,
      H.schemas,
      "Aktivitet: Gårdfester i afdelingerne (jf. CFBU)",
      "fire gårdfester",
      ACTIVITY_CRITERIA_NOTE,
      "indkalder frivilliggruppen",
      "Aktivitet: Lektiecafé på biblioteket",
      "holder åbent til kl. 18",
    ];
    const positions = markers.map((m) => doc.text.indexOf(m));
    markers.forEach((marker, i) => {
      expect(positions[i], marker).toBeGreaterThan(i ? positions[i - 1]! : -1);
    });
  });

  it("uses real Word headings at the right levels", () => {
    const activityHeadings = (title: string): [number, string][] => [
      [2, `Aktivitet: ${title}`],
      [3, H.activityContent],
      [3, H.activityPurposes],
      [3, H.activityTargetGroups],
      [3, H.activityCriteria],
      [3, H.activityRoles],
    ];
    expect(doc.headings).toEqual([
      [1, "Delaftale for indsatsområdet Sammenhængskraft og medborgerskab"],
      [2, H.planName],
      [2, H.parties],
      [3, H.primary],
      [4, "Ejendomskontorer"],
      [4, "Afdelingsbestyrelser"],
      [3, "Arbejdsgruppen for naboskab"],
      [3, H.secondary],
      [2, H.problem],
      [2, H.purpose],
      [3, H.purposes],
      [3, H.goals],
      [3, H.method],
      [3, H.criteria],
      [2, H.activities],
      [2, H.interplay],
      [2, H.anchoring],
      [2, H.financing],
      [2, H.staff],
      [2, H.conflict],
      [2, H.revision],
      [2, H.validity],
      [1, `${H.schemas}: Sammenhængskraft og medborgerskab`],
      ...activityHeadings("Gårdfester i afdelingerne (jf. CFBU)"),
      ...activityHeadings("Lektiecafé på biblioteket"),
    ]);
    // A sub-heading the user wrote inside a text is bold text, not a heading of the document.
    expect(doc.text).toContain("Få deltager i fællesskabet");
    expect(doc.headings.map(([, text]) => text)).not.toContain("Få deltager i fællesskabet");
  });

  it("shows the opening clause in bold", () => {
    const strong = nodesOfType(doc.ast.blocks, "Strong").map(textOf);
    expect(strong).toContain(view.openingClause);
  });

  it("uses real lists, not typed bullets", () => {
    const items = bulletItems(doc.ast);
    for (const item of [
      ...view.purposes,
      ...view.goals.map((g) => g.text),
      ...view.activities.map((a) => a.listTitle),
      ...view.staff.map((s) => s.text),
      ...view.workingGroups.flatMap((g) => g.members.map((m) => m.text)),
      ...view.activities.flatMap((a) => [
        ...a.purposes,
        ...a.targetGroups,
        ...a.responsibilities.flatMap((r) => r.duties),
      ]),
      "musik og mad fra gårdens køkkener",
    ]) {
      expect(items, item).toContain(item);
    }
    expect(doc.orderedLists).toEqual([
      {
        start: 1,
        items: ["kortlægning af ønsker", "opstart af grupper", "overdragelse til foreninger"],
      },
    ]);
    expect(doc.text.split("\n").filter((line) => /^\s*[•·-]\s/.test(line))).toEqual([]);
  });

  it("has the success criteria table with baseline and target under each criterion", () => {
    const table = doc.tables.find((t) => t[0]?.[0]?.startsWith("Lokalt opstillede målinger"));
    expect(table).toEqual([
      ["Lokalt opstillede målinger (succeskriterier)", "Datakilde"],
      [
        "Andelen af beboere, der kender mindst fem naboer, stiger.\nUdgangspunkt: 48 % (2022)\nMål: 65 % (2026)",
        "Tryghedsmåling 2026",
      ],
      ["Der er mindst 40 aktive frivillige.", "Sekretariatets frivilligliste"],
    ]);
    const activityTables = doc.tables.filter((t) => t[0]?.[0] === "Succeskriterier");
    expect(activityTables).toEqual([
      [
        ["Succeskriterier", "Datakilde"],
        ["Der holdes fire gårdfester om året.\nMål: 4 fester (2024)", "Sekretariatets optælling"],
        ["80 % af deltagerne vil komme igen.", "Spørgeskema efter hver fest"],
      ],
      [
        ["Succeskriterier", "Datakilde"],
        ["25 elever bruger lektiecaféen hver uge.", "Bibliotekets fremmødeliste"],
      ],
    ]);
  });

  it("has the financing table per year and in total", () => {
    const table = doc.tables.find((t) => t[0]?.[0] === "Organisation");
    expect(table).toEqual([
      ["Organisation", "2023", "2024", "2025", "2026", "I alt"],
      [
        "Landsbyggefonden",
        "750.000 kr.",
        "750.000 kr.",
        "750.000 kr.",
        "750.000 kr.",
        "3.000.000 kr.",
      ],
      [
        "Lokal medfinansiering",
        "240.000 kr.",
        "250.000 kr.",
        "260.000 kr.",
        "270.000 kr.",
        "1.020.000 kr.",
      ],
      [
        "Kildeby Kommune",
        "180.000 kr.",
        "190.000 kr.",
        "200.000 kr.",
        "210.000 kr.",
        "780.000 kr.",
      ],
      [
        "Boligforeningen Egebo",
        "60.000 kr.",
        "60.000 kr.",
        "60.000 kr.",
        "60.000 kr.",
        "240.000 kr.",
      ],
      [
        "Samlet budget",
        "990.000 kr.",
        "1.000.000 kr.",
        "1.010.000 kr.",
        "1.020.000 kr.",
        "4.020.000 kr.",
      ],
    ]);
  });

  it("states the validity period with Danish dates", () => {
    expect(doc.plain).toContain("Aftalen gælder fra den 1. januar 2023 – 31. december 2026.");
  });

  it("has a header naming the plan, focus area and status, and a 'Side X af Y' footer", () => {
    const parts = unzip(doc.buffer);
    const header = [...parts].find(([name]) => /^word\/header\d+\.xml$/.test(name))?.[1] ?? "";
    const footer = [...parts].find(([name]) => /^word\/footer\d+\.xml$/.test(name))?.[1] ?? "";
    expect(xmlText(header)).toBe(
      "Boligsocial helhedsplan Kildeparken · Sammenhængskraft og medborgerskab · Udkast",
    );
    expect(xmlText(footer)).toBe("Side  af ");
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(parts.get("word/styles.xml")).toContain('w:lang w:val="da-DK"');
  });

  it("is a pure function of the view, which may come from a JSON snapshot", async () => {
    const again = await writeDocx(buildAgreementDocument(JSON.parse(JSON.stringify(view))));
    const first = unzip(doc.buffer);
    const second = unzip(again.buffer);
    expect([...second.keys()]).toEqual([...first.keys()]);
    // docx stamps the time of packing into the core properties; every other part is the same.
    for (const [name, xml] of first) {
      if (name !== "docProps/core.xml") expect(second.get(name), name).toBe(xml);
    }
  });
});

// --- variants ---------------------------------------------------------------------------------

describe("agreement document variants", () => {
  it("lists several Landsbyggefonden sources under Landsbyggefonden", async () => {
    const view = buildAgreementView(
      agreementRecord({
        fundingSources: [
          fundingSourceRecord(1, "lbf", [500_000, 500_000, 0, 0], { name: "Driftsstøtte" }),
          fundingSourceRecord(2, "lbf", [0, 0, 400_000, 400_000], { name: "Kapitaltilførsel" }),
          fundingSourceRecord(3, "other", [25_000, 25_000, 25_000, 25_000], { name: "Fonden X" }),
        ],
      }),
    );
    const doc = await readBack(buildAgreementDocument(view));
    expect(doc.tables.find((t) => t[0]?.[0] === "Organisation")?.map((row) => row[0])).toEqual([
      "Organisation",
      "Landsbyggefonden",
      "Driftsstøtte",
      "Kapitaltilførsel",
      "Lokal medfinansiering",
      "Fonden X",
      "Samlet budget",
    ]);
    expect(doc.tables.find((t) => t[0]?.[0] === "Organisation")?.at(-1)).toEqual([
      "Samlet budget",
      "525.000 kr.",
      "525.000 kr.",
      "425.000 kr.",
      "425.000 kr.",
      "1.900.000 kr.",
    ]);
  });

  it("leaves out every optional section, with its heading, when it is empty", async () => {
    const view = buildAgreementView(
      emptyAgreementRecord({
        // Blank list items and a budget of zeros count as empty too.
        purposes: ["  "],
        goals: goalRecords([""]),
        fundingSources: [fundingSourceRecord(1, "lbf", [0, 0, 0, 0])],
      }),
    );
    const doc = await readBack(buildAgreementDocument(view));
    expect(doc.headings).toEqual([
      [1, view.title],
      [2, H.planName],
      [2, H.validity],
    ]);
    for (const heading of OPTIONAL_HEADINGS) expect(doc.plain).not.toContain(heading);
    expect(doc.plain).not.toContain(REVISION_CLAUSE_NOTE);
    expect(doc.plain).not.toContain(ACTIVITY_CRITERIA_NOTE);
    expect(doc.tables).toEqual([]);
    expect(nodesOfType(doc.ast.blocks, "BulletList")).toEqual([]);
    expect(doc.text).toBe(
      [
        view.title,
        view.openingClause,
        H.planName,
        view.plan.name,
        H.validity,
        view.validityText,
      ].join("\n"),
    );
  });

  it("starts each numbered list at 1", async () => {
    const view = buildAgreementView(
      agreementRecord({ anchoring: parseRichText("1. første skridt\n2. andet skridt") }),
    );
    const doc = await readBack(buildAgreementDocument(view));
    expect(doc.orderedLists).toEqual([
      {
        start: 1,
        items: ["kortlægning af ønsker", "opstart af grupper", "overdragelse til foreninger"],
      },
      { start: 1, items: ["første skridt", "andet skridt"] },
    ]);
  });

  it("renders hostile text, Danish letters, emoji and a very long paragraph as written", async () => {
    const hostile = `Ærø & Søn <b>"fed"</b> 'citat' æøå ÆØÅ 🏠👩‍👩‍👧 ]]> &amp;`;
    let long = "Langt afsnit om trivsel og tryghed i Kildeparken, æøå & <ting>. ".repeat(200);
    long = `${long.slice(0, 9_999)}x`;
    const record = agreementRecord({
      plan: { ...agreementRecord().plan, name: `Helhedsplan ${hostile}` },
      focusArea: { id: 4, name: `Tryghed ${hostile}` },
      parties: [
        partyRecord(1, "primary", `Forening ${hostile}`, { groupHeading: `Gruppe ${hostile}` }),
        partyRecord(2, "secondary", "Klokke\u0007forening"),
        partyRecord(3, "secondary", "Første linje\r\nAnden linje"),
      ],
      problemStatement: {
        blocks: [
          { type: "paragraph", content: [{ text: "Fed: " }, { text: hostile, bold: true }] },
          { type: "paragraph", content: [{ text: long }] },
          { type: "list", ordered: false, items: [[{ text: `Punkt ${hostile}` }]] },
        ],
      },
      successCriteria: [criterionRecord(1, `Kriterium ${hostile}`, `Kilde ${hostile}`)],
    });
    const view = buildAgreementView(record);
    const doc = await readBack(buildAgreementDocument(view));

    for (const text of [
      `Delaftale for indsatsområdet Tryghed ${hostile}`,
      `Helhedsplan ${hostile}`,
      `Forening ${hostile}`,
      `Fed: ${hostile}`,
      `Punkt ${hostile}`,
    ]) {
      expect(doc.text, text).toContain(text);
      expect(doc.plain, text).toContain(text);
    }
    expect(doc.headings).toContainEqual([1, `Delaftale for indsatsområdet Tryghed ${hostile}`]);
    expect(doc.headings).toContainEqual([4, `Gruppe ${hostile}`]);
    expect(nodesOfType(doc.ast.blocks, "Strong").map(textOf)).toContain(hostile);
    expect(bulletItems(doc.ast)).toContain(`Punkt ${hostile}`);
    expect(doc.tables[0]?.[1]).toEqual([`Kriterium ${hostile}`, `Kilde ${hostile}`]);
    // A control character cannot be stored in XML: it is dropped, the rest of the name is kept.
    expect(doc.text).toContain("Klokkeforening");
    // A Windows line break in a name is one line break in Word.
    expect(doc.text).toContain("Første linje\nAnden linje");

    expect(long).toHaveLength(10_000);
    const paragraphs = nodesOfType(doc.ast.blocks, "Para").map(textOf);
    expect(paragraphs).toContain(long);

    const header = [...unzip(doc.buffer)].find(([name]) => name.startsWith("word/header"))?.[1];
    expect(xmlText(header ?? "")).toContain(`Helhedsplan ${hostile} · Tryghed ${hostile}`);
  });

  it("puts several agreements into one document for a whole plan", async () => {
    const first = buildAgreementView(agreementRecord());
    const second = buildAgreementView(
      agreementRecord({ id: 12, focusArea: { id: 5, name: "Uddannelse og livschancer" } }),
    );
    const doc = await readBack(
      createDocument({
        title: first.plan.name,
        sections: [first, second].map(buildAgreementSectionOptions),
      }),
    );
    expect(doc.headings.filter(([level]) => level === 1).map(([, text]) => text)).toEqual([
      first.title,
      `${H.schemas}: Sammenhængskraft og medborgerskab`,
      second.title,
      `${H.schemas}: Uddannelse og livschancer`,
    ]);
    const headers = [...unzip(doc.buffer)]
      .filter(([name]) => name.startsWith("word/header"))
      .map(([, xml]) => xmlText(xml));
    expect(headers).toHaveLength(2);
    expect(headers.some((h) => h.includes("Uddannelse og livschancer"))).toBe(true);
  });
});
