CREATE TYPE "public"."measurement_status" AS ENUM('met', 'partly_met', 'not_met', 'not_measured');--> statement-breakpoint
CREATE TABLE "expenditures" (
	"funding_source_id" integer NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL,
	"note" text,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expenditures_funding_source_id_year_pk" PRIMARY KEY("funding_source_id","year"),
	CONSTRAINT "expenditures_non_negative" CHECK ("expenditures"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "measurements" (
	"id" serial PRIMARY KEY NOT NULL,
	"criterion_id" integer NOT NULL,
	"year" integer NOT NULL,
	"value_number" numeric(14, 2),
	"value_text" text,
	"unit" text,
	"status" "measurement_status" DEFAULT 'not_measured' NOT NULL,
	"override_reason" text,
	"comment" text,
	"source" text,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "report_due_month_day" text DEFAULT '06-30' NOT NULL;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_funding_source_id_funding_sources_id_fk" FOREIGN KEY ("funding_source_id") REFERENCES "public"."funding_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_criterion_id_success_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."success_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "measurements_criterion_year_uq" ON "measurements" USING btree ("criterion_id","year");--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_report_due" CHECK ("plans"."report_due_month_day" ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$');