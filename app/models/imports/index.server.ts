/** Importing existing delaftaler from Word (issue 13): upload, review, save. */
export {
  createImports,
  matchFocusArea,
  MAX_IMPORT_FILES,
  type ImportUpload,
} from "./create.server";
export {
  getImportFile,
  getImportReview,
  listImports,
  type ExistingAgreementState,
  type ImportListItem,
  type ImportReview,
  type ImportStatus,
} from "./read.server";
export {
  chooseImportFocusArea,
  discardImport,
  discardImportBlock,
  placeImportBlock,
  type BlockTarget,
} from "./review.server";
export { saveImport, unplacedCount } from "./save.server";
export { STALE_IMPORT_MESSAGE } from "./access.server";
export { MISSING_DATA_SOURCE } from "./values.server";
