CREATE TYPE "public"."attachment_kind" AS ENUM('communication_strategy', 'preparedness_plan', 'terms_of_reference', 'other');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('planned', 'done', 'postponed');--> statement-breakpoint
CREATE TYPE "public"."strategic_version_status" AS ENUM('proposed', 'awaiting_fund', 'approved', 'rejected', 'withdrawn', 'superseded');--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"token_sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_date" date,
	"year" integer NOT NULL,
	"quarter" integer,
	"agreement_id" integer,
	"activity_id" integer,
	"responsible_organisation_id" integer,
	"status" "milestone_status" DEFAULT 'planned' NOT NULL,
	"note" text,
	"completed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_when" CHECK (("milestones"."due_date" is not null and "milestones"."quarter" is null) or ("milestones"."due_date" is null and "milestones"."quarter" between 1 and 4)),
	CONSTRAINT "milestones_year_matches_date" CHECK ("milestones"."due_date" is null or extract(year from "milestones"."due_date") = "milestones"."year")
);
--> statement-breakpoint
CREATE TABLE "plan_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"kind" "attachment_kind" NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"file_size" integer NOT NULL,
	"file_sha256" text NOT NULL,
	"file_data" "bytea" NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_attachments_size" CHECK ("plan_attachments"."file_size" > 0)
);
--> statement-breakpoint
CREATE TABLE "strategic_agreement_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"strategic_agreement_id" integer NOT NULL,
	"number" integer NOT NULL,
	"status" "strategic_version_status" DEFAULT 'proposed' NOT NULL,
	"snapshot" jsonb NOT NULL,
	"summary" text,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"meeting_date" date,
	"decision_note" text,
	"fund_sent_at" date,
	"fund_approved_at" date,
	"fund_reference" text,
	"fund_recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "strategic_agreements" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"content" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategic_agreements_plan_id_unique" UNIQUE("plan_id")
);
--> statement-breakpoint
ALTER TABLE "success_criteria" ADD COLUMN "goal_id" integer;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_responsible_organisation_id_organisations_id_fk" FOREIGN KEY ("responsible_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_attachments" ADD CONSTRAINT "plan_attachments_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_attachments" ADD CONSTRAINT "plan_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_agreement_versions" ADD CONSTRAINT "strategic_agreement_versions_strategic_agreement_id_strategic_agreements_id_fk" FOREIGN KEY ("strategic_agreement_id") REFERENCES "public"."strategic_agreements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_agreement_versions" ADD CONSTRAINT "strategic_agreement_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_agreement_versions" ADD CONSTRAINT "strategic_agreement_versions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_agreement_versions" ADD CONSTRAINT "strategic_agreement_versions_fund_recorded_by_users_id_fk" FOREIGN KEY ("fund_recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_agreements" ADD CONSTRAINT "strategic_agreements_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_uq" ON "calendar_feeds" USING btree ("token_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_one_active_uq" ON "calendar_feeds" USING btree ("user_id") WHERE "calendar_feeds"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "milestones_plan_year_idx" ON "milestones" USING btree ("plan_id","year");--> statement-breakpoint
CREATE INDEX "plan_attachments_plan_idx" ON "plan_attachments" USING btree ("plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "strategic_versions_number_uq" ON "strategic_agreement_versions" USING btree ("strategic_agreement_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "strategic_versions_one_pending_uq" ON "strategic_agreement_versions" USING btree ("strategic_agreement_id") WHERE "strategic_agreement_versions"."status" in ('proposed', 'awaiting_fund');--> statement-breakpoint
CREATE UNIQUE INDEX "strategic_versions_one_approved_uq" ON "strategic_agreement_versions" USING btree ("strategic_agreement_id") WHERE "strategic_agreement_versions"."status" = 'approved';--> statement-breakpoint
ALTER TABLE "success_criteria" ADD CONSTRAINT "success_criteria_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "success_criteria_goal_idx" ON "success_criteria" USING btree ("goal_id");--> statement-breakpoint
-- A strategic agreement's versions never change once in effect (R6), as for delaftaler (0004).
-- A proposed version may be decided (its snapshot stays); one awaiting the fund may be approved
-- or refused by the fund (its snapshot and the board's decision stay); an approved one may only
-- become superseded. Decided versions can never be deleted.
CREATE OR REPLACE FUNCTION strategic_agreement_versions_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'proposed' THEN
      RAISE EXCEPTION 'strategic agreement version % (%) cannot be deleted', OLD.id, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.number <> OLD.number
     OR NEW.strategic_agreement_id <> OLD.strategic_agreement_id THEN
    RAISE EXCEPTION 'the snapshot of strategic agreement version % cannot change', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.status = 'proposed' THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'awaiting_fund' AND NEW.status IN ('approved', 'rejected', 'awaiting_fund')
     AND NEW.decided_by IS NOT DISTINCT FROM OLD.decided_by
     AND NEW.decided_at IS NOT DISTINCT FROM OLD.decided_at
     AND NEW.meeting_date IS NOT DISTINCT FROM OLD.meeting_date THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'approved' AND NEW.status = 'superseded'
     AND (to_jsonb(NEW) - 'status') = (to_jsonb(OLD) - 'status') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'strategic agreement version % (%) is immutable', OLD.id, OLD.status
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER strategic_agreement_versions_immutable
  BEFORE UPDATE OR DELETE ON strategic_agreement_versions
  FOR EACH ROW EXECUTE FUNCTION strategic_agreement_versions_guard();
