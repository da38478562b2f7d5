/**
 * The write path of an agreement's working draft, shared by the section and activity models: the
 * role and plan check, the optimistic lock (the agreement's version), the lock while a proposal
 * awaits the board, the R5 validity check and the audit of a section before and after.
 * Never import this from a route or a component (lint forbids it).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agreementVersions, agreements, plans } from "../../../db/schema";
import type { CriterionRow } from "~/domain/agreement";
import { buildAgreementView, type AgreementView } from "~/domain/agreement-view";
import { awaitingBoardLock, type EditLock } from "~/domain/edit-lock";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "../access.server";
import { recordAudit } from "../audit.server";
import { ConflictError, FieldValidationError, LockedError, NotFoundError } from "../errors.server";
import { loadAgreementRecord } from "./agreement-records.server";

export const AGREEMENT_EDITORS = ["secretariat"] as const;

export async function requireAgreementInPlan(db: Db, planId: number, agreementId: number) {
  const [row] = await db
    .select({ id: agreements.id, planId: agreements.planId, version: agreements.version })
    .from(agreements)
    .where(and(eq(agreements.id, agreementId), eq(agreements.planId, planId)));
  if (!row) throw new NotFoundError("Delaftalen findes ikke");
  return row;
}

export async function checkValidity(db: Db, planId: number, validFrom: string, validTo: string) {
  const [plan] = await db
    .select({ periodStart: plans.periodStart, periodEnd: plans.periodEnd })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) throw new NotFoundError();
  // R5: the agreement's validity lies inside the plan's period.
  const errors: Record<string, string> = {};
  if (validFrom < plan.periodStart)
    errors.validFrom = "Delaftalen kan ikke begynde før planens periode";
  if (validTo > plan.periodEnd) errors.validTo = "Delaftalen kan ikke slutte efter planens periode";
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
}

export type SectionKey = keyof AgreementView;

/**
 * Runs a section save: checks the role, bumps the version if it is still `expectedVersion`
 * (otherwise ConflictError), applies the change and audits the section's view before and after.
 */
export async function saveSection(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  expectedVersion: number,
  section: string,
  keys: SectionKey[],
  apply: (tx: Db) => Promise<void>,
): Promise<void> {
  await requirePlanRole(db, user, planId, AGREEMENT_EDITORS);
  await requireAgreementInPlan(db, planId, agreementId);
  await db.transaction(async (tx) => {
    await assertDraftEditable(tx, agreementId);
    const beforeRecord = await loadAgreementRecord(tx, agreementId);
    const [bumped] = await tx
      .update(agreements)
      .set({ version: sql`${agreements.version} + 1`, updatedAt: new Date() })
      .where(and(eq(agreements.id, agreementId), eq(agreements.version, expectedVersion)))
      .returning({ version: agreements.version });
    if (!bumped || !beforeRecord) throw new ConflictError();
    await apply(tx);
    const afterRecord = await loadAgreementRecord(tx, agreementId);
    const pick = (view: AgreementView) => Object.fromEntries(keys.map((k) => [k, view[k]]));
    await recordAudit(tx, {
      user,
      action: `agreement.${section}.update`,
      entityType: "agreement",
      entityId: agreementId,
      planId,
      before: pick(buildAgreementView(beforeRecord)),
      after: pick(buildAgreementView(afterRecord!)),
    });
  });
}

/**
 * Why the working draft may not change now, or null when it may: it waits while a proposed
 * version awaits the board (R6). The edit pages show this on opening; the saves refuse with
 * assertDraftEditable below.
 */
export async function findDraftLock(db: Db, agreementId: number): Promise<EditLock | null> {
  const [pending] = await db
    .select({ submittedAt: agreementVersions.submittedAt })
    .from(agreementVersions)
    .where(
      and(eq(agreementVersions.agreementId, agreementId), eq(agreementVersions.status, "proposed")),
    );
  return pending ? awaitingBoardLock("agreement", pending.submittedAt) : null;
}

/** The draft may not change while a proposed version awaits the board (R6). */
export async function assertDraftEditable(tx: Db, agreementId: number): Promise<void> {
  if (await findDraftLock(tx, agreementId)) {
    throw new LockedError(
      "Delaftalen afventer bestyrelsens beslutning og kan ikke ændres imens. Træk forslaget tilbage, hvis du vil rette i den.",
    );
  }
}

export function criterionColumns(agreementId: number, activityId: number | null) {
  return (c: CriterionRow, position: number) => ({
    agreementId,
    activityId,
    text: c.text,
    dataSource: c.dataSource,
    baselineValue: c.baselineValue,
    baselineUnit: c.baselineUnit,
    baselineYear: c.baselineYear,
    targetValue: c.targetValue,
    targetUnit: c.targetUnit,
    targetYear: c.targetYear,
    baselineText: c.baselineText,
    targetText: c.targetText,
    goalId: c.goalId ?? null,
    position,
  });
}

export const CRITERION_UPDATE_COLUMNS = [
  "text",
  "dataSource",
  "baselineValue",
  "baselineUnit",
  "baselineYear",
  "targetValue",
  "targetUnit",
  "targetYear",
  "baselineText",
  "targetText",
  "goalId",
  "position",
] as const;
