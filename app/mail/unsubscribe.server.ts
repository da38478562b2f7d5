/**
 * Unsubscribe links (issue 20): one per user and kind of notification, usable without logging in
 * (a mail client's one-click unsubscribe, RFC 8058, posts to it without a session). The token is
 * `<userId>.<kind>.<mac>` with mac = base64url(HMAC-SHA256(session secret, "<userId>:<kind>")):
 * the user and the kind are in the clear, the mac proves the app made the link. "digest" stands
 * for the daily digest as a whole (every kind the user receives in it).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notificationPreferences, users } from "../../db/schema";
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_KEYS,
  effectiveDelivery,
  isNotificationKind,
  type NotificationKind,
} from "~/domain/notification-kinds";
import { getAppUrl, getSessionSecret } from "~/env.server";
import { recordAudit } from "~/models/audit.server";
import { setPreference } from "~/models/notification-preferences.server";

export type UnsubscribeKind = NotificationKind | "digest";

function mac(userId: number, kind: UnsubscribeKind): Buffer {
  return createHmac("sha256", getSessionSecret()).update(`${userId}:${kind}`).digest();
}

export function unsubscribeToken(userId: number, kind: UnsubscribeKind): string {
  return `${userId}.${kind}.${mac(userId, kind).toString("base64url")}`;
}

/** The absolute address of the unsubscribe page (and the one-click POST target). */
export function unsubscribeUrl(userId: number, kind: UnsubscribeKind): string {
  return `${getAppUrl()}/afmeld/${unsubscribeToken(userId, kind)}`;
}

/** The user and kind a token names, or null for anything the app did not make. */
export function readUnsubscribeToken(
  token: string,
): { userId: number; kind: UnsubscribeKind } | null {
  const match = /^([1-9]\d{0,9})\.([a-z_]{1,60})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const kind = match[2]!;
  if (kind !== "digest" && !isNotificationKind(kind)) return null;
  // Compared as text: two base64url strings can decode to the same bytes (the last character's
  // spare bits), and an altered link must not work.
  const given = Buffer.from(match[3]!);
  const expected = Buffer.from(mac(userId, kind).toString("base64url"));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, kind };
}

/** What an unsubscribe link turns off, in the user's words. */
export function unsubscribeLabel(kind: UnsubscribeKind): string {
  return kind === "digest" ? "den daglige oversigt" : `»${NOTIFICATION_KINDS[kind].label}«`;
}

/** The kinds a link turns off: one, or every kind the user now receives in the digest. */
async function kindsToTurnOff(
  db: Db,
  userId: number,
  kind: UnsubscribeKind,
): Promise<NotificationKind[]> {
  if (kind !== "digest") return [kind];
  const chosen = await db
    .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const byKind = new Map(chosen.map((c) => [c.kind, c.delivery]));
  return NOTIFICATION_KIND_KEYS.filter((k) => effectiveDelivery(k, byKind.get(k)) === "digest");
}

/** Whether the link's user exists (a deleted user's link answers 404 like a forged one). */
export async function unsubscribeUserExists(db: Db, userId: number): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  return Boolean(row);
}

/**
 * Turns off e-mail about the link's kind (or the whole digest), with an audit event, in one
 * transaction. Returns the kinds turned off.
 */
export async function unsubscribe(
  db: Db,
  userId: number,
  kind: UnsubscribeKind,
): Promise<NotificationKind[]> {
  return db.transaction(async (tx) => {
    const kinds = await kindsToTurnOff(tx, userId, kind);
    for (const k of kinds) await setPreference(tx, userId, k, "off");
    await recordAudit(tx, {
      user: { id: userId },
      action: "notification.unsubscribe",
      entityType: "notification_preferences",
      entityId: userId,
      after: { link: kind, off: kinds },
    });
    return kinds;
  });
}
