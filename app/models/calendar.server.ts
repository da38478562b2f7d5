/**
 * The deadline calendar: the deadlines a user may see (their plans' revisions, statusrapporter
 * and milestones; the dispositionsfond grant reports of the funds they administer or the estates
 * they apply for; administrators: everything), and the user's secret feed address.
 *
 * A feed token is 32 random bytes (base64url); only its SHA-256 is stored, and a token is found by
 * looking its hash up in a unique index, so a wrong token costs one indexed lookup and the stored
 * hashes reveal nothing. A user has at most one active address; making a new one revokes the old.
 *
 * Queries do not grow with the number of plans: revisions (one), plans with their final reports
 * (one), milestones (one), self-evaluations with a deadline (one), grant years (one).
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { calendarFeeds, fundGrants, planMemberships, plans, users } from "../../db/schema";
import {
  deadlinesToShow,
  grantReportDeadline,
  milestoneDeadline,
  reportDeadlines,
  revisionDeadline,
  selfEvaluationDeadline,
  type Deadline,
} from "~/domain/calendar";
import { todayInDenmark } from "~/domain/format";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { recordAudit } from "./audit.server";
import {
  selectGrantYearRows,
  selectMilestoneRows,
  selectPlanReportRows,
  selectSelfEvaluationRows,
} from "./internal/deadline-rows.server";
import { estateScope } from "./internal/fund-access.server";
import { listRevisionDeadlines } from "./revision-views.server";

// --- deadlines ---------------------------------------------------------------------------------

/**
 * Rows of plans the user may see (administrators: all); `planId` narrows to one plan. The
 * subquery names `plans.id` in plain SQL: drizzle leaves a column unqualified in a one-table
 * select, which inside a subquery would bind to the subquery's own table.
 */
function planScope(user: SessionUser, planId?: number) {
  return and(
    planId === undefined ? undefined : eq(plans.id, planId),
    user.isAdmin
      ? undefined
      : sql`exists (select 1 from ${planMemberships} pm
          where pm.plan_id = plans.id and pm.user_id = ${user.id})`,
  );
}

async function planDeadlines(db: Db, user: SessionUser, planId?: number): Promise<Deadline[]> {
  const scope = planScope(user, planId);
  const [revisions, planRows, milestoneRows, evaluationRows] = await Promise.all([
    listRevisionDeadlines(db, user),
    selectPlanReportRows(db, scope),
    selectMilestoneRows(db, scope),
    selectSelfEvaluationRows(db, scope),
  ]);
  return [
    ...revisions
      .filter((r) => planId === undefined || r.planId === planId)
      .map(revisionDeadline)
      .filter((d): d is Deadline => d !== null),
    // postgres.js and PGlite both return int[] as numbers; Number() guards a driver's strings.
    ...planRows.flatMap((p) => reportDeadlines({ ...p, finalYears: p.finalYears.map(Number) })),
    ...milestoneRows.map(milestoneDeadline),
    ...evaluationRows.map(selfEvaluationDeadline),
  ];
}

/** The report deadline of every year of every grant the user can see (fund_admin, applicant). */
async function grantDeadlines(db: Db, user: SessionUser): Promise<Deadline[]> {
  const rows = await selectGrantYearRows(db, estateScope(user, fundGrants.estateId));
  return rows.map((r) => grantReportDeadline({ ...r, submitted: r.reportStatus === "submitted" }));
}

/**
 * Every deadline the user may see, from 12 months ago on, in date order: the revisions,
 * statusrapporter and milestones of their plans and the grant reports of their funds/estates.
 */
export async function listDeadlinesForUser(
  db: Db,
  user: SessionUser,
  today: string = todayInDenmark(),
): Promise<Deadline[]> {
  const [ofPlans, ofGrants] = await Promise.all([
    planDeadlines(db, user),
    grantDeadlines(db, user),
  ]);
  return deadlinesToShow([...ofPlans, ...ofGrants], today);
}

/** One plan's deadlines (the plan's .ics download). NotFoundError for a plan the user cannot see. */
export async function listDeadlinesForPlan(
  db: Db,
  user: SessionUser,
  planId: number,
  today: string = todayInDenmark(),
): Promise<{ planName: string; deadlines: Deadline[] }> {
  await requirePlanRole(db, user, planId);
  const [plan] = await db.select({ name: plans.name }).from(plans).where(eq(plans.id, planId));
  const deadlines = await planDeadlines(db, user, planId);
  return { planName: plan!.name, deadlines: deadlinesToShow(deadlines, today) };
}

// --- the secret feed address -------------------------------------------------------------------

/** The stored form of a token. */
export function hashCalendarToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token has this shape (32 bytes in base64url); anything else is not looked up at all. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface CalendarFeedStatus {
  createdAt: string;
  lastUsedAt: string | null;
}

/** The user's active feed (when made, when last fetched), or null when they have none. */
export async function getCalendarFeed(
  db: Db,
  user: SessionUser,
): Promise<CalendarFeedStatus | null> {
  const [row] = await db
    .select({ createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, user.id), isNull(calendarFeeds.revokedAt)));
  if (!row) return null;
  return {
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

async function revokeActive(tx: Db, user: SessionUser): Promise<number | null> {
  const [revoked] = await tx
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(calendarFeeds.userId, user.id), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return revoked?.id ?? null;
}

/**
 * A new secret address for the user's calendar: returns the token, which is never stored or
 * shown again. The user's previous address stops working in the same transaction.
 */
export async function createCalendarFeed(db: Db, user: SessionUser): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.transaction(async (tx) => {
    const revokedId = await revokeActive(tx, user);
    const [feed] = await tx
      .insert(calendarFeeds)
      .values({ userId: user.id, tokenSha256: hashCalendarToken(token) })
      .returning({ id: calendarFeeds.id });
    await recordAudit(tx, {
      user,
      action: "calendar_feed.create",
      entityType: "calendar_feed",
      entityId: feed!.id,
      // Never the token or its hash: only which address it replaced.
      before: revokedId ? { revokedFeedId: revokedId } : null,
    });
  });
  return token;
}

/** The user's address stops working. False when they had none. */
export async function revokeCalendarFeed(db: Db, user: SessionUser): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revokedId = await revokeActive(tx, user);
    if (!revokedId) return false;
    await recordAudit(tx, {
      user,
      action: "calendar_feed.revoke",
      entityType: "calendar_feed",
      entityId: revokedId,
    });
    return true;
  });
}

/**
 * The active user whose active feed has this token; null for an unknown, revoked or malformed
 * token, or a deactivated user (the caller answers all of them alike). Notes when the feed was
 * fetched, at most once an hour (calendar apps poll often; one write an hour is plenty).
 */
export async function userForCalendarToken(db: Db, token: string): Promise<SessionUser | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await db
    .select({
      feedId: calendarFeeds.id,
      stale: sql<boolean>`(${calendarFeeds.lastUsedAt} is null or ${calendarFeeds.lastUsedAt} < now() - interval '1 hour')`,
      id: users.id,
      email: users.email,
      name: users.name,
      isAdmin: users.isAdmin,
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(
      and(
        eq(calendarFeeds.tokenSha256, hashCalendarToken(token)),
        isNull(calendarFeeds.revokedAt),
        eq(users.active, true),
      ),
    );
  if (!row) return null;
  const { feedId, stale, ...user } = row;
  if (stale) {
    await db
      .update(calendarFeeds)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(calendarFeeds.id, feedId));
  }
  return user;
}
