/**
 * Document-wide look of our Word documents: page, font, Danish language, heading styles and the
 * list definitions. Headings use Word's own Heading 1–4 styles (restyled, not replaced) so the
 * navigation pane, a table of contents and independent readers (pandoc, LibreOffice) see them.
 */
import {
  AlignmentType,
  LevelFormat,
  LineRuleType,
  type INumberingOptions,
  type ISectionPropertiesOptions,
  type IStylesOptions,
} from "docx";

export const FONT = "Calibri";
/** Half-points: 11 pt body text. */
export const BODY_SIZE = 22;
export const LANGUAGE = "da-DK";

/** A4 with 2.5 cm margins left/right; the width tables are laid out against. */
const PAGE_WIDTH = 11906;
const PAGE_HEIGHT = 16838;
const MARGIN_X = 1418;
const MARGIN_Y = 1304;
export const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;

export const PAGE_PROPERTIES: ISectionPropertiesOptions = {
  page: {
    size: { width: PAGE_WIDTH, height: PAGE_HEIGHT },
    margin: {
      top: MARGIN_Y,
      bottom: MARGIN_Y,
      left: MARGIN_X,
      right: MARGIN_X,
      header: 567,
      footer: 567,
    },
  },
};

/**
 * `outlineLevel` as Word's own heading styles carry it (0 for Heading 1): Word infers it from the
 * style's name, but LibreOffice needs it to put headings in a table of contents and its navigator.
 */
const heading = (size: number, before: number, outlineLevel: number, color?: string) => ({
  run: { font: FONT, size, bold: true, color: color ?? "1F3864" },
  paragraph: { spacing: { before, after: 80 }, keepNext: true, keepLines: true, outlineLevel },
});

export const DOCUMENT_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: BODY_SIZE, language: { value: LANGUAGE } },
      // lineRule spelled out: LibreOffice reads a bare w:line as exact (wrapped headings overlapped).
      paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
    },
    /** A whole document's own title (the plan's), outside the outline and a table of contents. */
    title: {
      run: { font: FONT, size: 40, bold: true, color: "1F3864" },
      paragraph: { spacing: { after: 240 } },
    },
    heading1: heading(32, 360, 0),
    heading2: heading(26, 280, 1),
    heading3: heading(23, 200, 2),
    heading4: heading(BODY_SIZE, 160, 3, "000000"),
    listParagraph: { paragraph: { spacing: { after: 60 } } },
  },
  paragraphStyles: [
    {
      id: "TableText",
      name: "Table Text",
      basedOn: "Normal",
      quickFormat: true,
      paragraph: { spacing: { before: 40, after: 40 } },
    },
    // Smaller table text (tables of figures that must fit their columns): see tables.ts.
    ...[20, 18].map((size) => ({
      id: `TableText${size / 2}`,
      name: `Table Text ${size / 2} pt`,
      basedOn: "TableText",
      run: { size },
    })),
    {
      id: "HeaderFooterText",
      name: "Header Footer Text",
      basedOn: "Normal",
      run: { size: 18, color: "595959" },
      paragraph: { spacing: { after: 0 } },
    },
  ],
};

export const BULLET_LIST = "bullet-list";
export const NUMBERED_LIST = "numbered-list";

const INDENT_STEP = 360;
const levels = [0, 1, 2];

export const NUMBERING: INumberingOptions = {
  config: [
    {
      reference: BULLET_LIST,
      levels: levels.map((level) => ({
        level,
        format: LevelFormat.BULLET,
        text: ["•", "–", "▪"][level] ?? "•",
        alignment: AlignmentType.LEFT,
        style: {
          paragraph: {
            indent: { left: INDENT_STEP * (level + 1), hanging: INDENT_STEP },
          },
        },
      })),
    },
    {
      reference: NUMBERED_LIST,
      levels: levels.map((level) => ({
        level,
        format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level],
        text: `%${level + 1}.`,
        alignment: AlignmentType.LEFT,
        style: {
          paragraph: {
            indent: { left: INDENT_STEP * (level + 1), hanging: INDENT_STEP },
          },
        },
      })),
    },
  ],
};
