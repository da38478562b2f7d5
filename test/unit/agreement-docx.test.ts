/**
 * The agreement's Word document, read back with the JavaScript reader in test/helpers/docx.ts: text,
 * headings, lists, tables (label | content in the second half, as in the fund's template), header
 * and footer. pandoc and LibreOffice read the same documents in test/documents
 * (`npm run test:documents`).
 */
import type { Document } from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CLAUSE_LABELS,
  FINANCING_LABELS,
  SCHEMA_CRITERIA_HEADER,
  SCHEMA_LABELS,
  SCHEMAS_LEAD,
} from "~/domain/agreement-layout";
import {
  buildAgreementView,
  type AgreementRecord,
  type AgreementView,
} from "~/domain/agreement-view";
import { parseRichText, type RichText } from "~/domain/rich-text";
import {
  AGREEMENT_HEADINGS as H,
  buildAgreementDocument,
  buildAgreementSectionOptions,
} from "../../templates/agreement";
import { createDocument } from "../../templates/parts/document";
import { renderDocx } from "../../templates/render";
import {
  ACTIVITY_CRITERIA_NOTE,
  DEFAULT_CONFLICT_HANDLING,
  DEFAULT_REVISION_CLAUSE,
} from "~/domain/texts.da";
import {
  agreementRecord,
  criterionRecord,
  emptyAgreementRecord,
  fundingSourceRecord,
  goalRecords,
  partyRecord,
} from "../fixtures/agreement-record";
import { readDocxBuffer, unzipDocx, xmlPartText, type ReadDocx } from "../helpers/docx";
import {
  nodesOfType,
  textOf,
  type PandocDoc,
  type PandocNode,
  type PandocTable,
} from "../helpers/pandoc";

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
    ...view.goals.flatMap((g) => [g.text, ...g.subGoals.map((s) => `Delmål: ${s.text}`)]),
    ...richLines(view.primaryTargetGroup),
    ...richLines(view.method),
    ...criteria.flatMap((c) => [c.text, c.dataSource, c.baseline?.text, c.target?.text]),
    ...view.activities.flatMap((a) => [
      a.title,
      a.listTitle,
      ...richLines(a.content),
      a.purposesLeadIn,
      ...a.purposes,
      a.targetGroupsLeadIn,
      ...a.targetGroups,
      ...a.responsibilities.flatMap((r) => [r.party, ...r.duties]),
    ]),
    ...richLines(view.municipalInterplay),
    ...richLines(view.anchoring),
    ...[...view.budget.lbf, ...view.budget.local].map((line) => line.label),
    ...view.staff.map((s) => s.text),
    ...richLines(view.conflictHandling),
    ...richLines(view.revisionClause),
    ...Object.values(CLAUSE_LABELS),
    ACTIVITY_CRITERIA_NOTE,
    view.validityText,
  ].filter((value): value is string => Boolean(value));
}

/** The second half's tables as label → content, by their first label. */
function labelTable(doc: ReadDocx, firstLabel: string): [string, string][] | undefined {
  return doc.tables
    .find((t) => t[0]?.[0] === firstLabel && t[0].length === 2)
    ?.map(([label, content]) => [label ?? "", content ?? ""]);
}

/** The top-level tables of the body in order, with each cell's blocks (nested tables inside). */
function topTables(doc: ReadDocx): PandocNode[][][][] {
  return doc.ast.blocks
    .filter((b) => b.t === "Table")
    .map((table) => {
      const [, , , head, bodies] = table.c as PandocTable;
      return [...head[1], ...bodies.flatMap((b) => [...b[2], ...b[3]])].map(([, cells]) =>
        cells.map((cell) => cell[4]),
      );
    });
}

const schemaTables = (doc: ReadDocx) =>
  topTables(doc).filter((t) => textOf(t[0]?.[0]) === SCHEMA_LABELS.name);

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
  H.schemas,
];

/** The complete agreement with the template's optional parts: lead-ins, delmål, target group. */
function fullRecord(overrides: Partial<AgreementRecord> = {}): AgreementRecord {
  const base = agreementRecord();
  return agreementRecord({
    purposesLeadIn: "Formålet er:",
    goalsLeadIn: "Målet er:",
    goals: [
      { id: 61, parentId: null, text: "at 40 beboere er aktive frivillige i 2026", position: 1 },
      { id: 62, parentId: 61, text: "20 frivillige er aktive i 2024", position: 1 },
      { id: 63, parentId: 61, text: "30 frivillige er aktive i 2025", position: 2 },
      { id: 64, parentId: null, text: "at flere beboere stoler på deres naboer", position: 2 },
    ],
    primaryTargetGroup: parseRichText("Børnefamilier og ældre beboere i afdelingerne."),
    activities: base.activities.map((a, i) =>
      i === 0
        ? {
            ...a,
            shortName: "Gårdfester",
            purposesLeadIn: "Formålet med gårdfesterne er:",
            targetGroupsLeadIn: "Målgrupperne er:",
          }
        : a,
    ),
    ...overrides,
  });
}

// --- the complete agreement ------------------------------------------------------------------

describe("agreement document", () => {
  const view = buildAgreementView(fullRecord());
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
      "Formålet er:",
      view.purposes[0]!,
      "Målet er:",
      "at 40 beboere er aktive frivillige i 2026",
      "Delmål: 20 frivillige er aktive i 2024",
      "at flere beboere stoler på deres naboer",
      H.targetGroup,
      "Børnefamilier og ældre beboere",
      "kortlægning af ønsker",
      "Lokalt opstillede målinger (succeskriterier)",
      H.activities,
      "Gårdfester (jf. CFBU)",
      H.interplay,
      H.anchoring,
      FINANCING_LABELS.organisation,
      FINANCING_LABELS.total,
      FINANCING_LABELS.yearly,
      CLAUSE_LABELS.staff,
      CLAUSE_LABELS.conflict,
      CLAUSE_LABELS.revision,
      CLAUSE_LABELS.validity,
      view.validityText,
      H.schemas,
      SCHEMAS_LEAD,
      SCHEMA_LABELS.name,
      "Gårdfester i afdelingerne (jf. CFBU)",
      "fire gårdfester",
      ACTIVITY_CRITERIA_NOTE,
      "indkalder frivilliggruppen",
      "Lektiecafé på biblioteket",
      "holder åbent til kl. 18",
    ];
    // Each marker is found after the one before it (names appear in the list and the schemas).
    let position = -1;
    for (const marker of markers) {
      const next = doc.text.indexOf(marker, position + 1);
      expect(next, marker).toBeGreaterThan(position);
      position = next;
    }
  });

  it("has headings for the first half and one for the activity schemas, none in the tables", () => {
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
      [3, H.targetGroup],
      [3, H.method],
      [3, H.criteria],
      [2, H.activities],
      [2, H.interplay],
      [2, H.anchoring],
      [1, `${H.schemas}: Sammenhængskraft og medborgerskab`],
    ]);
    // A sub-heading the user wrote inside a text is bold text, not a heading of the document.
    expect(doc.text).toContain("Få deltager i fællesskabet");
    expect(doc.headings.map(([, text]) => text)).not.toContain("Få deltager i fællesskabet");
  });

  it("shows the opening clause and the lead-ins in bold", () => {
    const strong = nodesOfType(doc.ast.blocks, "Strong").map(textOf);
    expect(strong).toContain(view.openingClause);
    for (const leadIn of ["Formålet er:", "Målet er:", "Formålet med gårdfesterne er:"]) {
      expect(strong).toContain(leadIn);
    }
  });

  it("uses real lists, not typed bullets", () => {
    const items = doc.bullets;
    for (const item of [
      ...view.purposes,
      ...view.goals.map((g) => g.text),
      ...view.activities.map((a) => a.listTitle),
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

  it("lists each goal's delmål one level in under it", () => {
    const goals = nodesOfType(doc.ast.blocks, "BulletList").find((list) =>
      textOf(list).startsWith("at 40 beboere"),
    );
    const items = (goals?.c ?? []) as PandocNode[][];
    expect(items.map((item) => textOf(item[0]))).toEqual([
      "at 40 beboere er aktive frivillige i 2026",
      "at flere beboere stoler på deres naboer",
    ]);
    const nested = items[0]?.find((block) => block.t === "BulletList");
    expect((nested?.c as PandocNode[][]).map(textOf)).toEqual([
      "Delmål: 20 frivillige er aktive i 2024",
      "Delmål: 30 frivillige er aktive i 2025",
    ]);
  });

  it("lists the activities by their short names, and names them in full in their schemas", () => {
    const list = nodesOfType(doc.ast.blocks, "BulletList").find((l) =>
      textOf(l).startsWith("Gårdfester (jf. CFBU)"),
    );
    expect((list?.c as PandocNode[][]).map(textOf)).toEqual([
      "Gårdfester (jf. CFBU)",
      "Lektiecafé på biblioteket",
    ]);
    expect(schemaTables(doc).map((t) => textOf(t[0]?.[1]))).toEqual([
      "Gårdfester i afdelingerne (jf. CFBU)",
      "Lektiecafé på biblioteket",
    ]);
  });

  it("has the agreement's success criteria table with baseline and target under each criterion", () => {
    const table = doc.tables.find((t) => t[0]?.[0]?.startsWith("Lokalt opstillede målinger"));
    expect(table).toEqual([
      ["Lokalt opstillede målinger (succeskriterier)", "Datakilde"],
      [
        "Andelen af beboere, der kender mindst fem naboer, stiger.\nUdgangspunkt: 48 % (2022)\nMål: 65 % (2026)",
        "Tryghedsmåling 2026",
      ],
      ["Der er mindst 40 aktive frivillige.", "Sekretariatets frivilligliste"],
    ]);
  });

  it("has the template's Organisation | Finansiering table with period totals", () => {
    expect(labelTable(doc, FINANCING_LABELS.organisation)).toEqual([
      [FINANCING_LABELS.organisation, FINANCING_LABELS.financing],
      ["Landsbyggefonden", "3.000.000 kr."],
      ["Kildeby Kommune", "780.000 kr."],
      ["Boligforeningen Egebo", "240.000 kr."],
      [FINANCING_LABELS.total, "4.020.000 kr."],
    ]);
  });

  it("has the per-year table after it, as there are yearly amounts", () => {
    const index = (first: string) => doc.tables.findIndex((t) => t[0]?.[0] === first);
    expect(index(FINANCING_LABELS.yearly)).toBe(index(FINANCING_LABELS.organisation) + 1);
    expect(doc.tables[index(FINANCING_LABELS.yearly)]).toEqual([
      [FINANCING_LABELS.yearly, "2023", "2024", "2025", "2026", "I alt"],
      ["Landsbyggefonden", ...Array(4).fill("750.000 kr."), "3.000.000 kr."],
      [
        "Kildeby Kommune",
        "180.000 kr.",
        "190.000 kr.",
        "200.000 kr.",
        "210.000 kr.",
        "780.000 kr.",
      ],
      ["Boligforeningen Egebo", ...Array(4).fill("60.000 kr."), "240.000 kr."],
      [
        FINANCING_LABELS.yearlyTotal,
        "990.000 kr.",
        "1.000.000 kr.",
        "1.010.000 kr.",
        "1.020.000 kr.",
        "4.020.000 kr.",
      ],
    ]);
  });

  it("has staff, conflict handling, revision and validity as label | content rows", () => {
    expect(labelTable(doc, CLAUSE_LABELS.staff)).toEqual([
      [CLAUSE_LABELS.staff, view.staff.map((s) => s.text).join("\n")],
      [CLAUSE_LABELS.conflict, DEFAULT_CONFLICT_HANDLING.join("\n")],
      [CLAUSE_LABELS.revision, DEFAULT_REVISION_CLAUSE.join("\n")],
      [CLAUSE_LABELS.validity, "Aftalen gælder fra den 1. januar 2023 – 31. december 2026."],
    ]);
    expect(CLAUSE_LABELS.revision).toBe(
      "Revision af delaftalen (Reviderede delaftaler sendes ikke til Landsbyggefonden, men fonden kan til enhver tid bede om den gældende version):",
    );
  });

  it("has one schema table per activity with the template's labels", () => {
    const schemas = schemaTables(doc);
    expect(schemas).toHaveLength(2);
    const [first, second] = schemas.map((t) =>
      t.map((row) => [textOf(row[0]), row[1] ?? []] as const),
    );
    expect(first!.map(([label]) => label)).toEqual(Object.values(SCHEMA_LABELS));
    const content = new Map(first!.map(([label, blocks]) => [label, blocks]));
    expect(textOf(content.get(SCHEMA_LABELS.content))).toBe(
      "Beboerne inviteres til fire gårdfester om året i skiftende afdelinger.\n" +
        "Festerne planlægges af en frivilliggruppe med støtte fra sekretariatet.\n" +
        "musik og mad fra gårdens køkkener\nlege for børn i alle aldre",
    );
    expect(textOf(content.get(SCHEMA_LABELS.purposes))).toBe(
      "Formålet med gårdfesterne er:\nat skabe kendskab mellem naboer\nat finde nye frivillige",
    );
    expect(textOf(content.get(SCHEMA_LABELS.targetGroups))).toBe(
      "Målgrupperne er:\nbeboere i Kildeparken\nnye tilflyttere",
    );
    expect(textOf(content.get(SCHEMA_LABELS.roles))).toBe(
      "Sekretariatet for Kildeparken:\nindkalder frivilliggruppen\nsøger lokale midler\n" +
        "Boligforeningen Egebo (afdelingsbestyrelserne):\nstiller fælleslokaler til rådighed",
    );
    // The parties are bold, their duties a real list.
    const roles = content.get(SCHEMA_LABELS.roles)!;
    expect(nodesOfType(roles, "Strong").map(textOf)).toEqual([
      "Sekretariatet for Kildeparken:",
      "Boligforeningen Egebo (afdelingsbestyrelserne):",
    ]);
    expect(nodesOfType(roles, "BulletList")).toHaveLength(2);
    // The criteria: the fund's note, then a Succeskriterier: | Datakilde: table in the cell.
    const criteria = content.get(SCHEMA_LABELS.criteria)!;
    expect(textOf(criteria[0])).toBe(ACTIVITY_CRITERIA_NOTE);
    const nested = doc.tables.filter((t) => t[0]?.[0] === SCHEMA_CRITERIA_HEADER[0]);
    expect(nested).toEqual([
      [
        SCHEMA_CRITERIA_HEADER,
        ["Der holdes fire gårdfester om året.\nMål: 4 fester (2024)", "Sekretariatets optælling"],
        ["80 % af deltagerne vil komme igen.", "Spørgeskema efter hver fest"],
      ],
      [
        SCHEMA_CRITERIA_HEADER,
        ["25 elever bruger lektiecaféen hver uge.", "Bibliotekets fremmødeliste"],
      ],
    ]);
    expect(nodesOfType(criteria, "Table")).toHaveLength(1);
    expect(second!.map(([label]) => label)).toEqual(Object.values(SCHEMA_LABELS));
  });

  it("prints every label of the second half in bold on a shaded cell", () => {
    const labelCells = topTables(doc)
      .filter((t) => textOf(t[0]?.[0]) !== FINANCING_LABELS.organisation)
      .filter((t) => textOf(t[0]?.[0]) !== FINANCING_LABELS.yearly)
      .filter((t) => !textOf(t[0]?.[0]).startsWith("Lokalt opstillede"))
      .flatMap((t) => t.map((row) => row[0]!));
    expect(labelCells.length).toBe(4 + 2 * 6);
    for (const cell of labelCells) {
      expect(nodesOfType(cell, "Strong").map(textOf).join(""), textOf(cell)).toBe(textOf(cell));
    }
    const xml = doc.files.get("word/document.xml")!;
    const shadedLabels = [
      ...xml.matchAll(/<w:tc>(?:(?!<\/w:tc>).)*?w:fill="E7ECF4"(?:(?!<\/w:tc>).)*?<\/w:tc>/gs),
    ].map((m) => m[0]);
    for (const label of [...Object.values(CLAUSE_LABELS), ...Object.values(SCHEMA_LABELS)]) {
      expect(
        shadedLabels.some((cell) => cell.includes(label.replace(/&/g, "&amp;"))),
        label,
      ).toBe(true);
    }
  });

  it("keeps an activity's name row whole and with the row after it", () => {
    const xml = doc.files.get("word/document.xml")!;
    const rows = [...xml.matchAll(/<w:tr>(?:(?!<\/w:tr>).)*?<\/w:tr>/gs)].map((m) => m[0]);
    const nameRows = rows.filter((r) => r.includes(`>${SCHEMA_LABELS.name}<`));
    expect(nameRows).toHaveLength(2);
    for (const row of nameRows) {
      expect(row).toContain("<w:cantSplit/>");
      expect(row.match(/<w:p>|<w:p /g)?.length).toBe(row.match(/<w:keepNext\/>/g)?.length);
    }
  });

  it("keeps each financing table on one page", () => {
    const xml = doc.files.get("word/document.xml")!;
    // Tables without a table inside them; the financing tables are two of those.
    const tables = [...xml.matchAll(/<w:tbl>(?:(?!<w:tbl>).)*?<\/w:tbl>/gs)].map((m) => m[0]);
    const financing = tables.filter(
      (t) =>
        t.includes(`>${FINANCING_LABELS.organisation}<`) ||
        t.includes(`>${FINANCING_LABELS.yearly}<`),
    );
    expect(financing).toHaveLength(2);
    for (const table of financing) {
      const rows = [...table.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((m) => m[0]);
      for (const row of rows) expect(row).toContain("<w:cantSplit/>");
      // Every row but the last is kept with the next one.
      expect(rows.map((row) => row.includes("<w:keepNext/>"))).toEqual(
        rows.map((_, i) => i < rows.length - 1),
      );
    }
  });

  it("has no multiplication sign or typed bullet anywhere", () => {
    expect(doc.text).not.toContain("×");
    expect(doc.text).not.toContain("•");
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
  it("prints period totals and an unattributed local line, without a per-year table", async () => {
    const base = agreementRecord();
    const view = buildAgreementView(
      agreementRecord({
        fundingSources: [
          fundingSourceRecord(1, "lbf", [], { periodTotal: 3_962_000 }),
          fundingSourceRecord(2, "local", [], { periodTotal: 2_078_000 }),
        ],
        conflictHandling: null,
        staffResources: [
          { id: 1, description: "2 børne- og ungemedarbejdere samt 11,5 time", position: 1 },
          { id: 2, description: "1 kommunikationsmedarbejder", position: 2 },
        ],
        // An activity with nothing but a name: listed, but no schema.
        activities: [
          base.activities[0]!,
          {
            ...base.activities[1]!,
            name: "Naboskabsapp",
            content: null,
            purposes: [],
            targetGroups: [" "],
            responsibilities: [],
          },
        ],
        successCriteria: base.successCriteria.filter((c) => c.activityId !== 32),
      }),
    );
    const doc = await readBack(buildAgreementDocument(view));
    expect(labelTable(doc, FINANCING_LABELS.organisation)).toEqual([
      [FINANCING_LABELS.organisation, FINANCING_LABELS.financing],
      ["Landsbyggefonden", "3.962.000 kr."],
      ["Lokal medfinansiering", "2.078.000 kr."],
      ["Samlet budget for indsatsområdet", "6.040.000 kr."],
    ]);
    expect(doc.tables.some((t) => t[0]?.[0] === FINANCING_LABELS.yearly)).toBe(false);
    expect(labelTable(doc, CLAUSE_LABELS.staff)).toEqual([
      [
        CLAUSE_LABELS.staff,
        "2 børne- og ungemedarbejdere samt 11,5 time\n1 kommunikationsmedarbejder",
      ],
      [CLAUSE_LABELS.revision, DEFAULT_REVISION_CLAUSE.join("\n")],
      [CLAUSE_LABELS.validity, view.validityText],
    ]);
    expect(doc.plain).not.toContain(CLAUSE_LABELS.conflict);

    expect(bulletItems(doc.ast)).toContain("Naboskabsapp");
    expect(schemaTables(doc).map((t) => textOf(t[0]?.[1]))).toEqual([
      "Gårdfester i afdelingerne (jf. CFBU)",
    ]);
    expect(doc.text.match(/Naboskabsapp/g)).toHaveLength(1);
    expect(doc.headings.at(-1)).toEqual([1, `${H.schemas}: ${view.focusArea}`]);
    expect(doc.text).not.toContain("×");
  });

  it("leaves out an activity schema's empty rows", async () => {
    const base = agreementRecord();
    const view = buildAgreementView(
      agreementRecord({
        activities: [{ ...base.activities[1]!, content: null, responsibilities: [] }],
        successCriteria: [],
      }),
    );
    const doc = await readBack(buildAgreementDocument(view));
    expect(schemaTables(doc).map((t) => t.map((row) => textOf(row[0])))).toEqual([
      [SCHEMA_LABELS.name, SCHEMA_LABELS.purposes, SCHEMA_LABELS.targetGroups],
    ]);
    expect(doc.plain).not.toContain(ACTIVITY_CRITERIA_NOTE);
  });

  it("shows '–' per year for a line with only a period total when others are split by year", async () => {
    const view = buildAgreementView(
      agreementRecord({
        fundingSources: [
          fundingSourceRecord(1, "lbf", [500_000, 500_000, 500_000, 500_000]),
          fundingSourceRecord(2, "local", [], { periodTotal: 700_000 }),
        ],
      }),
    );
    const doc = await readBack(buildAgreementDocument(view));
    expect(labelTable(doc, FINANCING_LABELS.organisation)?.slice(1)).toEqual([
      ["Landsbyggefonden", "2.000.000 kr."],
      ["Lokal medfinansiering", "700.000 kr."],
      ["Samlet budget for indsatsområdet", "2.700.000 kr."],
    ]);
    expect(doc.tables.find((t) => t[0]?.[0] === FINANCING_LABELS.yearly)?.slice(1)).toEqual([
      ["Landsbyggefonden", ...Array(4).fill("500.000 kr."), "2.000.000 kr."],
      ["Lokal medfinansiering", "–", "–", "–", "–", "700.000 kr."],
      // Year sums would leave out the local line: only the period's total is given.
      [FINANCING_LABELS.yearlyTotal, "–", "–", "–", "–", "2.700.000 kr."],
    ]);
  });

  it("names each Landsbyggefonden source as the fund's", async () => {
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
    expect(labelTable(doc, FINANCING_LABELS.organisation)).toEqual([
      [FINANCING_LABELS.organisation, FINANCING_LABELS.financing],
      ["Landsbyggefonden (Driftsstøtte)", "1.000.000 kr."],
      ["Landsbyggefonden (Kapitaltilførsel)", "800.000 kr."],
      ["Fonden X", "100.000 kr."],
      ["Samlet budget for indsatsområdet", "1.900.000 kr."],
    ]);
    expect(doc.tables.find((t) => t[0]?.[0] === FINANCING_LABELS.yearly)?.at(-1)).toEqual([
      FINANCING_LABELS.yearlyTotal,
      "525.000 kr.",
      "525.000 kr.",
      "425.000 kr.",
      "425.000 kr.",
      "1.900.000 kr.",
    ]);
  });

  it("leaves out every optional section, row and table when it is empty", async () => {
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
    ]);
    for (const heading of OPTIONAL_HEADINGS) expect(doc.plain).not.toContain(heading);
    expect(doc.plain).not.toContain(ACTIVITY_CRITERIA_NOTE);
    // Only the validity is left of the second half.
    expect(doc.tables).toEqual([[[CLAUSE_LABELS.validity, view.validityText]]]);
    expect(nodesOfType(doc.ast.blocks, "BulletList")).toEqual([]);
    expect(doc.text).toBe(
      [
        view.title,
        view.openingClause,
        H.planName,
        view.plan.name,
        CLAUSE_LABELS.validity,
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
