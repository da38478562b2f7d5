/**
 * Dispositionsfond (DESIGN.md R7): a housing organisation's own fund, applications from its
 * estates, the organisation board's decisions, grants per year and the yearly reports on them.
 * A decided application (and its year and funding rows), a grant and a submitted report never
 * change (enforced by triggers, migration 0009). Amounts are whole kroner.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
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
import { type RichTextJson, timestamps } from "./common";
import { organisations } from "./organisations";
import { plans } from "./plans";
import { users } from "./users";

export const fundNeed = pgEnum("fund_need", ["preventive", "acute"]);

export const fundApplicationStatus = pgEnum("fund_application_status", [
  "draft",
  "submitted",
  "approved",
  "approved_reduced",
  "rejected",
  "withdrawn",
]);

export const fundRecommendation = pgEnum("fund_recommendation", [
  "approve",
  "approve_reduced",
  "reject",
]);

export const fundFundingKind = pgEnum("fund_funding_kind", ["lbf_plan", "external"]);

export const fundReportStatus = pgEnum("fund_report_status", ["draft", "submitted"]);

/** One fund per housing organisation, with its house rules (the configurable guidelines). */
export const dispositionFunds = pgTable(
  "disposition_funds",
  {
    id: serial("id").primaryKey(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    /** The guideline text shown to applicants. */
    guidelines: jsonb("guidelines").$type<RichTextJson>(),
    /** The longest period an application may cover, in calendar years. */
    maxYears: integer("max_years").notNull().default(4),
    /** The own contribution's minimum share of the total budget (percent); null = no minimum. */
    minOwnSharePercent: integer("min_own_share_percent"),
    /** The most the fund grants per tenancy per year (kroner); null = no maximum. */
    maxAmountPerTenancy: bigint("max_amount_per_tenancy", { mode: "number" }),
    prioritiseLbfCofinancing: boolean("prioritise_lbf_cofinancing").notNull().default(true),
    prioritiseAcute: boolean("prioritise_acute").notNull().default(true),
    /** The report on grant year Y is due this day ("MM-DD") in Y + 1. */
    reportDueMonthDay: text("report_due_month_day").notNull().default("03-31"),
    /** Reminder offsets in days relative to a deadline (-14: two weeks before, 7: a week after). */
    reminderOffsetDays: integer("reminder_offset_days")
      .array()
      .notNull()
      .default(sql`'{-14,0,7}'::integer[]`),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("disposition_funds_organisation_uq").on(t.organisationId),
    check("disposition_funds_max_years", sql`${t.maxYears} between 1 and 10`),
    check(
      "disposition_funds_min_own_share",
      sql`${t.minOwnSharePercent} is null or ${t.minOwnSharePercent} between 0 and 100`,
    ),
    check(
      "disposition_funds_max_per_tenancy",
      sql`${t.maxAmountPerTenancy} is null or ${t.maxAmountPerTenancy} >= 0`,
    ),
    check(
      "disposition_funds_report_due",
      sql`${t.reportDueMonthDay} ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`,
    ),
  ],
);

/** How much the fund may commit in a calendar year. */
export const fundFrames = pgTable(
  "fund_frames",
  {
    fundId: integer("fund_id")
      .notNull()
      .references(() => dispositionFunds.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fundId, t.year] }),
    check("fund_frames_non_negative", sql`${t.amount} >= 0`),
  ],
);

export const fundApplications = pgTable(
  "fund_applications",
  {
    id: serial("id").primaryKey(),
    fundId: integer("fund_id")
      .notNull()
      .references(() => dispositionFunds.id, { onDelete: "restrict" }),
    /** The applying estate; one of the fund's organisation's estates (checked in the model). */
    estateId: integer("estate_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: jsonb("description").$type<RichTextJson>(),
    purpose: jsonb("purpose").$type<RichTextJson>(),
    need: fundNeed("need").notNull().default("preventive"),
    /** The applicant confirms the measure is not an ordinary common activity. */
    notOrdinaryActivity: boolean("not_ordinary_activity").notNull().default(false),
    startYear: integer("start_year").notNull(),
    endYear: integer("end_year").notNull(),
    /** The estate's tenancies, prefilled from the estate and editable. */
    tenancies: integer("tenancies"),
    status: fundApplicationStatus("status").notNull().default("draft"),
    assessment: text("assessment"),
    recommendation: fundRecommendation("recommendation"),
    assessedBy: integer("assessed_by").references(() => users.id, { onDelete: "set null" }),
    assessedAt: timestamp("assessed_at", { withTimezone: true }),
    /** The date of the organisation board's decision. */
    decisionDate: date("decision_date", { mode: "string" }),
    decisionConditions: text("decision_conditions"),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("fund_applications_fund_idx").on(t.fundId, t.status),
    index("fund_applications_estate_idx").on(t.estateId),
    check("fund_applications_period", sql`${t.endYear} >= ${t.startYear}`),
    check("fund_applications_tenancies", sql`${t.tenancies} is null or ${t.tenancies} >= 0`),
    check(
      "fund_applications_decided",
      sql`${t.status} not in ('approved', 'approved_reduced', 'rejected') or (${t.decisionDate} is not null and ${t.decidedAt} is not null)`,
    ),
  ],
);

/** The budget of an application per calendar year. */
export const fundApplicationYears = pgTable(
  "fund_application_years",
  {
    applicationId: integer("application_id")
      .notNull()
      .references(() => fundApplications.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    requestedAmount: bigint("requested_amount", { mode: "number" }).notNull(),
    ownContribution: bigint("own_contribution", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.year] }),
    check(
      "fund_application_years_non_negative",
      sql`${t.requestedAmount} >= 0 and ${t.ownContribution} >= 0`,
    ),
  ],
);

/** Other funding of an application: an LBF plan it co-finances, or an external fund. */
export const fundApplicationFunding = pgTable(
  "fund_application_funding",
  {
    id: serial("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => fundApplications.id, { onDelete: "cascade" }),
    kind: fundFundingKind("kind").notNull(),
    /** The LBF plan in the system it co-finances. */
    planId: integer("plan_id").references(() => plans.id, { onDelete: "restrict" }),
    /** A plan not in the system, or the external fund. */
    name: text("name"),
    /** Over the whole period. */
    amount: bigint("amount", { mode: "number" }).notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    index("fund_application_funding_application_idx").on(t.applicationId),
    check("fund_application_funding_non_negative", sql`${t.amount} >= 0`),
    check("fund_application_funding_named", sql`${t.planId} is not null or ${t.name} is not null`),
    check("fund_application_funding_plan_kind", sql`${t.planId} is null or ${t.kind} = 'lbf_plan'`),
  ],
);

/** An approved application's grant. */
export const fundGrants = pgTable(
  "fund_grants",
  {
    id: serial("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => fundApplications.id, { onDelete: "restrict" }),
    fundId: integer("fund_id")
      .notNull()
      .references(() => dispositionFunds.id, { onDelete: "restrict" }),
    estateId: integer("estate_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("fund_grants_application_uq").on(t.applicationId),
    index("fund_grants_fund_idx").on(t.fundId),
    index("fund_grants_estate_idx").on(t.estateId),
  ],
);

export const fundGrantYears = pgTable(
  "fund_grant_years",
  {
    grantId: integer("grant_id")
      .notNull()
      .references(() => fundGrants.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.grantId, t.year] }),
    check("fund_grant_years_positive", sql`${t.amount} > 0`),
  ],
);

/** The yearly report on a grant year: spending and activities. */
export const fundReports = pgTable(
  "fund_reports",
  {
    id: serial("id").primaryKey(),
    grantId: integer("grant_id").notNull(),
    year: integer("year").notNull(),
    spent: bigint("spent", { mode: "number" }).notNull().default(0),
    activities: jsonb("activities").$type<RichTextJson>(),
    status: fundReportStatus("status").notNull().default("draft"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("fund_reports_grant_year_uq").on(t.grantId, t.year),
    // A report is always on one of its grant's years.
    foreignKey({
      name: "fund_reports_grant_year_fk",
      columns: [t.grantId, t.year],
      foreignColumns: [fundGrantYears.grantId, fundGrantYears.year],
    }).onDelete("restrict"),
    check("fund_reports_non_negative", sql`${t.spent} >= 0`),
  ],
);
