/**
 * Reporting: measurements of success criteria and actual spending per year, and the yearly
 * progress report (statusrapport) of a plan built from them.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { fundingSources, successCriteria } from "./agreements";
import { type RichTextJson, timestamps } from "./common";
import { plans } from "./plans";
import { users } from "./users";

export const measurementStatus = pgEnum("measurement_status", [
  "met",
  "partly_met",
  "not_met",
  "not_measured",
]);

/** The actual value of a success criterion in a year. */
export const measurements = pgTable(
  "measurements",
  {
    id: serial("id").primaryKey(),
    criterionId: integer("criterion_id")
      .notNull()
      .references(() => successCriteria.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    /** A number with a unit, or a text when the result is not a number. */
    valueNumber: numeric("value_number", { precision: 14, scale: 2, mode: "number" }),
    valueText: text("value_text"),
    unit: text("unit"),
    status: measurementStatus("status").notNull().default("not_measured"),
    /** Why the status differs from the one suggested from value and target. */
    overrideReason: text("override_reason"),
    comment: text("comment"),
    /** Where the figure came from. */
    source: text("source"),
    /** The value the activity log gave when the measurement was saved (null: not from the log). */
    logValue: numeric("log_value", { precision: 14, scale: 2, mode: "number" }),
    /** Why the value entered differs from the log's (required then). */
    valueOverrideReason: text("value_override_reason"),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("measurements_criterion_year_uq").on(t.criterionId, t.year),
    // The years that have measurements (the roll-up's year links), probed year by year.
    index("measurements_year_idx").on(t.year),
  ],
);

/** Actual spend per funding source and year, in whole kroner. */
export const spending = pgTable(
  "spending",
  {
    fundingSourceId: integer("funding_source_id")
      .notNull()
      .references(() => fundingSources.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    note: text("note"),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.fundingSourceId, t.year] }),
    check("spending_non_negative", sql`${t.amount} >= 0`),
  ],
);

export const reportStatus = pgEnum("report_status", ["draft", "final"]);

/**
 * A plan's progress report on one calendar year. The figures are assembled from measurements and
 * spending; the reporter adds the narrative and a status note per activity. Finalising stores the
 * assembled view in `snapshot`; a final report never changes (enforced by a trigger, migration
 * 0006) until an admin reopens it with a reason.
 */
export const progressReports = pgTable(
  "progress_reports",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "restrict" }),
    year: integer("year").notNull(),
    status: reportStatus("status").notNull().default("draft"),
    summary: jsonb("summary").$type<RichTextJson>(),
    whatWorked: jsonb("what_worked").$type<RichTextJson>(),
    nextYear: jsonb("next_year").$type<RichTextJson>(),
    /** Status note per activity: { [activityId]: note }. */
    activityNotes: jsonb("activity_notes").$type<Record<string, string>>().notNull().default({}),
    /** The report's full view (ProgressReportView) when finalised; null while a draft. */
    snapshot: jsonb("snapshot"),
    finalisedBy: integer("finalised_by").references(() => users.id, { onDelete: "set null" }),
    finalisedAt: timestamp("finalised_at", { withTimezone: true }),
    reopenedBy: integer("reopened_by").references(() => users.id, { onDelete: "set null" }),
    reopenedAt: timestamp("reopened_at", { withTimezone: true }),
    reopenReason: text("reopen_reason"),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("progress_reports_plan_year_uq").on(t.planId, t.year),
    check(
      "progress_reports_final_snapshot",
      sql`${t.status} = 'draft' or (${t.snapshot} is not null and ${t.finalisedAt} is not null)`,
    ),
  ],
);
