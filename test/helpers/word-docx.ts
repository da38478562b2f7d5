/**
 * .docx files as Word leaves them, for the import's tests and benchmark: `asWordSavesIt` adds the
 * bookkeeping Word writes into every document it saves (revision ids on paragraphs and runs,
 * paragraph ids, spelling marks, language and font tags, bookmarks, rendered page breaks) to a
 * file built with `docx`; `thirtyPageDocx` is a 30-page agreement-like document (12,000 words in
 * headings, bold labels, bulleted lists and two-column tables) saved that way.
 */
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type FileChild,
} from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

export function asWordSavesIt(docx: Uint8Array): Uint8Array {
  const files = unzipSync(docx);
  let n = 0;
  const id = () => (0x00a00000 + n++).toString(16).toUpperCase().padStart(8, "0");
  const rPr = `<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="da-DK"/>`;
  files["word/document.xml"] = strToU8(
    strFromU8(files["word/document.xml"]!)
      .replace(
        /<w:p>/g,
        () =>
          `<w:p w:rsidR="${id()}" w:rsidRDefault="${id()}" w14:paraId="${id()}" w14:textId="77777777">` +
          `<w:bookmarkStart w:id="${n}" w:name="_Toc${id()}"/><w:bookmarkEnd w:id="${n}"/>`,
      )
      .replace(/<w:r>/g, () => `<w:proofErr w:type="spellStart"/><w:r w:rsidRPr="${id()}">`)
      .replace(/<w:r w:rsidRPr="(\w+)"><w:rPr>/g, `<w:r w:rsidRPr="$1"><w:rPr>${rPr}`)
      .replace(
        /<w:t xml:space="preserve">/g,
        `<w:lastRenderedPageBreak/><w:t xml:space="preserve">`,
      ),
  );
  return zipSync(files);
}

const WORDS =
  "beboerne i afdelingen deltager aktivt i fællesskabet og sekretariatet understøtter frivillige med lokaler og midler".split(
    " ",
  );

function sentence(length: number, seed: number): string {
  return Array.from({ length }, (_, i) => WORDS[(i * 7 + seed) % WORDS.length]).join(" ");
}

/** About 410 words a page: a heading, six label paragraphs, four bullets, a 4-row table. */
export async function thirtyPageDocx(pages = 30): Promise<Uint8Array> {
  const children: FileChild[] = [];
  let seed = 0;
  for (let page = 1; page <= pages; page += 1) {
    children.push(new Paragraph({ text: `Afsnit ${page}`, heading: HeadingLevel.HEADING_2 }));
    for (let i = 0; i < 6; i += 1) {
      children.push(
        new Paragraph({
          children: [
            new TextRun({ text: "Formål: ", bold: true }),
            new TextRun(sentence(40, seed++)),
            new TextRun({ text: ` ${sentence(5, seed)}`, italics: true }),
          ],
        }),
      );
    }
    for (let i = 0; i < 4; i += 1) {
      children.push(new Paragraph({ text: sentence(12, seed++), bullet: { level: 0 } }));
    }
    const row = () =>
      new TableRow({
        children: [
          new TableCell({
            children: [
              new Paragraph({ children: [new TextRun({ text: "Målgruppe:", bold: true })] }),
            ],
          }),
          new TableCell({ children: [new Paragraph(sentence(20, seed++))] }),
        ],
      });
    children.push(new Table({ rows: [row(), row(), row(), row()] }));
  }
  const document = new Document({ sections: [{ children }] });
  return asWordSavesIt(new Uint8Array(await Packer.toBuffer(document)));
}
