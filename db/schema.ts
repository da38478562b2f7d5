/**
 * The database schema: tables, enums and relations. Imports only drizzle-orm so it can be used by
 * the app, the scripts and the tests with either driver (see db/client.ts).
 */
import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
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

/** The JSON shape of a rich text (see RichText in app/domain/rich-text.ts). */
export type RichTextJson = { blocks: unknown[] };

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const organisationKind = pgEnum("organisation_kind", [
  "housing_organisation",
  "estate",
  "municipality",
  "police",
  "school",
  "ngo",
  "church",
  "other",
]);

export const organisations = pgTable(
  "organisations",
  {
    id: serial("id").primaryKey(),
    kind: organisationKind("kind").notNull(),
    name: text("name").notNull(),
    /** For an estate: the housing organisation it belongs to. */
    parentId: integer("parent_id").references((): AnyPgColumn => organisations.id, {
      onDelete: "restrict",
    }),
    /** For an estate: the number of tenancies (lejemål). */
    tenancies: integer("tenancies"),
    address: text("address"),
    note: text("note"),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("organisations_parent_idx").on(t.parentId),
    uniqueIndex("organisations_kind_name_uq").on(t.kind, sql`lower(${t.name})`),
    check("organisations_estate_parent", sql`(${t.kind} = 'estate') = (${t.parentId} is not null)`),
    check("organisations_tenancies_positive", sql`${t.tenancies} is null or ${t.tenancies} >= 0`),
  ],
);

export const people = pgTable(
  "people",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    title: text("title"),
    email: text("email"),
    phone: text("phone"),
    organisationId: integer("organisation_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [index("people_organisation_idx").on(t.organisationId)],
);

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
    municipalityId: integer("municipality_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    description: text("description"),
    /** Months between an agreement's approval and its next revision (R6: at least yearly). */
    revisionIntervalMonths: integer("revision_interval_months").notNull().default(12),
    /** When the yearly progress report for the previous calendar year is due ("MM-DD"). */
    reportDueMonthDay: text("report_due_month_day").notNull().default("06-30"),
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

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    isAdmin: boolean("is_admin").notNull().default(false),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    /** Raised by logout, a new password and deactivation: every older session cookie stops working. */
    sessionGeneration: integer("session_generation").notNull().default(1),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_uq").on(sql`lower(${t.email})`)],
);

/**
 * Wrong-password counters (per e-mail and per client address) for rate-limiter-flexible's
 * RateLimiterDrizzle, which expects exactly these column names.
 */
export const loginLimits = pgTable(
  "login_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull().default(0),
    expire: timestamp("expire", { withTimezone: true }),
  },
  (t) => [index("login_limits_expire_idx").on(t.expire)],
);

export const planRole = pgEnum("plan_role", ["secretariat", "board", "reporter", "viewer"]);

export const planMemberships = pgTable(
  "plan_memberships",
  {
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: planRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.userId] }),
    index("plan_memberships_user_idx").on(t.userId),
  ],
);

export const organisationRole = pgEnum("organisation_role", ["fund_admin", "applicant"]);

export const organisationMemberships = pgTable(
  "organisation_memberships",
  {
    id: serial("id").primaryKey(),
    /** The housing organisation whose dispositionsfond this membership concerns. */
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: organisationRole("role").notNull(),
    /** For an applicant: the estate they apply for. */
    estateId: integer("estate_id").references(() => organisations.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisation_memberships_uq").on(
      t.organisationId,
      t.userId,
      t.role,
      sql`coalesce(${t.estateId}, 0)`,
    ),
    index("organisation_memberships_user_idx").on(t.userId),
    check(
      "organisation_memberships_applicant_estate",
      sql`(${t.role} = 'applicant') = (${t.estateId} is not null)`,
    ),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    /** A verb such as "plan.update". */
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    planId: integer("plan_id").references(() => plans.id, { onDelete: "set null" }),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_plan_idx").on(t.planId),
  ],
);

// Relations (for drizzle's relational queries).

export const organisationsRelations = relations(organisations, ({ one, many }) => ({
  parent: one(organisations, {
    fields: [organisations.parentId],
    references: [organisations.id],
    relationName: "estates",
  }),
  estates: many(organisations, { relationName: "estates" }),
  people: many(people),
}));

export const peopleRelations = relations(people, ({ one }) => ({
  organisation: one(organisations, {
    fields: [people.organisationId],
    references: [organisations.id],
  }),
}));

export const fundingRoundsRelations = relations(fundingRounds, ({ many }) => ({
  focusAreas: many(focusAreas),
  plans: many(plans),
}));

export const focusAreasRelations = relations(focusAreas, ({ one }) => ({
  fundingRound: one(fundingRounds, {
    fields: [focusAreas.fundingRoundId],
    references: [fundingRounds.id],
  }),
}));

export const plansRelations = relations(plans, ({ one, many }) => ({
  agreements: many(agreements),
  fundingRound: one(fundingRounds, {
    fields: [plans.fundingRoundId],
    references: [fundingRounds.id],
  }),
  municipality: one(organisations, {
    fields: [plans.municipalityId],
    references: [organisations.id],
  }),
  organisations: many(planOrganisations),
  memberships: many(planMemberships),
}));

export const planOrganisationsRelations = relations(planOrganisations, ({ one }) => ({
  plan: one(plans, { fields: [planOrganisations.planId], references: [plans.id] }),
  organisation: one(organisations, {
    fields: [planOrganisations.organisationId],
    references: [organisations.id],
  }),
}));

export const usersRelations = relations(users, ({ many }) => ({
  planMemberships: many(planMemberships),
  organisationMemberships: many(organisationMemberships),
}));

export const planMembershipsRelations = relations(planMemberships, ({ one }) => ({
  plan: one(plans, { fields: [planMemberships.planId], references: [plans.id] }),
  user: one(users, { fields: [planMemberships.userId], references: [users.id] }),
}));

export const organisationMembershipsRelations = relations(organisationMemberships, ({ one }) => ({
  organisation: one(organisations, {
    fields: [organisationMemberships.organisationId],
    references: [organisations.id],
    relationName: "membershipOrganisation",
  }),
  estate: one(organisations, {
    fields: [organisationMemberships.estateId],
    references: [organisations.id],
    relationName: "membershipEstate",
  }),
  user: one(users, { fields: [organisationMemberships.userId], references: [users.id] }),
}));

// ---------------------------------------------------------------------------------------------
// Agreements (delaftaler) and their sections. A rich text is stored as JSON in the RichText
// format of app/domain/rich-text.ts; a list of short texts as a JSON array of strings.

export const openingClause = pgEnum("opening_clause", ["continuous_update", "strategic_goals"]);

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
    openingClause: openingClause("opening_clause").notNull().default("strategic_goals"),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }).notNull(),
    problemStatement: jsonb("problem_statement").$type<RichTextJson>(),
    purposes: jsonb("purposes").$type<string[]>().notNull().default([]),
    goals: jsonb("goals").$type<string[]>().notNull().default([]),
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
    name: text("name").notNull(),
    /** E.g. "jf. CFBU/Naboambassadører". */
    reference: text("reference"),
    content: jsonb("content").$type<RichTextJson>(),
    purposes: jsonb("purposes").$type<string[]>().notNull().default([]),
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
    text: text("text").notNull(),
    dataSource: text("data_source").notNull(),
    baselineValue: numeric("baseline_value", { precision: 14, scale: 2, mode: "number" }),
    baselineUnit: text("baseline_unit"),
    baselineYear: integer("baseline_year"),
    targetValue: numeric("target_value", { precision: 14, scale: 2, mode: "number" }),
    targetUnit: text("target_unit"),
    targetYear: integer("target_year"),
    position: integer("position").notNull(),
    /** Left the working draft with history (measurements or spend) kept; null while current. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    index("success_criteria_agreement_idx").on(t.agreementId),
    index("success_criteria_activity_idx").on(t.activityId),
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
    position: integer("position").notNull(),
    /** Left the working draft with history (measurements or spend) kept; null while current. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [index("funding_sources_agreement_idx").on(t.agreementId)],
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
    role: text("role").notNull(),
    count: numeric("count", { precision: 6, scale: 2, mode: "number" }),
    hoursPerWeek: numeric("hours_per_week", { precision: 6, scale: 2, mode: "number" }),
    fte: numeric("fte", { precision: 6, scale: 2, mode: "number" }),
    note: text("note"),
    position: integer("position").notNull(),
  },
  (t) => [index("staff_resources_agreement_idx").on(t.agreementId)],
);

export const agreementsRelations = relations(agreements, ({ one, many }) => ({
  revisions: many(revisions),
  versions: many(agreementVersions),
  plan: one(plans, { fields: [agreements.planId], references: [plans.id] }),
  focusArea: one(focusAreas, { fields: [agreements.focusAreaId], references: [focusAreas.id] }),
  parties: many(agreementParties),
  workingGroups: many(workingGroups),
  activities: many(activities),
  successCriteria: many(successCriteria),
  fundingSources: many(fundingSources),
  staffResources: many(staffResources),
}));

export const agreementPartiesRelations = relations(agreementParties, ({ one }) => ({
  agreement: one(agreements, {
    fields: [agreementParties.agreementId],
    references: [agreements.id],
  }),
  organisation: one(organisations, {
    fields: [agreementParties.organisationId],
    references: [organisations.id],
  }),
  contactPerson: one(people, {
    fields: [agreementParties.contactPersonId],
    references: [people.id],
  }),
}));

export const workingGroupsRelations = relations(workingGroups, ({ one, many }) => ({
  agreement: one(agreements, { fields: [workingGroups.agreementId], references: [agreements.id] }),
  members: many(workingGroupMembers),
}));

export const workingGroupMembersRelations = relations(workingGroupMembers, ({ one }) => ({
  workingGroup: one(workingGroups, {
    fields: [workingGroupMembers.workingGroupId],
    references: [workingGroups.id],
  }),
  person: one(people, { fields: [workingGroupMembers.personId], references: [people.id] }),
  organisation: one(organisations, {
    fields: [workingGroupMembers.organisationId],
    references: [organisations.id],
  }),
}));

export const activitiesRelations = relations(activities, ({ one, many }) => ({
  agreement: one(agreements, { fields: [activities.agreementId], references: [agreements.id] }),
  successCriteria: many(successCriteria),
  responsibilities: many(responsibilities),
}));

export const successCriteriaRelations = relations(successCriteria, ({ one }) => ({
  agreement: one(agreements, {
    fields: [successCriteria.agreementId],
    references: [agreements.id],
  }),
  activity: one(activities, { fields: [successCriteria.activityId], references: [activities.id] }),
}));

export const responsibilitiesRelations = relations(responsibilities, ({ one }) => ({
  activity: one(activities, { fields: [responsibilities.activityId], references: [activities.id] }),
  organisation: one(organisations, {
    fields: [responsibilities.organisationId],
    references: [organisations.id],
  }),
}));

export const fundingSourcesRelations = relations(fundingSources, ({ one, many }) => ({
  agreement: one(agreements, { fields: [fundingSources.agreementId], references: [agreements.id] }),
  organisation: one(organisations, {
    fields: [fundingSources.organisationId],
    references: [organisations.id],
  }),
  amounts: many(budgetAmounts),
}));

export const budgetAmountsRelations = relations(budgetAmounts, ({ one }) => ({
  fundingSource: one(fundingSources, {
    fields: [budgetAmounts.fundingSourceId],
    references: [fundingSources.id],
  }),
}));

export const staffResourcesRelations = relations(staffResources, ({ one }) => ({
  agreement: one(agreements, { fields: [staffResources.agreementId], references: [agreements.id] }),
}));

// ---------------------------------------------------------------------------------------------
// Revisions and versions. A revision is one (yearly) round of changes to an agreement that ends
// in the board's decision; each submission freezes the agreement's document view as a version.
// Approved and superseded versions are immutable (enforced by a trigger, see the migration).

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
  ],
);

export const revisionsRelations = relations(revisions, ({ one, many }) => ({
  agreement: one(agreements, { fields: [revisions.agreementId], references: [agreements.id] }),
  versions: many(agreementVersions),
}));

export const agreementVersionsRelations = relations(agreementVersions, ({ one }) => ({
  agreement: one(agreements, {
    fields: [agreementVersions.agreementId],
    references: [agreements.id],
  }),
  revision: one(revisions, { fields: [agreementVersions.revisionId], references: [revisions.id] }),
  submitter: one(users, {
    fields: [agreementVersions.submittedBy],
    references: [users.id],
    relationName: "versionSubmitter",
  }),
  decider: one(users, {
    fields: [agreementVersions.decidedBy],
    references: [users.id],
    relationName: "versionDecider",
  }),
}));

// ---------------------------------------------------------------------------------------------
// Reporting: measurements of success criteria and actual spending, per year.

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
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex("measurements_criterion_year_uq").on(t.criterionId, t.year)],
);

/** Actual spend per funding source and year, in whole kroner. */
export const expenditures = pgTable(
  "expenditures",
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
    check("expenditures_non_negative", sql`${t.amount} >= 0`),
  ],
);

export const measurementsRelations = relations(measurements, ({ one }) => ({
  criterion: one(successCriteria, {
    fields: [measurements.criterionId],
    references: [successCriteria.id],
  }),
}));

export const expendituresRelations = relations(expenditures, ({ one }) => ({
  fundingSource: one(fundingSources, {
    fields: [expenditures.fundingSourceId],
    references: [fundingSources.id],
  }),
}));

// --------------------------------------------------------------------------------------------
// The yearly progress report (statusrapport) of a plan, and funders' self-evaluations.

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

export const progressReportsRelations = relations(progressReports, ({ one }) => ({
  plan: one(plans, { fields: [progressReports.planId], references: [plans.id] }),
}));

/**
 * A self-evaluation (selvevaluering) of a grant for a funder. `questionSet` names a question set
 * in templates/self-evaluation-questions.ts; `answers` holds { [questionKey]: { rating, narrative } }
 * with ratings 1 ("I meget høj grad") to 5 ("I meget ringe grad").
 */
export const selfEvaluations = pgTable(
  "self_evaluations",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "restrict" }),
    questionSet: text("question_set").notNull(),
    funder: text("funder").notNull(),
    title: text("title").notNull(),
    description: jsonb("description").$type<RichTextJson>(),
    recipient: text("recipient"),
    region: text("region"),
    grantType: text("grant_type"),
    /** The granted amount in whole kroner. */
    amount: bigint("amount", { mode: "number" }),
    grantYear: integer("grant_year"),
    subGoal: text("sub_goal"),
    targetGroups: jsonb("target_groups").$type<string[]>().notNull().default([]),
    answers: jsonb("answers")
      .$type<Record<string, { rating: number | null; narrative: string | null }>>()
      .notNull()
      .default({}),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("self_evaluations_plan_idx").on(t.planId),
    check("self_evaluations_amount_non_negative", sql`${t.amount} is null or ${t.amount} >= 0`),
  ],
);

export const selfEvaluationsRelations = relations(selfEvaluations, ({ one }) => ({
  plan: one(plans, { fields: [selfEvaluations.planId], references: [plans.id] }),
}));

// --------------------------------------------------------------------------------------------
// Dispositionsfond (DESIGN.md R7): a housing organisation's own fund, applications from its
// estates, the organisation board's decisions, grants per year and the yearly reports on them.
// A decided application (and its year and funding rows), a grant and a submitted report never
// change (enforced by triggers, migration 0009). Amounts are whole kroner.

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

export const dispositionFundsRelations = relations(dispositionFunds, ({ one, many }) => ({
  organisation: one(organisations, {
    fields: [dispositionFunds.organisationId],
    references: [organisations.id],
  }),
  frames: many(fundFrames),
  applications: many(fundApplications),
}));

export const fundFramesRelations = relations(fundFrames, ({ one }) => ({
  fund: one(dispositionFunds, { fields: [fundFrames.fundId], references: [dispositionFunds.id] }),
}));

export const fundApplicationsRelations = relations(fundApplications, ({ one, many }) => ({
  fund: one(dispositionFunds, {
    fields: [fundApplications.fundId],
    references: [dispositionFunds.id],
  }),
  estate: one(organisations, {
    fields: [fundApplications.estateId],
    references: [organisations.id],
  }),
  years: many(fundApplicationYears),
  funding: many(fundApplicationFunding),
  grant: one(fundGrants),
}));

export const fundApplicationYearsRelations = relations(fundApplicationYears, ({ one }) => ({
  application: one(fundApplications, {
    fields: [fundApplicationYears.applicationId],
    references: [fundApplications.id],
  }),
}));

export const fundApplicationFundingRelations = relations(fundApplicationFunding, ({ one }) => ({
  application: one(fundApplications, {
    fields: [fundApplicationFunding.applicationId],
    references: [fundApplications.id],
  }),
  plan: one(plans, { fields: [fundApplicationFunding.planId], references: [plans.id] }),
}));

export const fundGrantsRelations = relations(fundGrants, ({ one, many }) => ({
  application: one(fundApplications, {
    fields: [fundGrants.applicationId],
    references: [fundApplications.id],
  }),
  fund: one(dispositionFunds, { fields: [fundGrants.fundId], references: [dispositionFunds.id] }),
  years: many(fundGrantYears),
  reports: many(fundReports),
}));

export const fundGrantYearsRelations = relations(fundGrantYears, ({ one }) => ({
  grant: one(fundGrants, { fields: [fundGrantYears.grantId], references: [fundGrants.id] }),
}));

export const fundReportsRelations = relations(fundReports, ({ one }) => ({
  grant: one(fundGrants, { fields: [fundReports.grantId], references: [fundGrants.id] }),
}));
