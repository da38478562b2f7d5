/**
 * The notification dispatcher (issue 20): turns pending notifications into mail, as each
 * recipient chose per kind (their notification_preferences row, else the kind's default):
 * - immediate: one mail now (dedupe key `notification:<id>`), the notification marked queued;
 * - off, an inactive user or one without an address: marked skipped, no mail;
 * - digest: left pending until `sendDigests`, which from 07:00 Danish time each day queues ONE
 *   mail per user with all their pending digest notifications (dedupe key
 *   `digest:<userId>:<yyyy-mm-dd>`); what arrives after that day's digest waits for the next.
 * - a notification that is more than three days old when the dispatcher first sees it (the jobs
 *   were stopped, or the demo seed replayed a history) is marked skipped: a mail about something
 *   long past would mislead. It stays in the in-app list.
 * Each run claims its notifications with FOR UPDATE SKIP LOCKED in the same transaction as the
 * mails it inserts, so several processes never mail one notification twice; the dedupe keys
 * are the second guard. The in-app list shows every notification whatever happens here.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  mailMessages,
  notificationPreferences,
  notifications,
  organisations,
  plans,
  users,
} from "../../db/schema";
import { todayInDenmark } from "~/domain/format";
import {
  NOTIFICATION_KINDS,
  effectiveDelivery,
  isNotificationKind,
} from "~/domain/notification-kinds";
import { getAppUrl } from "~/env.server";
import { renderDigestMail, renderNotificationMail, type MailItem } from "~/mail/templates";
import { unsubscribeUrl } from "~/mail/unsubscribe.server";

/** Notifications older than this when first dispatched are not mailed. */
export const MAIL_STALE_MS = 3 * 24 * 3_600_000;

/** The hour (Danish time) from which the day's digest goes out. */
export const DIGEST_HOUR = 7;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function idList(ids: readonly number[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
}

/** The delivery each pending notification gets, in SQL (the same rule as effectiveDelivery). */
function effectiveDeliverySql(): SQL {
  const defaults = Object.entries(NOTIFICATION_KINDS).map(
    ([kind, info]) => sql`when ${kind} then ${info.defaultDelivery}`,
  );
  return sql`coalesce(p.delivery::text, case n.kind ${sql.join(defaults, sql` `)} else 'off' end)`;
}

/** Locks and returns the ids of pending notifications matching `condition` (n, u, p in scope). */
async function claimPending(tx: Db, condition: SQL, order: SQL, limit: number): Promise<number[]> {
  const result = await tx.execute(sql`
    select n.id from notifications n
    join users u on u.id = n.user_id
    left join notification_preferences p on p.user_id = n.user_id and p.kind = n.kind
    where n.mail_state = 'pending' and (${condition})
    order by ${order}
    limit ${limit}
    for update of n skip locked`);
  return rowsOf<{ id: number | string }>(result).map((r) => Number(r.id));
}

async function loadNotifications(tx: Db, ids: readonly number[]) {
  return tx
    .select({
      id: notifications.id,
      userId: notifications.userId,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      path: notifications.path,
      createdAt: notifications.createdAt,
      userName: users.name,
      email: users.email,
      active: users.active,
      planName: plans.name,
      organisationName: organisations.name,
      chosen: notificationPreferences.delivery,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(plans, eq(plans.id, notifications.planId))
    .leftJoin(organisations, eq(organisations.id, notifications.organisationId))
    .leftJoin(
      notificationPreferences,
      and(
        eq(notificationPreferences.userId, notifications.userId),
        eq(notificationPreferences.kind, notifications.kind),
      ),
    )
    .where(inArray(notifications.id, [...ids]))
    .orderBy(notifications.id);
}

type LoadedNotification = Awaited<ReturnType<typeof loadNotifications>>[number];

function mailItem(origin: string, n: LoadedNotification): MailItem {
  const path = n.path.startsWith("/") ? n.path : `/${n.path}`;
  return {
    kind: n.kind,
    title: n.title,
    body: n.body,
    url: `${origin}${path}`,
    group: n.planName ?? (n.organisationName ? `Dispositionsfonden i ${n.organisationName}` : null),
    createdAt: n.createdAt,
  };
}

function canReceive(n: LoadedNotification): boolean {
  return n.active && n.email.trim() !== "";
}

export interface DispatchResult {
  queued: number;
  skipped: number;
}

/**
 * Mails the pending notifications whose recipients want them at once, skips those who want
 * none; leaves digest notifications for `sendDigests`.
 */
export async function dispatchNotifications(
  db: Db,
  now: Date,
  { batch = 200 }: { batch?: number } = {},
): Promise<DispatchResult> {
  return db.transaction(async (tx) => {
    const staleBefore = new Date(now.getTime() - MAIL_STALE_MS);
    const ids = await claimPending(
      tx,
      sql`not u.active or btrim(u.email) = '' or ${effectiveDeliverySql()} <> 'digest'
        or n.created_at < ${staleBefore.toISOString()}::timestamptz`,
      sql`n.id`,
      batch,
    );
    if (ids.length === 0) return { queued: 0, skipped: 0 };
    const rows = await loadNotifications(tx, ids);
    const origin = getAppUrl();
    const skipped: number[] = [];
    const immediate: LoadedNotification[] = [];
    for (const n of rows) {
      if (!canReceive(n) || !isNotificationKind(n.kind) || n.createdAt < staleBefore) {
        skipped.push(n.id);
      } else {
        const delivery = effectiveDelivery(n.kind, n.chosen);
        if (delivery === "off") skipped.push(n.id);
        else if (delivery === "immediate") immediate.push(n);
        // digest: stays pending for the day's digest
      }
    }
    if (immediate.length > 0) {
      await tx
        .insert(mailMessages)
        .values(
          immediate.map((n) => {
            const mail = renderNotificationMail({
              recipientName: n.userName,
              item: mailItem(origin, n),
              unsubscribeUrl: unsubscribeUrl(n.userId, n.kind as keyof typeof NOTIFICATION_KINDS),
              preferencesUrl: `${origin}/account`,
            });
            return {
              userId: n.userId,
              toAddress: n.email.trim(),
              subject: mail.subject,
              textBody: mail.text,
              htmlBody: mail.html,
              headers: mail.headers,
              kind: n.kind,
              dedupeKey: `notification:${n.id}`,
              runAfter: now,
              createdAt: now,
            };
          }),
        )
        .onConflictDoNothing();
      await tx.execute(sql`
        update notifications n set mail_state = 'queued', mail_id = m.id
        from mail_messages m
        where m.dedupe_key = 'notification:' || n.id
          and n.id in (${idList(immediate.map((n) => n.id))})`);
    }
    if (skipped.length > 0) {
      await tx
        .update(notifications)
        .set({ mailState: "skipped" })
        .where(inArray(notifications.id, skipped));
    }
    return { queued: immediate.length, skipped: skipped.length };
  });
}

const danishHour = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Copenhagen",
  hour: "2-digit",
  hourCycle: "h23",
});

export interface DigestResult {
  mails: number;
  notifications: number;
}

/**
 * From 07:00 Danish time: one mail per user with all their pending digest notifications, once a
 * day. Before 07:00 it does nothing.
 */
export async function sendDigests(
  db: Db,
  now: Date,
  { batch = 5000 }: { batch?: number } = {},
): Promise<DigestResult> {
  if (Number(danishHour.format(now)) < DIGEST_HOUR) return { mails: 0, notifications: 0 };
  const date = todayInDenmark(now);
  return db.transaction(async (tx) => {
    const ids = await claimPending(
      tx,
      sql`u.active and btrim(u.email) <> '' and ${effectiveDeliverySql()} = 'digest'
        and n.created_at <= ${now.toISOString()}::timestamptz`,
      sql`n.user_id, n.id`,
      batch,
    );
    if (ids.length === 0) return { mails: 0, notifications: 0 };
    const rows = await loadNotifications(tx, ids);
    const origin = getAppUrl();
    const byUser = new Map<number, LoadedNotification[]>();
    for (const n of rows) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n]);

    const inserted = await tx
      .insert(mailMessages)
      .values(
        [...byUser.entries()].map(([userId, items]) => {
          const kinds = [...new Set(items.map((n) => n.kind))].filter(isNotificationKind);
          const mail = renderDigestMail({
            recipientName: items[0]!.userName,
            date,
            items: items.map((n) => mailItem(origin, n)),
            unsubscribeUrls: Object.fromEntries(kinds.map((k) => [k, unsubscribeUrl(userId, k)])),
            digestUnsubscribeUrl: unsubscribeUrl(userId, "digest"),
            preferencesUrl: `${origin}/account`,
          });
          return {
            userId,
            toAddress: items[0]!.email.trim(),
            subject: mail.subject,
            textBody: mail.text,
            htmlBody: mail.html,
            headers: mail.headers,
            kind: "digest",
            dedupeKey: `digest:${userId}:${date}`,
            runAfter: now,
            createdAt: now,
          };
        }),
      )
      // A user who already had today's digest: their new notifications wait for tomorrow's.
      .onConflictDoNothing()
      .returning({ id: mailMessages.id });
    if (inserted.length === 0) return { mails: 0, notifications: 0 };
    const updated = await tx.execute(sql`
      update notifications n set mail_state = 'queued', mail_id = m.id
      from mail_messages m
      where m.id in (${idList(inserted.map((m) => m.id))})
        and m.dedupe_key = 'digest:' || n.user_id || ${`:${date}`}
        and n.id in (${idList(ids)})
      returning n.id`);
    return { mails: inserted.length, notifications: rowsOf(updated).length };
  });
}
