/**
 * Notifications (issue 20): `notify` records one event for the users it concerns, in the same
 * transaction as the write that caused it. It never sends anything itself: the dispatcher
 * (app/jobs) later turns each pending notification into an e-mail, a place in a daily digest, or
 * nothing, as the user chose; the in-app list shows every notification regardless.
 *
 * Recipients are resolved from memberships at the time of the event, so a user only hears about
 * plans and funds they belong to. The actor is never notified of their own action.
 */
import { and, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notifications, organisationMemberships, planMemberships, users } from "../../db/schema";
import type { NotificationKind } from "~/domain/notification-kinds";
import type { OrganisationRole, PlanRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "./audit.server";
import { NotFoundError } from "./errors.server";

/** Who an event concerns. */
export type Recipients =
  /** Members of a plan with one of these roles (active users only). */
  | { planId: number; roles: readonly PlanRole[] }
  /** Members of a housing organisation with this role (for an applicant: of this estate). */
  | { organisationId: number; role: OrganisationRole; estateId?: number }
  /** Named users; the caller has checked they may see the thing. */
  | { userIds: readonly number[] };

export interface NotifyInput {
  kind: NotificationKind;
  recipients: Recipients;
  /** The user whose action caused it (not notified); null for reminders. */
  actorId: number | null;
  title: string;
  body?: string;
  /** The app path of the thing itself. */
  path: string;
  planId?: number | null;
  organisationId?: number | null;
  /**
   * Makes the event notify each user at most once, across retries, restarts and processes
   * (e.g. "reminder:report:1:2026:-14").
   */
  dedupeKey?: string | null;
  /** When the event happened (the demo seed replays a history); default now. */
  at?: Date;
}

async function recipientIds(tx: Db, recipients: Recipients): Promise<number[]> {
  if ("userIds" in recipients) {
    if (recipients.userIds.length === 0) return [];
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, [...recipients.userIds]), eq(users.active, true)));
    return rows.map((r) => r.id);
  }
  if ("planId" in recipients) {
    if (recipients.roles.length === 0) return [];
    const rows = await tx
      .select({ id: planMemberships.userId })
      .from(planMemberships)
      .innerJoin(users, eq(users.id, planMemberships.userId))
      .where(
        and(
          eq(planMemberships.planId, recipients.planId),
          inArray(planMemberships.role, [...recipients.roles]),
          eq(users.active, true),
        ),
      );
    return rows.map((r) => r.id);
  }
  const rows = await tx
    .selectDistinct({ id: organisationMemberships.userId })
    .from(organisationMemberships)
    .innerJoin(users, eq(users.id, organisationMemberships.userId))
    .where(
      and(
        eq(organisationMemberships.organisationId, recipients.organisationId),
        eq(organisationMemberships.role, recipients.role),
        recipients.estateId == null
          ? undefined
          : or(
              eq(organisationMemberships.estateId, recipients.estateId),
              ne(organisationMemberships.role, "applicant"),
            ),
        eq(users.active, true),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * Records the event for everyone it concerns (but the actor). Returns how many users were
 * notified; a repeated dedupe key notifies nobody again.
 */
export async function notify(tx: Db, input: NotifyInput): Promise<number> {
  const ids = (await recipientIds(tx, input.recipients)).filter((id) => id !== input.actorId);
  if (ids.length === 0) return 0;
  const inserted = await tx
    .insert(notifications)
    .values(
      ids.map((userId) => ({
        userId,
        kind: input.kind,
        title: input.title,
        body: input.body ?? "",
        path: input.path,
        planId: input.planId ?? null,
        organisationId: input.organisationId ?? null,
        dedupeKey: input.dedupeKey ?? null,
        ...(input.at ? { createdAt: input.at } : {}),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return inserted.length;
}

/** The number of the user's unread notifications (the header's badge). */
export async function countUnreadNotifications(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), sql`${notifications.readAt} is null`));
  return row?.n ?? 0;
}

/** How many notifications the list shows per page. */
export const NOTIFICATIONS_PER_PAGE = 50;

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  createdAt: Date;
  read: boolean;
}

/**
 * One page (from 1) of the user's own notifications, newest first, and whether there is a next
 * page (one row more is read to know).
 */
export async function listNotifications(
  db: Db,
  userId: number,
  page = 1,
): Promise<{ items: NotificationItem[]; page: number; hasNext: boolean }> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PER_PAGE + 1)
    .offset((page - 1) * NOTIFICATIONS_PER_PAGE);
  return {
    items: rows.slice(0, NOTIFICATIONS_PER_PAGE).map(({ readAt, ...r }) => ({
      ...r,
      read: readAt != null,
    })),
    page,
    hasNext: rows.length > NOTIFICATIONS_PER_PAGE,
  };
}

/** Only a path inside the app: a stored path that is not one goes to the list instead. */
function appPath(path: string): string {
  return /^\/(?![/\\])/.test(path) ? path : "/notifikationer";
}

/**
 * Marks one of the user's own notifications read and returns where it leads. Another user's
 * notification (or none) is a NotFoundError: its existence is not the user's to know.
 */
export async function openNotification(
  db: Db,
  userId: number,
  notificationId: number,
  now: Date,
): Promise<string> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
    .returning({ path: notifications.path });
  if (!row) throw new NotFoundError("Notifikationen findes ikke");
  return appPath(row.path);
}

/** Marks all the user's unread notifications read (one transaction, audited). Returns how many. */
export async function markAllNotificationsRead(
  db: Db,
  user: SessionUser,
  now: Date,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, user.id), sql`${notifications.readAt} is null`))
      .returning({ id: notifications.id });
    if (rows.length) {
      await recordAudit(tx, {
        user,
        action: "notifications.read_all",
        entityType: "user",
        entityId: user.id,
        after: { read: rows.length },
      });
    }
    return rows.length;
  });
}
