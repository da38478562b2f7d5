CREATE TABLE "change_counters" (
	"table_name" text PRIMARY KEY NOT NULL,
	"changes" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"table_name" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "change_log_table_name_idx" ON "change_log" USING btree ("table_name");
--> statement-breakpoint
-- One row per table a cached sector-wide result reads (app/models/internal/change-cache.server.ts):
-- a statement-level trigger inserts a row into change_log in the writing transaction, so whoever
-- sees the new count also sees the write. Writers only insert, so they never wait for each other on
-- a counter row (and cannot deadlock over two tables' rows); readers fold the log into the counters
-- now and then. A table's count is its counter plus its rows in the log. A table a cache starts to
-- read needs a row and a trigger here (test/integration/change-cache.test.ts compares them to the
-- tables the cached queries name).
INSERT INTO "change_counters" ("table_name") VALUES
  ('agreement_versions'),
  ('agreements'),
  ('disposition_funds'),
  ('focus_areas'),
  ('fund_applications'),
  ('fund_frames'),
  ('fund_grant_years'),
  ('fund_grants'),
  ('fund_reports'),
  ('funding_rounds'),
  ('measurements'),
  ('organisations'),
  ('plan_memberships'),
  ('plans'),
  ('progress_reports'),
  ('success_criteria');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION count_table_change() RETURNS trigger AS $$
BEGIN
  INSERT INTO change_log (table_name) VALUES (TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER agreement_versions_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agreement_versions
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER agreements_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agreements
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER disposition_funds_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON disposition_funds
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER focus_areas_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON focus_areas
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER fund_applications_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fund_applications
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER fund_frames_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fund_frames
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER fund_grant_years_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fund_grant_years
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER fund_grants_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fund_grants
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER fund_reports_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fund_reports
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER funding_rounds_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON funding_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER measurements_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON measurements
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER organisations_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER plan_memberships_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER plans_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plans
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER progress_reports_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON progress_reports
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
--> statement-breakpoint
CREATE TRIGGER success_criteria_count_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON success_criteria
  FOR EACH STATEMENT EXECUTE FUNCTION count_table_change();
