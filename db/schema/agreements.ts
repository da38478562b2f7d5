/**
 * Agreements (delaftaler) and their sections. A rich text is stored as JSON in the RichText
 * format of app/domain/rich-text.ts; a list of short texts as a JSON array of strings.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  type AnyPgColumn,
  date,
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
import { type RichTextJson, timestamps } from "./common";
import { organisations, people } from "./organisations";
import { focusAreas, plans } from "./plans";

export const agreements = pgTable(
  "agreements",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    focusAreaId: integer("focus_area_id")
      .notNull()
      .references(() => focusAreas.id, { onDelete: "restrict" }),
    /**
     * The clause under the title, as the secretariat words it; prefilled from the default of the
     * plan's template edition (app/domain/texts.da.ts) and editable per agreement.
     */
    openingText: text("opening_text").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }).notNull(),
    problemStatement: jsonb("problem_statement").$type<RichTextJson>(),
    /** "Formålet er:" — an optional line before the list of purposes. */
    purposesLeadIn: text("purposes_lead_in"),
    purposes: jsonb("purposes").$type<string[]>().notNull().default([]),
    /** "Målet er:" — an optional line before the goals (the goals themselves are rows in `goals`). */
    goalsLeadIn: text("goals_lead_in"),
    /** The focus area's primary target group (2019-26 template). */
    primaryTargetGroup: jsonb("primary_target_group").$type<RichTextJson>(),
    method: jsonb("method").$type<RichTextJson>(),
    municipalInterplay: jsonb("municipal_interplay").$type<RichTextJson>(),
    anchoring: jsonb("anchoring").$type<RichTextJson>(),
    conflictHandling: jsonb("conflict_handling").$type<RichTextJson>(),
    revisionClause: jsonb("revision_clause").$type<RichTextJson>(),
    /** Optimistic lock for every section of the agreement. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("agreements_plan_focus_area_uq").on(t.planId, t.focusAreaId),
    check("agreements_valid_order", sql`${t.validTo} > ${t.validFrom}`),
  ],
);

/**
 * The agreement's goals (mål) and, under a goal, its sub-goals (delmål): a row with a parent is a
 * delmål of that goal. The first levels of the målhierarki.
 */
export const goals = pgTable(
  "goals",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    parentId: integer("parent_id").references((): AnyPgColumn => goals.id, {
      onDelete: "cascade",
    }),
    text: text("text").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    index("goals_agreement_idx").on(t.agreementId),
    index("goals_parent_idx").on(t.parentId),
    check("goals_text", sql`length(trim(${t.text})) > 0`),
  ],
);

export const partyTier = pgEnum("party_tier", ["primary", "secondary"]);

export const agreementParties = pgTable(
  "agreement_parties",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    tier: partyTier("tier").notNull(),
    /** The sub-heading the party is listed under ("Ejendomskontorer"). */
    groupHeading: text("group_heading"),
    organisationId: integer("organisation_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    /** A party without an organisation in the register ("2 NGO'er …"), or extra wording. */
    label: text("label"),
    contactPersonId: integer("contact_person_id").references(() => people.id, {
      onDelete: "set null",
    }),
    position: integer("position").notNull(),
  },
  (t) => [
    index("agreement_parties_agreement_idx").on(t.agreementId),
    check(
      "agreement_parties_named",
      sql`${t.organisationId} is not null or ${t.label} is not null`,
    ),
  ],
);

export const workingGroups = pgTable(
  "working_groups",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [index("working_groups_agreement_idx").on(t.agreementId)],
);

export const workingGroupMembers = pgTable(
  "working_group_members",
  {
    id: serial("id").primaryKey(),
    workingGroupId: integer("working_group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    /** A named person … */
    personId: integer("person_id").references(() => people.id, { onDelete: "restrict" }),
    /** … or "N representatives of X": count, description and optional names. */
    count: integer("count"),
    description: text("description"),
    organisationId: integer("organisation_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    names: text("names"),
    position: integer("position").notNull(),
  },
  (t) => [
    index("working_group_members_group_idx").on(t.workingGroupId),
    check(
      "working_group_members_who",
      sql`${t.personId} is not null or ${t.description} is not null or ${t.organisationId} is not null`,
    ),
  ],
);

export const activities = pgTable(
  "activities",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    /** The schema's full name ("Aktivitetsnavn"). */
    name: text("name").notNull(),
    /** A shorter name for the agreement's list of activities; the full name when null. */
    shortName: text("short_name"),
    /** E.g. "jf. CFBU/Naboambassadører". */
    reference: text("reference"),
    content: jsonb("content").$type<RichTextJson>(),
    purposesLeadIn: text("purposes_lead_in"),
    purposes: jsonb("purposes").$type<string[]>().notNull().default([]),
    targetGroupsLeadIn: text("target_groups_lead_in"),
    targetGroups: jsonb("target_groups").$type<string[]>().notNull().default([]),
    position: integer("position").notNull(),
    /** Left the working draft with history (measurements or spend) kept; null while current. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [index("activities_agreement_idx").on(t.agreementId)],
);

export const successCriteria = pgTable(
  "success_criteria",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    /** Null for the agreement's own criteria; set for an activity's. */
    activityId: integer("activity_id").references(() => activities.id, { onDelete: "cascade" }),
    /** The goal or delmål the criterion measures (the målhierarki); null until linked. */
    goalId: integer("goal_id").references(() => goals.id, { onDelete: "set null" }),
    text: text("text").notNull(),
    dataSource: text("data_source").notNull(),
    baselineValue: numeric("baseline_value", { precision: 14, scale: 2, mode: "number" }),
    baselineUnit: text("baseline_unit"),
    baselineYear: integer("baseline_year"),
    /** A baseline that is not one number ("53 %, 66 % og 68 % i tre afdelinger"), as written. */
    baselineText: text("baseline_text"),
    targetValue: numeric("target_value", { precision: 14, scale: 2, mode: "number" }),
    targetUnit: text("target_unit"),
    targetYear: integer("target_year"),
    /** A target that is not one number, as written. */
    targetText: text("target_text"),
    position: integer("position").notNull(),
    /** Left the working draft with history (measurements or spend) kept; null while current. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    index("success_criteria_agreement_idx").on(t.agreementId),
    index("success_criteria_activity_idx").on(t.activityId),
    index("success_criteria_goal_idx").on(t.goalId),
    check("success_criteria_data_source", sql`length(trim(${t.dataSource})) > 0`),
  ],
);

export const responsibilities = pgTable(
  "responsibilities",
  {
    id: serial("id").primaryKey(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    /** The party: an organisation in the register and/or a label ("Boligorganisationer samt Ejendomskontorer"). */
    organisationId: integer("organisation_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    label: text("label"),
    duties: jsonb("duties").$type<string[]>().notNull().default([]),
    position: integer("position").notNull(),
  },
  (t) => [
    index("responsibilities_activity_idx").on(t.activityId),
    check("responsibilities_named", sql`${t.organisationId} is not null or ${t.label} is not null`),
  ],
);

export const fundingSourceKind = pgEnum("funding_source_kind", [
  "lbf",
  "municipality",
  "housing_organisation",
  "other",
  /** "Lokal medfinansiering" as one line, without a named organisation. */
  "local",
]);

export const fundingSources = pgTable(
  "funding_sources",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    kind: fundingSourceKind("kind").notNull(),
    /** The named source ("Havbakke Kommune"); optional for LBF. */
    name: text("name"),
    organisationId: integer("organisation_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    /**
     * The amount for the whole validity period, when the source has no yearly split. When yearly
     * amounts exist (budget_amounts) they are the source of the total and this stays null.
     */
    periodTotal: bigint("period_total", { mode: "number" }),
    position: integer("position").notNull(),
    /** Left the working draft with history (measurements or spend) kept; null while current. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    index("funding_sources_agreement_idx").on(t.agreementId),
    check("funding_sources_period_total", sql`${t.periodTotal} >= 0`),
  ],
);

/** Whole kroner per funding source and calendar year. */
export const budgetAmounts = pgTable(
  "budget_amounts",
  {
    fundingSourceId: integer("funding_source_id")
      .notNull()
      .references(() => fundingSources.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fundingSourceId, t.year] }),
    check("budget_amounts_non_negative", sql`${t.amount} >= 0`),
  ],
);

export const staffResources = pgTable(
  "staff_resources",
  {
    id: serial("id").primaryKey(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    /** The line as the secretariat writes it ("2 børne- og ungemedarbejdere samt 11,5 time"). */
    description: text("description").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [index("staff_resources_agreement_idx").on(t.agreementId)],
);
