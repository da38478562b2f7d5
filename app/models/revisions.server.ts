/**
 * The yearly revision of agreements (R6): starting a revision, submitting the working draft as a
 * proposed version (an immutable JSONB snapshot of the document view) and the board's decision
 * (reading versions and deadlines: revision-views.server.ts). While a version is proposed the
 * draft is locked; the secretariat may withdraw the proposed version to edit again (see
 * docs/decisions/0004-revisions.md).
 */
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { agreementVersions, agreements, plans, revisions } from "../../db/schema";
import {
  agreementChecklist,
  buildAgreementView,
  isReadyForApproval,
  type AgreementView,
} from "~/domain/agreement-view";
import { nextRevisionDue, type DecisionSchema, type SubmitRevisionSchema } from "~/domain/revision";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { loadAgreementRecord } from "./internal/agreement-records.server";
import {
  requireAgreement,
  selectVersions,
  type VersionRow,
} from "./internal/agreement-versions.server";
import { recordAudit } from "./audit.server";
import { notify } from "./notifications.server";
import {
  ConflictError,
  FieldValidationError,
  isUniqueViolation,
  LockedError,
  NotFoundError,
} from "./errors.server";

export interface RevisionState {
  role: PlanAccessRole;
  revision: {
    id: number;
    year: number;
    status: "open" | "submitted" | "approved" | "rejected";
    recommendation: string | null;
    summary: string | null;
    returnNote: string | null;
  } | null;
  versions: VersionRow[];
  current: VersionRow | null;
  proposed: VersionRow | null;
  nextDue: string | null;
  revisionIntervalMonths: number;
}

type ActiveRevision = NonNullable<RevisionState["revision"]>;

/**
 * Columns for a select from `agreements` joined with `plans`: the plan's revision interval and the
 * agreement's revision in progress (open or submitted; at most one) as JSON, by a correlated
 * subquery on the outer "agreements" row. The agreement page reads them with its other columns.
 */
export const revisionColumns = {
  revisionIntervalMonths: plans.revisionIntervalMonths,
  activeRevision: sql<ActiveRevision | null>`(select json_build_object('id', r.id,
      'year', r.year, 'status', r.status, 'recommendation', r.recommendation,
      'summary', r.summary, 'returnNote', r.return_note)
    from ${revisions} r
    where r.agreement_id = "agreements"."id" and r.status in ('open', 'submitted') limit 1)`.mapWith(
    (value: unknown): ActiveRevision | null =>
      typeof value === "string" ? (JSON.parse(value) as ActiveRevision) : (value as ActiveRevision),
  ),
};

/** The revision state from the agreement's versions (newest first) and revisionColumns. */
export function toRevisionState(
  role: PlanAccessRole,
  versions: VersionRow[],
  columns: { revisionIntervalMonths: number | null; activeRevision: ActiveRevision | null },
): RevisionState {
  const current = versions.find((v) => v.status === "approved") ?? null;
  const months = columns.revisionIntervalMonths ?? 12;
  return {
    role,
    revision: columns.activeRevision ?? null,
    versions,
    current,
    proposed: versions.find((v) => v.status === "proposed") ?? null,
    // The board's meeting is the date of the approval; the recording time is the fallback.
    nextDue: current ? nextRevisionDue(current.meetingDate ?? current.decidedAt!, months) : null,
    revisionIntervalMonths: months,
  };
}

/**
 * What the agreement page shows about revisions: the active revision, versions, the deadline.
 * Two queries after the role: the agreement (this plan's, with revisionColumns) and its versions.
 */
export async function getRevisionState(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<RevisionState> {
  const role = await requirePlanRole(db, user, planId);
  const [[columns], versions] = await Promise.all([
    db
      .select(revisionColumns)
      .from(agreements)
      .innerJoin(plans, eq(plans.id, agreements.planId))
      .where(and(eq(agreements.id, agreementId), eq(agreements.planId, planId))),
    selectVersions(db, agreementId),
  ]);
  if (!columns) throw new NotFoundError("Delaftalen findes ikke");
  return toRevisionState(role, versions, columns);
}

/** Starts a revision of one agreement for a year (secretariat). */
export async function startRevision(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  year: number,
  /** When it happens (the demo seed replays a history; everyone else leaves it at now). */
  now: Date = new Date(),
) {
  await requirePlanRole(db, user, planId, ["secretariat"]);
  await requireAgreement(db, planId, agreementId);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(revisions)
        .values({ agreementId, year, startedBy: user.id, createdAt: now, updatedAt: now })
        .returning();
      await recordAudit(tx, {
        user,
        action: "revision.start",
        entityType: "agreement",
        entityId: agreementId,
        planId,
        after: created,
        at: now,
      });
      return created!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new FieldValidationError({ year: "Delaftalen er allerede under revision" });
    }
    throw error;
  }
}

/** Starts the year's revision of every agreement of the plan that has none in progress. */
export async function startPlanRevisions(db: Db, user: SessionUser, planId: number, year: number) {
  await requirePlanRole(db, user, planId, ["secretariat"]);
  return db.transaction(async (tx) => {
    const candidates = await tx
      .select({ id: agreements.id })
      .from(agreements)
      .where(
        and(
          eq(agreements.planId, planId),
          sql`not exists (select 1 from ${revisions} where ${revisions.agreementId} = ${agreements.id} and ${revisions.status} in ('open', 'submitted'))`,
        ),
      );
    if (!candidates.length) return 0;
    const created = await tx
      .insert(revisions)
      .values(candidates.map((c) => ({ agreementId: c.id, year, startedBy: user.id })))
      .returning();
    for (const revision of created) {
      await recordAudit(tx, {
        user,
        action: "revision.start",
        entityType: "agreement",
        entityId: revision.agreementId,
        planId,
        after: revision,
      });
    }
    return created.length;
  });
}

/**
 * Submits the working draft for approval: freezes its document view as the next version
 * (proposed) and locks the draft. Refused unless the agreement meets the rules (R4, R5).
 */
export async function submitRevision(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  input: z.output<typeof SubmitRevisionSchema>,
  /** When it happens (the demo seed replays a history; everyone else leaves it at now). */
  now: Date = new Date(),
) {
  await requirePlanRole(db, user, planId, ["secretariat"]);
  await requireAgreement(db, planId, agreementId);
  return db.transaction(async (tx) => {
    // Lock the agreement row so no section save slips in between the check and the snapshot.
    await tx.execute(sql`select id from ${agreements} where id = ${agreementId} for update`);
    const record = await loadAgreementRecord(tx, agreementId);
    if (!record) throw new NotFoundError();
    const [pending] = await tx
      .select({ id: agreementVersions.id })
      .from(agreementVersions)
      .where(
        and(
          eq(agreementVersions.agreementId, agreementId),
          eq(agreementVersions.status, "proposed"),
        ),
      );
    if (pending) throw new LockedError("Der er allerede et forslag, som afventer bestyrelsen.");
    const view = buildAgreementView(record);
    const failing = agreementChecklist(view).filter((i) => i.rule && !i.ok);
    if (!isReadyForApproval(agreementChecklist(view))) {
      throw new FieldValidationError({
        summary: `Delaftalen kan ikke indstilles endnu: ${failing.map((i) => i.label.toLocaleLowerCase("da")).join("; ")}.`,
      });
    }
    let [revision] = await tx
      .select({ id: revisions.id, year: revisions.year })
      .from(revisions)
      .where(and(eq(revisions.agreementId, agreementId), eq(revisions.status, "open")));
    if (!revision) {
      // A first approval (or a revision not started explicitly) gets a revision for this year.
      [revision] = await tx
        .insert(revisions)
        .values({
          agreementId,
          year: now.getFullYear(),
          startedBy: user.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: revisions.id, year: revisions.year });
    }
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${agreementVersions.number}), 0)::int + 1` })
      .from(agreementVersions)
      .where(eq(agreementVersions.agreementId, agreementId));
    const snapshot: AgreementView = { ...view, statusLabel: `Forslag til version ${next}` };
    const [version] = await tx
      .insert(agreementVersions)
      .values({
        agreementId,
        revisionId: revision!.id,
        number: next,
        snapshot,
        recommendation: input.recommendation,
        summary: input.summary,
        submittedBy: user.id,
        submittedAt: now,
      })
      .returning({ id: agreementVersions.id, number: agreementVersions.number });
    await tx
      .update(revisions)
      .set({
        status: "submitted",
        recommendation: input.recommendation,
        summary: input.summary,
        updatedAt: now,
      })
      .where(eq(revisions.id, revision!.id));
    await recordAudit(tx, {
      user,
      action: "revision.submit",
      entityType: "agreement",
      entityId: agreementId,
      planId,
      at: now,
      after: {
        versionId: version!.id,
        number: version!.number,
        summary: input.summary,
        recommendation: input.recommendation,
      },
    });
    await notify(tx, {
      at: now,
      kind: "revision_submitted",
      recipients: { planId, roles: ["board"] },
      actorId: user.id,
      title: `Revision ${revision!.year} af «${view.title}» afventer bestyrelsens beslutning`,
      body: `Sekretariatet har indstillet version ${version!.number} af delaftalen til godkendelse.`,
      path: `/plans/${planId}/agreements/${agreementId}/review`,
      planId,
      dedupeKey: `revision_submitted:${version!.id}`,
    });
    return version!;
  });
}

/** Takes a proposed version back so the draft can be edited again (secretariat). */
export async function withdrawProposedVersion(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
) {
  await requirePlanRole(db, user, planId, ["secretariat"]);
  await requireAgreement(db, planId, agreementId);
  await db.transaction(async (tx) => {
    const [withdrawn] = await tx
      .update(agreementVersions)
      .set({ status: "withdrawn", decidedBy: user.id, decidedAt: new Date() })
      .where(
        and(
          eq(agreementVersions.agreementId, agreementId),
          eq(agreementVersions.status, "proposed"),
        ),
      )
      .returning({
        id: agreementVersions.id,
        number: agreementVersions.number,
        revisionId: agreementVersions.revisionId,
      });
    if (!withdrawn) throw new ConflictError("Nothing to withdraw");
    if (withdrawn.revisionId) {
      await tx
        .update(revisions)
        .set({ status: "open", updatedAt: new Date() })
        .where(eq(revisions.id, withdrawn.revisionId));
    }
    await recordAudit(tx, {
      user,
      action: "revision.withdraw",
      entityType: "agreement",
      entityId: agreementId,
      planId,
      before: { versionId: withdrawn.id, number: withdrawn.number, status: "proposed" },
      after: { status: "withdrawn" },
    });
  });
}

/** The board approves or rejects the proposed version (board members and administrators). */
export async function decideRevision(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  versionId: number,
  input: z.output<typeof DecisionSchema>,
  /** When the decision is recorded (the demo seed replays a history; otherwise now). */
  now: Date = new Date(),
) {
  await requirePlanRole(db, user, planId, ["board"]);
  await requireAgreement(db, planId, agreementId);
  await db.transaction(async (tx) => {
    const [proposed] = await tx
      .select({
        id: agreementVersions.id,
        number: agreementVersions.number,
        revisionId: agreementVersions.revisionId,
        title: sql<string>`${agreementVersions.snapshot}->>'title'`,
      })
      .from(agreementVersions)
      .where(
        and(
          eq(agreementVersions.id, versionId),
          eq(agreementVersions.agreementId, agreementId),
          eq(agreementVersions.status, "proposed"),
        ),
      );
    // Decided, withdrawn or replaced meanwhile: the board member sees the page anew.
    if (!proposed) throw new ConflictError("The proposed version is no longer pending");
    const decided = {
      decidedBy: user.id,
      decidedAt: now,
      meetingDate: input.meetingDate,
      decisionNote: input.note,
    };
    if (input.decision === "approve") {
      await tx
        .update(agreementVersions)
        .set({ status: "superseded" })
        .where(
          and(
            eq(agreementVersions.agreementId, agreementId),
            eq(agreementVersions.status, "approved"),
          ),
        );
      await tx
        .update(agreementVersions)
        .set({ status: "approved", ...decided })
        .where(eq(agreementVersions.id, versionId));
      if (proposed.revisionId) {
        await tx
          .update(revisions)
          .set({ status: "approved", updatedAt: now })
          .where(eq(revisions.id, proposed.revisionId));
      }
    } else {
      await tx
        .update(agreementVersions)
        .set({ status: "rejected", ...decided })
        .where(eq(agreementVersions.id, versionId));
      if (proposed.revisionId) {
        await tx
          .update(revisions)
          .set({ status: "open", returnNote: input.note, updatedAt: now })
          .where(eq(revisions.id, proposed.revisionId));
      }
    }
    await recordAudit(tx, {
      user,
      action: input.decision === "approve" ? "revision.approve" : "revision.reject",
      entityType: "agreement",
      entityId: agreementId,
      planId,
      at: now,
      before: { versionId, number: proposed.number, status: "proposed" },
      after: {
        status: input.decision === "approve" ? "approved" : "rejected",
        meetingDate: input.meetingDate,
        note: input.note,
      },
    });
    // A rejection reopens the revision with the board's note: for the secretariat it comes back.
    const approved = input.decision === "approve";
    await notify(tx, {
      at: now,
      kind: approved ? "revision_decided" : "revision_returned",
      recipients: { planId, roles: ["secretariat"] },
      actorId: user.id,
      title: approved
        ? `Bestyrelsen har godkendt version ${proposed.number} af «${proposed.title}»`
        : `Bestyrelsen har sendt «${proposed.title}» tilbage til sekretariatet`,
      body: approved
        ? "Versionen er nu den gældende delaftale."
        : "Forslaget er afvist. Se bestyrelsens bemærkning, ret udkastet, og indstil det igen.",
      path: approved
        ? `/plans/${planId}/agreements/${agreementId}`
        : `/plans/${planId}/agreements/${agreementId}/revision`,
      planId,
      dedupeKey: `revision_decided:${versionId}`,
    });
  });
}

/** One version as a read-only view (its frozen snapshot), labelled with its number and status. */
