/**
 * Plan attachments (bilag): the files that stay files in the helhedsplan package (communication
 * strategy, beredskabsplan, the board's terms of reference). Client-safe: the kinds and their
 * Danish labels, the size limit and its message, and the form schemas. The content checks run on
 * the server (app/attachments/check-file.server.ts).
 */
import { formatNumber } from "./format";
import { requiredText, versionField, z } from "./zod";

export const ATTACHMENT_KINDS = [
  "communication_strategy",
  "preparedness_plan",
  "terms_of_reference",
  "other",
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const attachmentKindLabels: Record<AttachmentKind, string> = {
  communication_strategy: "Kommunikationsstrategi",
  preparedness_plan: "Beredskabsplan",
  terms_of_reference: "Kommissorium for bestyrelsen",
  other: "Andet bilag",
};

/** The largest file that may be attached (20 MB): a scanned, signed beredskabsplan fits. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const PDF_MEDIA_TYPE = "application/pdf";
export const DOCX_MEDIA_TYPE =
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export type AttachmentMediaType = typeof PDF_MEDIA_TYPE | typeof DOCX_MEDIA_TYPE;

/** What the file input offers (the server decides from the content, not from this). */
export const ATTACHMENT_ACCEPT = `.pdf,.docx,${PDF_MEDIA_TYPE},${DOCX_MEDIA_TYPE}`;

const MB = 1024 * 1024;

/** 1234567 → "1,2 MB"; 5300 → "5,2 kB"; 12 → "12 byte". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < MB) return `${formatNumber(Math.round((bytes / 1024) * 10) / 10)} kB`;
  return `${formatNumber(Math.round((bytes / MB) * 10) / 10)} MB`;
}

/** "Filen er 24,3 MB. Den må højst være 20 MB." */
export function attachmentTooLargeMessage(bytes: number): string {
  const limit = MAX_ATTACHMENT_BYTES / MB;
  // Never "20 MB" for a file just over the limit.
  const rounded = Math.round((bytes / MB) * 10) / 10;
  const size = bytes > MAX_ATTACHMENT_BYTES && rounded <= limit ? limit + 0.1 : rounded;
  return `Filen er ${formatNumber(size)} MB. Den må højst være ${limit} MB.`;
}

export const ATTACHMENT_NO_FILE_MESSAGE = "Vælg en PDF-fil eller et Word-dokument (.docx).";

const kind = z.enum(ATTACHMENT_KINDS, { error: "Vælg hvilken slags bilag det er" });
const title = requiredText("Skriv bilagets titel", 200);

/** The upload form's text fields (the file itself is checked on the server). */
export const AttachmentUploadSchema = z.object({ kind, title });
export type AttachmentUploadInput = z.infer<typeof AttachmentUploadSchema>;

/** Renaming an attachment or changing its kind. */
export const AttachmentEditSchema = z.object({ kind, title, version: versionField() });
export type AttachmentEditInput = z.infer<typeof AttachmentEditSchema>;
