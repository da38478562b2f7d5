/**
 * The agreement's Word document, read back by independent readers: pandoc for the text, headings,
 * lists and tables, and LibreOffice for the laid-out pages (header, "Side X af Y", page count).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import type { Document } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAgreementView, type AgreementView } from "~/domain/agreement-view";
import { parseRichText, type RichText } from "~/domain/rich-text";
import {
  AGREEMENT_HEADINGS as H,
  buildAgreementDocument,
  buildAgreementSectionOptions,
} from "../../templates/agreement";
import { createDocument } from "../../templates/parts/document";
import { renderDocx } from "../../templates/render";
import { ACTIVITY_CRITERIA_NOTE, REVISION_CLAUSE_NOTE } from "../../templates/texts.da";
import {
  agreementRecord,
  criterionRecord,
  emptyAgreementRecord,
  fundingSourceRecord,
  partyRecord,
} from "../fixtures/agreement-record";
import {
  nodesOfType,
  textOf,
  type PandocDoc,
  type PandocNode,
  type PandocTable,
} from "../helpers/pandoc";

// --- reading documents back ----------------------------------------------------------------

function headingsOf(ast: PandocDoc): [number, string][] {
  return nodesOfType(ast.blocks, "Header").map((h) => {
    const [level, , inlines] = h.c as [number, unknown, PandocNode[]];
    return [level, textOf(inlines)];
  });
}

function tablesOf(ast: PandocDoc): string[][][] {
  return nodesOfType(ast.blocks, "Table").map((table) => {
    const [, , , head, bodies, foot] = table.c as PandocTable;
    const rows = [...head[1], ...bodies.flatMap((b) => [...b[2], ...b[3]]), ...foot[1]];
    return rows.map(([, cells]) => cells.map((cell) => textOf(cell[4])));
  });
}

function bulletItems(ast: PandocDoc): string[] {
  return nodesOfType(ast.blocks, "BulletList").flatMap((list) =>
    (list.c as PandocNode[][]).map(textOf),
  );
}

function orderedLists(ast: PandocDoc): { start: number; items: string[] }[] {
  return nodesOfType(ast.blocks, "OrderedList").map((list) => {
    const [[start], items] = list.c as [[number, ...unknown[]], PandocNode[][]];
    return { start, items: items.map(textOf) };
  });
}

/** The entries of a zip (a .docx), enough to read its XML parts: stored and deflated only. */
function unzip(buffer: Buffer): Map<string, string> {
  const entries = new Map<string, string>();
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString("utf8"));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The visible text of a WordprocessingML part (its w:t elements), entities decoded. */
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

const tmp = mkdtempSync(path.join(os.tmpdir(), "agreement-docx-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let files = 0;
async function writeDocx(doc: Document): Promise<{ file: string; buffer: Buffer }> {
  const buffer = await renderDocx(doc);
  const file = path.join(tmp, `document-${++files}.docx`);
  writeFileSync(file, buffer);
  return { file, buffer };
}

function pandoc(file: string, to: "plain" | "json"): string {
  return execFileSync("pandoc", ["--from=docx", `--to=${to}`, "--wrap=none", file], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

interface ReadBack {
  file: string;
  buffer: Buffer;
  plain: string;
  ast: PandocDoc;
  /** All text of the document, one line per paragraph (table cells included). */
  text: string;
  headings: [number, string][];
  tables: string[][][];
}

async function readBack(doc: Document): Promise<ReadBack> {
  const { file, buffer } = await writeDocx(doc);
  const ast = JSON.parse(pandoc(file, "json")) as PandocDoc;
  return {
    file,
    buffer,
    plain: pandoc(file, "plain"),
    ast,
    text: textOf(ast.blocks),
    headings: headingsOf(ast),
    tables: tablesOf(ast),
  };
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
    ...view.purposes,
    ...view.goals,
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
      view.goals[0]!,
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
      [1, H.schemas],
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
      ...view.goals,
      ...view.activities.map((a) => a.title),
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
    expect(orderedLists(doc.ast)).toEqual([
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
        goals: [""],
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
    expect(orderedLists(doc.ast)).toEqual([
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
      H.schemas,
      second.title,
      H.schemas,
    ]);
    const headers = [...unzip(doc.buffer)]
      .filter(([name]) => name.startsWith("word/header"))
      .map(([, xml]) => xmlText(xml));
    expect(headers).toHaveLength(2);
    expect(headers.some((h) => h.includes("Uddannelse og livschancer"))).toBe(true);
  });
});

// --- laid out by LibreOffice -------------------------------------------------------------------

const hasSoffice = spawnSync("sh", ["-c", "command -v soffice"]).status === 0;

describe("agreement document in LibreOffice", () => {
  // CI installs libreoffice-writer-nogui and poppler-utils (listed in .ci/run); only a machine
  // without soffice skips this test.
  it.skipIf(!hasSoffice)(
    "converts to a PDF with the title, the page footer and several pages",
    async () => {
      const view = buildAgreementView(agreementRecord());
      const { file } = await writeDocx(buildAgreementDocument(view));
      const profile = mkdtempSync(path.join(os.tmpdir(), "lo-"));
      try {
        const result = spawnSync(
          "soffice",
          [
            `-env:UserInstallation=file://${profile}`,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            file,
          ],
          { encoding: "utf8", timeout: 120_000 },
        );
        expect(result.status, result.stderr).toBe(0);
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
      const pdf = file.replace(/\.docx$/, ".pdf");
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
      const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).replace(
        /\s+/g,
        " ",
      );
      const pages = Number(
        /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1],
      );
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(text).toContain(view.title);
      expect(text).toContain(`Side 1 af ${pages}`);
      expect(text).toContain(`Side ${pages} af ${pages}`);
      expect(text).toContain(
        "Boligsocial helhedsplan Kildeparken · Sammenhængskraft og medborgerskab",
      );
      expect(text).toContain("Samlet budget");
    },
    150_000,
  );
});
