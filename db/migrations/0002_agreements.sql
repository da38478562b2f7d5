CREATE TYPE "public"."funding_source_kind" AS ENUM('lbf', 'municipality', 'housing_organisation', 'other');--> statement-breakpoint
CREATE TYPE "public"."opening_clause" AS ENUM('continuous_update', 'strategic_goals');--> statement-breakpoint
CREATE TYPE "public"."party_tier" AS ENUM('primary', 'secondary');--> statement-breakpoint
CREATE TABLE "activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"name" text NOT NULL,
	"reference" text,
	"content" jsonb,
	"purposes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_parties" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"tier" "party_tier" NOT NULL,
	"group_heading" text,
	"organisation_id" integer,
	"label" text,
	"contact_person_id" integer,
	"position" integer NOT NULL,
	CONSTRAINT "agreement_parties_named" CHECK ("agreement_parties"."organisation_id" is not null or "agreement_parties"."label" is not null)
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"focus_area_id" integer NOT NULL,
	"opening_clause" "opening_clause" DEFAULT 'strategic_goals' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"problem_statement" jsonb,
	"purposes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"method" jsonb,
	"municipal_interplay" jsonb,
	"anchoring" jsonb,
	"conflict_handling" jsonb,
	"revision_clause" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_valid_order" CHECK ("agreements"."valid_to" > "agreements"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "budget_amounts" (
	"funding_source_id" integer NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "budget_amounts_funding_source_id_year_pk" PRIMARY KEY("funding_source_id","year"),
	CONSTRAINT "budget_amounts_non_negative" CHECK ("budget_amounts"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "funding_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"kind" "funding_source_kind" NOT NULL,
	"name" text,
	"organisation_id" integer,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responsibilities" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"organisation_id" integer,
	"label" text,
	"duties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "responsibilities_named" CHECK ("responsibilities"."organisation_id" is not null or "responsibilities"."label" is not null)
);
--> statement-breakpoint
CREATE TABLE "staff_resources" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"role" text NOT NULL,
	"count" numeric(6, 2),
	"hours_per_week" numeric(6, 2),
	"fte" numeric(6, 2),
	"note" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "success_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"activity_id" integer,
	"text" text NOT NULL,
	"data_source" text NOT NULL,
	"baseline_value" numeric(14, 2),
	"baseline_unit" text,
	"baseline_year" integer,
	"target_value" numeric(14, 2),
	"target_unit" text,
	"target_year" integer,
	"position" integer NOT NULL,
	CONSTRAINT "success_criteria_data_source" CHECK (length(trim("success_criteria"."data_source")) > 0)
);
--> statement-breakpoint
CREATE TABLE "working_group_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"working_group_id" integer NOT NULL,
	"person_id" integer,
	"count" integer,
	"description" text,
	"organisation_id" integer,
	"names" text,
	"position" integer NOT NULL,
	CONSTRAINT "working_group_members_who" CHECK ("working_group_members"."person_id" is not null or "working_group_members"."description" is not null or "working_group_members"."organisation_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "working_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_contact_person_id_people_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_focus_area_id_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_areas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_amounts" ADD CONSTRAINT "budget_amounts_funding_source_id_funding_sources_id_fk" FOREIGN KEY ("funding_source_id") REFERENCES "public"."funding_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_sources" ADD CONSTRAINT "funding_sources_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_sources" ADD CONSTRAINT "funding_sources_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibilities" ADD CONSTRAINT "responsibilities_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibilities" ADD CONSTRAINT "responsibilities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_resources" ADD CONSTRAINT "staff_resources_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_criteria" ADD CONSTRAINT "success_criteria_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_criteria" ADD CONSTRAINT "success_criteria_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_members" ADD CONSTRAINT "working_group_members_working_group_id_working_groups_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_members" ADD CONSTRAINT "working_group_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_members" ADD CONSTRAINT "working_group_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_groups" ADD CONSTRAINT "working_groups_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_agreement_idx" ON "activities" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "agreement_parties_agreement_idx" ON "agreement_parties" USING btree ("agreement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_plan_focus_area_uq" ON "agreements" USING btree ("plan_id","focus_area_id");--> statement-breakpoint
CREATE INDEX "funding_sources_agreement_idx" ON "funding_sources" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "responsibilities_activity_idx" ON "responsibilities" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "staff_resources_agreement_idx" ON "staff_resources" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "success_criteria_agreement_idx" ON "success_criteria" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "success_criteria_activity_idx" ON "success_criteria" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "working_group_members_group_idx" ON "working_group_members" USING btree ("working_group_id");--> statement-breakpoint
CREATE INDEX "working_groups_agreement_idx" ON "working_groups" USING btree ("agreement_id");