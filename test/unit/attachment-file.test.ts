/**
 * Attachments are checked from their bytes: a real PDF and a real .docx are accepted (with a file
 * name that matches what they are); a renamed .exe, an empty file, a file over 20 MB, a text file
 * named .pdf, a zip without word/document.xml and the Word import's hostile files are refused
 * with a Danish message that says what to do.
 */
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  AttachmentFileError,
  checkAttachmentFile,
  storedFileName,
  type AttachmentFileErrorCode,
} from "~/attachments/check-file.server";
import {
  attachmentTooLargeMessage,
  DOCX_MEDIA_TYPE,
  formatFileSize,
  MAX_ATTACHMENT_BYTES,
  PDF_MEDIA_TYPE,
} from "~/domain/attachments";
import {
  buildDemoCommunicationStrategy,
  buildDemoPreparednessPlan,
  buildTextPdf,
} from "../../db/demo-attachments";
import {
  encryptedDocx,
  garbledDocx,
  legacyDoc,
  macroDocm,
  minimalDocx,
  renamedRtf,
  xlsxLike,
  zipBomb,
} from "../helpers/hostile-docx";

const MB = 1024 * 1024;

function refusal(bytes: Uint8Array, name: string): AttachmentFileError {
  try {
    checkAttachmentFile(bytes, name);
  } catch (error) {
    if (error instanceof AttachmentFileError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

/** A Windows program's first bytes: "MZ", the DOS stub, "PE\0\0" at 0x80. */
function windowsProgram(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set(strToU8("MZ"));
  bytes.set(strToU8("This program cannot be run in DOS mode."), 0x4e);
  bytes.set(strToU8("PE\0\0"), 0x80);
  return bytes;
}

describe("accepted attachments", () => {
  it("accepts a real PDF (its text is read back in test/documents/attachments.test.ts)", () => {
    const pdf = buildDemoPreparednessPlan();
    const checked = checkAttachmentFile(pdf, "Beredskabsplan.pdf");
    expect(checked).toEqual({ mediaType: PDF_MEDIA_TYPE, fileName: "Beredskabsplan.pdf" });
  });

  it("accepts a real .docx written by the docx library, and a minimal one", async () => {
    const docx = await buildDemoCommunicationStrategy();
    expect(checkAttachmentFile(docx, "Kommunikationsstrategi.docx")).toEqual({
      mediaType: DOCX_MEDIA_TYPE,
      fileName: "Kommunikationsstrategi.docx",
    });
    expect(checkAttachmentFile(minimalDocx(), "kommissorium.docx").mediaType).toBe(DOCX_MEDIA_TYPE);
  });

  it("names the file after what it is, not what it was called", () => {
    expect(checkAttachmentFile(buildTextPdf(["Hej"]), "strategi.docx").fileName).toBe(
      "strategi.pdf",
    );
    expect(checkAttachmentFile(minimalDocx(), "C:\\fakepath\\Kommissorium.PDF").fileName).toBe(
      "Kommissorium.docx",
    );
    expect(storedFileName('plan: "2026"/<ny>?.pdf', "pdf")).toBe("ny.pdf");
    expect(storedFileName("", "pdf")).toBe("bilag.pdf");
    expect(storedFileName("bilag\u0000.exe", "pdf")).toBe("bilag .exe.pdf");
  });
});

describe("refused attachments", () => {
  const cases: [string, () => Uint8Array, string, AttachmentFileErrorCode, RegExp][] = [
    [
      "a renamed .exe",
      windowsProgram,
      "beredskabsplan.pdf",
      "executable",
      /^Filen er et program \(fx en \.exe-fil\), ikke en PDF-fil eller et Word-dokument\./,
    ],
    ["an empty file", () => new Uint8Array(0), "tom.pdf", "empty", /^Filen er tom \(0 byte\)/],
    [
      "a text file named .pdf",
      () => strToU8("Beredskabsplan\n\nRing 112 ved fare for liv.\n"),
      "beredskabsplan.pdf",
      "wrong-type",
      /^Filen er hverken en PDF-fil eller et Word-dokument \(\.docx\)\. Gem den som PDF/,
    ],
    [
      "a zip without word/document.xml",
      () => zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "notes.txt": strToU8("x") }),
      "strategi.docx",
      "wrong-type",
      /hverken en PDF-fil eller et Word-dokument/,
    ],
    [
      "a PDF cut off before its end",
      () => buildTextPdf(["Beredskabsplan"]).subarray(0, 300),
      "beredskabsplan.pdf",
      "corrupt-pdf",
      /^PDF-filen er ufuldstændig eller beskadiget/,
    ],
    ["an RTF named .docx", () => renamedRtf().bytes, "a.docx", "wrong-type", /hverken/],
    ["an old .doc", () => legacyDoc().bytes, "a.doc", "legacy-doc", /gamle Word-format \(\.doc\)/],
    [
      "a password-protected .docx",
      () => encryptedDocx().bytes,
      "a.docx",
      "encrypted",
      /beskyttet med adgangskode/,
    ],
    ["a .docm with macros", () => macroDocm().bytes, "a.docx", "macros", /makroer/],
    ["a spreadsheet named .docx", () => xlsxLike().bytes, "a.docx", "wrong-type", /hverken/],
    ["a garbled .docx", () => garbledDocx().bytes, "a.docx", "corrupt-docx", /beskadiget/],
    ["a zip bomb", () => zipBomb().bytes, "a.docx", "zip-bomb", /urimeligt meget/],
  ];
  it.each(cases)("refuses %s with its message", (_, build, name, code, says) => {
    const error = refusal(build(), name);
    expect(error.code).toBe(code);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(says);
  });

  it("refuses a file over 20 MB with 413 and its size in the message", () => {
    const big = new Uint8Array(Math.round(24.3 * MB));
    big.set(strToU8("%PDF-1.4\n"));
    big.set(strToU8("%%EOF\n"), big.length - 6);
    const error = refusal(big, "scannet beredskabsplan.pdf");
    expect(error.code).toBe("too-large");
    expect(error.status).toBe(413);
    expect(error.message).toBe("Filen er 24,3 MB. Den må højst være 20 MB.");
    // Exactly at the limit is fine; one byte over is not, and never reads "20 MB".
    const limit = new Uint8Array(MAX_ATTACHMENT_BYTES);
    limit.set(strToU8("%PDF-1.4\n"));
    limit.set(strToU8("%%EOF\n"), limit.length - 6);
    expect(checkAttachmentFile(limit, "grænse.pdf").mediaType).toBe(PDF_MEDIA_TYPE);
    expect(attachmentTooLargeMessage(MAX_ATTACHMENT_BYTES + 1)).toBe(
      "Filen er 20,1 MB. Den må højst være 20 MB.",
    );
  });
});

describe("file sizes as the list shows them", () => {
  it("writes bytes, kB and MB the Danish way", () => {
    expect(formatFileSize(12)).toBe("12 byte");
    expect(formatFileSize(5300)).toBe("5,2 kB");
    expect(formatFileSize(Math.round(1.2 * MB))).toBe("1,2 MB");
    expect(formatFileSize(20 * MB)).toBe("20 MB");
  });
});
