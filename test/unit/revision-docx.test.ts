/**
 * The revision document read back with the JavaScript reader (test/helpers/docx.ts): it sees the
 * tracked changes as insertion and deletion spans (like pandoc's `--track-changes=all`), and
 * accepting or rejecting them all must give the proposed and the approved agreement. pandoc and
 * LibreOffice read the same document in test/documents (`npm run test:documents`).
 */
import type { Document } from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import { diffAgreements } from "~/domain/agreement-diff";
import { buildAgreementView, type AgreementRecord } from "~/domain/agreement-view";
import { parseRichText } from "~/domain/rich-text";
import { renderDocx } from "../../templates/render";
import { buildRevisionDocument, MOVED_NOTE, REVISION_INTRO } from "../../templates/revision";
import { agreementRecord, criterionRecord } from "../fixtures/agreement-record";
import {
  nodesOfType,
  textOf,
  textOfExcept,
  type PandocAttr,
  type PandocDoc,
  type PandocNode,
  type PandocTable,
} from "../helpers/pandoc";
import { readDocxBuffer, unzipDocx, xmlPartText, type TrackChanges } from "../helpers/docx";

// --- reading documents back ----------------------------------------------------------------

const TRACKED_CLASSES = ["insertion", "deletion", "paragraph-insertion", "paragraph-deletion"];

function spanClasses(node: PandocNode): string[] {
  return node.t === "Span" ? (node.c as [PandocAttr, unknown])[0][1] : [];
}

/** The text of any part of the AST, one line per paragraph; tracked spans left out if asked. */
function textOfDoc(value: unknown, options: { untracked?: boolean } = {}): string {
  return options.untracked
    ? textOfExcept(value, (v) => spanClasses(v).some((c) => TRACKED_CLASSES.includes(c)))
    : textOf(value);
}

interface TrackedSpan {
  text: string;
  author: string | undefined;
  date: string | undefined;
}

function trackedSpans(ast: PandocDoc, kind: "insertion" | "deletion"): TrackedSpan[] {
  return nodesOfType(ast.blocks, "Span")
    .filter((span) => spanClasses(span).includes(kind))
    .map((span) => {
      const [[, , attributes], inlines] = span.c as [PandocAttr, PandocNode[]];
      const attribute = new Map(attributes);
      return {
        text: textOfDoc(inlines),
        author: attribute.get("author"),
        date: attribute.get("date"),
      };
    });
}

function headingsOf(ast: PandocDoc): [number, string][] {
  return nodesOfType(ast.blocks, "Header").map((h) => {
    const [level, , inlines] = h.c as [number, unknown, PandocNode[]];
    return [level, textOfDoc(inlines)];
  });
}

function tablesOf(ast: PandocDoc): string[][][] {
  return nodesOfType(ast.blocks, "Table").map((table) => {
    const [, , , head, bodies, foot] = table.c as PandocTable;
    const rows = [...head[1], ...bodies.flatMap((b) => [...b[2], ...b[3]]), ...foot[1]];
    return rows.map(([, cells]) => cells.map((cell) => textOfDoc(cell[4])));
  });
}

function bulletItems(ast: PandocDoc): string[] {
  return nodesOfType(ast.blocks, "BulletList").flatMap((list) =>
    (list.c as PandocNode[][]).map((item) => textOfDoc(item.filter((b) => b.t !== "BulletList"))),
  );
}

function financingRow(ast: PandocDoc, label: string): string[] | undefined {
  return tablesOf(ast)
    .find((t) => t[0]?.[0] === "Organisation")
    ?.find((row) => row[0] === label);
}

const xmlText = xmlPartText;

interface ReadBack {
  parts: Map<string, string>;
  /** The document read with the changes accepted (pandoc's default), rejected, or all marked. */
  ast: Record<TrackChanges, PandocDoc>;
  text: Record<TrackChanges, string>;
}

async function readBack(doc: Document): Promise<ReadBack> {
  const buffer = await renderDocx(doc);
  const read = (trackChanges: TrackChanges) => readDocxBuffer(buffer, { trackChanges }).ast;
  const ast = { accept: read("accept"), reject: read("reject"), all: read("all") };
  return {
    parts: unzipDocx(buffer),
    ast,
    text: {
      accept: textOfDoc(ast.accept.blocks),
      reject: textOfDoc(ast.reject.blocks),
      all: textOfDoc(ast.all.blocks),
    },
  };
}

// --- the revision --------------------------------------------------------------------------

const VERSION_LABEL = "Forslag til version 2 (ændringer i forhold til version 1)";
const AUTHOR = "Signe Lykkegaard";
const DATE = "2024-05-01T10:15:00.000Z";

function revisionDocument(before: AgreementRecord, after: AgreementRecord): Document {
  const beforeView = buildAgreementView(before, "Version 1");
  const afterView = buildAgreementView(after, VERSION_LABEL);
  return buildRevisionDocument({
    before: beforeView,
    after: afterView,
    diff: diffAgreements(beforeView, afterView),
    versionLabel: VERSION_LABEL,
    author: AUTHOR,
    date: DATE,
  });
}

/** The approved version and a proposed version with a few typical changes. */
function revisedRecords() {
  const before = agreementRecord();
  const after = structuredClone(before);
  after.goals[0]!.text = "at 50 beboere er aktive frivillige i 2026 og i hele bydelen";
  after.successCriteria = after.successCriteria.filter((c) => c.id !== 2);
  after.activities.push({
    id: 99,
    name: "Sommerlejr for familier",
    shortName: null,
    reference: null,
    content: parseRichText("En uge ved vandet for familier fra boligområdet."),
    purposesLeadIn: null,
    purposes: ["at give familier fælles oplevelser"],
    targetGroupsLeadIn: null,
    targetGroups: ["børnefamilier"],
    position: 9,
    responsibilities: [],
  });
  after.successCriteria.push(
    criterionRecord(199, "30 familier deltager", "Tilmeldinger", { activityId: 99 }),
  );
  const lbf = after.fundingSources.find((s) => s.kind === "lbf")!;
  lbf.amounts = lbf.amounts.map((a) => (a.year === 2025 ? { ...a, amount: 800_000 } : a));
  // The two property offices change places.
  after.parties.find((p) => p.id === 1)!.position = 2;
  after.parties.find((p) => p.id === 2)!.position = 1;
  return { before, after };
}

const NEW_GOAL = "at 50 beboere er aktive frivillige i 2026 og i hele bydelen";
const OLD_GOAL = "at 40 beboere er aktive frivillige i 2026";
const REMOVED_CRITERION = "Der er mindst 40 aktive frivillige.";

describe("revision document", () => {
  const { before, after } = revisedRecords();
  let doc: ReadBack;
  beforeAll(async () => {
    doc = await readBack(revisionDocument(before, after));
  });

  it("marks each change as an insertion or deletion by the revision's author and time", () => {
    const insertions = trackedSpans(doc.ast.all, "insertion");
    const deletions = trackedSpans(doc.ast.all, "deletion");
    for (const text of [
      "50",
      "og i hele bydelen",
      MOVED_NOTE,
      "Aktivitet: Sommerlejr for familier",
      "En uge ved vandet for familier fra boligområdet.",
      "30 familier deltager",
      "800.000 kr.",
      "3.050.000 kr.",
    ]) {
      expect(insertions.map((s) => s.text)).toContain(text);
    }
    for (const text of [
      "40",
      REMOVED_CRITERION,
      "Sekretariatets frivilligliste",
      "750.000 kr.",
      "3.000.000 kr.",
    ]) {
      expect(deletions.map((s) => s.text)).toContain(text);
    }
    for (const span of [...insertions, ...deletions]) {
      expect(span).toMatchObject({ author: AUTHOR, date: "2024-05-01T10:15:00Z" });
    }
    // Nothing that stayed the same is marked.
    for (const span of [...insertions, ...deletions]) {
      expect(span.text).not.toContain("Kildeby Kommune");
      expect(span.text).not.toContain("Tryghedsmålingen");
    }
  });

  it("marks the moved party with an inserted note", () => {
    const moved = [
      ...nodesOfType(doc.ast.all.blocks, "Plain"),
      ...nodesOfType(doc.ast.all.blocks, "Para"),
    ]
      .map((node) => textOfDoc(node))
      .filter((text) => text.includes(MOVED_NOTE));
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatch(/^Ejendomskontor Kildeparken (Nord|Syd) \(flyttet\)$/);
  });

  it("reads as the proposed agreement when the changes are accepted", () => {
    const text = doc.text.accept;
    expect(text).toContain(NEW_GOAL);
    expect(text).not.toContain(OLD_GOAL);
    expect(text).not.toContain(REMOVED_CRITERION);
    expect(text).toContain("Aktivitet: Sommerlejr for familier");
    expect(text).toContain("30 familier deltager");
    expect(bulletItems(doc.ast.accept)).toContain(NEW_GOAL);
    expect(financingRow(doc.ast.accept, "Landsbyggefonden")).toEqual([
      "Landsbyggefonden",
      "750.000 kr.",
      "750.000 kr.",
      "800.000 kr.",
      "750.000 kr.",
      "3.050.000 kr.",
    ]);
    expect(financingRow(doc.ast.accept, "Samlet budget for indsatsområdet")?.slice(3)).toEqual([
      "1.060.000 kr.",
      "1.020.000 kr.",
      "4.070.000 kr.",
    ]);
  });

  it("reads as the approved version when the changes are rejected", () => {
    const text = doc.text.reject;
    expect(text).toContain(OLD_GOAL);
    expect(text).not.toContain("og i hele bydelen");
    expect(text).toContain(REMOVED_CRITERION);
    expect(text).not.toContain("Sommerlejr");
    expect(text).not.toContain("30 familier deltager");
    expect(text).not.toContain(MOVED_NOTE);
    expect(bulletItems(doc.ast.reject)).toContain(OLD_GOAL);
    expect(financingRow(doc.ast.reject, "Landsbyggefonden")).toEqual([
      "Landsbyggefonden",
      "750.000 kr.",
      "750.000 kr.",
      "750.000 kr.",
      "750.000 kr.",
      "3.000.000 kr.",
    ]);
  });

  it("shows what did not change as ordinary text", () => {
    const untracked = textOfDoc(doc.ast.all.blocks, { untracked: true });
    for (const text of [
      "Delaftale for indsatsområdet Sammenhængskraft og medborgerskab",
      REVISION_INTRO,
      "at flere beboere stoler på deres naboer",
      "Tryghedsmålingen fra 2022 viser, at kun halvdelen af beboerne kender deres naboer.",
      "Ejendomskontor Kildeparken Syd",
      "Kontaktperson: v. ejendomsleder Rasmus Elkjær",
      "Andelen af beboere, der kender mindst fem naboer, stiger.",
      "Udgangspunkt: 48 % (2022)",
      "Indsatsen supplerer kommunens fritidspas og den opsøgende klubindsats.",
      "Aktivitet: Gårdfester i afdelingerne (jf. CFBU)",
      "indkalder frivilliggruppen",
      "25 elever bruger lektiecaféen hver uge.",
      "1.020.000 kr.",
    ]) {
      expect(untracked, text).toContain(text);
    }
  });

  it("has the agreement's title, a heading per section and the activity schemas", () => {
    const headings = headingsOf(doc.ast.accept);
    expect(headings[0]).toEqual([
      1,
      "Delaftale for indsatsområdet Sammenhængskraft og medborgerskab",
    ]);
    expect(headings.filter(([level]) => level <= 2).map(([, text]) => text)).toEqual([
      "Delaftale for indsatsområdet Sammenhængskraft og medborgerskab",
      "Indledning og gyldighed",
      "Aftalens parter",
      "Arbejdsgrupper",
      "Problemkompleks",
      "Formål",
      "Mål og delmål",
      "Metode",
      "Lokalt opstillede målinger (succeskriterier)",
      "Samspil med den kommunale indsats",
      "Forankring",
      "Finansiering",
      "Medarbejderressourcer",
      "Konflikthåndtering og underretning",
      "Revision af delaftalen",
      "Aktivitetsskemaer",
      "Aktivitet: Gårdfester i afdelingerne (jf. CFBU)",
      "Aktivitet: Lektiecafé på biblioteket",
      "Aktivitet: Sommerlejr for familier",
    ]);
    expect(headings).toContainEqual([1, "Aktivitetsskemaer"]);
    expect(headings).toContainEqual([3, "Organisering, ansvar og rollefordeling"]);
    // The text before the first heading is the intro, as plain italic text.
    expect(nodesOfType(doc.ast.all.blocks, "Emph").map((node) => textOfDoc(node))).toContain(
      REVISION_INTRO,
    );
  });

  it("uses real lists for goals, purposes and parties", () => {
    const items = bulletItems(doc.ast.accept);
    for (const item of [
      "at flere beboere stoler på deres naboer",
      "at styrke fællesskabet på tværs af afdelingerne",
      "Kildeby Bibliotek",
      "holder åbent til kl. 18",
      "børnefamilier",
    ]) {
      expect(items, item).toContain(item);
    }
  });

  it("tracks whole table rows that are new or removed", () => {
    const xml = doc.parts.get("word/document.xml")!;
    const rows = xml.match(/<w:tr>.*?<\/w:tr>/g) ?? [];
    const row = (text: string) => rows.find((r) => xmlText(r).includes(text) || r.includes(text));
    expect(row(REMOVED_CRITERION)).toMatch(/<w:trPr>.*?<w:del w:id=/);
    expect(row("30 familier deltager")).toMatch(/<w:trPr>.*?<w:ins w:id=/);
    expect(row("Tryghedsmåling 2026")).not.toMatch(/<w:trPr>.*?<w:(ins|del) /);
  });

  it("numbers the revision marks uniquely and in document order", () => {
    const ids = [
      ...doc.parts.get("word/document.xml")!.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g),
    ].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(20);
    ids.forEach((id, i) => expect(id, `mark ${i}`).toBe(i + 1));
  });

  it("names the plan, focus area and version in the header, and pages in the footer", () => {
    const header = [...doc.parts].find(([name]) => /^word\/header\d+\.xml$/.test(name))?.[1];
    const footer = [...doc.parts].find(([name]) => /^word\/footer\d+\.xml$/.test(name))?.[1];
    expect(xmlText(header ?? "")).toBe(
      `Boligsocial helhedsplan Kildeparken · Sammenhængskraft og medborgerskab · ${VERSION_LABEL}`,
    );
    expect(xmlText(footer ?? "")).toBe("Side  af ");
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
  });

  it("is a pure function of its input", async () => {
    const again = await readBack(revisionDocument(before, after));
    expect(again.parts.get("word/document.xml")).toBe(doc.parts.get("word/document.xml"));
  });
});

describe("revision document variants", () => {
  it("has no tracked changes when nothing changed", async () => {
    const doc = await readBack(revisionDocument(agreementRecord(), agreementRecord()));
    for (const kind of TRACKED_CLASSES) {
      expect(
        nodesOfType(doc.ast.all.blocks, "Span").filter((s) => spanClasses(s).includes(kind)),
        kind,
      ).toEqual([]);
    }
    expect(doc.parts.get("word/document.xml")).not.toMatch(/<w:(ins|del)\b/);
    expect(doc.text.all).toBe(doc.text.accept);
    expect(doc.text.all).toBe(doc.text.reject);
    expect(doc.text.all).toContain(OLD_GOAL);
    expect(doc.text.all).toContain(REMOVED_CRITERION);
    expect(doc.text.all).toContain("Aktivitet: Lektiecafé på biblioteket");
  });

  it("shows a removed activity struck through, and changed duties line by line", async () => {
    const before = agreementRecord();
    const after = structuredClone(before);
    after.activities = after.activities.filter((a) => a.id !== 32);
    after.activities[0]!.responsibilities[0]!.duties = [
      "indkalder frivilliggruppen",
      "søger fonde",
      "holder møder",
    ];
    const doc = await readBack(revisionDocument(before, after));
    const deletions = trackedSpans(doc.ast.all, "deletion").map((s) => s.text);
    expect(deletions).toContain("Aktivitet: Lektiecafé på biblioteket");
    expect(deletions).toContain("25 elever bruger lektiecaféen hver uge.");
    expect(doc.text.accept).not.toContain("Lektiecafé");
    expect(doc.text.reject).toContain("Aktivitet: Lektiecafé på biblioteket");

    const accepted = bulletItems(doc.ast.accept);
    expect(accepted).toEqual(expect.arrayContaining(["søger fonde", "holder møder"]));
    expect(accepted).not.toContain("søger lokale midler");
    expect(bulletItems(doc.ast.reject)).toContain("søger lokale midler");
    expect(doc.text.reject).not.toContain("holder møder");
  });
});
