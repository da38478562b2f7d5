/**
 * The mail queue's worker (issue 20): claims the mails that are due, sends each through the
 * transport, and records the outcome. A claim is one UPDATE over rows picked with
 * FOR UPDATE SKIP LOCKED that moves them to "sending" with a lock for two minutes, so several
 * processes working the same queue never take the same mail; a process that dies mid-send leaves
 * its mails to be taken again once the lock has run out.
 *
 * The lock is a lease the worker keeps alive: it is renewed just before each mail of the batch is
 * handed over (a mail whose lease ran out while earlier ones were slow, and that another process
 * took meanwhile, is skipped) and every 30 seconds while one send is in progress, so a slow SMTP
 * server cannot make a live worker's mail look abandoned.
 *
 * A failed send is retried after 1 min, 5 min, 30 min and 2 h; the fifth failure (or a
 * permanent SMTP refusal, 5xx) marks the mail failed with the error, for «Udgående post».
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { mailMessages } from "../../db/schema";
import type { MailTransport } from "~/mail/transport.server";

export const MAIL_LOCK_MS = 2 * 60_000;
/** How often a send in progress renews its mail's lease. */
export const MAIL_LEASE_RENEW_MS = 30_000;
export const MAIL_MAX_ATTEMPTS = 5;
/** The wait before the next attempt, by the number of attempts made (1 → 1 min, …). */
export const MAIL_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];

export interface WorkResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 1000);
}

function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/** Claims up to `batch` due mails for this process (status sending, locked for two minutes). */
export async function claimMail(db: Db, now: Date, batch: number): Promise<number[]> {
  const at = now.toISOString();
  const lockedUntil = new Date(now.getTime() + MAIL_LOCK_MS).toISOString();
  const result = await db.execute(sql`
    update ${mailMessages}
    set status = 'sending', locked_until = ${lockedUntil}::timestamptz, attempts = attempts + 1
    where id in (
      select id from ${mailMessages}
      where (status = 'queued' and run_after <= ${at}::timestamptz)
         or (status = 'sending' and locked_until < ${at}::timestamptz)
      order by id
      limit ${batch}
      for update skip locked
    )
    returning id`);
  return rowsOf<{ id: number | string }>(result)
    .map((r) => Number(r.id))
    .sort((a, b) => a - b);
}

/** Works one batch of the queue: claims, sends, records. Returns what happened. */
export async function workMailQueue(
  db: Db,
  now: Date,
  transport: MailTransport,
  {
    batch = 20,
    leaseRenewMs = MAIL_LEASE_RENEW_MS,
  }: { batch?: number; leaseRenewMs?: number } = {},
): Promise<WorkResult> {
  const result: WorkResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  // `now` may be a test clock: the time during the batch runs on from it.
  const startedAt = Date.now();
  const clock = () => new Date(now.getTime() + (Date.now() - startedAt));
  const ids = await claimMail(db, now, batch);
  result.claimed = ids.length;
  if (ids.length === 0) return result;
  const mails = await db
    .select({
      id: mailMessages.id,
      to: mailMessages.toAddress,
      subject: mailMessages.subject,
      text: mailMessages.textBody,
      html: mailMessages.htmlBody,
      headers: mailMessages.headers,
      attempts: mailMessages.attempts,
    })
    .from(mailMessages)
    .where(inArray(mailMessages.id, ids))
    .orderBy(mailMessages.id);

  for (const mail of mails) {
    // Only the claimant may record the outcome: a mail whose lock ran out meanwhile was
    // claimed again elsewhere (its attempts moved on).
    const stillOurs = and(
      eq(mailMessages.id, mail.id),
      eq(mailMessages.status, "sending"),
      eq(mailMessages.attempts, mail.attempts),
    );
    const renewLease = () =>
      db
        .update(mailMessages)
        .set({ lockedUntil: new Date(clock().getTime() + MAIL_LOCK_MS) })
        .where(stillOurs)
        .returning({ id: mailMessages.id });
    if ((await renewLease()).length === 0) continue;
    const heartbeat = setInterval(() => {
      renewLease().catch(() => {
        // The next beat tries again; the lease lasts two minutes.
      });
    }, leaseRenewMs);
    try {
      const sent = await transport.send(mail).finally(() => clearInterval(heartbeat));
      await db
        .update(mailMessages)
        .set({
          status: transport.mode === "smtp" ? "sent" : "outbox",
          messageId: sent.messageId,
          raw: sent.raw,
          sentAt: now,
          lockedUntil: null,
          lastError: null,
        })
        .where(stillOurs);
      result.sent += 1;
    } catch (error) {
      const giveUp = mail.attempts >= MAIL_MAX_ATTEMPTS || isPermanent(error);
      const wait = MAIL_BACKOFF_MS[Math.min(mail.attempts, MAIL_BACKOFF_MS.length) - 1]!;
      await db
        .update(mailMessages)
        .set(
          giveUp
            ? { status: "failed", lockedUntil: null, lastError: errorText(error) }
            : {
                status: "queued",
                runAfter: new Date(now.getTime() + wait),
                lockedUntil: null,
                lastError: errorText(error),
              },
        )
        .where(stillOurs);
      if (giveUp) result.failed += 1;
      else result.retried += 1;
    }
  }
  return result;
}
