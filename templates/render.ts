/** Packs a built document into the bytes of a .docx file. */
import { Packer, type Document } from "docx";

export function renderDocx(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc);
}
