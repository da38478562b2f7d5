/**
 * Saving each section of an agreement's working draft. Every save is one transaction that bumps
 * the agreement's version (so a concurrent edit of any section is detected) and records an audit
 * event with the section's values before and after. Lists are synced by id, so rows keep their
 * identity (later revisions and measurements refer to them).
 */
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../../db/client";
import { agreements, budgetAmounts, fundingSources } from "../../../db/schema";
import type {
  AgreementBasicsSchema,
  ClausesSchema,
  CriteriaSchema,
  FundingSourceRow,
  InterplaySchema,
  PartiesSchema,
  ProblemStatementSchema,
  StaffSchema,
  WorkingGroupsSchema,
} from "~/domain/agreement";
import { budgetYears } from "~/domain/agreement";
import type { SessionUser } from "~/domain/user";
import { checkValidity, saveSection } from "../internal/agreement-draft.server";
import {
  normaliseFundingSources,
  type PurposeValues,
  writeCriteria,
  writeFinancing,
  writeParties,
  writePurpose,
  writeStaff,
  writeWorkingGroups,
} from "../internal/agreement-writers.server";
import { CONFIRM_REMOVAL_MESSAGE, type RemovalOptions } from "../internal/retired-rows.server";
import { FOREIGN_ROW_MESSAGE } from "../internal/row-sync.server";

export { CONFIRM_REMOVAL_MESSAGE, FOREIGN_ROW_MESSAGE, type PurposeValues, type RemovalOptions };

export async function saveBasics(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof AgreementBasicsSchema>,
) {
  await checkValidity(db, planId, values.validFrom, values.validTo);
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "basics",
    ["openingClause", "validFrom", "validTo"],
    async (tx) => {
      await tx.update(agreements).set(values).where(eq(agreements.id, agreementId));
      // R2: amounts for years outside the new validity period no longer belong to the budget.
      const years = budgetYears(values.validFrom, values.validTo);
      await tx.execute(
        sql`delete from ${budgetAmounts} using ${fundingSources}
            where ${budgetAmounts.fundingSourceId} = ${fundingSources.id}
              and ${fundingSources.agreementId} = ${agreementId}
              and (${budgetAmounts.year} < ${years[0]!} or ${budgetAmounts.year} > ${years[years.length - 1]!})`,
      );
    },
  );
}

export async function saveParties(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof PartiesSchema>,
) {
  await saveSection(db, user, planId, agreementId, version, "parties", ["parties"], (tx) =>
    writeParties(tx, user, agreementId, values),
  );
}

export async function saveWorkingGroups(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof WorkingGroupsSchema>,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "working-groups",
    ["workingGroups"],
    (tx) => writeWorkingGroups(tx, agreementId, values),
  );
}

export async function saveProblemStatement(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof ProblemStatementSchema>,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "problem",
    ["problemStatement"],
    async (tx) => {
      await tx.update(agreements).set(values).where(eq(agreements.id, agreementId));
    },
  );
}

/**
 * Purposes, goals with their delmål, the primary target group and the method. Goals and delmål
 * are synced by id (success criteria will refer to them). A delmål may move to another goal of
 * the same agreement and keep its id.
 */
export async function savePurpose(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: PurposeValues,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "purpose",
    ["purposesLeadIn", "purposes", "goalsLeadIn", "goals", "primaryTargetGroup", "method"],
    (tx) => writePurpose(tx, agreementId, values),
  );
}

export async function saveInterplay(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof InterplaySchema>,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "interplay",
    ["municipalInterplay", "anchoring"],
    async (tx) => {
      await tx.update(agreements).set(values).where(eq(agreements.id, agreementId));
    },
  );
}

export async function saveClauses(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof ClausesSchema>,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "clauses",
    ["conflictHandling", "revisionClause"],
    async (tx) => {
      await tx.update(agreements).set(values).where(eq(agreements.id, agreementId));
    },
  );
}

/**
 * The agreement's own success criteria (not the activities'). A removed criterion with
 * measurements is retired, after confirmation (`options.confirmRemoval`).
 */
export async function saveCriteria(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof CriteriaSchema>,
  options: RemovalOptions = {},
) {
  await saveSection(db, user, planId, agreementId, version, "criteria", ["criteria"], (tx) =>
    writeCriteria(tx, agreementId, values, options),
  );
}

/**
 * The budget; a removed funding source with spend is retired, after confirmation. Each source has
 * either a period total or yearly amounts, never both (FundingSourceRowSchema chooses).
 */
export async function saveFinancing(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: { sources: FundingSourceRow[] },
  options: RemovalOptions = {},
) {
  const sources = normaliseFundingSources(values.sources);
  await saveSection(db, user, planId, agreementId, version, "financing", ["budget"], (tx) =>
    writeFinancing(tx, agreementId, sources, options),
  );
}

export async function saveStaff(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof StaffSchema>,
) {
  await saveSection(db, user, planId, agreementId, version, "staff", ["staff"], (tx) =>
    writeStaff(tx, agreementId, values),
  );
}
