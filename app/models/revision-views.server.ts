/**
 * Reading agreement versions: one version's document, the board's review of a proposed version
 * against the last approved one, and the lists of pending revisions and revision deadlines.
 */
import { readAgreementSnapshot } from "~/domain/agreement-snapshot";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agreementVersions, agreements, focusAreas, planMemberships, plans } from "../../db/schema";
import { diffAgreements } from "~/domain/agreement-diff";
import { agreementTitle } from "~/domain/agreement-view";
import { emptyAgreementView, nextRevisionDue, versionLabel } from "~/domain/revision";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { NotFoundError } from "./errors.server";
import {
  requireAgreement,
  selectVersions,
  submitter,
  type VersionRow,
} from "./internal/agreement-versions.server";
import { PAGE_SIZE, pageCount } from "~/domain/paging";

export interface VersionHistory {
  agreement: { id: number; planId: number; title: string; focusArea: string; planName: string };
  /** The page's versions, newest first. */
  versions: VersionRow[];
  page: number;
  pageCount: number;
  total: number;
}

/**
 * "Versionshistorik": the agreement's names and one page (PAGE_SIZE) of its versions, newest
 * first, without the snapshots. Members of the plan; another plan's agreement is not found. Three
 * queries (the role, the agreement with the number of versions, the page), however many versions.
 */
export async function getVersionHistory(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  page = 1,
): Promise<VersionHistory> {
  await requirePlanRole(db, user, planId);
  const [agreement] = await db
    .select({
      id: agreements.id,
      planId: agreements.planId,
      focusArea: focusAreas.name,
      planName: plans.name,
      total: sql<number>`(select count(*) from ${agreementVersions} v
        where v.agreement_id = ${agreements.id})`.mapWith(Number),
    })
    .from(agreements)
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .innerJoin(plans, eq(plans.id, agreements.planId))
    .where(and(eq(agreements.id, agreementId), eq(agreements.planId, planId)));
  if (!agreement) throw new NotFoundError("Delaftalen findes ikke");
  const { total, ...names } = agreement;
  const pages = pageCount(total);
  const shown = Math.min(Math.max(1, page), pages);
  const versions = await selectVersions(db, agreementId, {
    limit: PAGE_SIZE,
    offset: (shown - 1) * PAGE_SIZE,
  });
  return {
    // The agreement page's title (agreement-view.ts), from its focus area.
    agreement: { ...names, title: agreementTitle(names.focusArea) },
    versions,
    page: shown,
    pageCount: pages,
    total,
  };
}

/**
 * One version's document (members of the plan). One query after the role: this plan's agreement
 * with the version, if any (another plan's agreement, or no such version, is not found).
 */
export async function getVersionView(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  number: number,
) {
  const role = await requirePlanRole(db, user, planId);
  const [found] = await db
    .select({
      row: {
        id: agreementVersions.id,
        number: agreementVersions.number,
        status: agreementVersions.status,
        snapshot: agreementVersions.snapshot,
        decidedAt: sql<
          string | null
        >`to_char(${agreementVersions.decidedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
        meetingDate: agreementVersions.meetingDate,
      },
    })
    .from(agreements)
    .leftJoin(
      agreementVersions,
      and(eq(agreementVersions.agreementId, agreements.id), eq(agreementVersions.number, number)),
    )
    .where(and(eq(agreements.id, agreementId), eq(agreements.planId, planId)));
  if (!found) throw new NotFoundError("Delaftalen findes ikke");
  const { row } = found;
  if (!row) throw new NotFoundError("Versionen findes ikke");
  const label = versionLabel(row);
  return {
    role,
    number: row.number,
    status: row.status,
    label,
    view: { ...readAgreementSnapshot(row.snapshot), statusLabel: label },
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
  const after = readAgreementSnapshot(proposed.snapshot);
  const before = approved ? readAgreementSnapshot(approved.snapshot) : emptyAgreementView(after);
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
