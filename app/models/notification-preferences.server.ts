/**
 * Each user's e-mail preference per kind of notification (issue 20). A kind without a row uses
 * the kind's default (NOTIFICATION_KINDS). Only the user's own: the account page saves them, and
 * the one-click unsubscribe link in a mail sets one (`setPreference`).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notificationPreferences } from "../../db/schema";
import {
  effectiveDelivery,
  NOTIFICATION_KIND_KEYS,
  type NotificationDelivery,
  type NotificationKind,
} from "~/domain/notification-kinds";
import type { NotificationPreferencesInput } from "~/domain/notification-preferences";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "./audit.server";

export type NotificationPreferences = Record<NotificationKind, NotificationDelivery>;

/** The user's delivery for every kind: their own choice, else the kind's default. */
export async function getPreferences(db: Db, userId: number): Promise<NotificationPreferences> {
  const rows = await db
    .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return Object.fromEntries(
    NOTIFICATION_KIND_KEYS.map((kind) => [kind, effectiveDelivery(kind, chosen.get(kind))]),
  ) as NotificationPreferences;
}

/** Upserts the choices (one statement) and audits what changed; returns the kinds that changed. */
async function writePreferences(
  tx: Db,
  userId: number,
  choices: Partial<NotificationPreferences>,
): Promise<NotificationKind[]> {
  const entries = Object.entries(choices).filter(
    (e): e is [NotificationKind, NotificationDelivery] => e[1] != null,
  );
  if (entries.length === 0) return [];
  const before = await tx
    .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.userId, userId),
        inArray(
          notificationPreferences.kind,
          entries.map(([kind]) => kind),
        ),
      ),
    )
    .for("update");
  const previous = new Map(before.map((r) => [r.kind, r.delivery]));
  const changed = entries.filter(
    ([kind, delivery]) => effectiveDelivery(kind, previous.get(kind)) !== delivery,
  );
  if (changed.length === 0) return [];
  const now = new Date();
  await tx
    .insert(notificationPreferences)
    .values(changed.map(([kind, delivery]) => ({ userId, kind, delivery, updatedAt: now })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { delivery: sql`excluded.delivery`, updatedAt: now },
    });
  await recordAudit(tx, {
    user: { id: userId },
    action: "notification_preferences.update",
    entityType: "user",
    entityId: userId,
    before: Object.fromEntries(
      changed.map(([kind]) => [kind, effectiveDelivery(kind, previous.get(kind))]),
    ),
    after: Object.fromEntries(changed),
  });
  return changed.map(([kind]) => kind);
}

/**
 * Saves the user's own choices from the account page (validated by
 * NotificationPreferencesSchema); kinds the form did not send stay as they are.
 */
export async function setPreferences(
  db: Db,
  user: SessionUser,
  input: NotificationPreferencesInput,
): Promise<NotificationKind[]> {
  return db.transaction((tx) => writePreferences(tx, user.id, input));
}

/** Sets one kind for a user (the one-click unsubscribe link: no session, the link is the proof). */
export async function setPreference(
  db: Db,
  userId: number,
  kind: NotificationKind,
  delivery: NotificationDelivery,
): Promise<void> {
  await db.transaction((tx) => writePreferences(tx, userId, { [kind]: delivery }));
}
