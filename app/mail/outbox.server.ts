/**
 * «Udgående post» (issue 20): what the app has sent or would send, for administrators. Without an
 * SMTP server every mail stays here (status outbox) so a newcomer can read what users would get.
 */
import { count, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { mailMessages } from "../../db/schema";
import type { SessionUser } from "~/domain/user";
import { requireAdmin } from "~/models/access.server";

export const MAIL_PAGE_SIZE = 50;

export async function listMailMessages(
  db: Db,
  user: SessionUser,
  { page, pageSize = MAIL_PAGE_SIZE }: { page: number; pageSize?: number },
) {
  requireAdmin(user);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: mailMessages.id,
        toAddress: mailMessages.toAddress,
        subject: mailMessages.subject,
        kind: mailMessages.kind,
        status: mailMessages.status,
        attempts: mailMessages.attempts,
        lastError: mailMessages.lastError,
        createdAt: mailMessages.createdAt,
        sentAt: mailMessages.sentAt,
      })
      .from(mailMessages)
      .orderBy(desc(mailMessages.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(mailMessages),
  ]);
  const n = total?.n ?? 0;
  return { mails: rows, total: n, pageCount: Math.max(1, Math.ceil(n / pageSize)) };
}

export async function getMailMessage(db: Db, user: SessionUser, id: number) {
  requireAdmin(user);
  const [mail] = await db
    .select({
      id: mailMessages.id,
      toAddress: mailMessages.toAddress,
      subject: mailMessages.subject,
      kind: mailMessages.kind,
      status: mailMessages.status,
      attempts: mailMessages.attempts,
      lastError: mailMessages.lastError,
      runAfter: mailMessages.runAfter,
      createdAt: mailMessages.createdAt,
      sentAt: mailMessages.sentAt,
      messageId: mailMessages.messageId,
      textBody: mailMessages.textBody,
      raw: mailMessages.raw,
    })
    .from(mailMessages)
    .where(eq(mailMessages.id, id));
  return mail;
}
