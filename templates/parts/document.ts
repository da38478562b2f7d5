/**
 * A Word document with our styles, lists and metadata around one or more sections (one agreement,
 * or a whole plan of several agreements).
 */
import { Document, type ISectionOptions } from "docx";
import { DOCUMENT_STYLES, NUMBERING } from "./styles";

export function createDocument(options: {
  title: string;
  sections: ISectionOptions[];
  description?: string;
  /**
   * For a document with a table of contents: Word updates its fields when it opens the document
   * (after asking), so the contents get their page numbers, which only a layout can tell.
   */
  updateFields?: boolean;
}): Document {
  return new Document({
    title: options.title,
    description: options.description,
    creator: "Samarbejdsaftaler",
    lastModifiedBy: "Samarbejdsaftaler",
    styles: DOCUMENT_STYLES,
    numbering: NUMBERING,
    sections: options.sections,
    features: options.updateFields ? { updateFields: true } : undefined,
  });
}
