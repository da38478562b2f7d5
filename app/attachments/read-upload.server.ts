/**
 * Reading the attachment upload form (multipart/form-data) in memory, as the Word import does,
 * but without throwing at the size limit: a file over the limit is read to its end and thrown
 * away as it streams by, so the form can say how large it was ("Filen er 24,3 MB. Den må højst
 * være 20 MB.") and keep the title and kind typed. Only its size is kept; memory stays bounded by
 * the limit. Past `MAX_MEASURED_BYTES` reading stops (nobody waits for 200 MB to be counted).
 */
import { MaxPartSizeExceededError, unstable_parseMultipartFormData } from "@remix-run/node";
import type { UploadHandler } from "@remix-run/node";
import { MAX_ATTACHMENT_BYTES } from "~/domain/attachments";

/** Beyond this an upload is not even counted to its end. */
export const MAX_MEASURED_BYTES = 200 * 1024 * 1024;
/** The form's text fields: a title of 200 characters fits many times over. */
const MAX_TEXT_FIELD_BYTES = 10_000;
const TEXT_FIELDS = new Set(["intent", "kind", "title"]);

export type AttachmentUploadRead =
  | {
      ok: true;
      fields: Record<string, string>;
      /** null when no file was chosen. */
      file: { name: string; bytes: Uint8Array } | null;
      /** The size of a file over the limit (its bytes were not kept), else null. */
      oversize: number | null;
    }
  | {
      ok: false;
      /** 413: larger than we measure; 400: not a form the page sends. */
      status: 400 | 413;
      /** The text fields read before reading stopped (the form sends them before the file). */
      fields: Record<string, string>;
    };

class TooLargeToMeasure extends Error {}

export async function readAttachmentUpload(request: Request): Promise<AttachmentUploadRead> {
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Uint8Array } | null = null;
  let oversize: number | null = null;

  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) {
      const text = await collect(part.data, MAX_TEXT_FIELD_BYTES, part.name);
      if (TEXT_FIELDS.has(part.name) && text) fields[part.name] = new TextDecoder().decode(text);
      return undefined;
    }
    if (part.name !== "file" || file || oversize !== null) {
      // Another file than the form's one: read past it, keep nothing.
      await drain(part.data);
      return undefined;
    }
    let size = 0;
    let chunks: Uint8Array[] | null = [];
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size > MAX_MEASURED_BYTES) throw new TooLargeToMeasure();
      if (size > MAX_ATTACHMENT_BYTES) chunks = null;
      else chunks?.push(chunk);
    }
    // A file input with nothing chosen sends an empty part without a name.
    if (size === 0 && part.filename === "") return undefined;
    if (!chunks) oversize = size;
    else file = { name: part.filename, bytes: concat(chunks, size) };
    return undefined;
  };

  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof TooLargeToMeasure) return { ok: false, status: 413, fields };
    if (error instanceof MaxPartSizeExceededError) return { ok: false, status: 400, fields };
    // Not multipart, or a broken body: the form cannot have sent it.
    return { ok: false, status: 400, fields };
  }
  return { ok: true, fields, file, oversize };
}

async function collect(
  data: AsyncIterable<Uint8Array>,
  max: number,
  name: string,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > max) throw new MaxPartSizeExceededError(name, max);
    chunks.push(chunk);
  }
  return concat(chunks, size);
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > MAX_MEASURED_BYTES) throw new TooLargeToMeasure();
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** When reading stopped at `MAX_MEASURED_BYTES`. */
export const TOO_LARGE_TO_MEASURE_MESSAGE = `Filen er over ${MAX_MEASURED_BYTES / (1024 * 1024)} MB. Den må højst være ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB.`;
