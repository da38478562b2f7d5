/**
 * The Word reader on files as Word and the app leave them: tracked changes, comments, headers and
 * footers; the app's own export read back; Word's bookkeeping (cut before mammoth reads, without
 * changing what is read); a 30-page document.
 */
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  Footer,
  Header,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { buildAgreementView } from "~/domain/agreement-view";
import type { SourceDocument } from "~/domain/import/types";
import {
  COMMENTS_LEFT_OUT_WARNING,
  HEADER_LEFT_OUT_WARNING,
  readAgreementDocx,
  readHtml,
  TRACKED_CHANGES_WARNING,
} from "~/import/read-docx.server";
import { slimXml } from "~/import/slim-docx.server";
import { countWords } from "~/import/words";
import { AGREEMENT_HEADINGS, buildAgreementDocument } from "../../templates/agreement";
import { renderDocx } from "../../templates/render";
import { agreementRecord } from "../fixtures/agreement-record";
import { asWordSavesIt, thirtyPageDocx } from "../helpers/word-docx";

describe("what Word files hold besides the body", () => {
  const change = (id: number) => ({
    id,
    author: "Mette Sekretariat",
    date: "2024-03-01T10:00:00Z",
  });

  it("reads tracked changes as accepted, and says so; comments and header text are named as left out", async () => {
    const document = new Document({
      comments: {
        children: [
          { id: 0, author: "Mette", date: new Date(0), children: [new Paragraph("Tjek tallet")] },
        ],
      },
      sections: [
        {
          headers: {
            default: new Header({
              children: [new Paragraph("Boligsocial helhedsplan Kildeparken")],
            }),
          },
          children: [
            new Paragraph({
              children: [
                new CommentRangeStart(0),
                new TextRun("Budget: "),
                new DeletedTextRun({ text: "3.000.000 kr.", ...change(1) }),
                new InsertedTextRun({ text: "3.962.000 kr.", ...change(2) }),
                new CommentRangeEnd(0),
                new TextRun({ children: [new CommentReference(0)] }),
              ],
            }),
          ],
        },
      ],
    });
    const read = await readAgreementDocx(
      new Uint8Array(await Packer.toBuffer(document)),
      "med ændringer.docx",
    );
    expect(read.blocks.map((block) => block.text)).toEqual(["Budget: 3.962.000 kr."]);
    expect(read.warnings).toEqual([
      TRACKED_CHANGES_WARNING,
      COMMENTS_LEFT_OUT_WARNING,
      HEADER_LEFT_OUT_WARNING,
    ]);
  });

  it("does not warn about a footer with nothing but page numbers", async () => {
    const document = new Document({
      sections: [
        {
          footers: {
            default: new Footer({
              children: [
                new Paragraph({
                  children: [
                    new TextRun({
                      children: ["Side ", PageNumber.CURRENT, " af ", PageNumber.TOTAL_PAGES],
                    }),
                  ],
                }),
              ],
            }),
          },
          children: [new Paragraph("Formål")],
        },
      ],
    });
    const read = await readAgreementDocx(
      new Uint8Array(await Packer.toBuffer(document)),
      "sidetal.docx",
    );
    expect(read.warnings).toEqual([]);
  });
});

describe("the app's own Word export", () => {
  let document: SourceDocument;
  it("reads back with its headings, tables and every word", async () => {
    const bytes = await renderDocx(buildAgreementDocument(buildAgreementView(agreementRecord())));
    document = await readAgreementDocx(new Uint8Array(bytes), "eksport.docx");
    const headings = document.blocks.filter((block) => block.kind === "heading");
    expect(headings[0]).toMatchObject({
      level: 1,
      text: expect.stringMatching(/^Delaftale for indsatsområdet /),
    });
    const texts = headings.map((block) => block.text);
    for (const text of [
      AGREEMENT_HEADINGS.planName,
      AGREEMENT_HEADINGS.parties,
      AGREEMENT_HEADINGS.primary,
      AGREEMENT_HEADINGS.secondary,
      AGREEMENT_HEADINGS.problem,
      AGREEMENT_HEADINGS.purposes,
      AGREEMENT_HEADINGS.method,
      AGREEMENT_HEADINGS.criteria,
      AGREEMENT_HEADINGS.activities,
      AGREEMENT_HEADINGS.anchoring,
    ]) {
      expect(texts).toContain(text);
    }
    // The criteria table, the financing tables, the clauses table and an activity schema with a nested criteria table.
    expect(document.tables.length).toBeGreaterThanOrEqual(5);
    const labels = document.blocks
      .filter((block) => block.cell?.column === 0 && block.bold)
      .map((block) => block.text);
    expect(labels).toEqual(
      expect.arrayContaining([
        "Aktivitetsnavn:",
        "Formål:",
        "Organisering, ansvar og rollefordeling:",
      ]),
    );
    expect(
      document.tables.some((table) =>
        table.rows.some((row) => row.cells.some((c) => c.tables.length > 0)),
      ),
    ).toBe(true);
    expect(document.wordCount).toBeGreaterThan(0);
    // Its header names the plan, focus area and status; the reader says it did not take it.
    expect(document.warnings).toEqual([HEADER_LEFT_OUT_WARNING]);
    expect(document.wordCount).toBe(
      document.blocks.reduce((sum, block) => sum + countWords(block.text), 0),
    );
    // Every block is reachable from the body: directly, or through a (nested) table's cell.
    const reached = new Set<number>();
    const visitTable = (index: number) => {
      for (const row of document.tables[index]!.rows) {
        for (const c of row.cells) {
          c.blocks.forEach((block) => reached.add(block));
          c.tables.forEach(visitTable);
        }
      }
    };
    for (const part of document.body) {
      if ("block" in part) reached.add(part.block);
      else visitTable(part.table);
    }
    expect(reached.size).toBe(document.blocks.length);
    expect(document.blocks.map((block) => block.index)).toEqual(document.blocks.map((_, i) => i));
  });
});

describe("Word's bookkeeping", () => {
  it("is cut before mammoth reads the file, without changing what is read", async () => {
    const plain = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Formål", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              children: [
                new TextRun({ text: "Formål:", bold: true }),
                new TextRun({ text: " at styrke", italics: true }),
                new TextRun({ text: "fællesskabet", break: 1 }),
              ],
            }),
            new Paragraph('Skriv <w:lang w:val="x"/> og w:rsidR="1" her'),
            new Paragraph({ text: "punkt", bullet: { level: 0 } }),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph("A")], rowSpan: 2 }),
                    new TableCell({ children: [new Paragraph("B")] }),
                  ],
                }),
                new TableRow({ children: [new TableCell({ children: [new Paragraph("C")] })] }),
              ],
            }),
          ],
        },
      ],
    });
    const original = new Uint8Array(await Packer.toBuffer(plain));
    const saved = asWordSavesIt(original);
    expect(strFromU8(unzipSync(saved)["word/document.xml"]!)).toContain("w:rsidR=");
    const direct = await mammoth.convertToHtml(
      { buffer: Buffer.from(original) },
      { ignoreEmptyParagraphs: false },
    );
    const expected = readHtml(direct.value);
    expect(expected.blocks.map((block) => block.text)).toEqual([
      "Formål",
      "Formål: at styrke\nfællesskabet",
      'Skriv <w:lang w:val="x"/> og w:rsidR="1" her',
      "punkt",
      "A",
      "B",
      "C",
    ]);
    expect(await readAgreementDocx(saved, "gemt i Word.docx")).toEqual(expected);
  });

  it("keeps every tag that carries text, structure or bold/italic", () => {
    const xml =
      `<w:p w:rsidR="00A1" w:rsidRDefault="00A2" w14:paraId="1A2B"><w:pPr><w:pStyle w:val="Heading1"/><w:spacing w:after="120"/></w:pPr>` +
      `<w:bookmarkStart w:id="0" w:name="_Toc1"/><w:proofErr w:type="spellStart"/><w:r w:rsidRPr="00A3"><w:rPr><w:b/><w:i/><w:lang w:val="da-DK"/></w:rPr>` +
      `<w:lastRenderedPageBreak/><w:t xml:space="preserve">Formål &lt;w:lang/&gt; w:rsidR="1"</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>`;
    expect(slimXml(xml)).toBe(
      `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr><w:b/><w:i/></w:rPr>` +
        `<w:t xml:space="preserve">Formål &lt;w:lang/&gt; w:rsidR="1"</w:t></w:r></w:p>`,
    );
  });

  it("reads a 30-page document saved by Word", async () => {
    const document = await readAgreementDocx(await thirtyPageDocx(), "30 sider.docx");
    expect(document.wordCount).toBeGreaterThan(12_000);
    expect(document.tables).toHaveLength(30);
    expect(document.blocks.filter((block) => block.kind === "heading")).toHaveLength(30);
    expect(document.blocks.filter((block) => block.bold)).toHaveLength(30 * 4);
  });
});
