/**
 * Headings in Word's own Heading styles, so the navigation pane and a table of contents work.
 * Level 1 is the document's title, 2 its sections, 3 their parts, 4 the small groups within them.
 */
import { HeadingLevel, Paragraph } from "docx";
import { textRuns } from "./text";

export type HeadingDepth = 1 | 2 | 3 | 4;

const LEVELS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;

export function heading(
  text: string,
  depth: HeadingDepth,
  options: { pageBreakBefore?: boolean } = {},
): Paragraph {
  return new Paragraph({
    heading: LEVELS[depth],
    children: textRuns(text),
    pageBreakBefore: options.pageBreakBefore || undefined,
  });
}
