/**
 * The review's steps before saving: placing an unplaced block into a section, discarding a block
 * (recorded with the user and the time), choosing the focus area, discarding the whole import (the
 * file is kept). Each checks access, the import's version and that it is still under review, and
 * records an audit event.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agreementImports, focusAreas, plans } from "../../../db/schema";
import type { ImportSection, Recognition } from "~/domain/import/types";
import { IMPORT_SECTIONS } from "~/domain/import/types";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "../audit.server";
import { FieldValidationError } from "../errors.server";
import { lockImportForReview, requireImportAccess, type LockedImport } from "./access.server";
import { discardBlock, placeBlock } from "./pipeline.server";

export interface BlockTarget {
  section: ImportSection;
  activity?: number;
}

/** Runs one review step on the locked import and bumps its version; returns the new version. */
async function reviewStep(
  db: Db,
  user: SessionUser,
  planId: number,
  importId: number,
  version: number,
  action: string,
  step: (
    tx: Db,
    row: LockedImport,
  ) => Promise<{
    set: Partial<typeof agreementImports.$inferInsert>;
    before: unknown;
    after: unknown;
  }>,
): Promise<{ version: number }> {
  await requireImportAccess(db, user, planId, importId);
  return db.transaction(async (tx) => {
    const row = await lockImportForReview(tx, planId, importId, version);
    const { set, before, after } = await step(tx, row);
    const [updated] = await tx
      .update(agreementImports)
      .set({ ...set, version: sql`${agreementImports.version} + 1`, updatedAt: new Date() })
      .where(eq(agreementImports.id, importId))
      .returning({ version: agreementImports.version });
    await recordAudit(tx, {
      user,
      action,
      entityType: "agreement_import",
      entityId: importId,
      planId,
      before,
      after,
    });
    return { version: updated!.version };
  });
}

function requireBlock(recognition: Recognition, block: number) {
  if (!Number.isInteger(block) || block < 0 || block >= recognition.destinations.length) {
    throw new FieldValidationError({ block: "Afsnittet findes ikke i dokumentet" });
  }
}

/** Moves a block (unplaced or placed) into a section of the draft. */
export async function placeImportBlock(
  db: Db,
  user: SessionUser,
  planId: number,
  importId: number,
  input: { version: number; block: number; target: BlockTarget },
) {
  const { section, activity } = input.target;
  if (!(IMPORT_SECTIONS as readonly string[]).includes(section))
    throw new FieldValidationError({ target: "Vælg et afsnit" });
  return reviewStep(db, user, planId, importId, input.version, "import.place", async (tx, row) => {
    const { recognition } = row;
    requireBlock(recognition, input.block);
    if (
      section === "activity" &&
      !(activity != null && activity >= 0 && activity <= recognition.draft.activities.length)
    )
      throw new FieldValidationError({ target: "Vælg en af de importerede aktiviteter" });
    const [source] = await tx
      .select({
        block: sql<unknown>`${agreementImports.source} -> 'blocks' -> ${input.block}::int`,
      })
      .from(agreementImports)
      .where(eq(agreementImports.id, importId));
    const block = source?.block as Parameters<typeof placeBlock>[1] | null;
    if (!block) throw new FieldValidationError({ block: "Afsnittet findes ikke i dokumentet" });
    let placed: Recognition;
    try {
      placed = placeBlock(recognition, block, input.target);
    } catch (error) {
      throw new FieldValidationError({
        target:
          error instanceof Error && error.message
            ? `Afsnittet kan ikke placeres her: ${error.message}`
            : "Afsnittet kan ikke placeres her",
      });
    }
    return {
      set: { recognition: placed },
      before: { block: input.block, destination: recognition.destinations[input.block] },
      after: { block: input.block, destination: placed.destinations[input.block] },
    };
  });
}

/** Discards a block explicitly: its destination records who discarded it and when. */
export async function discardImportBlock(
  db: Db,
  user: SessionUser,
  planId: number,
  importId: number,
  input: { version: number; block: number },
) {
  return reviewStep(
    db,
    user,
    planId,
    importId,
    input.version,
    "import.discard-block",
    async (_tx, row) => {
      const { recognition } = row;
      requireBlock(recognition, input.block);
      const discarded = discardBlock(recognition, input.block, user.id, new Date().toISOString());
      return {
        set: { recognition: discarded },
        before: { block: input.block, destination: recognition.destinations[input.block] },
        after: { block: input.block, destination: discarded.destinations[input.block] },
      };
    },
  );
}

/** Chooses the draft's focus area among the plan's funding round's areas (R3). */
export async function chooseImportFocusArea(
  db: Db,
  user: SessionUser,
  planId: number,
  importId: number,
  input: { version: number; focusAreaId: number },
) {
  return reviewStep(
    db,
    user,
    planId,
    importId,
    input.version,
    "import.focus-area",
    async (tx, row) => {
      const [area] = await tx
        .select({ id: focusAreas.id })
        .from(focusAreas)
        .innerJoin(plans, eq(plans.fundingRoundId, focusAreas.fundingRoundId))
        .where(sql`${plans.id} = ${planId} and ${focusAreas.id} = ${input.focusAreaId}`);
      if (!area)
        throw new FieldValidationError({ focusAreaId: "Vælg et af puljens indsatsområder" });
      return {
        set: { focusAreaId: area.id },
        before: { focusAreaId: row.focusAreaId },
        after: { focusAreaId: area.id },
      };
    },
  );
}

/** Discards the whole import: nothing is saved, the file and the review stay on record. */
export async function discardImport(
  db: Db,
  user: SessionUser,
  planId: number,
  importId: number,
  input: { version: number },
) {
  return reviewStep(db, user, planId, importId, input.version, "import.discard", async () => ({
    set: { status: "discarded" },
    before: { status: "review" },
    after: { status: "discarded" },
  }));
}
