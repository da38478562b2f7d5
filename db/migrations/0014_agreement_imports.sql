-- Issue 13: imports of existing delaftaler from Word. The original file is kept (bytea), with the
-- reader's source document and the recogniser's draft and block destinations (jsonb).
CREATE TYPE "public"."import_status" AS ENUM('review', 'saved', 'discarded');--> statement-breakpoint
CREATE TABLE "agreement_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"created_by" integer,
	"file_name" text NOT NULL,
	"file_size" integer NOT NULL,
	"file_sha256" text NOT NULL,
	"file_data" "bytea" NOT NULL,
	"source" jsonb NOT NULL,
	"recognition" jsonb NOT NULL,
	"focus_area_id" integer,
	"status" "import_status" DEFAULT 'review' NOT NULL,
	"agreement_id" integer,
	"revision" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"saved_at" timestamp with time zone,
	"saved_by" integer,
	CONSTRAINT "agreement_imports_file_size" CHECK ("agreement_imports"."file_size" >= 0),
	CONSTRAINT "agreement_imports_saved" CHECK ("agreement_imports"."status" <> 'saved' or "agreement_imports"."saved_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "agreement_imports" ADD CONSTRAINT "agreement_imports_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_imports" ADD CONSTRAINT "agreement_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_imports" ADD CONSTRAINT "agreement_imports_focus_area_id_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_imports" ADD CONSTRAINT "agreement_imports_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_imports" ADD CONSTRAINT "agreement_imports_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_imports_plan_idx" ON "agreement_imports" USING btree ("plan_id");