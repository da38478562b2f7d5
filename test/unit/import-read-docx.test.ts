/**
 * The Word reader: .docx files made the way Word users make delaftaler (built here with `docx`,
 * as Word writes them: styles, real and manual lists, soft breaks, empty paragraphs, tables with
 * merged and nested cells) read into exactly the blocks and tables the recogniser relies on. Files
 * as Word and the app leave them: import-read-docx-word.test.ts.
 */
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type FileChild,
} from "docx";
import { describe, expect, it } from "vitest";
import type { TextBlock } from "~/domain/import/types";
import { IMAGES_LEFT_OUT_WARNING, readAgreementDocx } from "~/import/read-docx.server";

const NUMBERED = "numbered";

async function read(children: FileChild[], footnotes?: Record<number, string>) {
  const document = new Document({
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START },
            {
              level: 1,
              format: LevelFormat.LOWER_LETTER,
              text: "%2)",
              alignment: AlignmentType.START,
            },
          ],
        },
      ],
    },
    footnotes: Object.fromEntries(
      Object.entries(footnotes ?? {}).map(([id, text]) => [
        id,
        { children: [new Paragraph(text)] },
      ]),
    ),
    sections: [{ children }],
  });
  return readAgreementDocx(new Uint8Array(await Packer.toBuffer(document)), "delaftale.docx");
}

/** A block without its index and position, for compact expectations. */
function shape(block: TextBlock) {
  const { kind, level, ordered, depth, text, bold } = block;
  return { kind, level, ordered, depth, text, bold };
}

const paragraph = (text: string, bold = false) => ({
  kind: "paragraph",
  level: 0,
  ordered: false,
  depth: 0,
  text,
  bold,
});
const heading = (text: string, level: number) => ({ ...paragraph(text), kind: "heading", level });
const item = (text: string, depth = 0, ordered = false) => ({
  ...paragraph(text),
  kind: "listItem",
  ordered,
  depth,
});

describe("body text", () => {
  it("reads the Title and Heading 1-3 styles as headings with their level", async () => {
    const document = await read([
      new Paragraph({
        text: "Delaftale for indsatsområdet Tryghed og trivsel",
        heading: HeadingLevel.TITLE,
      }),
      new Paragraph({ text: "Aftalens parter", heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ text: "Primære samarbejdspartnere", heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ text: "Ejendomskontorer", heading: HeadingLevel.HEADING_3 }),
      new Paragraph("Ejendomskontor Nord"),
    ]);
    expect(document.blocks.map(shape)).toEqual([
      heading("Delaftale for indsatsområdet Tryghed og trivsel", 1),
      heading("Aftalens parter", 1),
      heading("Primære samarbejdspartnere", 2),
      heading("Ejendomskontorer", 3),
      paragraph("Ejendomskontor Nord"),
    ]);
    expect(document.body).toEqual([0, 1, 2, 3, 4].map((block) => ({ block })));
    expect(document.tables).toEqual([]);
    expect(document.wordCount).toBe(13);
    expect(document.warnings).toEqual([]);
  });

  it("keeps bold and italic runs, and calls a paragraph bold only when all its text is", async () => {
    const document = await read([
      new Paragraph({ children: [new TextRun({ text: "Formål:", bold: true }), new TextRun(" ")] }),
      new Paragraph({
        children: [
          new TextRun({ text: "Formål:", bold: true }),
          new TextRun(" at styrke fællesskabet"),
        ],
      }),
      new Paragraph({
        children: [
          new TextRun("Læs "),
          new TextRun({ text: "Boligsocial Vejledning", italics: true }),
          new TextRun({ text: " nøje", italics: true, bold: true }),
        ],
      }),
    ]);
    expect(document.blocks.map(shape)).toEqual([
      paragraph("Formål:", true),
      paragraph("Formål: at styrke fællesskabet"),
      paragraph("Læs Boligsocial Vejledning nøje"),
    ]);
    expect(document.blocks.map((block) => block.content)).toEqual([
      [{ text: "Formål:", bold: true }, { text: " " }],
      [{ text: "Formål:", bold: true }, { text: " at styrke fællesskabet" }],
      [
        { text: "Læs " },
        { text: "Boligsocial Vejledning", italic: true },
        { text: " nøje", bold: true, italic: true },
      ],
    ]);
  });

  it("reads soft line breaks as \\n and collapses spaces and tabs", async () => {
    const document = await read([
      new Paragraph({
        children: [
          new TextRun("Kildeby Kommune, Børne- og Ungeforvaltningen  "),
          new TextRun({ text: "v. konsulent\tNadia   Holmgaard", break: 1 }),
        ],
      }),
      new Paragraph("   Mange  beboere \t ønsker at deltage.  "),
    ]);
    const [party, spaced] = document.blocks;
    expect(party!.content).toEqual([
      { text: "Kildeby Kommune, Børne- og Ungeforvaltningen  " },
      { text: "\n" },
      { text: "v. konsulent\tNadia   Holmgaard" },
    ]);
    expect(party!.text).toBe(
      "Kildeby Kommune, Børne- og Ungeforvaltningen\nv. konsulent Nadia Holmgaard",
    );
    expect(spaced!.text).toBe("Mange beboere ønsker at deltage.");
    expect(document.wordCount).toBe(14);
  });

  it("keeps empty paragraphs as empty blocks, in place", async () => {
    const document = await read([
      new Paragraph("Formål"),
      new Paragraph(""),
      new Paragraph({ children: [new TextRun("   ")] }),
      new Paragraph("at styrke fællesskabet"),
    ]);
    expect(document.blocks.map(shape)).toEqual([
      paragraph("Formål"),
      paragraph(""),
      paragraph(""),
      paragraph("at styrke fællesskabet"),
    ]);
    expect(document.blocks[1]!.content).toEqual([]);
    expect(document.wordCount).toBe(4);
  });

  it("reads Word's bulleted and numbered lists with their nesting", async () => {
    const document = await read([
      new Paragraph({ text: "at styrke fællesskabet", bullet: { level: 0 } }),
      new Paragraph({ text: "på tværs af afdelingerne", bullet: { level: 1 } }),
      new Paragraph({ text: "at finde frivillige", bullet: { level: 0 } }),
      new Paragraph("Vi arbejder i tre trin:"),
      new Paragraph({ text: "kortlægning", numbering: { reference: NUMBERED, level: 0 } }),
      new Paragraph({ text: "interview", numbering: { reference: NUMBERED, level: 1 } }),
      new Paragraph({ text: "opstart", numbering: { reference: NUMBERED, level: 0 } }),
    ]);
    expect(document.blocks.map(shape)).toEqual([
      item("at styrke fællesskabet"),
      item("på tværs af afdelingerne", 1),
      item("at finde frivillige"),
      paragraph("Vi arbejder i tre trin:"),
      item("kortlægning", 0, true),
      item("interview", 1, true),
      item("opstart", 0, true),
    ]);
  });

  it("reads manual bullets of every kind as list items without the bullet, but not numbers or dashes in text", async () => {
    const bullets = ["• én", "· to", "▪ tre", "- fire", "– fem", "— seks", "o syv", "•\totte"];
    const document = await read([
      ...bullets.map((text) => new Paragraph(text)),
      new Paragraph({
        children: [
          new TextRun({ text: "- ", bold: true }),
          new TextRun({ text: "fed", bold: true }),
        ],
      }),
      new Paragraph("1. marts 2017 – 28. februar 2021"),
      new Paragraph("2. Formål"),
      new Paragraph("-5 grader"),
      new Paragraph("om aftenen"),
      new Paragraph("–"),
    ]);
    expect(document.blocks.map(shape)).toEqual([
      ...["én", "to", "tre", "fire", "fem", "seks", "syv", "otte"].map((text) => item(text)),
      { ...item("fed"), bold: true },
      paragraph("1. marts 2017 – 28. februar 2021"),
      paragraph("2. Formål"),
      paragraph("-5 grader"),
      paragraph("om aftenen"),
      paragraph("–"),
    ]);
    expect(document.blocks[0]!.content).toEqual([{ text: "én" }]);
    expect(document.blocks[8]!.content).toEqual([{ text: "fed", bold: true }]);
  });

  it("keeps footnotes as paragraphs at the end, and the reference mark in the text", async () => {
    const document = await read(
      [
        new Paragraph({
          children: [new TextRun("Tryghedsmålingen fra 2022"), new FootnoteReferenceRun(1)],
        }),
        new Paragraph("Formål"),
      ],
      { 1: "Kilde: Kildeby Kommunes tryghedsmåling." },
    );
    expect(document.blocks.map(shape)).toEqual([
      paragraph("Tryghedsmålingen fra 2022[1]"),
      paragraph("Formål"),
      paragraph("Kilde: Kildeby Kommunes tryghedsmåling."),
    ]);
    expect(document.body).toEqual([{ block: 0 }, { block: 1 }, { block: 2 }]);
  });

  it("leaves images out and says so", async () => {
    // A 1×1 PNG.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    const document = await read([
      new Paragraph("Logo:"),
      new Paragraph({
        children: [
          new ImageRun({ type: "png", data: png, transformation: { width: 10, height: 10 } }),
        ],
      }),
    ]);
    expect(document.blocks.map(shape)).toEqual([paragraph("Logo:"), paragraph("")]);
    expect(document.warnings).toEqual([IMAGES_LEFT_OUT_WARNING]);
  });
});

describe("tables", () => {
  const cell = (...paragraphs: (string | Paragraph | Table)[]) =>
    new TableCell({
      children: paragraphs.map((p) => (typeof p === "string" ? new Paragraph(p) : p)),
    });
  const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });

  it("reads a two-column label table: every cell's paragraphs and list items, in order", async () => {
    const document = await read([
      new Paragraph("Aktivitetsskema"),
      new Table({
        rows: [
          new TableRow({ children: [cell(bold("Aktivitetsnavn:")), cell(bold("Gårdfester"))] }),
          new TableRow({
            children: [
              cell(bold("Formål:")),
              cell(
                "Vi vil:",
                new Paragraph({ text: "skabe kendskab", bullet: { level: 0 } }),
                "- finde frivillige",
              ),
            ],
          }),
        ],
      }),
      new Paragraph("Efter tabellen"),
    ]);
    const at = (table: number, row: number, column: number) => ({ table, row, column, colSpan: 1 });
    expect(document.blocks.map((block) => ({ ...shape(block), cell: block.cell }))).toEqual([
      { ...paragraph("Aktivitetsskema"), cell: null },
      { ...paragraph("Aktivitetsnavn:", true), cell: at(0, 0, 0) },
      { ...paragraph("Gårdfester", true), cell: at(0, 0, 1) },
      { ...paragraph("Formål:", true), cell: at(0, 1, 0) },
      { ...paragraph("Vi vil:"), cell: at(0, 1, 1) },
      { ...item("skabe kendskab"), cell: at(0, 1, 1) },
      { ...item("finde frivillige"), cell: at(0, 1, 1) },
      { ...paragraph("Efter tabellen"), cell: null },
    ]);
    expect(document.tables).toEqual([
      {
        index: 0,
        rows: [
          {
            cells: [
              { colSpan: 1, rowSpan: 1, blocks: [1], tables: [] },
              { colSpan: 1, rowSpan: 1, blocks: [2], tables: [] },
            ],
          },
          {
            cells: [
              { colSpan: 1, rowSpan: 1, blocks: [3], tables: [] },
              { colSpan: 1, rowSpan: 1, blocks: [4, 5, 6], tables: [] },
            ],
          },
        ],
      },
    ]);
    expect(document.body).toEqual([{ block: 0 }, { table: 0 }, { block: 7 }]);
  });

  it("reads merged cells (across and down) with their spans and grid columns", async () => {
    const document = await read([
      new Table({
        rows: [
          new TableRow({
            children: [new TableCell({ children: [new Paragraph("Finansiering")], columnSpan: 3 })],
          }),
          new TableRow({
            children: [
              new TableCell({ children: [new Paragraph("Landsbyggefonden")], rowSpan: 2 }),
              cell("2023"),
              cell("750.000 kr."),
            ],
          }),
          new TableRow({ children: [cell("2024"), cell("760.000 kr.")] }),
          new TableRow({
            children: [
              cell("I alt"),
              new TableCell({ children: [new Paragraph("1.510.000 kr.")], columnSpan: 2 }),
            ],
          }),
        ],
      }),
    ]);
    const spans = document.tables[0]!.rows.map((row) =>
      row.cells.map(({ colSpan, rowSpan, blocks }) => ({ colSpan, rowSpan, blocks })),
    );
    expect(spans).toEqual([
      [{ colSpan: 3, rowSpan: 1, blocks: [0] }],
      [
        { colSpan: 1, rowSpan: 2, blocks: [1] },
        { colSpan: 1, rowSpan: 1, blocks: [2] },
        { colSpan: 1, rowSpan: 1, blocks: [3] },
      ],
      [
        { colSpan: 1, rowSpan: 1, blocks: [4] },
        { colSpan: 1, rowSpan: 1, blocks: [5] },
      ],
      [
        { colSpan: 1, rowSpan: 1, blocks: [6] },
        { colSpan: 2, rowSpan: 1, blocks: [7] },
      ],
    ]);
    // The row under a cell merged down starts in the second grid column.
    expect(document.blocks.map((block) => [block.text, block.cell])).toEqual([
      ["Finansiering", { table: 0, row: 0, column: 0, colSpan: 3 }],
      ["Landsbyggefonden", { table: 0, row: 1, column: 0, colSpan: 1 }],
      ["2023", { table: 0, row: 1, column: 1, colSpan: 1 }],
      ["750.000 kr.", { table: 0, row: 1, column: 2, colSpan: 1 }],
      ["2024", { table: 0, row: 2, column: 1, colSpan: 1 }],
      ["760.000 kr.", { table: 0, row: 2, column: 2, colSpan: 1 }],
      ["I alt", { table: 0, row: 3, column: 0, colSpan: 1 }],
      ["1.510.000 kr.", { table: 0, row: 3, column: 1, colSpan: 2 }],
    ]);
  });

  it("gives a nested table its own number, listed in its cell", async () => {
    const inner = new Table({
      rows: [new TableRow({ children: [cell("Succeskriterier:"), cell("Datakilde:")] })],
    });
    const document = await read([
      new Table({
        rows: [
          new TableRow({
            children: [cell("Succeskriterier:"), cell("Se tabellen:", inner, "Slut")],
          }),
        ],
      }),
      new Table({ rows: [new TableRow({ children: [cell("Anden tabel")] })] }),
    ]);
    expect(
      document.blocks.map((block) => [block.text, block.cell?.table, block.cell?.column]),
    ).toEqual([
      ["Succeskriterier:", 0, 0],
      ["Se tabellen:", 0, 1],
      ["Succeskriterier:", 1, 0],
      ["Datakilde:", 1, 1],
      ["Slut", 0, 1],
      ["Anden tabel", 2, 0],
    ]);
    expect(document.tables[0]!.rows[0]!.cells[1]).toEqual({
      colSpan: 1,
      rowSpan: 1,
      blocks: [1, 4],
      tables: [1],
    });
    expect(document.tables.map((table) => table.index)).toEqual([0, 1, 2]);
    // Only the top-level tables are in the body.
    expect(document.body).toEqual([{ table: 0 }, { table: 2 }]);
  });
});
