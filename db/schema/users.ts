/**
 * Users, their access (memberships per plan and per housing organisation) and the login limits.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { plans } from "./plans";

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
