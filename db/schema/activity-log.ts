/**
 * The activity log (issue 21): what happened in each activity (events with participants), what
 * was found (findings) and who does what by when (actions), the follow-up meeting's stock-taking,
 * and success criteria measured from the log. Event kinds and participant groups are configured
 * per plan.
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
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { timestamps } from "./common";
import { activities, successCriteria } from "./agreements";
import { organisations } from "./organisations";
import { plans } from "./plans";
import { users } from "./users";

/** A kind of event the plan logs ("Tryghedsvandring", "Møde", "Mægling" …). */
export const logEventKinds = pgTable(
  "log_event_kinds",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** An event of this kind schedules its follow-up this many months later (a walk: 6). */
    followUpMonths: integer("follow_up_months"),
    position: integer("position").notNull(),
    /** No longer offered for new events; kept for the events that have it. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("log_event_kinds_plan_name_uq").on(t.planId, sql`lower(${t.name})`),
    check("log_event_kinds_name", sql`length(trim(${t.name})) > 0`),
    check(
      "log_event_kinds_follow_up",
      sql`${t.followUpMonths} is null or ${t.followUpMonths} between 1 and 36`,
    ),
  ],
);

/** A group participants are counted by ("Beboere", "Frivillige", "Samarbejdspartnere"). */
export const logParticipantGroups = pgTable(
  "log_participant_groups",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("log_participant_groups_plan_name_uq").on(t.planId, sql`lower(${t.name})`),
    check("log_participant_groups_name", sql`length(trim(${t.name})) > 0`),
  ],
);

/** Something that happened in an activity: a walk, a meeting, a course, a mediation … */
export const logEvents = pgTable(
  "log_events",
  {
    id: serial("id").primaryKey(),
    /** The plan of the activity's agreement (kept here for access checks and the plan's lists). */
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "restrict" }),
    kindId: integer("kind_id")
      .notNull()
      .references(() => logEventKinds.id, { onDelete: "restrict" }),
    date: date("date", { mode: "string" }).notNull(),
    /** Place or estate ("Gårdene i afd. 21"). */
    place: text("place"),
    note: text("note"),
    /** This event is the follow-up meeting of that one. */
    followUpOfId: integer("follow_up_of_id").references((): AnyPgColumn => logEvents.id, {
      onDelete: "set null",
    }),
    /** When this event's follow-up is due (null: none scheduled). */
    followUpDue: date("follow_up_due", { mode: "string" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("log_events_plan_date_idx").on(t.planId, t.date),
    index("log_events_activity_date_idx").on(t.activityId, t.date),
    index("log_events_follow_up_of_idx").on(t.followUpOfId),
    check(
      "log_events_not_own_follow_up",
      sql`${t.followUpOfId} is null or ${t.followUpOfId} <> ${t.id}`,
    ),
  ],
);

/** How many of a group took part in an event. */
export const logEventParticipants = pgTable(
  "log_event_participants",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => logEvents.id, { onDelete: "cascade" }),
    groupId: integer("group_id")
      .notNull()
      .references(() => logParticipantGroups.id, { onDelete: "restrict" }),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.groupId] }),
    check("log_event_participants_count", sql`${t.count} >= 0`),
  ],
);

/** A condition found at an event (after a walk: what makes people feel unsafe, and where). */
export const logFindings = pgTable(
  "log_findings",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => logEvents.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    place: text("place"),
    position: integer("position").notNull(),
  },
  (t) => [
    index("log_findings_event_idx").on(t.eventId),
    check("log_findings_text", sql`length(trim(${t.text})) > 0`),
  ],
);

export const logActionStatus = pgEnum("log_action_status", [
  "open",
  "in_progress",
  "done",
  "dropped",
]);

/**
 * Who does what about a finding by when. The responsible party is one of the agreement's parties,
 * kept as the party is kept in the agreement: an organisation of the register and/or a label.
 */
export const logActions = pgTable(
  "log_actions",
  {
    id: serial("id").primaryKey(),
    findingId: integer("finding_id")
      .notNull()
      .references(() => logFindings.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    partyLabel: text("party_label"),
    description: text("description").notNull(),
    dueDate: date("due_date", { mode: "string" }),
    status: logActionStatus("status").notNull().default("open"),
    /** Why an action was dropped (required then). */
    dropReason: text("drop_reason"),
    position: integer("position").notNull(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("log_actions_finding_idx").on(t.findingId),
    index("log_actions_organisation_idx").on(t.organisationId),
    check("log_actions_party", sql`${t.organisationId} is not null or ${t.partyLabel} is not null`),
    check("log_actions_description", sql`length(trim(${t.description})) > 0`),
    check(
      "log_actions_drop_reason",
      sql`${t.status} <> 'dropped' or length(trim(coalesce(${t.dropReason}, ''))) > 0`,
    ),
  ],
);

/** The status of an action as taken at a follow-up meeting. */
export const logActionReviews = pgTable(
  "log_action_reviews",
  {
    followUpEventId: integer("follow_up_event_id")
      .notNull()
      .references(() => logEvents.id, { onDelete: "cascade" }),
    actionId: integer("action_id")
      .notNull()
      .references(() => logActions.id, { onDelete: "cascade" }),
    status: logActionStatus("status").notNull(),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.followUpEventId, t.actionId] })],
);

export const logMetric = pgEnum("log_metric", [
  /** Events (of a kind, or all) in the year. */
  "event_count",
  /** Participants of a group in the year's events. */
  "participant_sum",
  /** The share of the year's actions (of findings at the year's events) that are done. */
  "actions_done_share",
]);

/**
 * A success criterion measured from the log. The events counted are the criterion's activity's
 * (an activity's criterion) or all the agreement's activities' (the agreement's own criterion).
 */
export const criterionLogSources = pgTable(
  "criterion_log_sources",
  {
    criterionId: integer("criterion_id")
      .primaryKey()
      .references(() => successCriteria.id, { onDelete: "cascade" }),
    metric: logMetric("metric").notNull(),
    /** Only events of this kind (null: every kind). */
    kindId: integer("kind_id").references(() => logEventKinds.id, { onDelete: "restrict" }),
    /** The participant group summed (participant_sum only). */
    groupId: integer("group_id").references(() => logParticipantGroups.id, {
      onDelete: "restrict",
    }),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "criterion_log_sources_group",
      sql`(${t.metric} = 'participant_sum') = (${t.groupId} is not null)`,
    ),
  ],
);
