/**
 * Numbered lists in rich text (issue 12): «1.» typed in a textarea stays a numbered list through
 * saving and editing again, prints as a real Word numbered list that starts at 1 each time, and
 * shows as <ol> on screen.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RichTextView } from "~/components/rich-text";
import {
  parseRichText,
  RICH_TEXT_HINT,
  richTextToMarkdown,
  type RichText,
} from "~/domain/rich-text";
import { createDocument } from "../../templates/parts/document";
import { richTextParagraphs } from "../../templates/parts/text";
import { readDocx } from "../helpers/docx";

const TYPED = [
  "Indsatsen har tre trin:",
  "",
  "1. Opsøgende arbejde",
  "2. **Forløb** med mentor",
  "3. Job eller uddannelse",
  "",
  "Og to fokuspunkter:",
  "",
  "- Trivsel",
  "- Tryghed",
  "",
  "Evalueringen sker i to skridt:",
  "",
  "1. Midtvejsevaluering",
  "2. Slutevaluering",
].join("\n");

const numberedBlock = (text: RichText) => text.blocks.filter((b) => b.type === "list");

describe("numbered lists in rich text", () => {
  it("tells the user how to write one", () => {
    expect(RICH_TEXT_HINT).toContain("med 1. for et punkt i en nummereret liste");
  });

  it("survives parse → markdown → parse as a numbered list", () => {
    const parsed = parseRichText(TYPED);
    expect(numberedBlock(parsed)).toEqual([
      {
        type: "list",
        ordered: true,
        items: [
          [{ text: "Opsøgende arbejde" }],
          [{ text: "Forløb", bold: true }, { text: " med mentor" }],
          [{ text: "Job eller uddannelse" }],
        ],
      },
      { type: "list", ordered: false, items: [[{ text: "Trivsel" }], [{ text: "Tryghed" }]] },
      {
        type: "list",
        ordered: true,
        items: [[{ text: "Midtvejsevaluering" }], [{ text: "Slutevaluering" }]],
      },
    ]);
    const markdown = richTextToMarkdown(parsed);
    // What the user sees in the textarea when editing again: still numbered from 1.
    expect(markdown).toContain(
      "1. Opsøgende arbejde\n2. **Forløb** med mentor\n3. Job eller uddannelse",
    );
    expect(markdown).toContain("1. Midtvejsevaluering\n2. Slutevaluering");
    expect(parseRichText(markdown)).toEqual(parsed);
  });

  it("prints each numbered list as a Word numbered list starting at 1", async () => {
    const doc = await readDocx(
      createDocument({
        title: "Nummererede lister",
        sections: [{ children: richTextParagraphs(parseRichText(TYPED)) }],
      }),
    );
    expect(doc.orderedLists).toEqual([
      { start: 1, items: ["Opsøgende arbejde", "Forløb med mentor", "Job eller uddannelse"] },
      { start: 1, items: ["Midtvejsevaluering", "Slutevaluering"] },
    ]);
    expect(doc.bullets).toEqual(["Trivsel", "Tryghed"]);
    expect(doc.plain).toContain("1.  Midtvejsevaluering\n2.  Slutevaluering");

    // The numbered paragraphs use the numbered list's definition: decimal numbers, "1.", "2." …
    const numbering = doc.files.get("word/numbering.xml")!;
    const document = doc.files.get("word/document.xml")!;
    const numIds = [...document.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]);
    expect(numIds).toHaveLength(7);
    const [firstList, , , , , secondList] = numIds;
    expect(firstList).not.toBe(secondList);
    for (const numId of [firstList, secondList]) {
      const abstractId = new RegExp(
        `<w:num w:numId="${numId}"[^>]*>\\s*<w:abstractNumId w:val="(\\d+)"/>`,
      ).exec(numbering)?.[1];
      expect(abstractId).toBeDefined();
      const abstract = new RegExp(
        `<w:abstractNum [^>]*w:abstractNumId="${abstractId}"[\\s\\S]*?</w:abstractNum>`,
      ).exec(numbering)?.[0];
      expect(abstract).toMatch(/<w:lvl w:ilvl="0"[\s\S]*?<w:numFmt w:val="decimal"\/>/);
      expect(abstract).toContain('<w:lvlText w:val="%1."/>');
    }
  });

  it("shows a numbered list as <ol> and a bullet list as <ul> on screen", () => {
    const html = renderToStaticMarkup(<RichTextView text={parseRichText(TYPED)} />);
    const lists = [...html.matchAll(/<(ol|ul)>(.*?)<\/\1>/g)].map((m) => [
      m[1],
      [...m[2]!.matchAll(/<li>(.*?)<\/li>/g)].map((li) => li[1]!.replace(/<[^>]+>/g, "")),
    ]);
    expect(lists).toEqual([
      ["ol", ["Opsøgende arbejde", "Forløb med mentor", "Job eller uddannelse"]],
      ["ul", ["Trivsel", "Tryghed"]],
      ["ol", ["Midtvejsevaluering", "Slutevaluering"]],
    ]);
    expect(html).toContain("<strong>");
  });
});
