/**
 * What an uploaded attachment is, decided from its bytes (never from its name or the browser's
 * type): a PDF (starts with `%PDF-` and ends with `%%EOF`) or a Word document (.docx: a zip with
 * `[Content_Types].xml` and `word/document.xml`). Everything else, an empty file and a file over
 * the limit are refused with a Danish message the upload form shows beside the file field.
 *
 * A .docx first passes the Word import's checks (app/import/docx-file.server.ts: zip bombs, too
 * many entries, encrypted or macro-enabled files, corrupt zips, with bounded memory), then its
 * entries are listed with fflate (without inflating anything) for the two parts every Word
 * document has.
 */
import { unzipSync } from "fflate";
import { safeFileName } from "~/documents.server";
import {
  attachmentTooLargeMessage,
  DOCX_MEDIA_TYPE,
  MAX_ATTACHMENT_BYTES,
  PDF_MEDIA_TYPE,
  type AttachmentMediaType,
} from "~/domain/attachments";
import { checkDocxFile, ImportFileError } from "~/import/docx-file.server";

export type AttachmentFileErrorCode =
  | "empty"
  | "too-large"
  | "executable"
  | "wrong-type"
  | "legacy-doc"
  | "encrypted"
  | "macros"
  | "zip-bomb"
  | "corrupt-docx"
  | "corrupt-pdf";

const TRY_AGAIN = "Gem den som PDF eller som Word-dokument (.docx), og prøv igen.";

const MESSAGES: Record<Exclude<AttachmentFileErrorCode, "too-large">, string> = {
  empty: "Filen er tom (0 byte). Vælg den rigtige fil, og prøv igen.",
  executable:
    "Filen er et program (fx en .exe-fil), ikke en PDF-fil eller et Word-dokument. Kun PDF og Word (.docx) kan vedhæftes.",
  "wrong-type": `Filen er hverken en PDF-fil eller et Word-dokument (.docx). ${TRY_AGAIN}`,
  "legacy-doc": `Filen er i det gamle Word-format (.doc). Åbn den i Word, og ${TRY_AGAIN.charAt(0).toLowerCase()}${TRY_AGAIN.slice(1)}`,
  encrypted:
    "Filen er beskyttet med adgangskode, så planens medlemmer ikke kan åbne den. Fjern adgangskoden, gem filen, og prøv igen.",
  macros:
    'Filen indeholder makroer, og filer med makroer tages ikke imod. Gem den i Word som "Word-dokument (*.docx)" eller som PDF, og prøv igen.',
  "zip-bomb":
    "Filen fylder urimeligt meget, når den pakkes ud, og tages derfor ikke imod. Gem dokumentet igen i Word, uden store billeder, og prøv igen.",
  "corrupt-docx":
    "Word-dokumentet er beskadiget og kan ikke åbnes. Gem det igen i Word (eller som PDF), og prøv igen.",
  "corrupt-pdf":
    "PDF-filen er ufuldstændig eller beskadiget (dens afslutning mangler). Gem eller hent den igen, og prøv igen.",
};

/** A file that may not be attached; `message` is Danish and says what to do. */
export class AttachmentFileError extends Error {
  /** A route that lets it through answers 400 (see app/route-boundary.server.ts). */
  readonly domainErrorKind = "invalid";
  /** 413 for a file over the limit, 400 for everything else. */
  readonly status: 400 | 413;
  constructor(
    readonly code: AttachmentFileErrorCode,
    size = 0,
  ) {
    super(code === "too-large" ? attachmentTooLargeMessage(size) : MESSAGES[code]);
    this.name = "AttachmentFileError";
    this.status = code === "too-large" ? 413 : 400;
  }
}

export interface CheckedAttachmentFile {
  mediaType: AttachmentMediaType;
  /** The file name to store: the uploaded one, cleaned, with the extension of what it really is. */
  fileName: string;
}

/** Throws `AttachmentFileError` unless the bytes are a PDF or a .docx within the limit. */
export function checkAttachmentFile(bytes: Uint8Array, fileName: string): CheckedAttachmentFile {
  if (bytes.length === 0) throw new AttachmentFileError("empty");
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AttachmentFileError("too-large", bytes.length);
  if (startsWithText(bytes, "%PDF-")) {
    if (!endsWithEof(bytes)) throw new AttachmentFileError("corrupt-pdf");
    return { mediaType: PDF_MEDIA_TYPE, fileName: storedFileName(fileName, "pdf") };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    checkDocx(bytes);
    return { mediaType: DOCX_MEDIA_TYPE, fileName: storedFileName(fileName, "docx") };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An OLE compound file: an old .doc, a password-protected .docx, an old .xls …
    try {
      checkDocxFile(bytes, fileName);
    } catch (error) {
      if (error instanceof ImportFileError && error.code === "encrypted") {
        throw new AttachmentFileError("encrypted");
      }
      if (error instanceof ImportFileError && error.code === "legacy-doc") {
        throw new AttachmentFileError("legacy-doc");
      }
    }
    throw new AttachmentFileError("wrong-type");
  }
  if (isExecutable(bytes)) throw new AttachmentFileError("executable");
  throw new AttachmentFileError("wrong-type");
}

function checkDocx(bytes: Uint8Array): void {
  try {
    checkDocxFile(bytes, "bilag.docx");
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    switch (error.code) {
      case "encrypted":
      case "macros":
      case "zip-bomb":
      case "legacy-doc":
        throw new AttachmentFileError(error.code);
      case "corrupt":
        throw new AttachmentFileError("corrupt-docx");
      default:
        // "not-docx": a spreadsheet, a presentation, an .odt or any other zip.
        throw new AttachmentFileError("wrong-type");
    }
  }
  // The parts every Word document has, listed without inflating anything.
  const names = new Set<string>();
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        names.add(entry.name);
        return false;
      },
    });
  } catch {
    throw new AttachmentFileError("corrupt-docx");
  }
  if (!names.has("[Content_Types].xml") || !names.has("word/document.xml")) {
    throw new AttachmentFileError("wrong-type");
  }
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

function startsWithText(bytes: Uint8Array, text: string): boolean {
  return startsWith(
    bytes,
    [...text].map((c) => c.charCodeAt(0)),
  );
}

/**
 * `%%EOF` in the last kilobyte: PDF writers end with it (followed at most by a line break), and
 * readers look for it in the last 1024 bytes. A file cut off during download lacks it.
 */
function endsWithEof(bytes: Uint8Array): boolean {
  const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return tail.includes("%%EOF");
}

/** A Windows program (MZ), a Linux/Mac program (ELF, Mach-O) or a script with a `#!` line. */
function isExecutable(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x4d, 0x5a]) ||
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) ||
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(bytes, [0x23, 0x21])
  );
}

/**
 * "C:\fakepath\Beredskabsplan 2026.PDF" → "Beredskabsplan 2026.pdf": no folder, nothing a file
 * system or a header chokes on, and the extension of what the file is (a PDF named .docx is
 * downloaded as .pdf, so it opens in the right program).
 */
export function storedFileName(fileName: string, extension: "pdf" | "docx"): string {
  const base = safeFileName(fileName.split(/[\\/]/).pop() ?? "");
  const stem = base.replace(/\.(pdf|docx?|docm)$/i, "").trim();
  return `${stem.slice(0, 140) || "bilag"}.${extension}`;
}
