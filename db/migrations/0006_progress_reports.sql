CREATE TYPE "public"."report_status" AS ENUM('draft', 'final');--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"year" integer NOT NULL,
	"status" "report_status" DEFAULT 'draft' NOT NULL,
	"summary" jsonb,
	"what_worked" jsonb,
	"next_year" jsonb,
	"activity_notes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"snapshot" jsonb,
	"finalised_by" integer,
	"finalised_at" timestamp with time zone,
	"reopened_by" integer,
	"reopened_at" timestamp with time zone,
	"reopen_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_reports_final_snapshot" CHECK ("progress_reports"."status" = 'draft' or ("progress_reports"."snapshot" is not null and "progress_reports"."finalised_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "self_evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"question_set" text NOT NULL,
	"funder" text NOT NULL,
	"title" text NOT NULL,
	"description" jsonb,
	"recipient" text,
	"region" text,
	"grant_type" text,
	"amount" bigint,
	"grant_year" integer,
	"sub_goal" text,
	"target_groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_evaluations_amount_non_negative" CHECK ("self_evaluations"."amount" is null or "self_evaluations"."amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_finalised_by_users_id_fk" FOREIGN KEY ("finalised_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD CONSTRAINT "self_evaluations_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD CONSTRAINT "self_evaluations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "progress_reports_plan_year_uq" ON "progress_reports" USING btree ("plan_id","year");--> statement-breakpoint
CREATE INDEX "self_evaluations_plan_idx" ON "self_evaluations" USING btree ("plan_id");