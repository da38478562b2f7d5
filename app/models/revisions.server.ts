/**
 * The yearly revision of agreements (R6): starting a revision, submitting the working draft as a
 * proposed version (an immutable JSONB snapshot of the document view), the board's decision,
 * version history and deadlines. While a version is proposed the draft is locked; the secretariat
 * may withdraw the proposed version to edit again (see docs/decisions/0004-revisions.md).
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Db } from "../../db/client";
import {
  agreementVersions,
  agreements,
  focusAreas,
  planMemberships,
  plans,
  revisions,
  users,
} from "../../db/schema";
import { diffAgreements } from "~/domain/agreement-diff";
import {
  agreementChecklist,
  buildAgreementView,
  isReadyForApproval,
  type AgreementView,
} from "~/domain/agreement-view";
import {
  emptyAgreementView,
  nextRevisionDue,
  versionLabel,
  type DecisionSchema,
  type SubmitRevisionSchema,
  type VersionStatus,
} from "~/domain/revision";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { loadAgreementRecord } from "./internal/agreement-records.server";
import { recordAudit } from "./audit.server";
import {
  ConflictError,
  FieldValidationError,
  isUniqueViolation,
  LockedError,
  NotFoundError,
} from "./errors.server";

async function requireAgreement(db: Db, planId: number, agreementId: number) {
  const [row] = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(and(eq(agreements.id, agreementId), eq(agreements.planId, planId)));
  if (!row) throw new NotFoundError("Delaftalen findes ikke");
}

export interface VersionRow {
  id: number;
  number: number;
  status: VersionStatus;
  summary: string | null;
  recommendation: string | null;
  submittedAt: string;
  submittedBy: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  meetingDate: string | null;
  decisionNote: string | null;
  label: string;
}

const submitter = alias(users, "submitter");
const decider = alias(users, "decider");

/** The version history of an agreement, newest first (without the snapshots). One query. */
async function selectVersions(db: Db, agreementId: number): Promise<VersionRow[]> {
  const rows = await db
    .select({
      id: agreementVersions.id,
      number: agreementVersions.number,
      status: agreementVersions.status,
      summary: agreementVersions.summary,
      recommendation: agreementVersions.recommendation,
      submittedAt: sql<string>`to_char(${agreementVersions.submittedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      submittedBy: submitter.name,
      decidedAt: sql<
        string | null
      >`to_char(${agreementVersions.decidedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      decidedBy: decider.name,
      meetingDate: agreementVersions.meetingDate,
      decisionNote: agreementVersions.decisionNote,
    })
    .from(agreementVersions)
    .leftJoin(submitter, eq(submitter.id, agreementVersions.submittedBy))
    .leftJoin(decider, eq(decider.id, agreementVersions.decidedBy))
    .where(eq(agreementVersions.agreementId, agreementId))
    .orderBy(desc(agreementVersions.number));
  return rows.map((r) => ({ ...r, label: versionLabel(r) }));
}

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

/** What the agreement page shows about revisions: the active revision, versions, the deadline. */
export async function getRevisionState(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<RevisionState> {
  const role = await requirePlanRole(db, user, planId);
  await requireAgreement(db, planId, agreementId);
  const [versions, [active], [plan]] = await Promise.all([
    selectVersions(db, agreementId),
    db
      .select({
        id: revisions.id,
        year: revisions.year,
        status: revisions.status,
        recommendation: revisions.recommendation,
        summary: revisions.summary,
        returnNote: revisions.returnNote,
      })
      .from(revisions)
      .where(
        and(
          eq(revisions.agreementId, agreementId),
          inArray(revisions.status, ["open", "submitted"]),
        ),
      ),
    db.select({ months: plans.revisionIntervalMonths }).from(plans).where(eq(plans.id, planId)),
  ]);
  const current = versions.find((v) => v.status === "approved") ?? null;
  const months = plan?.months ?? 12;
  return {
    role,
    revision: active ?? null,
    versions,
    current,
    proposed: versions.find((v) => v.status === "proposed") ?? null,
    // The board's meeting is the date of the approval; the recording time is the fallback.
    nextDue: current ? nextRevisionDue(current.meetingDate ?? current.decidedAt!, months) : null,
    revisionIntervalMonths: months,
  };
}

/** Starts a revision of one agreement for a year (secretariat). */
export async function startRevision(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  year: number,
) {
  await requirePlanRole(db, user, planId, ["secretariat"]);
  await requireAgreement(db, planId, agreementId);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(revisions)
        .values({ agreementId, year, startedBy: user.id })
        .returning();
      await recordAudit(tx, {
        user,
        action: "revision.start",
        entityType: "agreement",
        entityId: agreementId,
        planId,
        after: created,
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
      .select({ id: revisions.id })
      .from(revisions)
      .where(and(eq(revisions.agreementId, agreementId), eq(revisions.status, "open")));
    if (!revision) {
      // A first approval (or a revision not started explicitly) gets a revision for this year.
      [revision] = await tx
        .insert(revisions)
        .values({ agreementId, year: new Date().getFullYear(), startedBy: user.id })
        .returning({ id: revisions.id });
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
      })
      .returning({ id: agreementVersions.id, number: agreementVersions.number });
    await tx
      .update(revisions)
      .set({
        status: "submitted",
        recommendation: input.recommendation,
        summary: input.summary,
        updatedAt: new Date(),
      })
      .where(eq(revisions.id, revision!.id));
    await recordAudit(tx, {
      user,
      action: "revision.submit",
      entityType: "agreement",
      entityId: agreementId,
      planId,
      after: {
        versionId: version!.id,
        number: version!.number,
        summary: input.summary,
        recommendation: input.recommendation,
      },
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
) {
  await requirePlanRole(db, user, planId, ["board"]);
  await requireAgreement(db, planId, agreementId);
  await db.transaction(async (tx) => {
    const [proposed] = await tx
      .select({
        id: agreementVersions.id,
        number: agreementVersions.number,
        revisionId: agreementVersions.revisionId,
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
      decidedAt: new Date(),
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
          .set({ status: "approved", updatedAt: new Date() })
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
          .set({ status: "open", returnNote: input.note, updatedAt: new Date() })
          .where(eq(revisions.id, proposed.revisionId));
      }
    }
    await recordAudit(tx, {
      user,
      action: input.decision === "approve" ? "revision.approve" : "revision.reject",
      entityType: "agreement",
      entityId: agreementId,
      planId,
      before: { versionId, number: proposed.number, status: "proposed" },
      after: {
        status: input.decision === "approve" ? "approved" : "rejected",
        meetingDate: input.meetingDate,
        note: input.note,
      },
    });
  });
}

/** One version as a read-only view (its frozen snapshot), labelled with its number and status. */
export async function getVersionView(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  number: number,
) {
  const role = await requirePlanRole(db, user, planId);
  await requireAgreement(db, planId, agreementId);
  const [row] = await db
    .select({
      id: agreementVersions.id,
      number: agreementVersions.number,
      status: agreementVersions.status,
      snapshot: agreementVersions.snapshot,
      decidedAt: sql<
        string | null
      >`to_char(${agreementVersions.decidedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      meetingDate: agreementVersions.meetingDate,
    })
    .from(agreementVersions)
    .where(
      and(eq(agreementVersions.agreementId, agreementId), eq(agreementVersions.number, number)),
    );
  if (!row) throw new NotFoundError("Versionen findes ikke");
  const label = versionLabel(row);
  return {
    role,
    number: row.number,
    status: row.status,
    label,
    view: { ...(row.snapshot as AgreementView), statusLabel: label },
  };
}

/**
 * The proposed version compared with the last approved version (or with nothing, for a first
 * version): the data of the board's review screen and the tracked-changes document.
 */
export async function getRevisionReview(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
) {
  const role = await requirePlanRole(db, user, planId);
  await requireAgreement(db, planId, agreementId);
  const rows = await db
    .select({
      id: agreementVersions.id,
      number: agreementVersions.number,
      status: agreementVersions.status,
      snapshot: agreementVersions.snapshot,
      summary: agreementVersions.summary,
      recommendation: agreementVersions.recommendation,
      submittedAt: sql<string>`to_char(${agreementVersions.submittedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      submittedBy: submitter.name,
      decidedAt: sql<
        string | null
      >`to_char(${agreementVersions.decidedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      meetingDate: agreementVersions.meetingDate,
    })
    .from(agreementVersions)
    .leftJoin(submitter, eq(submitter.id, agreementVersions.submittedBy))
    .where(
      and(
        eq(agreementVersions.agreementId, agreementId),
        inArray(agreementVersions.status, ["proposed", "approved"]),
      ),
    );
  const proposed = rows.find((r) => r.status === "proposed");
  if (!proposed) return null;
  const approved = rows.find((r) => r.status === "approved") ?? null;
  const after = proposed.snapshot as AgreementView;
  const before = approved ? (approved.snapshot as AgreementView) : emptyAgreementView(after);
  return {
    role,
    proposed: {
      id: proposed.id,
      number: proposed.number,
      summary: proposed.summary,
      recommendation: proposed.recommendation,
      submittedAt: proposed.submittedAt,
      submittedBy: proposed.submittedBy,
      label: versionLabel(proposed),
    },
    approved: approved ? { number: approved.number, label: versionLabel(approved) } : null,
    before,
    after,
    diff: diffAgreements(before, after),
  };
}

export interface PendingRevision {
  planId: number;
  planName: string;
  agreementId: number;
  focusArea: string;
  versionId: number;
  number: number;
  submittedAt: string;
  summary: string | null;
}

/** Proposed versions awaiting a decision in the plans where the user is on the board (admins: all). */
export async function listPendingRevisions(db: Db, user: SessionUser): Promise<PendingRevision[]> {
  const base = db
    .select({
      planId: plans.id,
      planName: plans.name,
      agreementId: agreements.id,
      focusArea: focusAreas.name,
      versionId: agreementVersions.id,
      number: agreementVersions.number,
      submittedAt: sql<string>`to_char(${agreementVersions.submittedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      summary: agreementVersions.summary,
    })
    .from(agreementVersions)
    .innerJoin(agreements, eq(agreements.id, agreementVersions.agreementId))
    .innerJoin(plans, eq(plans.id, agreements.planId))
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId));
  const scoped = user.isAdmin
    ? base.where(eq(agreementVersions.status, "proposed"))
    : base
        .innerJoin(
          planMemberships,
          and(eq(planMemberships.planId, plans.id), eq(planMemberships.userId, user.id)),
        )
        .where(
          and(
            eq(agreementVersions.status, "proposed"),
            inArray(planMemberships.role, ["board", "secretariat"]),
          ),
        );
  return scoped.orderBy(asc(agreementVersions.submittedAt));
}

export interface RevisionDeadline {
  planId: number;
  planName: string;
  agreementId: number;
  focusArea: string;
  lastApprovedAt: string | null;
  due: string | null;
}

/** Every agreement in the user's plans with the date its next revision is due. One query. */
export async function listRevisionDeadlines(
  db: Db,
  user: SessionUser,
): Promise<RevisionDeadline[]> {
  // The current approved version's meeting date (or, lacking one, when it was recorded).
  const lastApproved = sql<
    string | null
  >`(select to_char(coalesce(${agreementVersions.meetingDate}, (${agreementVersions.decidedAt} at time zone 'UTC')::date), 'YYYY-MM-DD') from ${agreementVersions}
      where ${agreementVersions.agreementId} = ${agreements.id} and ${agreementVersions.status} = 'approved')`;
  const base = db
    .select({
      planId: plans.id,
      planName: plans.name,
      months: plans.revisionIntervalMonths,
      agreementId: agreements.id,
      focusArea: focusAreas.name,
      lastApprovedAt: lastApproved,
      membership: planMemberships.userId,
    })
    .from(agreements)
    .innerJoin(plans, eq(plans.id, agreements.planId))
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .leftJoin(
      planMemberships,
      and(eq(planMemberships.planId, plans.id), eq(planMemberships.userId, user.id)),
    );
  const rows = await (
    user.isAdmin ? base : base.where(eq(planMemberships.userId, user.id))
  ).orderBy(asc(plans.name), asc(focusAreas.position));
  return rows.map(({ months, membership: _membership, ...r }) => ({
    ...r,
    due: r.lastApprovedAt ? nextRevisionDue(r.lastApprovedAt, months) : null,
  }));
}
