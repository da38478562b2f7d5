CREATE TYPE "public"."revision_status" AS ENUM('open', 'submitted', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."version_status" AS ENUM('proposed', 'approved', 'rejected', 'withdrawn', 'superseded');--> statement-breakpoint
CREATE TABLE "agreement_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"revision_id" integer,
	"number" integer NOT NULL,
	"status" "version_status" DEFAULT 'proposed' NOT NULL,
	"snapshot" jsonb NOT NULL,
	"recommendation" text,
	"summary" text,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"meeting_date" date,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"year" integer NOT NULL,
	"status" "revision_status" DEFAULT 'open' NOT NULL,
	"recommendation" text,
	"summary" text,
	"return_note" text,
	"started_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "revision_interval_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_versions_number_uq" ON "agreement_versions" USING btree ("agreement_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_versions_one_proposed_uq" ON "agreement_versions" USING btree ("agreement_id") WHERE "agreement_versions"."status" = 'proposed';--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_versions_one_approved_uq" ON "agreement_versions" USING btree ("agreement_id") WHERE "agreement_versions"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "revisions_agreement_idx" ON "revisions" USING btree ("agreement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "revisions_one_active_uq" ON "revisions" USING btree ("agreement_id") WHERE "revisions"."status" in ('open', 'submitted');--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_revision_interval" CHECK ("plans"."revision_interval_months" between 1 and 24);