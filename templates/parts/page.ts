/**
 * What every page carries: a header naming the document (plan · focus area · status) and a footer
 * with "Side X af Y" as Word fields, so the numbers stay right when the document is edited.
 */
import { AlignmentType, BorderStyle, Footer, Header, PageNumber, Paragraph, TextRun } from "docx";
import type { FileChild, ISectionOptions } from "docx";
import { PAGE_PROPERTIES } from "./styles";
import { textRuns } from "./text";

const FRAME_STYLE = "HeaderFooterText";
export const HEADER_SEPARATOR = " · ";

export function documentHeader(parts: string[]): Header {
  return new Header({
    children: [
      new Paragraph({
        style: FRAME_STYLE,
        children: textRuns(parts.filter(Boolean).join(HEADER_SEPARATOR)),
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "A6A6A6", space: 4 } },
      }),
    ],
  });
}

export function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: FRAME_STYLE,
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ children: ["Side ", PageNumber.CURRENT, " af ", PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

/** A section on our page layout, with the header and the page-number footer. */
export function pageSection(headerParts: string[], children: FileChild[]): ISectionOptions {
  return {
    properties: PAGE_PROPERTIES,
    headers: { default: documentHeader(headerParts) },
    footers: { default: pageNumberFooter() },
    children,
  };
}
