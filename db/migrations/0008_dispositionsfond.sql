CREATE TYPE "public"."fund_application_status" AS ENUM('draft', 'submitted', 'approved', 'approved_reduced', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."fund_funding_kind" AS ENUM('lbf_plan', 'external');--> statement-breakpoint
CREATE TYPE "public"."fund_need" AS ENUM('preventive', 'acute');--> statement-breakpoint
CREATE TYPE "public"."fund_recommendation" AS ENUM('approve', 'approve_reduced', 'reject');--> statement-breakpoint
CREATE TYPE "public"."fund_report_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TABLE "disposition_funds" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"name" text NOT NULL,
	"guidelines" jsonb,
	"max_years" integer DEFAULT 4 NOT NULL,
	"min_own_share_percent" integer,
	"max_amount_per_tenancy" bigint,
	"prioritise_lbf_cofinancing" boolean DEFAULT true NOT NULL,
	"prioritise_acute" boolean DEFAULT true NOT NULL,
	"report_due_month_day" text DEFAULT '03-31' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disposition_funds_max_years" CHECK ("disposition_funds"."max_years" between 1 and 10),
	CONSTRAINT "disposition_funds_min_own_share" CHECK ("disposition_funds"."min_own_share_percent" is null or "disposition_funds"."min_own_share_percent" between 0 and 100),
	CONSTRAINT "disposition_funds_max_per_tenancy" CHECK ("disposition_funds"."max_amount_per_tenancy" is null or "disposition_funds"."max_amount_per_tenancy" >= 0),
	CONSTRAINT "disposition_funds_report_due" CHECK ("disposition_funds"."report_due_month_day" ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')
);
--> statement-breakpoint
CREATE TABLE "fund_application_funding" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"kind" "fund_funding_kind" NOT NULL,
	"plan_id" integer,
	"name" text,
	"amount" bigint NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "fund_application_funding_non_negative" CHECK ("fund_application_funding"."amount" >= 0),
	CONSTRAINT "fund_application_funding_named" CHECK ("fund_application_funding"."plan_id" is not null or "fund_application_funding"."name" is not null),
	CONSTRAINT "fund_application_funding_plan_kind" CHECK ("fund_application_funding"."plan_id" is null or "fund_application_funding"."kind" = 'lbf_plan')
);
--> statement-breakpoint
CREATE TABLE "fund_application_years" (
	"application_id" integer NOT NULL,
	"year" integer NOT NULL,
	"requested_amount" bigint NOT NULL,
	"own_contribution" bigint NOT NULL,
	CONSTRAINT "fund_application_years_application_id_year_pk" PRIMARY KEY("application_id","year"),
	CONSTRAINT "fund_application_years_non_negative" CHECK ("fund_application_years"."requested_amount" >= 0 and "fund_application_years"."own_contribution" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fund_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"fund_id" integer NOT NULL,
	"estate_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" jsonb,
	"purpose" jsonb,
	"need" "fund_need" DEFAULT 'preventive' NOT NULL,
	"not_ordinary_activity" boolean DEFAULT false NOT NULL,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"tenancies" integer,
	"status" "fund_application_status" DEFAULT 'draft' NOT NULL,
	"assessment" text,
	"recommendation" "fund_recommendation",
	"assessed_by" integer,
	"assessed_at" timestamp with time zone,
	"decision_date" date,
	"decision_conditions" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_applications_period" CHECK ("fund_applications"."end_year" >= "fund_applications"."start_year"),
	CONSTRAINT "fund_applications_tenancies" CHECK ("fund_applications"."tenancies" is null or "fund_applications"."tenancies" >= 0),
	CONSTRAINT "fund_applications_decided" CHECK ("fund_applications"."status" not in ('approved', 'approved_reduced', 'rejected') or ("fund_applications"."decision_date" is not null and "fund_applications"."decided_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "fund_frames" (
	"fund_id" integer NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "fund_frames_fund_id_year_pk" PRIMARY KEY("fund_id","year"),
	CONSTRAINT "fund_frames_non_negative" CHECK ("fund_frames"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fund_grant_years" (
	"grant_id" integer NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "fund_grant_years_grant_id_year_pk" PRIMARY KEY("grant_id","year"),
	CONSTRAINT "fund_grant_years_positive" CHECK ("fund_grant_years"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "fund_grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"fund_id" integer NOT NULL,
	"estate_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"year" integer NOT NULL,
	"spent" bigint DEFAULT 0 NOT NULL,
	"activities" jsonb,
	"status" "fund_report_status" DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_reports_non_negative" CHECK ("fund_reports"."spent" >= 0)
);
--> statement-breakpoint
ALTER TABLE "disposition_funds" ADD CONSTRAINT "disposition_funds_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_application_funding" ADD CONSTRAINT "fund_application_funding_application_id_fund_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."fund_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_application_funding" ADD CONSTRAINT "fund_application_funding_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_application_years" ADD CONSTRAINT "fund_application_years_application_id_fund_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."fund_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_fund_id_disposition_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."disposition_funds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_estate_id_organisations_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_frames" ADD CONSTRAINT "fund_frames_fund_id_disposition_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."disposition_funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_grant_years" ADD CONSTRAINT "fund_grant_years_grant_id_fund_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."fund_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_grants" ADD CONSTRAINT "fund_grants_application_id_fund_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."fund_applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_grants" ADD CONSTRAINT "fund_grants_fund_id_disposition_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."disposition_funds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_grants" ADD CONSTRAINT "fund_grants_estate_id_organisations_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_reports" ADD CONSTRAINT "fund_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_reports" ADD CONSTRAINT "fund_reports_grant_year_fk" FOREIGN KEY ("grant_id","year") REFERENCES "public"."fund_grant_years"("grant_id","year") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disposition_funds_organisation_uq" ON "disposition_funds" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "fund_application_funding_application_idx" ON "fund_application_funding" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "fund_applications_fund_idx" ON "fund_applications" USING btree ("fund_id","status");--> statement-breakpoint
CREATE INDEX "fund_applications_estate_idx" ON "fund_applications" USING btree ("estate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_grants_application_uq" ON "fund_grants" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "fund_grants_fund_idx" ON "fund_grants" USING btree ("fund_id");--> statement-breakpoint
CREATE INDEX "fund_grants_estate_idx" ON "fund_grants" USING btree ("estate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_reports_grant_year_uq" ON "fund_reports" USING btree ("grant_id","year");