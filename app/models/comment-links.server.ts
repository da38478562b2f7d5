/**
 * Comment links (issue 20): a working-group member without an account gets a secret address that
 * shows one agreement's draft and lets them comment on it, nothing more. The secretariat (and
 * administrators) make, list and revoke them.
 *
 * As for the calendar feed (calendar.server.ts), a token is 32 random bytes (base64url), shown
 * once; only its SHA-256 is stored, in a unique index, so a wrong token costs one indexed lookup
 * and the stored hashes reveal nothing. A link expires (default 30 days, at most 180) and can be
 * revoked; an expired, revoked or unknown token finds nothing.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { agreements, commentLinks, users } from "../../db/schema";
import type { CommentLinkSchema } from "~/domain/comments";
import type { SessionUser } from "~/domain/user";
import { buildAgreementView } from "~/domain/agreement-view";
import { requireAgreementRole } from "./access.server";
import { loadAgreementRecord } from "./internal/agreement-records.server";
import { recordAudit } from "./audit.server";
import { NotFoundError } from "./errors.server";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The stored form of a token. */
export function hashCommentToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token has this shape (32 bytes in base64url); anything else is not looked up at all. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface CommentLinkRow {
  id: number;
  name: string;
  email: string | null;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Neither revoked nor expired. */
  active: boolean;
}

/** The agreement's comment links, newest first (secretariat and administrators). */
export async function listCommentLinks(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  now: Date = new Date(),
): Promise<CommentLinkRow[]> {
  await requireAgreementRole(db, user, planId, agreementId, ["secretariat"]);
  const rows = await db
    .select({
      id: commentLinks.id,
      name: commentLinks.name,
      email: commentLinks.email,
      createdAt: commentLinks.createdAt,
      createdBy: users.name,
      expiresAt: commentLinks.expiresAt,
      lastUsedAt: commentLinks.lastUsedAt,
      revokedAt: commentLinks.revokedAt,
    })
    .from(commentLinks)
    .leftJoin(users, eq(users.id, commentLinks.createdBy))
    .where(eq(commentLinks.agreementId, agreementId))
    .orderBy(desc(commentLinks.createdAt), desc(commentLinks.id));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    active: !r.revokedAt && r.expiresAt > now,
  }));
}

/**
 * A new link for a working-group member: returns the token, which is never stored or shown
 * again, and the link's id. It expires `days` days from `now`.
 */
export async function createCommentLink(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  input: z.output<typeof CommentLinkSchema>,
  now: Date = new Date(),
): Promise<{ id: number; token: string; expiresAt: Date }> {
  await requireAgreementRole(db, user, planId, agreementId, ["secretariat"]);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + input.days * DAY_MS);
  const id = await db.transaction(async (tx) => {
    const [link] = await tx
      .insert(commentLinks)
      .values({
        agreementId,
        name: input.name,
        email: input.email,
        tokenSha256: hashCommentToken(token),
        expiresAt,
        createdBy: user.id,
        createdAt: now,
      })
      .returning({ id: commentLinks.id });
    await recordAudit(tx, {
      user,
      action: "comment_link.create",
      entityType: "comment_link",
      entityId: link!.id,
      planId,
      // Never the token or its hash.
      after: { agreementId, name: input.name, email: input.email, expiresAt },
    });
    return link!.id;
  });
  return { id, token, expiresAt };
}

/** The link stops working. NotFoundError for another agreement's link; false if already revoked. */
export async function revokeCommentLink(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  linkId: number,
  now: Date = new Date(),
): Promise<boolean> {
  await requireAgreementRole(db, user, planId, agreementId, ["secretariat"]);
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select({ id: commentLinks.id, revokedAt: commentLinks.revokedAt })
      .from(commentLinks)
      .where(and(eq(commentLinks.id, linkId), eq(commentLinks.agreementId, agreementId)));
    if (!link) throw new NotFoundError("Linket findes ikke");
    if (link.revokedAt) return false;
    await tx.update(commentLinks).set({ revokedAt: now }).where(eq(commentLinks.id, linkId));
    await recordAudit(tx, {
      user,
      action: "comment_link.revoke",
      entityType: "comment_link",
      entityId: linkId,
      planId,
    });
    return true;
  });
}

export interface CommentLinkHolder {
  id: number;
  name: string;
  agreementId: number;
  planId: number;
}

/**
 * The active link with this token (not revoked, not expired at `now`), or null for an unknown,
 * revoked, expired or malformed token (the caller answers all of them alike). Notes when the
 * link was used, at most every five minutes.
 */
export async function linkForToken(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<CommentLinkHolder | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await db
    .select({
      id: commentLinks.id,
      name: commentLinks.name,
      agreementId: commentLinks.agreementId,
      planId: agreements.planId,
      lastUsedAt: commentLinks.lastUsedAt,
    })
    .from(commentLinks)
    .innerJoin(agreements, eq(agreements.id, commentLinks.agreementId))
    .where(
      and(
        eq(commentLinks.tokenSha256, hashCommentToken(token)),
        isNull(commentLinks.revokedAt),
        gt(commentLinks.expiresAt, now),
      ),
    );
  if (!row) return null;
  const { lastUsedAt, ...link } = row;
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > 5 * 60 * 1000) {
    await db.update(commentLinks).set({ lastUsedAt: now }).where(eq(commentLinks.id, link.id));
  }
  return link;
}

/**
 * The link's agreement as its working draft's document view (read-only), with the plan's name:
 * what the link's page shows, and nothing else of the plan.
 */
export async function getDraftForLink(db: Db, link: CommentLinkHolder) {
  const record = await loadAgreementRecord(db, link.agreementId);
  if (!record || record.planId !== link.planId) throw new NotFoundError("Siden findes ikke");
  return buildAgreementView(record, "Udkast til kommentering");
}
