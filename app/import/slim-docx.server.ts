/**
 * A lighter copy of a checked .docx for mammoth, which holds each part's whole XML tree in memory
 * and walks it several times: Word's bookkeeping that changes nothing in the text (revision ids on
 * every paragraph and run, spelling marks, language and font tags, bookmarks, rendered page
 * breaks) is cut from the text parts, and images and other binary parts are left empty (the
 * reader never looks at them).
 * On a 30-page document saved by Word this halves mammoth's time. On the way it notes what
 * mammoth will not show, for the reader's warnings: tracked changes (read as accepted), comments,
 * and text in headers and footers.
 *
 * Only called after `checkDocxFile`: the sizes are checked and real, so unzipping is safe.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { isXmlPart } from "./docx-file.server";

/** Parts whose XML is cut down: the body and the notes mammoth appends. */
const TEXT_PARTS = new Set(["word/document.xml", "word/footnotes.xml", "word/endnotes.xml"]);

/** Empty elements that carry no text, structure or bold/italic. */
const NOISE_ELEMENT =
  /^<w:(?:proofErr|lang|noProof|rFonts|sz|szCs|spacing|bookmarkStart|bookmarkEnd|lastRenderedPageBreak)\b[^>]*\/>$/;
const NOISE_ATTRIBUTE = / (?:w:rsid\w*|w14:paraId|w14:textId)="[^"]*"/g;

/** What the slim copy leaves out or reads differently, for the reader's warnings. */
export interface SlimDocx {
  bytes: Uint8Array;
  /** Unaccepted tracked changes: mammoth reads them as accepted (insertions in, deletions out). */
  trackedChanges: boolean;
  /** Reviewers' comments, which mammoth leaves out. */
  comments: boolean;
  /** Text in a header or footer, which mammoth leaves out. */
  headerText: boolean;
}

export function slimDocx(bytes: Uint8Array): SlimDocx {
  const binary: string[] = [];
  const files = unzipSync(bytes, {
    filter: (file) => {
      // Images and other binary parts: mammoth reads them only through the image converter,
      // which never reads them.
      if (isXmlPart(file.name)) return true;
      binary.push(file.name);
      return false;
    },
  });
  const out: Zippable = {};
  let trackedChanges = false;
  let headerText = false;
  for (const [name, data] of Object.entries(files)) {
    if (TEXT_PARTS.has(name)) {
      const xml = strFromU8(data);
      trackedChanges ||= /<w:(ins|del|moveFrom|moveTo)\b/.test(xml);
      out[name] = strToU8(slimXml(xml));
    } else {
      if (/^word\/(header|footer)\d*\.xml$/.test(name)) headerText ||= hasOwnText(strFromU8(data));
      out[name] = data;
    }
  }
  for (const name of binary) out[name] = new Uint8Array(0);
  const comments = /<w:comment\b/.test(
    files["word/comments.xml"] ? strFromU8(files["word/comments.xml"]) : "",
  );
  // Stored, not deflated: mammoth reads it straight back.
  return { bytes: zipSync(out, { level: 0 }), trackedChanges, comments, headerText };
}

/** Text beyond page numbers ("Side 3 af 12"), which every footer has and nobody misses. */
function hasOwnText(xml: string): boolean {
  const text = [...xml.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(" ");
  return /\S/.test(text.replace(/\b(side|af|page|of)\b|[\d\s.,:\-–/|]/gi, ""));
}

/** Every tag is looked at on its own, so text in the document (escaped "<") is never touched. */
export function slimXml(xml: string): string {
  return xml.replace(/<[^>]+>/g, (tag) => {
    if (NOISE_ELEMENT.test(tag)) return "";
    return tag.includes(" w:rsid") || tag.includes(" w14:")
      ? tag.replace(NOISE_ATTRIBUTE, "")
      : tag;
  });
}
