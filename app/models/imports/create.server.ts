/**
 * Uploading Word files: each is read and recognised before anything is written; a file that cannot
 * be read, or that is not a delaftale, refuses the whole upload (all files or none).
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agreementImports, focusAreas, plans } from "../../../db/schema";
import type { Recognition, SourceDocument } from "~/domain/import/types";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "../access.server";
import { recordAudit } from "../audit.server";
import { FieldValidationError } from "../errors.server";
import { AGREEMENT_EDITORS } from "../internal/agreement-draft.server";
import {
  ImportFileError,
  MIN_SECTIONS_FOR_AGREEMENT,
  readAgreementDocx,
  recogniseAgreement,
} from "./pipeline.server";
import { normaliseName } from "./values.server";

/**
 * How many files one upload may hold. The upload is held in memory while it is read, so this and
 * the 20 MB per file bound one request to 200 MB (bench/import.ts measures a 10-file upload).
 */
export const MAX_IMPORT_FILES = 10;

export interface ImportUpload {
  name: string;
  bytes: Uint8Array;
}

/** The round's focus area the draft names, when the name matches one (normalised); else null. */
export function matchFocusArea(
  name: string | null,
  areas: { id: number; name: string }[],
): number | null {
  if (!name) return null;
  const wanted = normaliseName(name);
  const found = areas.filter((a) => normaliseName(a.name) === wanted);
  return found.length === 1 ? found[0]!.id : null;
}

export async function createImports(
  db: Db,
  user: SessionUser,
  planId: number,
  files: ImportUpload[],
): Promise<{ id: number; fileName: string }[]> {
  await requirePlanRole(db, user, planId, AGREEMENT_EDITORS);
  if (!files.length)
    throw new FieldValidationError({ files: "Vælg en eller flere Word-filer (.docx)" });
  if (files.length > MAX_IMPORT_FILES)
    throw new FieldValidationError({
      files: `Vælg højst ${MAX_IMPORT_FILES} filer ad gangen`,
    });
  const read: { file: ImportUpload; source: SourceDocument; recognition: Recognition }[] = [];
  for (const file of files) {
    let source: SourceDocument;
    try {
      source = await readAgreementDocx(file.bytes, file.name);
    } catch (error) {
      if (error instanceof ImportFileError)
        throw new FieldValidationError({ files: error.message });
      throw error;
    }
    const recognition = recogniseAgreement(source);
    if (recognition.sectionsFound.length < MIN_SECTIONS_FOR_AGREEMENT) {
      throw new FieldValidationError({
        files: `"${displayName(file.name)}" ligner ikke en delaftale: kun ${recognition.sectionsFound.length} af skabelonens afsnit blev genkendt (mindst ${MIN_SECTIONS_FOR_AGREEMENT}). Vælg Word-filen med delaftalen og prøv igen.`,
      });
    }
    read.push({ file, source, recognition });
  }
  const areas = await db
    .select({ id: focusAreas.id, name: focusAreas.name })
    .from(focusAreas)
    .innerJoin(plans, eq(plans.fundingRoundId, focusAreas.fundingRoundId))
    .where(eq(plans.id, planId));
  return db.transaction(async (tx) => {
    const created = await tx
      .insert(agreementImports)
      .values(
        read.map(({ file, source, recognition }) => ({
          planId,
          createdBy: user.id,
          fileName: displayName(file.name),
          fileSize: file.bytes.byteLength,
          fileSha256: createHash("sha256").update(file.bytes).digest("hex"),
          fileData: file.bytes,
          source,
          recognition,
          focusAreaId: matchFocusArea(recognition.draft.focusAreaName, areas),
        })),
      )
      .returning({
        id: agreementImports.id,
        fileName: agreementImports.fileName,
        fileSize: agreementImports.fileSize,
        fileSha256: agreementImports.fileSha256,
        focusAreaId: agreementImports.focusAreaId,
      });
    for (const [index, row] of created.entries()) {
      const { recognition } = read[index]!;
      await recordAudit(tx, {
        user,
        action: "import.create",
        entityType: "agreement_import",
        entityId: row.id,
        planId,
        after: {
          ...row,
          sectionsFound: recognition.sectionsFound,
          unplaced: recognition.destinations.filter((d) => d.kind === "unplaced").length,
        },
      });
    }
    return created.map((r) => ({ id: r.id, fileName: r.fileName }));
  });
}

/** The file's own name (no folder, no control characters), as the lists show it. */
function displayName(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (fileName.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (base || "unavngivet.docx").slice(0, 255);
}
