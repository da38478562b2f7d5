/**
 * Comments on an agreement's draft (issue 20): any member of the plan (every role) or the holder
 * of a comment link writes a comment on a section, or replies to a thread; the secretariat (and
 * administrators) resolve and reopen threads. Each write records an audit event and notifies, in
 * the same transaction: a new thread → the plan's secretariat ("comment_added"); a reply → the
 * users who wrote in the thread ("comment_reply"). The actor is never notified.
 *
 * A comment is kept with the agreement's revision in progress when it was written (none: the
 * first draft, or between an approval and the next revision). A revision's threads are those
 * stored with it plus those written without a revision since the previous revision began, so the
 * first draft's comments belong to the first revision. Comments never enter a version's snapshot
 * or a document: they live only in these tables.
 *
 * Each listing is one query, whatever the number of threads.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import {
  activities,
  agreementVersions,
  agreements,
  comments,
  focusAreas,
  revisions,
  users,
} from "../../db/schema";
import {
  commentAnchor,
  commentExcerpt,
  commentSectionLabels,
  isCommentSection,
  type CommentReplyView,
  type CommentThreadView,
  type NewCommentSchema,
  type ReplySchema,
} from "~/domain/comments";
import type { z } from "~/domain/zod";
import type { SessionUser } from "~/domain/user";
import { agreementPath } from "~/paths";
import { requireAgreementRole } from "./access.server";
import { recordAudit } from "./audit.server";
import { ConflictError, FieldValidationError, NotFoundError } from "./errors.server";
import { notify } from "./notifications.server";

/** Who writes: a signed-in user, or the holder of a comment link (checked by the caller). */
export type CommentActor =
  | { kind: "user"; user: SessionUser }
  | { kind: "link"; link: { id: number; name: string; agreementId: number; planId: number } };

export type NewCommentInput = z.output<typeof NewCommentSchema>;
export type ReplyInput = z.output<typeof ReplySchema>;

/** The plan role check for a user; for a link, that the link is this agreement's. */
async function requireWriter(db: Db, actor: CommentActor, planId: number, agreementId: number) {
  if (actor.kind === "user") {
    await requireAgreementRole(db, actor.user, planId, agreementId);
    return;
  }
  if (actor.link.agreementId !== agreementId || actor.link.planId !== planId) {
    throw new NotFoundError("Delaftalen findes ikke");
  }
}

const authorOf = (actor: CommentActor) =>
  actor.kind === "user"
    ? { authorUserId: actor.user.id, authorLinkId: null, authorName: actor.user.name }
    : { authorUserId: null, authorLinkId: actor.link.id, authorName: actor.link.name };

const auditUser = (actor: CommentActor) => (actor.kind === "user" ? actor.user : null);

/** The agreement's title and its revision in progress (open or submitted), locked for the write. */
async function agreementContext(tx: Db, agreementId: number) {
  const [row] = await tx
    .select({
      focusArea: focusAreas.name,
      revisionId: sql<number | null>`(select ${revisions.id} from ${revisions}
        where ${revisions.agreementId} = ${agreements.id}
          and ${revisions.status} in ('open', 'submitted') limit 1)`,
    })
    .from(agreements)
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .where(eq(agreements.id, agreementId));
  if (!row) throw new NotFoundError("Delaftalen findes ikke");
  return row;
}

/** A new thread on a section (optionally one activity of the agreement). Returns its id. */
export async function addComment(
  db: Db,
  actor: CommentActor,
  planId: number,
  agreementId: number,
  input: NewCommentInput,
  now: Date = new Date(),
): Promise<{ id: number }> {
  await requireWriter(db, actor, planId, agreementId);
  return db.transaction(async (tx) => {
    const context = await agreementContext(tx, agreementId);
    let activityName: string | null = null;
    if (input.activityId != null) {
      const [activity] = await tx
        .select({ name: activities.name })
        .from(activities)
        .where(and(eq(activities.id, input.activityId), eq(activities.agreementId, agreementId)));
      if (!activity) throw new FieldValidationError({ activityId: "Aktiviteten findes ikke" });
      activityName = activity.name;
    }
    const section = input.activityId != null ? "activities" : input.section;
    const [comment] = await tx
      .insert(comments)
      .values({
        agreementId,
        revisionId: context.revisionId,
        section,
        activityId: input.activityId,
        ...authorOf(actor),
        body: input.body,
        createdAt: now,
      })
      .returning({ id: comments.id });
    const id = comment!.id;
    await recordAudit(tx, {
      user: auditUser(actor),
      action: "comment.add",
      entityType: "comment",
      entityId: id,
      planId,
      after: {
        agreementId,
        section,
        activityId: input.activityId,
        revisionId: context.revisionId,
        linkId: actor.kind === "link" ? actor.link.id : null,
        body: input.body,
      },
    });
    const where = activityName ?? commentSectionLabels[section];
    await notify(tx, {
      kind: "comment_added",
      recipients: { planId, roles: ["secretariat"] },
      actorId: actor.kind === "user" ? actor.user.id : null,
      title: `Ny kommentar til ${context.focusArea}: ${where}`,
      body: `${authorOf(actor).authorName}: ${commentExcerpt(input.body)}`,
      path: `${agreementPath(planId, agreementId)}#${commentAnchor(id)}`,
      planId,
      dedupeKey: `comment:${id}`,
    });
    return { id };
  });
}

/**
 * A reply to a thread; a reply to a reply attaches to the thread's first comment. Returns the
 * reply's id and its thread's.
 */
export async function replyToComment(
  db: Db,
  actor: CommentActor,
  planId: number,
  agreementId: number,
  input: ReplyInput,
  now: Date = new Date(),
): Promise<{ id: number; threadId: number }> {
  await requireWriter(db, actor, planId, agreementId);
  return db.transaction(async (tx) => {
    const context = await agreementContext(tx, agreementId);
    const [parent] = await tx
      .select({ parentId: comments.parentId })
      .from(comments)
      .where(and(eq(comments.id, input.parentId), eq(comments.agreementId, agreementId)));
    if (!parent) throw new NotFoundError("Kommentaren findes ikke");
    const threadId = parent.parentId ?? input.parentId;
    // The thread's first comment, locked so that a reply and a resolve do not cross.
    const [root] = await tx
      .select({
        revisionId: comments.revisionId,
        section: comments.section,
        activityId: comments.activityId,
      })
      .from(comments)
      .where(eq(comments.id, threadId))
      .for("update");
    if (!root) throw new NotFoundError("Kommentaren findes ikke");
    const [reply] = await tx
      .insert(comments)
      .values({
        agreementId,
        // Kept with its thread, so the thread stays whole in the revision's history.
        revisionId: root.revisionId,
        section: root.section,
        activityId: root.activityId,
        parentId: threadId,
        ...authorOf(actor),
        body: input.body,
        createdAt: now,
      })
      .returning({ id: comments.id });
    const id = reply!.id;
    await recordAudit(tx, {
      user: auditUser(actor),
      action: "comment.reply",
      entityType: "comment",
      entityId: id,
      planId,
      after: {
        agreementId,
        threadId,
        linkId: actor.kind === "link" ? actor.link.id : null,
        body: input.body,
      },
    });
    const writers = await tx
      .selectDistinct({ userId: comments.authorUserId })
      .from(comments)
      .where(
        and(
          sql`(${comments.id} = ${threadId} or ${comments.parentId} = ${threadId})`,
          sql`${comments.authorUserId} is not null`,
        ),
      );
    const section = isCommentSection(root.section)
      ? commentSectionLabels[root.section]
      : root.section;
    await notify(tx, {
      kind: "comment_reply",
      recipients: { userIds: writers.map((w) => w.userId!) },
      actorId: actor.kind === "user" ? actor.user.id : null,
      title: `Svar på en kommentar til ${context.focusArea}: ${section}`,
      body: `${authorOf(actor).authorName}: ${commentExcerpt(input.body)}`,
      path: `${agreementPath(planId, agreementId)}#${commentAnchor(threadId)}`,
      planId,
      dedupeKey: `comment:${id}`,
    });
    return { id, threadId };
  });
}

/**
 * Resolves or reopens a thread (secretariat and administrators). `version` is the thread's
 * version the page showed: a thread changed meanwhile (someone else resolved it) is a
 * ConflictError, and nothing is saved.
 */
export async function setThreadStatus(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  input: { commentId: number; version: number },
  status: "open" | "resolved",
  now: Date = new Date(),
): Promise<void> {
  await requireAgreementRole(db, user, planId, agreementId, ["secretariat"]);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(comments)
      .set({
        status,
        resolvedBy: status === "resolved" ? user.id : null,
        resolvedAt: status === "resolved" ? now : null,
        version: sql`${comments.version} + 1`,
      })
      .where(
        and(
          eq(comments.id, input.commentId),
          eq(comments.agreementId, agreementId),
          sql`${comments.parentId} is null`,
          eq(comments.version, input.version),
        ),
      )
      .returning({ id: comments.id });
    if (!updated) {
      const [exists] = await tx
        .select({ id: comments.id })
        .from(comments)
        .where(
          and(
            eq(comments.id, input.commentId),
            eq(comments.agreementId, agreementId),
            sql`${comments.parentId} is null`,
          ),
        );
      if (!exists) throw new NotFoundError("Kommentaren findes ikke");
      throw new ConflictError(
        status === "resolved"
          ? "Tråden er ændret af en anden, mens du så på den (måske allerede markeret som løst)."
          : "Tråden er ændret af en anden, mens du så på den (måske allerede genåbnet).",
      );
    }
    await recordAudit(tx, {
      user,
      action: status === "resolved" ? "comment.resolve" : "comment.reopen",
      entityType: "comment",
      entityId: input.commentId,
      planId,
      before: { version: input.version },
      after: { status },
    });
  });
}

// --- listings ----------------------------------------------------------------------------------

const root = alias(comments, "thread_root");
const resolver = alias(users, "resolver");

/** Every comment of the threads that match `where` (on the thread's first comment), in one query. */
async function selectThreads(
  db: Db,
  agreementId: number,
  where: SQL,
): Promise<CommentThreadView[]> {
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      section: comments.section,
      activityId: comments.activityId,
      activityName: activities.name,
      authorName: comments.authorName,
      viaLink: sql<boolean>`${comments.authorLinkId} is not null`,
      body: comments.body,
      status: comments.status,
      version: comments.version,
      resolvedAt: comments.resolvedAt,
      resolvedByName: resolver.name,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .innerJoin(root, sql`${root.id} = coalesce(${comments.parentId}, ${comments.id})`)
    .leftJoin(activities, eq(activities.id, comments.activityId))
    .leftJoin(resolver, eq(resolver.id, comments.resolvedBy))
    .where(and(eq(comments.agreementId, agreementId), where))
    .orderBy(comments.createdAt, comments.id);
  const threads = new Map<number, CommentThreadView>();
  const replies: { parentId: number; reply: CommentReplyView }[] = [];
  for (const r of rows) {
    const base: CommentReplyView = {
      id: r.id,
      authorName: r.authorName,
      viaLink: r.viaLink,
      body: r.body,
      createdAt: r.createdAt.toISOString(),
    };
    if (r.parentId == null) {
      if (!isCommentSection(r.section)) continue;
      threads.set(r.id, {
        ...base,
        section: r.section,
        activityId: r.activityId,
        activityName: r.activityName,
        status: r.status,
        version: r.version,
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
        resolvedByName: r.resolvedByName,
        replies: [],
      });
    } else {
      replies.push({ parentId: r.parentId, reply: base });
    }
  }
  for (const { parentId, reply } of replies) threads.get(parentId)?.replies.push(reply);
  return [...threads.values()];
}

/**
 * The threads of a revision (by the SQL expression of its id): stored with it, or written without
 * a revision after the previous revision began and before this one.
 */
function ofRevision(agreementId: number, revisionId: SQL): SQL {
  return sql`(${root.revisionId} = ${revisionId} or (${root.revisionId} is null
    and ${root.createdAt} < (select r.created_at from ${revisions} r where r.id = ${revisionId})
    and ${root.createdAt} > coalesce((select max(p.created_at) from ${revisions} p
      where p.agreement_id = ${agreementId} and p.id < ${revisionId}), '-infinity'::timestamptz)))`;
}

/** The open threads of an agreement, without an access check (the caller has checked). */
export function listOpenThreads(db: Db, agreementId: number): Promise<CommentThreadView[]> {
  return selectThreads(db, agreementId, eq(root.status, "open"));
}

/**
 * The agreement page's comments: its open threads (every revision's: a thread stays open until
 * resolved). The number of open threads is `threads.length`.
 */
export async function getOpenComments(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<CommentThreadView[]> {
  await requireAgreementRole(db, user, planId, agreementId);
  return listOpenThreads(db, agreementId);
}

/** The proposed version's revision's threads, open and resolved (the board's review page). */
export async function getReviewComments(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<CommentThreadView[]> {
  await requireAgreementRole(db, user, planId, agreementId);
  const revisionId = sql`(select v.revision_id from ${agreementVersions} v
    where v.agreement_id = ${agreementId} and v.status = 'proposed')`;
  return selectThreads(db, agreementId, ofRevision(agreementId, revisionId));
}

/** The threads of the revision a version was made in, open and resolved (the version page). */
export async function getVersionComments(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  number: number,
): Promise<CommentThreadView[]> {
  await requireAgreementRole(db, user, planId, agreementId);
  const revisionId = sql`(select v.revision_id from ${agreementVersions} v
    where v.agreement_id = ${agreementId} and v.number = ${number})`;
  return selectThreads(db, agreementId, ofRevision(agreementId, revisionId));
}

/** The number of open threads of each of these agreements (one query). */
export async function countOpenThreads(
  db: Db,
  agreementIds: readonly number[],
): Promise<Map<number, number>> {
  if (agreementIds.length === 0) return new Map();
  const rows = await db
    .select({ agreementId: comments.agreementId, n: sql<number>`count(*)::int` })
    .from(comments)
    .where(
      and(
        inArray(comments.agreementId, [...agreementIds]),
        sql`${comments.parentId} is null`,
        eq(comments.status, "open"),
      ),
    )
    .groupBy(comments.agreementId);
  return new Map(rows.map((r) => [r.agreementId, r.n]));
}
