/**
 * Revisions and versions. A revision is one (yearly) round of changes to an agreement that ends
 * in the board's decision; each submission freezes the agreement's document view as a version.
 * Approved and superseded versions are immutable (enforced by a trigger, see the migration).
 */
import { sql } from "drizzle-orm";
import {
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
import { agreements } from "./agreements";
import { timestamps } from "./common";
import { users } from "./users";

export const revisionStatus = pgEnum("revision_status", [
  "open",
  "submitted",
  "approved",
  "rejected",
]);

export const revisions = pgTable(
  "revisions",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    /** The year the revision concerns ("revision 2025"). */
    year: integer("year").notNull(),
    status: revisionStatus("status").notNull().default("open"),
    /** The working group's recommendation (indstilling). */
    recommendation: text("recommendation"),
    /** What changed, in the secretariat's words. */
    summary: text("summary"),
    /** The board's note when it last returned the revision. */
    returnNote: text("return_note"),
    startedBy: integer("started_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("revisions_agreement_idx").on(t.agreementId),
    // At most one revision in progress per agreement.
    uniqueIndex("revisions_one_active_uq")
      .on(t.agreementId)
      .where(sql`${t.status} in ('open', 'submitted')`),
  ],
);

export const versionStatus = pgEnum("version_status", [
  "proposed",
  "approved",
  "rejected",
  "withdrawn",
  "superseded",
]);

export const agreementVersions = pgTable(
  "agreement_versions",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "restrict" }),
    revisionId: integer("revision_id").references(() => revisions.id, { onDelete: "restrict" }),
    /** 1, 2, 3 … per agreement, in the order submitted. */
    number: integer("number").notNull(),
    status: versionStatus("status").notNull().default("proposed"),
    /** The agreement's full document view (AgreementView) when submitted. */
    snapshot: jsonb("snapshot").notNull(),
    recommendation: text("recommendation"),
    summary: text("summary"),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    meetingDate: date("meeting_date", { mode: "string" }),
    decisionNote: text("decision_note"),
  },
  (t) => [
    uniqueIndex("agreement_versions_number_uq").on(t.agreementId, t.number),
    uniqueIndex("agreement_versions_one_proposed_uq")
      .on(t.agreementId)
      .where(sql`${t.status} = 'proposed'`),
    uniqueIndex("agreement_versions_one_approved_uq")
      .on(t.agreementId)
      .where(sql`${t.status} = 'approved'`),
    // The revision clock of every agreement at once (the first page's revisions due): the approved
    // version's dates read from the index alone, not from the versions' pages (their snapshots).
    index("agreement_versions_approved_dates_idx")
      .on(t.agreementId, t.meetingDate, t.decidedAt)
      .where(sql`${t.status} = 'approved'`),
  ],
);
