/**
 * Access to a plan's imports and the review's optimistic lock. Only the plan's agreement editors
 * (the secretariat) and administrators see imports: another plan's import is 404 whatever the
 * user's role, then a member without an editor's role gets 403.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agreementImports } from "../../../db/schema";
import type { SessionUser } from "~/domain/user";
import { requireRoleInPlan } from "../access.server";
import { AGREEMENT_EDITORS } from "../internal/agreement-draft.server";
import { ConflictError, LockedError, NotFoundError } from "../errors.server";

export const IMPORT_NOT_FOUND = "Importen findes ikke";
export const STALE_IMPORT_MESSAGE =
  "Importen er ændret af en anden, siden du åbnede den. Genindlæs siden og prøv igen.";

export async function requireImportAccess(
  db: Db,
  user: SessionUser,
  planId: number,
  importId: number,
): Promise<void> {
  const owner = async () => {
    const [row] = await db
      .select({ planId: agreementImports.planId })
      .from(agreementImports)
      .where(eq(agreementImports.id, importId));
    return row;
  };
  await requireRoleInPlan(db, user, planId, owner, IMPORT_NOT_FOUND, AGREEMENT_EDITORS);
}

/** The columns a review step reads (never the file itself). */
const reviewColumns = {
  id: agreementImports.id,
  planId: agreementImports.planId,
  status: agreementImports.status,
  version: agreementImports.version,
  fileName: agreementImports.fileName,
  recognition: agreementImports.recognition,
  focusAreaId: agreementImports.focusAreaId,
};

export type LockedImport = {
  [K in keyof typeof reviewColumns]: (typeof reviewColumns)[K]["_"]["data"];
};

/**
 * The import, locked for this transaction, if it is still under review and at the version the user
 * saw: LockedError once it is saved or discarded, ConflictError when someone changed it meanwhile.
 */
export async function lockImportForReview(
  tx: Db,
  planId: number,
  importId: number,
  version: number,
): Promise<LockedImport> {
  const [row] = await tx
    .select(reviewColumns)
    .from(agreementImports)
    .where(and(eq(agreementImports.id, importId), eq(agreementImports.planId, planId)))
    .for("update");
  if (!row) throw new NotFoundError(IMPORT_NOT_FOUND);
  if (row.status === "saved")
    throw new LockedError("Importen er allerede gemt som delaftale og kan ikke ændres.");
  if (row.status === "discarded") throw new LockedError("Importen er kasseret og kan ikke ændres.");
  if (row.version !== version) throw new ConflictError(STALE_IMPORT_MESSAGE);
  return row as LockedImport;
}
