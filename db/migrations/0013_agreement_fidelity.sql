-- Issue 12: real delaftaler fit without loss. Every existing agreement keeps its content: the
-- opening clause becomes the text it showed, goals become rows, staff lines become the text they
-- printed (without "×"). Approved versions are frozen snapshots and are not touched.
ALTER TYPE "public"."funding_source_kind" ADD VALUE IF NOT EXISTS 'local';--> statement-breakpoint
CREATE TYPE "public"."template_edition" AS ENUM('older', '2018');--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "template_edition" "template_edition" DEFAULT '2018' NOT NULL;--> statement-breakpoint
-- A plan whose agreements used the older clause follows the older template edition.
UPDATE "plans" p SET "template_edition" = 'older'
 WHERE EXISTS (SELECT 1 FROM "agreements" a WHERE a."plan_id" = p."id" AND a."opening_clause" = 'continuous_update');--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "opening_text" text;--> statement-breakpoint
UPDATE "agreements" SET "opening_text" = CASE "opening_clause"
  WHEN 'continuous_update' THEN 'Bestyrelsen for den boligsociale indsats sørger for, at denne delaftale løbende ajourføres.'
  ELSE 'Delaftalen skal understøtte målene i den strategiske samarbejdsaftale for boligområdet. Bestyrelsen for den boligsociale indsats sørger for, at delaftalen holdes ajour.'
END;--> statement-breakpoint
ALTER TABLE "agreements" ALTER COLUMN "opening_text" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" DROP COLUMN "opening_clause";--> statement-breakpoint
DROP TYPE "public"."opening_clause";--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "purposes_lead_in" text;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "goals_lead_in" text;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "primary_target_group" jsonb;--> statement-breakpoint
CREATE TABLE "goals" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"parent_id" integer,
	"text" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "goals_text" CHECK (length(trim("goals"."text")) > 0)
);--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_parent_id_goals_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "goals_agreement_idx" ON "goals" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "goals_parent_idx" ON "goals" USING btree ("parent_id");--> statement-breakpoint
INSERT INTO "goals" ("agreement_id", "text", "position")
SELECT a."id", g."value", (g."ord" - 1)::integer
  FROM "agreements" a, jsonb_array_elements_text(a."goals") WITH ORDINALITY AS g("value", "ord")
 WHERE length(trim(g."value")) > 0
 ORDER BY a."id", g."ord";--> statement-breakpoint
ALTER TABLE "agreements" DROP COLUMN "goals";--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "short_name" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "purposes_lead_in" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "target_groups_lead_in" text;--> statement-breakpoint
ALTER TABLE "success_criteria" ADD COLUMN "baseline_text" text;--> statement-breakpoint
ALTER TABLE "success_criteria" ADD COLUMN "target_text" text;--> statement-breakpoint
ALTER TABLE "funding_sources" ADD COLUMN "period_total" bigint;--> statement-breakpoint
ALTER TABLE "funding_sources" ADD CONSTRAINT "funding_sources_period_total" CHECK ("funding_sources"."period_total" >= 0);--> statement-breakpoint
ALTER TABLE "staff_resources" ADD COLUMN "description" text;--> statement-breakpoint
-- The line the agreement printed, with Danish decimals and without "×": "2 Børne- og
-- ungemedarbejder, 37 timer/uge, 1,5 årsværk, note".
UPDATE "staff_resources" SET "description" = concat_ws(', ',
  CASE WHEN "count" IS NULL THEN "role"
       ELSE replace(rtrim(rtrim("count"::text, '0'), '.'), '.', ',') || ' ' || "role" END,
  CASE WHEN "hours_per_week" IS NULL THEN NULL
       ELSE replace(rtrim(rtrim("hours_per_week"::text, '0'), '.'), '.', ',') || ' timer/uge' END,
  CASE WHEN "fte" IS NULL THEN NULL
       ELSE replace(rtrim(rtrim("fte"::text, '0'), '.'), '.', ',') || ' årsværk' END,
  NULLIF(trim("note"), ''));--> statement-breakpoint
ALTER TABLE "staff_resources" ALTER COLUMN "description" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_resources" DROP COLUMN "role";--> statement-breakpoint
ALTER TABLE "staff_resources" DROP COLUMN "count";--> statement-breakpoint
ALTER TABLE "staff_resources" DROP COLUMN "hours_per_week";--> statement-breakpoint
ALTER TABLE "staff_resources" DROP COLUMN "fte";--> statement-breakpoint
ALTER TABLE "staff_resources" DROP COLUMN "note";
