/**
 * Files the Word import must refuse, built in memory in a few milliseconds each (no fixtures on
 * disk, no LibreOffice): a PDF and an RTF renamed .docx, an old .doc and a password-protected
 * .docx (OLE compound files with the directory entries Word writes), a .docm with macros, zip
 * bombs (real deflate data that unpacks to 300 MB, with an honest header and with a lying one;
 * 9 MB of XML), an .xlsx and an .odt, a truncated and a garbled .docx, an empty file, a 21 MB
 * file, and a .docx without any text. Each builder returns the file's name, its bytes and the `ImportFileError`
 * code the import answers with; `HOSTILE_FILES` lists them all.
 */
import { strToU8, zipSync } from "fflate";
import type { ImportFileErrorCode } from "../../app/import/docx-file.server";

export interface HostileFile {
  name: string;
  bytes: Uint8Array;
  code: ImportFileErrorCode;
}

const MB = 1024 * 1024;
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DOCX_MAIN =
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml";

function contentTypes(main: string, extra = ""): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>${extra}` +
    `<Override PartName="/word/document.xml" ContentType="${main}"/></Types>`
  );
}

const PACKAGE_RELS =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`;

function documentXml(paragraphs: string[]): string {
  const body = paragraphs
    .map((text) =>
      text ? `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>` : `<w:p/>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
}

/** The parts of a smallest .docx Word opens, with these paragraphs (plain text, no markup). */
function minimalDocxParts(paragraphs: string[]): Record<string, Uint8Array> {
  return {
    "[Content_Types].xml": strToU8(contentTypes(DOCX_MAIN)),
    "_rels/.rels": strToU8(PACKAGE_RELS),
    "word/document.xml": strToU8(documentXml(paragraphs)),
  };
}

/** A smallest valid .docx (built synchronously, unlike docx's Packer). */
export function minimalDocx(
  paragraphs: string[] = ["Delaftale for indsatsområdet Tryghed"],
): Uint8Array {
  return zipSync(minimalDocxParts(paragraphs));
}

// --- not a .docx at all -------------------------------------------------------------------------

export function emptyFile(): HostileFile {
  return { name: "delaftale.docx", bytes: new Uint8Array(0), code: "empty" };
}

/** 21 MB: over the limit, refused before anything reads it. */
export function oversizedFile(): HostileFile {
  const bytes = new Uint8Array(21 * MB);
  bytes.set([0x50, 0x4b, 0x03, 0x04]);
  return { name: "stor delaftale.docx", bytes, code: "too-large" };
}

export function renamedPdf(): HostileFile {
  const pdf =
    "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
  return { name: "delaftale.pdf.docx", bytes: strToU8(pdf), code: "not-docx" };
}

export function renamedRtf(): HostileFile {
  const rtf = "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Calibri;}}\\f0 Delaftale for Tryghed\\par}";
  return { name: "delaftale.docx", bytes: strToU8(rtf), code: "not-docx" };
}

// --- OLE compound files: an old .doc and a password-protected .docx -----------------------------

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;

/**
 * A compound file (version 3, 512-byte sectors) with these streams in its root storage: sector 0
 * is the FAT, sector 1 the directory, then one sector of (zero) data per stream. What Word writes
 * has more in the streams; the directory is what tells a .doc from an encrypted .docx.
 */
function compoundFile(streams: string[]): Uint8Array {
  const entries = ["Root Entry", ...streams];
  if (entries.length > 4) throw new Error("one directory sector holds four entries");
  const sectors = 2 + streams.length;
  const bytes = new Uint8Array(512 * (sectors + 1));
  const view = new DataView(bytes.buffer);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(0x18, 0x3e, true);
  view.setUint16(0x1a, 3, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, 1, true);
  view.setUint32(0x30, 1, true);
  view.setUint32(0x38, 4096, true);
  view.setUint32(0x3c, END_OF_CHAIN, true);
  view.setUint32(0x44, END_OF_CHAIN, true);
  for (let i = 0; i < 109; i += 1) view.setUint32(0x4c + 4 * i, i === 0 ? 0 : FREE, true);

  const fat = 512;
  for (let i = 0; i < 128; i += 1) view.setUint32(fat + 4 * i, FREE, true);
  view.setUint32(fat, FAT_SECTOR, true);
  view.setUint32(fat + 4, END_OF_CHAIN, true);
  streams.forEach((_, i) => view.setUint32(fat + 4 * (2 + i), END_OF_CHAIN, true));

  entries.forEach((name, i) => {
    const at = 1024 + 128 * i;
    for (let c = 0; c < name.length; c += 1) view.setUint16(at + 2 * c, name.charCodeAt(c), true);
    view.setUint16(at + 64, 2 * (name.length + 1), true);
    bytes[at + 66] = i === 0 ? 5 : 2; // root storage, or stream
    bytes[at + 67] = 1; // black
    view.setUint32(at + 68, FREE, true);
    view.setUint32(at + 72, i > 0 && i < entries.length - 1 ? i + 1 : FREE, true);
    view.setUint32(at + 76, i === 0 && entries.length > 1 ? 1 : FREE, true);
    view.setUint32(at + 116, i === 0 ? END_OF_CHAIN : 1 + i, true);
    view.setUint32(at + 120, i === 0 ? 0 : 512, true);
  });
  for (let i = entries.length; i < 4; i += 1) view.setUint32(1024 + 128 * i + 68, FREE, true);
  return bytes;
}

/** An old Word 97-2003 document (.doc): a compound file with a WordDocument stream. */
export function legacyDoc(): HostileFile {
  return {
    name: "delaftale-2015.doc",
    bytes: compoundFile(["WordDocument", "1Table", "\u0005SummaryInformation"]),
    code: "legacy-doc",
  };
}

/** A .doc renamed .docx: the same answer, the file is in the old format. */
export function legacyDocRenamed(): HostileFile {
  return { ...legacyDoc(), name: "delaftale-2015.docx" };
}

/** A .docx with a password: Word wraps the encrypted package in a compound file. */
export function encryptedDocx(): HostileFile {
  return {
    name: "fortrolig delaftale.docx",
    bytes: compoundFile(["\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]),
    code: "encrypted",
  };
}

// --- zips that are not a Word document, or a broken one -----------------------------------------

/** A macro-enabled document (.docm): the macro project and the macroEnabled content type. */
export function macroDocm(): HostileFile {
  const parts = minimalDocxParts(["Delaftale med makroer"]);
  parts["[Content_Types].xml"] = strToU8(
    contentTypes(
      DOCM_MAIN,
      `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>`,
    ),
  );
  parts["word/vbaProject.bin"] = new Uint8Array(2048).fill(7);
  return { name: "delaftale.docm", bytes: zipSync(parts), code: "macros" };
}

/** A .docm renamed .docx, its content types claiming an ordinary document: the macros are still there. */
export function macroProjectInDocx(): HostileFile {
  const parts = minimalDocxParts(["Delaftale med makroer"]);
  parts["word/vbaProject.bin"] = new Uint8Array(2048).fill(7);
  return { name: "delaftale.docx", bytes: zipSync(parts), code: "macros" };
}

/** An Excel workbook renamed .docx: a zip, but no Word document in it. */
export function xlsxLike(): HostileFile {
  const bytes = zipSync({
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(`<?xml version="1.0"?><workbook/>`),
  });
  return { name: "budget.docx", bytes, code: "not-docx" };
}

/** A LibreOffice text document (.odt): a zip without word/document.xml. */
export function odtLike(): HostileFile {
  const bytes = zipSync({
    mimetype: [strToU8("application/vnd.oasis.opendocument.text"), { level: 0 }],
    "content.xml": strToU8(
      `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`,
    ),
  });
  return { name: "delaftale.odt", bytes, code: "not-docx" };
}

/** A .docx cut off part way (an interrupted download): no central directory. */
export function truncatedDocx(): HostileFile {
  const whole = minimalDocx(["Delaftale for indsatsområdet Tryghed", "Formål", "Noget tekst"]);
  return {
    name: "afbrudt.docx",
    bytes: whole.slice(0, Math.floor(whole.length * 0.6)),
    code: "corrupt",
  };
}

/** A .docx whose document part holds garbage where the deflate data should be. */
export function garbledDocx(): HostileFile {
  const text = "Delaftale for indsatsområdet Tryghed og trivsel. ".repeat(40);
  const bytes = minimalDocx([text]);
  // The document part is the last entry: overwrite the middle of its compressed data.
  const central = findLast(bytes, [0x50, 0x4b, 0x01, 0x02]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const local = view.getUint32(central + 42, true);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const size = view.getUint32(central + 20, true);
  for (let i = start + 2; i < start + size - 2; i += 1) bytes[i] = 0xff;
  return { name: "beskadiget.docx", bytes, code: "corrupt" };
}

function findLast(bytes: Uint8Array, magic: number[]): number {
  for (let at = bytes.length - magic.length; at >= 0; at -= 1) {
    if (magic.every((byte, i) => bytes[at + i] === byte)) return at;
  }
  throw new Error("not found");
}

/** A well-formed .docx with nothing but empty paragraphs: there is nothing to import. */
export function noTextDocx(): HostileFile {
  return { name: "tom skabelon.docx", bytes: minimalDocx(["", "", " "]), code: "no-text" };
}

// --- zip bombs --------------------------------------------------------------------------------

/**
 * Raw deflate data that inflates to `size` zero bytes, written directly with the fixed Huffman
 * codes: one literal 0, then matches of length 258 at distance 1 (13 bits per 258 bytes), so 300
 * MB take 2 MB and a few milliseconds to build (deflating 300 MB of zeros with fflate takes 7 s).
 */
export function deflatedZeros(size: number): Uint8Array {
  const matches = Math.floor((size - 1) / 258);
  const literals = size - 1 - matches * 258;
  const out = new Uint8Array(Math.ceil((3 + 8 * (1 + literals) + 13 * matches + 7) / 8) + 1);
  let bit = 0;
  const put = (value: number, length: number) => {
    for (let i = 0; i < length; i += 1, bit += 1)
      if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  // Huffman codes go most significant bit first.
  const putCode = (code: number, length: number) => {
    for (let i = length - 1; i >= 0; i -= 1, bit += 1)
      if ((code >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  put(1, 1); // the final block
  put(1, 2); // fixed Huffman codes
  putCode(0b00110000, 8); // literal 0
  for (let i = 0; i < matches; i += 1) {
    putCode(0b11000101, 8); // length 258 (symbol 285)
    putCode(0, 5); // distance 1
  }
  for (let i = 0; i < literals; i += 1) putCode(0b00110000, 8);
  putCode(0, 7); // end of block (symbol 256)
  return out.subarray(0, Math.ceil(bit / 8));
}

interface RawEntry {
  name: string;
  /** Deflated bytes (method 8). */
  data: Uint8Array;
  /** The uncompressed size the zip's headers claim. */
  claimedSize: number;
}

/** A zip written byte by byte, so its headers can claim what the test wants (CRCs left 0). */
function rawZip(entries: RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = strToU8(entry.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(18, entry.data.length, true);
    lv.setUint32(22, entry.claimedSize, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const cv = new DataView(record.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(20, entry.data.length, true);
    cv.setUint32(24, entry.claimedSize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    record.set(name, 46);
    chunks.push(local, entry.data);
    central.push(record);
    offset += local.length + entry.data.length;
  }
  const centralSize = central.reduce((sum, record) => sum + record.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const bytes = new Uint8Array(all.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of all) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** A small real document's parts as raw entries (deflated with fflate's zipSync, then reused). */
function docxRawEntries(): RawEntry[] {
  const parts = minimalDocxParts(["Delaftale for indsatsområdet Tryghed"]);
  return Object.entries(parts).map(([name, data]) => ({
    name,
    data: deflateRaw(data),
    claimedSize: data.length,
  }));
}

function deflateRaw(data: Uint8Array): Uint8Array {
  const zip = zipSync({ x: data });
  const view = new DataView(zip.buffer, zip.byteOffset);
  const compressed = view.getUint32(18, true);
  const start = 30 + view.getUint16(26, true) + view.getUint16(28, true);
  return zip.slice(start, start + compressed);
}

export const ZIP_BOMB_BYTES = 300 * MB;

/** A .docx with a 300 MB part of zeros (2 MB packed); its headers say so honestly. */
export function zipBomb(): HostileFile {
  const bytes = rawZip([
    ...docxRawEntries(),
    {
      name: "word/media/image1.png",
      data: deflatedZeros(ZIP_BOMB_BYTES),
      claimedSize: ZIP_BOMB_BYTES,
    },
  ]);
  return { name: "bombe.docx", bytes, code: "zip-bomb" };
}

/** The same bomb in word/document.xml, its headers claiming 1 KB: only really inflating it tells. */
export function lyingZipBomb(): HostileFile {
  const entries = docxRawEntries().filter((entry) => entry.name !== "word/document.xml");
  entries.push({
    name: "word/document.xml",
    data: deflatedZeros(ZIP_BOMB_BYTES),
    claimedSize: 1024,
  });
  return { name: "løgnagtig bombe.docx", bytes: rawZip(entries), code: "zip-bomb" };
}

/** Ten parts of 30 MB each, honestly declared: every part is under the per-part cap, the sum is not. */
export function spreadZipBomb(): HostileFile {
  const size = 30 * MB;
  const zeros = deflatedZeros(size);
  const entries = docxRawEntries();
  for (let i = 1; i <= 10; i += 1) {
    entries.push({ name: `word/media/image${i}.png`, data: zeros, claimedSize: size });
  }
  return { name: "spredt bombe.docx", bytes: rawZip(entries), code: "zip-bomb" };
}

/**
 * Nine MB of empty paragraphs (honestly declared): more XML than mammoth should ever hold in
 * memory for a delaftale (a 30-page one has about 1 MB).
 */
export function hugeXmlDocx(): HostileFile {
  const parts = minimalDocxParts([]);
  const paragraphs = "<w:p/>".repeat(Math.ceil((9 * MB) / 6));
  parts["word/document.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${paragraphs}</w:body></w:document>`,
  );
  // Stored, not deflated: 9 MB is still under the upload limit, and builds in milliseconds.
  return { name: "uendelig.docx", bytes: zipSync(parts, { level: 0 }), code: "zip-bomb" };
}

/** Every hostile file, for tests that try them all (the model's and the upload page's too). */
export const HOSTILE_FILES: (() => HostileFile)[] = [
  emptyFile,
  oversizedFile,
  renamedPdf,
  renamedRtf,
  legacyDoc,
  legacyDocRenamed,
  encryptedDocx,
  macroDocm,
  macroProjectInDocx,
  xlsxLike,
  odtLike,
  truncatedDocx,
  garbledDocx,
  noTextDocx,
  zipBomb,
  lyingZipBomb,
  spreadZipBomb,
  hugeXmlDocx,
];
