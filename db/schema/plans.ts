/**
 * Plans (helhedsplaner), their funding rounds and focus areas, and the housing organisations and
 * estates taking part.
 */
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { timestamps } from "./common";
import { organisations } from "./organisations";

export const fundingRounds = pgTable("funding_rounds", {
  id: serial("id").primaryKey(),
  /** Short code such as "2019-26". */
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const focusAreas = pgTable(
  "focus_areas",
  {
    id: serial("id").primaryKey(),
    fundingRoundId: integer("funding_round_id")
      .notNull()
      .references(() => fundingRounds.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("focus_areas_round_name_uq").on(t.fundingRoundId, t.name)],
);

/** The edition of the fund's delaftale template the plan follows (decides the default opening clause). */
export const templateEdition = pgEnum("template_edition", ["older", "2018"]);

export const planStatus = pgEnum("plan_status", ["draft", "active", "closed"]);

export const plans = pgTable(
  "plans",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    fundingRoundId: integer("funding_round_id")
      .notNull()
      .references(() => fundingRounds.id, { onDelete: "restrict" }),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    status: planStatus("status").notNull().default("draft"),
    templateEdition: templateEdition("template_edition").notNull().default("2018"),
    municipalityId: integer("municipality_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    description: text("description"),
    /** Months between an agreement's approval and its next revision (R6: at least yearly). */
    revisionIntervalMonths: integer("revision_interval_months").notNull().default(12),
    /** When the yearly progress report for the previous calendar year is due ("MM-DD"). */
    reportDueMonthDay: text("report_due_month_day").notNull().default("06-30"),
    /** Reminder offsets in days relative to a deadline (-14: two weeks before, 7: a week after). */
    reminderOffsetDays: integer("reminder_offset_days")
      .array()
      .notNull()
      .default(sql`'{-14,0,7}'::integer[]`),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    check("plans_revision_interval", sql`${t.revisionIntervalMonths} between 1 and 24`),
    check(
      "plans_report_due",
      sql`${t.reportDueMonthDay} ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`,
    ),
    check("plans_period_order", sql`${t.periodEnd} > ${t.periodStart}`),
    index("plans_funding_round_idx").on(t.fundingRoundId),
  ],
);

/** Housing organisations and estates taking part in a plan. */
export const planOrganisations = pgTable(
  "plan_organisations",
  {
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.organisationId] }),
    index("plan_organisations_org_idx").on(t.organisationId),
  ],
);
