/**
 * Saving a reviewed import in one transaction: the register gets the organisations and people the
 * draft names that it lacks, then the draft becomes a new draft agreement for its focus area, or,
 * when the plan already has an agreement for that area, replaces that agreement's working draft as
 * a revision draft (so the board sees the changes against the approved version). Rows with history
 * are retired as the section savers retire them, never deleted.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  activities,
  agreementImports,
  agreements,
  focusAreas,
  plans,
  revisions,
} from "../../../db/schema";
import { buildAgreementView } from "~/domain/agreement-view";
import type { ImportDraft } from "~/domain/import/types";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "../audit.server";
import { FieldValidationError, isUniqueViolation, NotFoundError } from "../errors.server";
import { assertDraftEditable } from "../internal/agreement-draft.server";
import { loadAgreementRecord } from "../internal/agreement-records.server";
import {
  activityColumns,
  insertActivity,
  normaliseFundingSources,
  writeActivityChildren,
  writeCriteria,
  writeFinancing,
  writeParties,
  writePurpose,
  writeStaff,
  writeWorkingGroups,
} from "../internal/agreement-writers.server";
import { removeActivity } from "../internal/retired-rows.server";
import { lockImportForReview, requireImportAccess } from "./access.server";
import { currentRows, dutyKey, memberKey, partyKey, sourceKey } from "./kept-rows.server";
import { createRegisterEntries } from "./register.server";
import {
  activityValues,
  criterionRow,
  fundingRows,
  importValidity,
  matchIds,
  normaliseName,
  partyRows,
  purposeValues,
  type Resolver,
  workingGroupRows,
} from "./values.server";

/** Blocks still waiting under «Ikke placeret». */
export function unplacedCount(recognition: { destinations: { kind: string }[] }): number {
  return recognition.destinations.filter((d) => d.kind === "unplaced").length;
}

export async function saveImport(
  db: Db,
  user: SessionUser,
  planId: number,
  importId: number,
  { version }: { version: number },
): Promise<{ agreementId: number; revision: boolean }> {
  await requireImportAccess(db, user, planId, importId);
  try {
    return await db.transaction(async (tx) => {
      const row = await lockImportForReview(tx, planId, importId, version);
      const errors: Record<string, string> = {};
      const unplaced = unplacedCount(row.recognition);
      if (unplaced > 0)
        errors.unplaced = `Placér eller kassér de ${unplaced} afsnit under «Ikke placeret», før du gemmer`;
      if (row.focusAreaId == null) errors.focusAreaId = "Vælg indsatsområde";
      if (Object.keys(errors).length) throw new FieldValidationError(errors);
      const [plan] = await tx
        .select({
          periodStart: plans.periodStart,
          periodEnd: plans.periodEnd,
          fundingRoundId: plans.fundingRoundId,
          templateEdition: plans.templateEdition,
        })
        .from(plans)
        .where(eq(plans.id, planId));
      const [area] = await tx
        .select({ fundingRoundId: focusAreas.fundingRoundId })
        .from(focusAreas)
        .where(eq(focusAreas.id, row.focusAreaId!));
      if (!plan) throw new NotFoundError();
      // R3: only the funding round's focus areas (the area may have been chosen long ago).
      if (area?.fundingRoundId !== plan.fundingRoundId)
        throw new FieldValidationError({ focusAreaId: "Vælg et af puljens indsatsområder" });

      const draft = row.recognition.draft;
      const resolve = await createRegisterEntries(tx, user, planId, draft);
      const [existing] = await tx
        .select({ id: agreements.id })
        .from(agreements)
        .where(and(eq(agreements.planId, planId), eq(agreements.focusAreaId, row.focusAreaId!)))
        .for("update");
      const validity = importValidity(draft, plan);
      const columns = {
        openingText: draft.openingText?.trim() || OPENING_CLAUSE_DEFAULTS[plan.templateEdition],
        validFrom: validity.validFrom,
        validTo: validity.validTo,
        problemStatement: draft.problemStatement,
        municipalInterplay: draft.municipalInterplay,
        anchoring: draft.anchoring,
        conflictHandling: draft.conflictHandling,
        revisionClause: draft.revisionClause,
      };

      let agreementId: number;
      if (existing) {
        agreementId = existing.id;
        await assertDraftEditable(tx, agreementId);
        await startRevisionIfNone(tx, user, planId, agreementId);
        const before = await loadAgreementRecord(tx, agreementId);
        await tx
          .update(agreements)
          .set({ ...columns, version: sql`${agreements.version} + 1`, updatedAt: new Date() })
          .where(eq(agreements.id, agreementId));
        await writeDraft(tx, user, agreementId, draft, resolve, true);
        const after = await loadAgreementRecord(tx, agreementId);
        await recordAudit(tx, {
          user,
          action: "agreement.import.update",
          entityType: "agreement",
          entityId: agreementId,
          planId,
          before: buildAgreementView(before!),
          after: buildAgreementView(after!),
        });
      } else {
        const [created] = await tx
          .insert(agreements)
          .values({ planId, focusAreaId: row.focusAreaId!, ...columns })
          .returning({ id: agreements.id });
        agreementId = created!.id;
        await writeDraft(tx, user, agreementId, draft, resolve, false);
        const after = await loadAgreementRecord(tx, agreementId);
        await recordAudit(tx, {
          user,
          action: "agreement.create",
          entityType: "agreement",
          entityId: agreementId,
          planId,
          after: buildAgreementView(after!),
        });
      }

      await tx
        .update(agreementImports)
        .set({
          status: "saved",
          agreementId,
          revision: Boolean(existing),
          savedAt: new Date(),
          savedBy: user.id,
          version: sql`${agreementImports.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(agreementImports.id, importId));
      await recordAudit(tx, {
        user,
        action: "import.save",
        entityType: "agreement_import",
        entityId: importId,
        planId,
        before: { status: "review" },
        after: { status: "saved", agreementId, revision: Boolean(existing) },
      });
      return { agreementId, revision: Boolean(existing) };
    });
  } catch (error) {
    // Another user created the agreement for this area in the meantime.
    if (isUniqueViolation(error))
      throw new FieldValidationError({
        focusAreaId: "Planen fik netop en delaftale for dette indsatsområde. Genindlæs siden.",
      });
    throw error;
  }
}

/** A revision of the agreement, started as revisions.server.ts starts one, unless one is in progress. */
async function startRevisionIfNone(tx: Db, user: SessionUser, planId: number, agreementId: number) {
  const [active] = await tx
    .select({ id: revisions.id })
    .from(revisions)
    .where(
      and(eq(revisions.agreementId, agreementId), inArray(revisions.status, ["open", "submitted"])),
    );
  if (active) return;
  const [created] = await tx
    .insert(revisions)
    .values({ agreementId, year: new Date().getFullYear(), startedBy: user.id })
    .returning();
  await recordAudit(tx, {
    user,
    action: "revision.start",
    entityType: "agreement",
    entityId: agreementId,
    planId,
    after: created,
  });
}

/**
 * Writes every part of the draft into the agreement's working draft. For an existing agreement
 * (`replace`), rows that say the same as a current row keep that row's id (criteria keep their
 * measurements, activities and funding sources their history and the board's diff pairs them);
 * the rest are removed, or retired when they have history.
 */
async function writeDraft(
  tx: Db,
  user: SessionUser,
  agreementId: number,
  draft: ImportDraft,
  resolve: Resolver,
  replace: boolean,
) {
  const current = replace ? await currentRows(tx, agreementId) : null;
  const removal = { confirmRemoval: true };
  let parties = partyRows(draft, resolve);
  let groups = workingGroupRows(draft, resolve);
  let staff = draft.staff.map((description) => ({ id: null as number | null, description }));
  if (current) {
    parties = matchIds(parties, partyKey, current.parties);
    groups = matchIds(groups, (g) => normaliseName(g.name), current.groups).map((g) => ({
      ...g,
      members:
        g.id == null
          ? g.members
          : matchIds(
              g.members,
              memberKey,
              current.members.filter((m) => m.groupId === g.id),
            ),
    }));
    staff = matchIds(staff, (r) => normaliseName(r.description), current.staff);
  }
  await writeParties(tx, user, agreementId, { parties });
  await writeWorkingGroups(tx, agreementId, { groups });
  const purpose = purposeValues(draft);
  if (current) {
    purpose.goals = matchIds(purpose.goals, (g) => normaliseName(g.text), current.goals);
  }
  await writePurpose(tx, agreementId, purpose);
  let criteria = draft.successCriteria.map(criterionRow);
  if (current) criteria = matchIds(criteria, (c) => normaliseName(c.text), current.criteria);
  await writeCriteria(tx, agreementId, { criteria }, removal);
  let sources = fundingRows(draft, resolve);
  if (current) sources = matchIds(sources, sourceKey, current.sources);
  await writeFinancing(tx, agreementId, normaliseFundingSources(sources), removal);
  await writeStaff(tx, agreementId, { staff });

  const wanted = activityValues(draft, resolve);
  const matched = current
    ? matchIds(
        wanted.map((values) => ({ id: null as number | null, values })),
        (a) => normaliseName(a.values.name),
        current.activities,
      )
    : wanted.map((values) => ({ id: null as number | null, values }));
  const kept = new Set(matched.flatMap((a) => (a.id == null ? [] : [a.id])));
  for (const old of current?.activities ?? [])
    if (!kept.has(old.id)) await removeActivity(tx, old.id, removal);
  const ids: number[] = [];
  for (const { id, values } of matched) {
    if (id == null) {
      ids.push(await insertActivity(tx, agreementId, values));
      continue;
    }
    const existingCriteria = current!.activityCriteria.filter((c) => c.activityId === id);
    const activityCriteria = matchIds(
      values.criteria,
      (c) => normaliseName(c.text),
      existingCriteria,
    );
    await tx.update(activities).set(activityColumns(values)).where(eq(activities.id, id));
    await writeActivityChildren(
      tx,
      agreementId,
      id,
      {
        ...values,
        criteria: activityCriteria,
        responsibilities: matchIds(
          values.responsibilities,
          dutyKey,
          current!.responsibilities.filter((r) => r.activityId === id),
        ),
      },
      removal,
    );
    ids.push(id);
  }
  // The document's order, whichever rows were kept or added.
  if (ids.length > 1)
    await tx.execute(
      sql`update ${activities} set position = v.position from (values ${sql.join(
        ids.map((id, position) => sql`(${id}::int, ${position}::int)`),
        sql`, `,
      )}) as v(id, position) where ${activities.id} = v.id`,
    );
}
