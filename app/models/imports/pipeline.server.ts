/**
 * The import's pure steps, in one place: reading the file (app/import) and recognising, placing
 * and previewing the draft (app/domain/import).
 */
export { ImportFileError } from "~/import/docx-file.server";
export { readAgreementDocx } from "~/import/read-docx.server";
export { MIN_SECTIONS_FOR_AGREEMENT, recogniseAgreement } from "~/domain/import/recognise";
export { discardBlock, importCoverage, placeBlock } from "~/domain/import/place";
export { draftToAgreementRecord } from "~/domain/import/draft-record";
