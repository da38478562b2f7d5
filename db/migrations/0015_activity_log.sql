-- Issue 21: the activity log. Events per activity with participants by group, findings and their
-- actions, the follow-up meeting's stock-taking, success criteria measured from the log, and the
-- log's value kept on a measurement. Event kinds and participant groups are configured per plan.
CREATE TYPE "public"."log_action_status" AS ENUM('open', 'in_progress', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."log_metric" AS ENUM('event_count', 'participant_sum', 'actions_done_share');--> statement-breakpoint
CREATE TABLE "criterion_log_sources" (
	"criterion_id" integer PRIMARY KEY NOT NULL,
	"metric" "log_metric" NOT NULL,
	"kind_id" integer,
	"group_id" integer,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "criterion_log_sources_group" CHECK (("criterion_log_sources"."metric" = 'participant_sum') = ("criterion_log_sources"."group_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "log_action_reviews" (
	"follow_up_event_id" integer NOT NULL,
	"action_id" integer NOT NULL,
	"status" "log_action_status" NOT NULL,
	"note" text,
	CONSTRAINT "log_action_reviews_follow_up_event_id_action_id_pk" PRIMARY KEY("follow_up_event_id","action_id")
);
--> statement-breakpoint
CREATE TABLE "log_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"organisation_id" integer,
	"party_label" text,
	"description" text NOT NULL,
	"due_date" date,
	"status" "log_action_status" DEFAULT 'open' NOT NULL,
	"drop_reason" text,
	"position" integer NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_actions_party" CHECK ("log_actions"."organisation_id" is not null or "log_actions"."party_label" is not null),
	CONSTRAINT "log_actions_description" CHECK (length(trim("log_actions"."description")) > 0),
	CONSTRAINT "log_actions_drop_reason" CHECK ("log_actions"."status" <> 'dropped' or length(trim(coalesce("log_actions"."drop_reason", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "log_event_kinds" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"name" text NOT NULL,
	"follow_up_months" integer,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "log_event_kinds_name" CHECK (length(trim("log_event_kinds"."name")) > 0),
	CONSTRAINT "log_event_kinds_follow_up" CHECK ("log_event_kinds"."follow_up_months" is null or "log_event_kinds"."follow_up_months" between 1 and 36)
);
--> statement-breakpoint
CREATE TABLE "log_event_participants" (
	"event_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "log_event_participants_event_id_group_id_pk" PRIMARY KEY("event_id","group_id"),
	CONSTRAINT "log_event_participants_count" CHECK ("log_event_participants"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "log_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"activity_id" integer NOT NULL,
	"kind_id" integer NOT NULL,
	"date" date NOT NULL,
	"place" text,
	"note" text,
	"follow_up_of_id" integer,
	"follow_up_due" date,
	"created_by" integer,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_events_not_own_follow_up" CHECK ("log_events"."follow_up_of_id" is null or "log_events"."follow_up_of_id" <> "log_events"."id")
);
--> statement-breakpoint
CREATE TABLE "log_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"text" text NOT NULL,
	"place" text,
	"position" integer NOT NULL,
	CONSTRAINT "log_findings_text" CHECK (length(trim("log_findings"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "log_participant_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "log_participant_groups_name" CHECK (length(trim("log_participant_groups"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "measurements" ADD COLUMN "log_value" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "measurements" ADD COLUMN "value_override_reason" text;--> statement-breakpoint
ALTER TABLE "criterion_log_sources" ADD CONSTRAINT "criterion_log_sources_criterion_id_success_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."success_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_log_sources" ADD CONSTRAINT "criterion_log_sources_kind_id_log_event_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."log_event_kinds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_log_sources" ADD CONSTRAINT "criterion_log_sources_group_id_log_participant_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."log_participant_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_log_sources" ADD CONSTRAINT "criterion_log_sources_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_action_reviews" ADD CONSTRAINT "log_action_reviews_follow_up_event_id_log_events_id_fk" FOREIGN KEY ("follow_up_event_id") REFERENCES "public"."log_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_action_reviews" ADD CONSTRAINT "log_action_reviews_action_id_log_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."log_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_actions" ADD CONSTRAINT "log_actions_finding_id_log_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."log_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_actions" ADD CONSTRAINT "log_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_actions" ADD CONSTRAINT "log_actions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_event_kinds" ADD CONSTRAINT "log_event_kinds_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_event_participants" ADD CONSTRAINT "log_event_participants_event_id_log_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."log_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_event_participants" ADD CONSTRAINT "log_event_participants_group_id_log_participant_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."log_participant_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_events" ADD CONSTRAINT "log_events_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_events" ADD CONSTRAINT "log_events_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_events" ADD CONSTRAINT "log_events_kind_id_log_event_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."log_event_kinds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_events" ADD CONSTRAINT "log_events_follow_up_of_id_log_events_id_fk" FOREIGN KEY ("follow_up_of_id") REFERENCES "public"."log_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_events" ADD CONSTRAINT "log_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_events" ADD CONSTRAINT "log_events_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_findings" ADD CONSTRAINT "log_findings_event_id_log_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."log_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_participant_groups" ADD CONSTRAINT "log_participant_groups_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "log_actions_finding_idx" ON "log_actions" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "log_actions_organisation_idx" ON "log_actions" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "log_event_kinds_plan_name_uq" ON "log_event_kinds" USING btree ("plan_id",lower("name"));--> statement-breakpoint
CREATE INDEX "log_events_plan_date_idx" ON "log_events" USING btree ("plan_id","date");--> statement-breakpoint
CREATE INDEX "log_events_activity_date_idx" ON "log_events" USING btree ("activity_id","date");--> statement-breakpoint
CREATE INDEX "log_events_follow_up_of_idx" ON "log_events" USING btree ("follow_up_of_id");--> statement-breakpoint
CREATE INDEX "log_findings_event_idx" ON "log_findings" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "log_participant_groups_plan_name_uq" ON "log_participant_groups" USING btree ("plan_id",lower("name"));