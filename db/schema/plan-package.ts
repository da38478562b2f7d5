/**
 * The rest of the helhedsplan package (issue 14): the strategic agreement (strategisk
 * samarbejdsaftale) with its versions, the milestone plan, the attachments that stay files, and
 * each user's secret calendar feed.
 */
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { StrategicContent } from "../../app/domain/strategic-agreement-content";
import { activities, agreements } from "./agreements";
import { timestamps } from "./common";
import { bytea } from "./imports";
import { organisations } from "./organisations";
import { plans } from "./plans";
import { users } from "./users";

/**
 * The plan's strategic agreement: its working content (edited by the secretariat), one per plan.
 * Submitting freezes the content as a version; the board decides; an approved change then awaits
 * the fund's approval before it takes effect (R6).
 */
export const strategicAgreements = pgTable("strategic_agreements", {
  id: serial("id").primaryKey(),
  planId: integer("plan_id")
    .notNull()
    .unique()
    .references(() => plans.id, { onDelete: "cascade" }),
  /** Everything typed by the secretariat (parties, vision, objectives, organisation, clauses). */
  content: jsonb("content").$type<StrategicContent>().notNull(),
  version: integer("version").notNull().default(1),
  ...timestamps,
});

export const strategicVersionStatus = pgEnum("strategic_version_status", [
  /** Submitted, awaiting the board. */
  "proposed",
  /** Approved by the board, sent to the fund, awaiting its approval; not yet in effect. */
  "awaiting_fund",
  /** In effect (approved by the board and, where needed, by the fund). */
  "approved",
  "rejected",
  "withdrawn",
  "superseded",
]);

export const strategicAgreementVersions = pgTable(
  "strategic_agreement_versions",
  {
    id: serial("id").primaryKey(),
    strategicAgreementId: integer("strategic_agreement_id")
      .notNull()
      .references(() => strategicAgreements.id, { onDelete: "restrict" }),
    /** 1, 2, 3 … in the order submitted. */
    number: integer("number").notNull(),
    status: strategicVersionStatus("status").notNull().default("proposed"),
    /** The strategic agreement's full document view when submitted. */
    snapshot: jsonb("snapshot").notNull(),
    summary: text("summary"),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    meetingDate: date("meeting_date", { mode: "string" }),
    decisionNote: text("decision_note"),
    /** When the board's approval was sent to the fund (the version then awaits the fund). */
    fundSentAt: date("fund_sent_at", { mode: "string" }),
    /** The fund's approval: its date and its reference (journal number). */
    fundApprovedAt: date("fund_approved_at", { mode: "string" }),
    fundReference: text("fund_reference"),
    fundRecordedBy: integer("fund_recorded_by").references(() => users.id, {
      onDelete: "set null",
    }),
  },
  (t) => [
    uniqueIndex("strategic_versions_number_uq").on(t.strategicAgreementId, t.number),
    uniqueIndex("strategic_versions_one_pending_uq")
      .on(t.strategicAgreementId)
      .where(sql`${t.status} in ('proposed', 'awaiting_fund')`),
    uniqueIndex("strategic_versions_one_approved_uq")
      .on(t.strategicAgreementId)
      .where(sql`${t.status} = 'approved'`),
  ],
);

export const milestoneStatus = pgEnum("milestone_status", ["planned", "done", "postponed"]);

/** The plan's milestones: the yearly and whole-period milestone plans. */
export const milestones = pgTable(
  "milestones",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** A date, or (when only the quarter is known) null with year + quarter set. */
    dueDate: date("due_date", { mode: "string" }),
    year: integer("year").notNull(),
    /** 1–4 when the milestone is planned by quarter (dueDate null). */
    quarter: integer("quarter"),
    agreementId: integer("agreement_id").references(() => agreements.id, { onDelete: "set null" }),
    activityId: integer("activity_id").references(() => activities.id, { onDelete: "set null" }),
    /** The responsible party (an organisation of the plan). */
    responsibleOrganisationId: integer("responsible_organisation_id").references(
      () => organisations.id,
      { onDelete: "set null" },
    ),
    status: milestoneStatus("status").notNull().default("planned"),
    /** Why it was postponed, or what was done. */
    note: text("note"),
    completedOn: date("completed_on", { mode: "string" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("milestones_plan_year_idx").on(t.planId, t.year),
    check(
      "milestones_when",
      sql`(${t.dueDate} is not null and ${t.quarter} is null) or (${t.dueDate} is null and ${t.quarter} between 1 and 4)`,
    ),
    check(
      "milestones_year_matches_date",
      sql`${t.dueDate} is null or extract(year from ${t.dueDate}) = ${t.year}`,
    ),
  ],
);

export const attachmentKind = pgEnum("attachment_kind", [
  "communication_strategy",
  "preparedness_plan",
  "terms_of_reference",
  "other",
]);

/** Files that stay files (communication strategy, beredskabsplan, kommissorium), per plan. */
export const planAttachments = pgTable(
  "plan_attachments",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    kind: attachmentKind("kind").notNull(),
    title: text("title").notNull(),
    fileName: text("file_name").notNull(),
    /** "application/pdf" or the .docx media type, decided from the file's content. */
    mediaType: text("media_type").notNull(),
    fileSize: integer("file_size").notNull(),
    fileSha256: text("file_sha256").notNull(),
    fileData: bytea("file_data").notNull(),
    /** Order in the package. */
    position: integer("position").notNull().default(0),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    /** Optimistic lock for renaming and changing the kind. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("plan_attachments_plan_idx").on(t.planId, t.position),
    check("plan_attachments_size", sql`${t.fileSize} > 0`),
  ],
);

/**
 * A user's secret calendar feed address (ICS). Only the SHA-256 of the token is stored; the
 * user sees the address once when it is made and can revoke or make a new one.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenSha256: text("token_sha256").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("calendar_feeds_token_uq").on(t.tokenSha256),
    uniqueIndex("calendar_feeds_one_active_uq")
      .on(t.userId)
      .where(sql`${t.revokedAt} is null`),
  ],
);
