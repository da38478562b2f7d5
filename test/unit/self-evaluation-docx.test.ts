/**
 * The self-evaluation's Word document, read back with the JavaScript reader (test/helpers/docx.ts;
 * pandoc reads it too in test/documents): headings,
 * the fact table with the amount in Danish, the target groups as a real list, and per question
 * the question, the scale with the chosen answer marked and written out, and the narrative.
 * Shading of the chosen cell is checked in the document's XML. All texts are invented.
 */
import type { Document } from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import { parseRichText } from "~/domain/rich-text";
import {
  buildSelfEvaluationView,
  ratingLabels,
  requireQuestionSet,
  type SelfEvaluationRecord,
} from "~/domain/self-evaluation";
import { renderDocx } from "../../templates/render";
import {
  buildSelfEvaluationDocument,
  CHOSEN_MARK,
  FACTS_TABLE_LABEL,
  NOT_RATED_TEXT,
  SELF_EVALUATION_HEADINGS as H,
} from "../../templates/self-evaluation";
import { readDocxBuffer } from "../helpers/docx";
import { nodesOfType, textOf, type PandocDoc, type PandocNode } from "../helpers/pandoc";

interface ReadBack {
  buffer: Buffer;
  plain: string;
  ast: PandocDoc;
  text: string;
  headings: [number, string][];
  tables: string[][][];
  /** word/document.xml and the header part. */
  documentXml: string;
  headerXml: string;
}

async function readBack(doc: Document): Promise<ReadBack> {
  const buffer = await renderDocx(doc);
  const read = readDocxBuffer(buffer);
  const headerName = [...read.files.keys()].find((name) => /^word\/header\d+\.xml$/.test(name));
  return {
    buffer,
    plain: read.plain,
    ast: read.ast,
    text: read.text,
    headings: read.headings,
    tables: read.tables,
    documentXml: read.files.get("word/document.xml")!,
    headerXml: headerName ? read.files.get(headerName)! : "",
  };
}

/** The visible text of each table cell shaded as the chosen answer. */
function shadedCells(xml: string): string[] {
  return [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)]
    .map((m) => m[1]!)
    .filter((cell) => /<w:shd [^>]*w:fill="C6E0B4"/.test(cell))
    .map((cell) =>
      [...cell.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
    );
}

const SCALE = Object.values(ratingLabels);

function record(overrides: Partial<SelfEvaluationRecord> = {}): SelfEvaluationRecord {
  return {
    id: 11,
    planId: 2,
    planName: "Helhedsplan Kystlys",
    questionSet: "standard",
    funder: "Egeskov Fonden",
    title: "Lys i gårdene",
    description: parseRichText(
      "Vi satte **lys** op i to gårde og holdt gårdmøder.\n\n- gård A\n- gård B",
    ),
    recipient: "Boligforeningen Kystlys",
    region: "Hovedstaden",
    grantType: "Projekt",
    amount: 925_000,
    grantYear: 2019,
    subGoal: "Trygge fællesarealer",
    targetGroups: ["Børn og unge", "Ældre beboere"],
    answers: {
      forankring: {
        rating: 2,
        narrative: "Afdelingsbestyrelsen driver lyset videre.\n\nDriften har overtaget pærerne.",
      },
      maal: { rating: 5, narrative: "Målet blev ikke nået i år." },
      aktiviteter: { rating: null, narrative: null },
    },
    version: 3,
    updatedAt: "2026-03-02T09:30:00.000Z",
    ...overrides,
  };
}

describe("self-evaluation document", () => {
  const view = buildSelfEvaluationView(record(), requireQuestionSet("standard"));
  let doc: ReadBack;
  beforeAll(async () => {
    doc = await readBack(buildSelfEvaluationDocument(view));
  });

  it("has real headings: the title, the sections and one per question", () => {
    expect(doc.headings).toEqual([
      [1, "Lys i gårdene"],
      [2, H.description],
      [2, H.targetGroups],
      [2, H.assessment],
      [3, "Forankring"],
      [3, "Mål"],
      [3, "Aktiviteter"],
    ]);
    expect(doc.text).toContain("Selvevaluering for Egeskov Fonden");
    expect(doc.text).toContain(requireQuestionSet("standard").intro);
  });

  it("writes 'Om donationen' as rich text, with the bold word and a real list", () => {
    expect(doc.text).toContain("Vi satte lys op i to gårde og holdt gårdmøder.");
    expect(nodesOfType(doc.ast.blocks, "Strong").map(textOf)).toContain("lys");
    const lists = nodesOfType(doc.ast.blocks, "BulletList").map((l) =>
      (l.c as PandocNode[][]).map(textOf),
    );
    expect(lists).toEqual([
      ["gård A", "gård B"],
      ["Børn og unge", "Ældre beboere"],
    ]);
  });

  it("puts the facts in a label/value table, the amount and year in Danish", () => {
    expect(doc.tables[0]).toEqual([
      [FACTS_TABLE_LABEL, "Egeskov Fonden"],
      ["Region", "Hovedstaden"],
      ["Type", "Projekt"],
      ["Modtager", "Boligforeningen Kystlys"],
      ["Støttet beløb", "925.000 kr., år 2019"],
      ["Delmål", "Trygge fællesarealer"],
    ]);
  });

  it("shows each question's scale with the chosen answer marked, and the label written out", () => {
    const scales = doc.tables.slice(1);
    expect(scales).toEqual([
      [SCALE, ["", CHOSEN_MARK, "", "", ""]],
      [SCALE, ["", "", "", "", CHOSEN_MARK]],
      [SCALE, ["", "", "", "", ""]],
    ]);
    expect(doc.text).toContain("Vurdering: I høj grad");
    expect(doc.text).toContain("Vurdering: I meget ringe grad");
    expect(doc.text).toContain(NOT_RATED_TEXT);
    // The chosen column is shaded in both rows; an unrated question has no shading.
    expect(shadedCells(doc.documentXml)).toEqual([
      "I høj grad",
      CHOSEN_MARK,
      "I meget ringe grad",
      CHOSEN_MARK,
    ]);
  });

  it("puts each question, its scale and its narrative in order under its heading", () => {
    const order = [
      "Forankring",
      "I hvor høj grad er I lykkedes med at forankre projektet?",
      "Vurdering: I høj grad",
      "Afdelingsbestyrelsen driver lyset videre.",
      "Driften har overtaget pærerne.",
      "Mål",
      "I hvor høj grad blev målet med jeres projekt indfriet?",
      "Vurdering: I meget ringe grad",
      "Målet blev ikke nået i år.",
      "Aktiviteter",
      "I hvor høj grad var de valgte aktiviteter de rigtige til at nå jeres mål?",
      NOT_RATED_TEXT,
    ];
    let at = doc.plain.indexOf(H.assessment);
    for (const marker of order) {
      const next = doc.plain.indexOf(marker, at);
      expect(next, marker).toBeGreaterThan(at);
      at = next;
    }
    // The narrative's blank line makes two paragraphs.
    const paragraphs = nodesOfType(doc.ast.blocks, "Para").map(textOf);
    expect(paragraphs).toContain("Afdelingsbestyrelsen driver lyset videre.");
    expect(paragraphs).toContain("Driften har overtaget pærerne.");
  });

  it("has a header naming the plan and the funder", () => {
    expect(doc.headerXml).toContain("Helhedsplan Kystlys · Selvevaluering: Egeskov Fonden");
  });

  it("leaves out sections without content but keeps the funder and the questions", async () => {
    const bare = await readBack(
      buildSelfEvaluationDocument(
        buildSelfEvaluationView(
          record({
            description: null,
            targetGroups: [],
            region: null,
            grantType: null,
            recipient: null,
            amount: null,
            grantYear: null,
            subGoal: null,
            answers: {},
          }),
          requireQuestionSet("standard"),
        ),
      ),
    );
    expect(bare.headings.map(([, text]) => text)).toEqual([
      "Lys i gårdene",
      H.assessment,
      "Forankring",
      "Mål",
      "Aktiviteter",
    ]);
    expect(bare.tables[0]).toEqual([[FACTS_TABLE_LABEL, "Egeskov Fonden"]]);
    expect(bare.text.split(NOT_RATED_TEXT)).toHaveLength(4);
  });

  it("uses Havbakke Fonden's own questions for its question set", async () => {
    const havbakke = requireQuestionSet("havbakke");
    const read = await readBack(
      buildSelfEvaluationDocument(
        buildSelfEvaluationView(
          record({
            questionSet: "havbakke",
            funder: "Havbakke Fonden",
            answers: { inddragelse: { rating: 1, narrative: "Beboerne bestemte selv." } },
          }),
          havbakke,
        ),
      ),
    );
    expect(read.headings.filter(([level]) => level === 3).map(([, t]) => t)).toEqual(
      havbakke.questions.map((q) => q.heading),
    );
    expect(read.text).toContain("Inddragelse af beboerne");
    expect(read.text).toContain("Vurdering: I meget høj grad");
    expect(read.text).toContain("Beboerne bestemte selv.");
  });

  it("renders hostile text, Danish letters and emoji as written", async () => {
    const hostile = `Ærø & Søn <b>"fed"</b> 'citat' æøå ÆØÅ 🏠 ]]> &amp;`;
    const read = await readBack(
      buildSelfEvaluationDocument(
        buildSelfEvaluationView(
          record({
            planName: `Helhedsplan ${hostile}`,
            funder: `Fond ${hostile}`,
            title: `Projekt ${hostile}`,
            recipient: `Modtager ${hostile}`,
            targetGroups: [`Gruppe ${hostile}`],
            answers: {
              forankring: { rating: 3, narrative: `Klokke\u0007tekst ${hostile}\r\nNy linje` },
            },
          }),
          requireQuestionSet("standard"),
        ),
      ),
    );
    expect(read.headings[0]).toEqual([1, `Projekt ${hostile}`]);
    for (const text of [
      `Selvevaluering for Fond ${hostile}`,
      `Modtager ${hostile}`,
      `Gruppe ${hostile}`,
      // A control character cannot be stored in XML: it is dropped; a Windows line break is one break.
      `Klokketekst ${hostile}\nNy linje`,
    ]) {
      expect(read.text, text).toContain(text);
    }
    expect(read.plain).toContain(`Projekt ${hostile}`);
    expect(read.tables[0]?.[0]).toEqual([FACTS_TABLE_LABEL, `Fond ${hostile}`]);
    expect(read.headerXml).toContain("Helhedsplan Ærø &amp; Søn &lt;b&gt;");
  });
});
