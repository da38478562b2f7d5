/**
 * Reading agreement versions: one version's document, the board's review of a proposed version
 * against the last approved one, and the lists of pending revisions and revision deadlines.
 */
import { readAgreementSnapshot } from "~/domain/agreement-snapshot";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agreementVersions, agreements, focusAreas, planMemberships, plans } from "../../db/schema";
import { diffAgreements } from "~/domain/agreement-diff";
import { agreementTitle, type AgreementView } from "~/domain/agreement-view";
import { emptyAgreementView, nextRevisionDue, versionLabel } from "~/domain/revision";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { NotFoundError } from "./errors.server";
import { ImmutableCache } from "./internal/immutable-cache.server";
import {
  selectVersions,
  submitter,
  versionDecidedAt,
  versionSubmittedAt,
  type VersionRow,
} from "./internal/agreement-versions.server";
import { PAGE_SIZE, pageCount } from "~/domain/paging";
import { preparedPerDb } from "./internal/prepared.server";

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

/** An agreement version's key in the snapshot cache: its id, fixed by its submission time. */
const versionKey = sql<string>`${agreementVersions.id}::text || '@' || (extract(epoch from ${agreementVersions.submittedAt}) * 1000000)::bigint::text`;

function prepareVersionQueries(db: Db) {
  return {
    /** This plan's agreement with the version's row (no snapshot), if any. */
    versionRow: db
      .select({
        row: {
          id: agreementVersions.id,
          key: versionKey,
          number: agreementVersions.number,
          status: agreementVersions.status,
          decidedAt: versionDecidedAt,
          meetingDate: agreementVersions.meetingDate,
        },
      })
      .from(agreements)
      .leftJoin(
        agreementVersions,
        and(
          eq(agreementVersions.agreementId, agreements.id),
          eq(agreementVersions.number, sql.placeholder("number")),
        ),
      )
      .where(
        and(
          eq(agreements.id, sql.placeholder("agreementId")),
          eq(agreements.planId, sql.placeholder("planId")),
        ),
      )
      .prepare("version_view_row"),
    snapshot: db
      .select({ snapshot: agreementVersions.snapshot })
      .from(agreementVersions)
      .where(eq(agreementVersions.id, sql.placeholder("id")))
      .prepare("version_view_snapshot"),
  };
}

const versionQueries = preparedPerDb(prepareVersionQueries);

/**
 * Versions' snapshots as read for the page (readAgreementSnapshot), by versionKey. A snapshot never
 * changes, so a version read once is not read or converted again; the role is still checked on
 * every request, before the cache is asked.
 */
const snapshotViews = new ImmutableCache<AgreementView>(200);

/** The version's document view, from the cache or read once (one query). */
async function versionSnapshotView(db: Db, id: number, key: string): Promise<AgreementView> {
  const cached = snapshotViews.get(key);
  if (cached) return cached;
  const [found] = await versionQueries(db).snapshot.execute({ id });
  if (!found) throw new NotFoundError("Versionen findes ikke");
  return snapshotViews.set(key, readAgreementSnapshot(found.snapshot));
}

/**
 * One version's document (members of the plan). One query after the role: this plan's agreement
 * with the version's row, if any (another plan's agreement, or no such version, is not found);
 * then its snapshot, the first time this process shows the version (versionSnapshotView).
 */
export async function getVersionView(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  number: number,
) {
  const role = await requirePlanRole(db, user, planId);
  const [found] = await versionQueries(db).versionRow.execute({ planId, agreementId, number });
  if (!found) throw new NotFoundError("Delaftalen findes ikke");
  const { row } = found;
  if (!row) throw new NotFoundError("Versionen findes ikke");
  const label = versionLabel(row);
  const view = await versionSnapshotView(db, row.id, row.key);
  return {
    role,
    number: row.number,
    status: row.status,
    label,
    view: { ...view, statusLabel: label },
  };
}

function prepareReviewQueries(db: Db) {
  return {
    /**
     * This plan's agreement (a row even when nothing is pending) with its proposed and approved
     * versions, without their snapshots.
     */
    reviewRows: db
      .select({
        agreementId: agreements.id,
        version: {
          id: agreementVersions.id,
          key: versionKey,
          number: agreementVersions.number,
          status: agreementVersions.status,
          summary: agreementVersions.summary,
          recommendation: agreementVersions.recommendation,
          submittedAt: versionSubmittedAt,
          submittedBy: submitter.name,
          decidedAt: versionDecidedAt,
          meetingDate: agreementVersions.meetingDate,
        },
      })
      .from(agreements)
      .leftJoin(
        agreementVersions,
        and(
          eq(agreementVersions.agreementId, agreements.id),
          inArray(agreementVersions.status, ["proposed", "approved"]),
        ),
      )
      .leftJoin(submitter, eq(submitter.id, agreementVersions.submittedBy))
      .where(
        and(
          eq(agreements.id, sql.placeholder("agreementId")),
          eq(agreements.planId, sql.placeholder("planId")),
        ),
      )
      .prepare("revision_review_rows"),
  };
}

const reviewQueries = preparedPerDb(prepareReviewQueries);

interface ReviewComparison {
  before: AgreementView;
  after: AgreementView;
  diff: ReturnType<typeof diffAgreements>;
}

/**
 * The two snapshots of a review and their diff, by the two versions' keys. Both snapshots never
 * change, so neither does the diff: it is computed once per pair in this process.
 */
const comparisons = new ImmutableCache<ReviewComparison>(100);

/** The review's snapshots and diff, from the cache or read once (one query) and compared. */
async function reviewComparison(
  db: Db,
  proposed: { id: number; key: string },
  approved: { id: number; key: string } | null,
): Promise<ReviewComparison> {
  const key = `${proposed.key}|${approved?.key ?? ""}`;
  const cached = comparisons.get(key);
  if (cached) return cached;
  const ids = approved ? [proposed.id, approved.id] : [proposed.id];
  const snapshots = await db
    .select({ id: agreementVersions.id, snapshot: agreementVersions.snapshot })
    .from(agreementVersions)
    .where(inArray(agreementVersions.id, ids));
  const snapshotOf = (id: number) => {
    const found = snapshots.find((s) => s.id === id);
    if (!found) throw new NotFoundError("Versionen findes ikke");
    return readAgreementSnapshot(found.snapshot);
  };
  const after = snapshotOf(proposed.id);
  const before = approved ? snapshotOf(approved.id) : emptyAgreementView(after);
  return comparisons.set(key, { before, after, diff: diffAgreements(before, after) });
}

/**
 * The proposed version compared with the last approved version (or with nothing, for a first
 * version): the data of the board's review screen and the tracked-changes document. One query
 * after the role (the agreement with its proposed and approved versions), and one more for the
 * snapshots the first time this process compares the two versions (reviewComparison).
 */
export async function getRevisionReview(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
) {
  const role = await requirePlanRole(db, user, planId);
  const rows = await reviewQueries(db).reviewRows.execute({ planId, agreementId });
  if (!rows.length) throw new NotFoundError("Delaftalen findes ikke");
  // No version joined: every column of `version` is null (drizzle leaves the object there).
  const versions = rows.flatMap(({ version: v }) =>
    v?.id != null && v.number != null && v.status != null
      ? [{ ...v, id: v.id, number: v.number, status: v.status }]
      : [],
  );
  const proposed = versions.find((r) => r.status === "proposed");
  if (!proposed) return null;
  const approved = versions.find((r) => r.status === "approved") ?? null;
  const { before, after, diff } = await reviewComparison(db, proposed, approved);
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
    diff,
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
      submittedAt: versionSubmittedAt,
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
