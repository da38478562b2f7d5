/**
 * Working together (issue 20): comments on a draft delaftale, comment links for working-group
 * members without an account, each user's notifications and their e-mail preferences, the
 * outgoing mail queue (also the outbox when no SMTP server is configured), and the reminders
 * already sent.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { activities, agreements } from "./agreements";
import { organisations } from "./organisations";
import { plans } from "./plans";
import { revisions } from "./revisions";
import { users } from "./users";

/**
 * A working-group member's secret address for reading one agreement's draft and commenting on it
 * without an account. Only the SHA-256 of the token is stored; it expires and can be revoked.
 */
export const commentLinks = pgTable(
  "comment_links",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    /** The person the link was made for, shown as the author of their comments. */
    name: text("name").notNull(),
    email: text("email"),
    tokenSha256: text("token_sha256").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("comment_links_token_uq").on(t.tokenSha256),
    index("comment_links_agreement_idx").on(t.agreementId),
  ],
);

export const commentStatus = pgEnum("comment_status", ["open", "resolved"]);

/**
 * A comment on a section (or one activity) of an agreement's draft, kept with the revision it was
 * made during (null: the first draft, before any revision). A reply has a parent; only a thread's
 * first comment carries the status. The author is a user or a comment link.
 */
export const comments = pgTable(
  "comments",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    revisionId: integer("revision_id").references(() => revisions.id, { onDelete: "cascade" }),
    /** The section's key as in the edit routes ("basics", "problem", "activities", …). */
    section: text("section").notNull(),
    activityId: integer("activity_id").references(() => activities.id, { onDelete: "set null" }),
    parentId: integer("parent_id"),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorLinkId: integer("author_link_id").references(() => commentLinks.id, {
      onDelete: "set null",
    }),
    /** The author's name when written (kept if the user or link goes). */
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    status: commentStatus("status").notNull().default("open"),
    resolvedBy: integer("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("comments_agreement_idx").on(t.agreementId, t.revisionId, t.section),
    index("comments_parent_idx").on(t.parentId),
    foreignKey({
      name: "comments_parent_fk",
      columns: [t.parentId],
      foreignColumns: [t.id],
    }).onDelete("cascade"),
    check("comments_body_length", sql`length(${t.body}) between 1 and 5000`),
  ],
);

/** How a user wants e-mail about one kind of notification. */
export const notificationDelivery = pgEnum("notification_delivery", ["immediate", "digest", "off"]);

/** A user's choice per kind; a kind without a row uses the kind's default (NOTIFICATION_KINDS). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    delivery: notificationDelivery("delivery").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * What happened to a notification's e-mail: pending (not yet looked at by the dispatcher),
 * queued (a mail was queued for it, alone or in a digest), skipped (the user chose "off").
 */
export const notificationMailState = pgEnum("notification_mail_state", [
  "pending",
  "queued",
  "skipped",
]);

/** One event that needs one user, shown in their in-app list and mailed as they chose. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    planId: integer("plan_id").references(() => plans.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").references(() => organisations.id, {
      onDelete: "cascade",
    }),
    /** One line, Danish, e.g. «Revision 2026 af Tryghed og trivsel afventer jeres beslutning». */
    title: text("title").notNull(),
    /** A few sentences for the list and the mail; nothing the recipient may not see. */
    body: text("body").notNull().default(""),
    /** The app path of the thing itself, e.g. /plans/1/agreements/3/review. */
    path: text("path").notNull(),
    /** Makes an event notify a user once (e.g. "reminder:report:1:2026:-14"). */
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    mailState: notificationMailState("mail_state").notNull().default("pending"),
    mailId: bigint("mail_id", { mode: "number" }).references(() => mailMessages.id, {
      onDelete: "set null",
    }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    index("notifications_mail_pending_idx")
      .on(t.createdAt)
      .where(sql`${t.mailState} = 'pending'`),
    uniqueIndex("notifications_dedupe_uq").on(t.userId, t.dedupeKey),
  ],
);

/**
 * queued: waiting to be sent (from runAfter); sending: claimed by a worker until lockedUntil;
 * sent: handed to the SMTP server; outbox: no SMTP server configured, kept here for
 * administrators to read ("Udgående post"); failed: gave up after the last attempt.
 */
export const mailStatus = pgEnum("mail_status", ["queued", "sending", "sent", "outbox", "failed"]);

/** The outgoing mail queue, worked outside requests with FOR UPDATE SKIP LOCKED. */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    /** The notification kind, or "digest". */
    kind: text("kind").notNull(),
    /** Makes a mail queued once (e.g. "digest:12:2026-12-05"). */
    dedupeKey: text("dedupe_key"),
    status: mailStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** The SMTP server's message id, or the message as RFC 822 text in the outbox. */
    messageId: text("message_id"),
    raw: text("raw"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("mail_messages_due_idx")
      .on(t.runAfter)
      .where(sql`${t.status} in ('queued', 'sending')`),
    index("mail_messages_created_idx").on(t.createdAt),
    uniqueIndex("mail_messages_dedupe_uq").on(t.dedupeKey),
  ],
);

/**
 * Each reminder sent, so that it fires once even across restarts and several processes:
 * the key names the deadline and the offset ("report:1:2026:-14").
 */
export const remindersSent = pgTable("reminders_sent", {
  key: text("key").primaryKey(),
  sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
});
