/**
 * The database schema: tables, enums and relations. Imports only drizzle-orm so it can be used by
 * the app, the scripts and the tests with either driver (see db/client.ts).
 */
import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  date,
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
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
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
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_uq").on(sql`lower(${t.email})`)],
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
