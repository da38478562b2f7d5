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
}): Document {
  return new Document({
    title: options.title,
    description: options.description,
    creator: "Samarbejdsaftaler",
    lastModifiedBy: "Samarbejdsaftaler",
    styles: DOCUMENT_STYLES,
    numbering: NUMBERING,
    sections: options.sections,
  });
}
