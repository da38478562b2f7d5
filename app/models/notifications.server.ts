/**
 * Notifications (issue 20): `notify` records one event for the users it concerns, in the same
 * transaction as the write that caused it. It never sends anything itself: the dispatcher
 * (app/jobs) later turns each pending notification into an e-mail, a place in a daily digest, or
 * nothing, as the user chose; the in-app list shows every notification regardless.
 *
 * Recipients are resolved from memberships at the time of the event, so a user only hears about
 * plans and funds they belong to. The actor is never notified of their own action.
 */
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notifications, organisationMemberships, planMemberships, users } from "../../db/schema";
import type { NotificationKind } from "~/domain/notification-kinds";
import type { OrganisationRole, PlanRole } from "~/domain/roles";

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
