/**
 * The checks an uploaded file passes before anything reads it as Word: it is a .docx (a zip with
 * a Word document in it), not an old .doc, not password-protected, without macros, not corrupt,
 * and not a zip bomb. Each refusal is an `ImportFileError` with a Danish message that names the
 * file and says what to do.
 *
 * The zip is read here with our own bounds, not the reader's: the central directory's claimed
 * sizes are checked first (a quick refusal), then every entry is really inflated in small slices
 * with fflate's streaming Inflate, counting the bytes and throwing them away, so a file whose
 * header lies is stopped at the cap with bounded memory. Only then does mammoth see the file.
 */
import { Inflate } from "fflate";

export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;
/** The whole file unpacked: a 30-page delaftale is a few MB, with images maybe 20. */
export const MAX_IMPORT_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
/** One part unpacked (word/document.xml of a 30-page agreement is about 1 MB). */
export const MAX_IMPORT_ENTRY_BYTES = 50 * 1024 * 1024;
/**
 * One XML part unpacked, and all of them together: mammoth holds a part's whole XML tree in memory
 * and takes about 2 s per MB of a Word-saved document.xml on a busy 2-core machine (a 30-page
 * delaftale has 0.5-1.5 MB), so XML stops well before the 50 MB of an image.
 */
export const MAX_IMPORT_XML_ENTRY_BYTES = 8 * 1024 * 1024;
export const MAX_IMPORT_XML_TOTAL_BYTES = 24 * 1024 * 1024;
/** More parts than any Word file has (images included). */
export const MAX_IMPORT_ZIP_ENTRIES = 5000;

export type ImportFileErrorCode =
  | "empty"
  | "too-large"
  | "not-docx"
  | "legacy-doc"
  | "encrypted"
  | "macros"
  | "zip-bomb"
  | "corrupt"
  | "no-text";

/** What a file that is not a .docx turned out to be, for a more helpful message. */
export type ForeignFileKind = "pdf" | "rtf" | "spreadsheet" | "presentation" | "odt";

const MB = 1024 * 1024;
const SAVE_AS_DOCX = "Åbn den i Word, gem den som Word-dokument (.docx), og prøv igen.";

function messageFor(code: ImportFileErrorCode, name: string, foreign?: ForeignFileKind): string {
  const file = `"${name}"`;
  switch (code) {
    case "empty":
      return `${file} er tom (0 byte). Vælg den rigtige fil og prøv igen.`;
    case "too-large":
      return `${file} fylder mere end ${MAX_IMPORT_FILE_BYTES / MB} MB, som er grænsen. Fjern store billeder fra dokumentet, eller del det op, og prøv igen.`;
    case "not-docx": {
      const what = {
        pdf: "en PDF-fil",
        rtf: "en RTF-fil",
        spreadsheet: "et regneark",
        presentation: "en præsentation",
        odt: "et OpenDocument-dokument (.odt)",
      };
      return foreign
        ? `${file} er ${what[foreign]}, ikke et Word-dokument (.docx). Gem delaftalen som .docx i Word og prøv igen.`
        : `${file} er ikke et Word-dokument (.docx). Gem filen som .docx i Word og prøv igen.`;
    }
    case "legacy-doc":
      return `${file} er i det gamle Word-format (.doc). ${SAVE_AS_DOCX}`;
    case "encrypted":
      return `${file} er beskyttet med adgangskode, så den kan ikke læses. Fjern adgangskoden i Word (Filer › Oplysninger › Beskyt dokument), gem filen, og prøv igen.`;
    case "macros":
      return `${file} indeholder makroer, og filer med makroer tages ikke imod. Gem den i Word som "Word-dokument (*.docx)" (uden makroer) og prøv igen.`;
    case "zip-bomb":
      return `${file} fylder urimeligt meget, når den pakkes ud (grænsen er ${MAX_IMPORT_UNCOMPRESSED_BYTES / MB} MB), og derfor bliver den ikke læst. Gem dokumentet igen i Word, uden store billeder, og prøv igen.`;
    case "corrupt":
      return `${file} er beskadiget og kan ikke læses. ${SAVE_AS_DOCX}`;
    case "no-text":
      return `${file} indeholder ingen tekst. Vælg den fil, som delaftalen står i, og prøv igen.`;
  }
}

/** A file the import refuses; `message` is Danish, names the file and says what to do. */
export class ImportFileError extends Error {
  /** A route that lets it through answers 400 (see app/route-boundary.server.ts). */
  readonly domainErrorKind = "invalid";
  readonly fileName: string;
  constructor(
    readonly code: ImportFileErrorCode,
    fileName: string,
    foreign?: ForeignFileKind,
  ) {
    const name = displayName(fileName);
    super(messageFor(code, name, foreign));
    this.name = "ImportFileError";
    this.fileName = name;
  }
}

/** The name as the user knows it: no folder ("C:\fakepath\…"), no control characters, not endless. */
function displayName(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (fileName.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (!base) return "filen";
  return base.length > 120 ? `${base.slice(0, 100)}…${base.slice(-15)}` : base;
}

/** Throws `ImportFileError` unless the bytes are a .docx that is safe to hand to the reader. */
export function checkDocxFile(bytes: Uint8Array, fileName: string): void {
  if (bytes.length === 0) throw new ImportFileError("empty", fileName);
  if (bytes.length > MAX_IMPORT_FILE_BYTES) throw new ImportFileError("too-large", fileName);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw compoundFileError(bytes, fileName);
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new ImportFileError("not-docx", fileName, sniffForeign(bytes));
  }
  const entries = readCentralDirectory(bytes, fileName);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));

  let claimed = 0;
  let claimedXml = 0;
  for (const entry of entries) {
    if (entry.encrypted) throw new ImportFileError("encrypted", fileName);
    if (entry.size > entryCap(entry)) throw new ImportFileError("zip-bomb", fileName);
    claimed += entry.size;
    if (isXmlPart(entry.name)) claimedXml += entry.size;
    if (claimed > MAX_IMPORT_UNCOMPRESSED_BYTES || claimedXml > MAX_IMPORT_XML_TOTAL_BYTES) {
      throw new ImportFileError("zip-bomb", fileName);
    }
  }
  if (entries.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry.name))) {
    throw new ImportFileError("macros", fileName);
  }

  // Every entry inflated for real, under the caps, before anything trusts it.
  let total = 0;
  const texts = new Map<string, string>();
  for (const entry of entries) {
    const keep = entry.name === "[Content_Types].xml" || entry.name === "_rels/.rels";
    const data = inflateEntry(bytes, entry, fileName, MAX_IMPORT_UNCOMPRESSED_BYTES - total, keep);
    total += entry.size; // the real size: inflateEntry refuses any other
    if (data) texts.set(entry.name, new TextDecoder().decode(data));
  }

  const contentTypes = texts.get("[Content_Types].xml") ?? "";
  if (/macroEnabled/i.test(contentTypes)) throw new ImportFileError("macros", fileName);
  const main = mainDocumentPath(texts.get("_rels/.rels") ?? "");
  if (!byName.has(main) || !isWordMain(main, contentTypes)) {
    throw new ImportFileError("not-docx", fileName, sniffPackage(byName, contentTypes));
  }
}

// --- the zip ----------------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** As the central directory claims it: checked against the real size on inflation. */
  size: number;
  localOffset: number;
}

/** A part mammoth may parse as XML (the rest it never reads: see slim-docx.server.ts). */
export function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

function entryCap(entry: ZipEntry): number {
  return isXmlPart(entry.name) ? MAX_IMPORT_XML_ENTRY_BYTES : MAX_IMPORT_ENTRY_BYTES;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

function readCentralDirectory(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = () => new ImportFileError("corrupt", fileName);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  let count = view.getUint16(eocd + 10, true);
  let directorySize = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff || directorySize === 0xffffffff) {
    // Zip64: the real figures are in the zip64 end record the locator points to.
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) throw corrupt();
    const record = safeNumber(view.getBigUint64(locator + 8, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== 0x06064b50) throw corrupt();
    count = safeNumber(view.getBigUint64(record + 32, true));
    directorySize = safeNumber(view.getBigUint64(record + 40, true));
    offset = safeNumber(view.getBigUint64(record + 48, true));
  }
  if (count > MAX_IMPORT_ZIP_ENTRIES) throw new ImportFileError("zip-bomb", fileName);
  if (offset + directorySize > bytes.length) throw corrupt();

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw corrupt();
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) throw corrupt();
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      encrypted: (view.getUint16(at + 8, true) & 1) === 1,
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    readZip64Extra(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at = end;
  }
  return entries;
}

/** Fields set to 0xFFFFFFFF live in the zip64 extra field, in this order. */
function readZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  const fields = (["size", "compressedSize", "localOffset"] as const).filter(
    (field) => entry[field] === 0xffffffff,
  );
  if (fields.length === 0) return;
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      fields.forEach((field, i) => {
        if (8 * (i + 1) <= size) entry[field] = safeNumber(view.getBigUint64(at + 4 + 8 * i, true));
      });
      return;
    }
    at += 4 + size;
  }
}

function safeNumber(value: bigint): number {
  // Anything beyond 2^53 is no file we could have been given (they are at most 20 MB).
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Inside `inflateEntry`: the budget ran out. */
class OverBudget extends Error {}

/** A slice of compressed input: deflate expands at most ~1032×, so one push yields ≤ 8.5 MB. */
const INFLATE_SLICE = 8 * 1024;

/**
 * Inflates one entry for real, counting bytes, and stops as soon as it yields more than the
 * directory claimed (a header that understates the size is the zip bomb's trick) or more than the
 * caps allow; fewer bytes than claimed is a broken file. Returns the bytes only when `keep` (the
 * two small XML parts the checks read).
 */
function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  fileName: string,
  budgetLeft: number,
  keep: boolean,
): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
    throw new ImportFileError("corrupt", fileName);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ImportFileError("corrupt", fileName);
  const compressed = bytes.subarray(start, end);

  const limit = Math.min(entryCap(entry), budgetLeft, entry.size);
  let produced = 0;
  const chunks: Uint8Array[] = [];
  if (entry.method === 0) {
    produced = compressed.length;
    if (produced > limit) throw new ImportFileError("zip-bomb", fileName);
    if (keep) chunks.push(compressed);
  } else if (entry.method === 8) {
    const inflate = new Inflate((chunk) => {
      produced += chunk.length;
      if (produced > limit) throw new OverBudget();
      if (keep) chunks.push(chunk);
    });
    try {
      for (let offset = 0; offset < compressed.length; offset += INFLATE_SLICE) {
        const slice = compressed.subarray(offset, offset + INFLATE_SLICE);
        inflate.push(slice, offset + INFLATE_SLICE >= compressed.length);
      }
      if (compressed.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof OverBudget) throw new ImportFileError("zip-bomb", fileName);
      throw new ImportFileError("corrupt", fileName);
    }
  } else {
    // Word only writes stored and deflated parts.
    throw new ImportFileError("corrupt", fileName);
  }
  if (produced !== entry.size) throw new ImportFileError("corrupt", fileName);
  if (!keep) return null;
  const out = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The main part, found the way mammoth finds it: the package's officeDocument relationship. */
function mainDocumentPath(relationships: string): string {
  for (const match of relationships.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = match[0];
    if (!/Type="[^"]*\/officeDocument"/.test(tag)) continue;
    const target = /Target="([^"]*)"/.exec(tag)?.[1];
    if (target) return target.replace(/^\//, "");
  }
  return "word/document.xml";
}

function isWordMain(path: string, contentTypes: string): boolean {
  if (path === "word/document.xml") return true;
  const override = new RegExp(`PartName="/${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*`);
  const tag = override.exec(contentTypes)?.[0] ?? "";
  return /wordprocessingml\.(document|template)\.main/.test(tag);
}

function sniffForeign(bytes: Uint8Array): ForeignFileKind | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.includes("%PDF-")) return "pdf";
  if (head.startsWith("{\\rtf")) return "rtf";
  return undefined;
}

function sniffPackage(
  entries: Map<string, ZipEntry>,
  contentTypes: string,
): ForeignFileKind | undefined {
  if (entries.has("xl/workbook.xml") || /spreadsheetml/.test(contentTypes)) return "spreadsheet";
  if (entries.has("ppt/presentation.xml") || /presentationml/.test(contentTypes)) {
    return "presentation";
  }
  if (entries.has("content.xml") && entries.has("mimetype")) return "odt";
  return undefined;
}

// --- the OLE compound file (an old .doc, or an encrypted .docx) --------------------------------

/**
 * Both an old .doc and a password-protected .docx are compound files; the encrypted one holds the
 * streams "EncryptionInfo" and "EncryptedPackage", the .doc a "WordDocument" stream. A compound
 * file whose directory cannot be read is most likely an old .doc.
 */
function compoundFileError(bytes: Uint8Array, fileName: string): ImportFileError {
  const names = compoundFileNames(bytes);
  if (names?.has("EncryptionInfo") || names?.has("EncryptedPackage")) {
    return new ImportFileError("encrypted", fileName);
  }
  if (!names || names.has("WordDocument")) return new ImportFileError("legacy-doc", fileName);
  if (names.has("Workbook") || names.has("Book")) {
    return new ImportFileError("not-docx", fileName, "spreadsheet");
  }
  if (names.has("PowerPoint Document")) {
    return new ImportFileError("not-docx", fileName, "presentation");
  }
  return new ImportFileError("not-docx", fileName);
}

/** The directory entries' names (the FAT followed with bounds), or null when it is unreadable. */
function compoundFileNames(bytes: Uint8Array): Set<string> | null {
  if (bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor(bytes.length / sectorSize) - 1;
  const sectorOffset = (id: number) => (id + 1) * sectorSize;
  const isSector = (id: number) => id >= 0 && id < sectorCount;

  // The FAT's sectors: 109 listed in the header, more in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i += 1) fatSectors.push(view.getUint32(0x4c + 4 * i, true));
  let difat = view.getUint32(0x44, true);
  for (let hops = 0; isSector(difat) && hops < sectorCount; hops += 1) {
    const base = sectorOffset(difat);
    for (let i = 0; i < sectorSize / 4 - 1; i += 1)
      fatSectors.push(view.getUint32(base + 4 * i, true));
    difat = view.getUint32(base + sectorSize - 4, true);
  }
  const next = (id: number): number => {
    const perSector = sectorSize / 4;
    const fatSector = fatSectors[Math.floor(id / perSector)];
    if (fatSector === undefined || !isSector(fatSector)) return -1;
    return view.getUint32(sectorOffset(fatSector) + 4 * (id % perSector), true);
  };

  const names = new Set<string>();
  let sector = view.getUint32(0x30, true);
  for (let hops = 0; isSector(sector) && hops < sectorCount; hops += 1) {
    const base = sectorOffset(sector);
    for (let entry = base; entry + 128 <= base + sectorSize; entry += 128) {
      const length = view.getUint16(entry + 64, true);
      if (length < 2 || length > 64) continue;
      names.add(new TextDecoder("utf-16le").decode(bytes.subarray(entry, entry + length - 2)));
    }
    sector = next(sector);
  }
  return names.size > 0 ? names : null;
}
