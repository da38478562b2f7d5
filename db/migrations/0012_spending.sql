-- One name per concept: the actual spend per funding source and year is "spending" in the code,
-- the UI and the URLs, so the table (and its constraints, trigger and guard functions) says so too.
ALTER TABLE "expenditures" RENAME TO "spending";--> statement-breakpoint
ALTER TABLE "spending" RENAME CONSTRAINT "expenditures_funding_source_id_year_pk" TO "spending_funding_source_id_year_pk";--> statement-breakpoint
ALTER TABLE "spending" RENAME CONSTRAINT "expenditures_non_negative" TO "spending_non_negative";--> statement-breakpoint
ALTER TABLE "spending" RENAME CONSTRAINT "expenditures_funding_source_id_funding_sources_id_fk" TO "spending_funding_source_id_funding_sources_id_fk";--> statement-breakpoint
ALTER TABLE "spending" RENAME CONSTRAINT "expenditures_updated_by_users_id_fk" TO "spending_updated_by_users_id_fk";--> statement-breakpoint
DROP TRIGGER IF EXISTS expenditures_report_lock ON spending;
--> statement-breakpoint
DROP FUNCTION IF EXISTS expenditures_report_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION spending_report_guard() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM funding_sources f
      JOIN agreements a ON a.id = f.agreement_id
      JOIN progress_reports r ON r.plan_id = a.plan_id
     WHERE r.status = 'final'
       AND ((TG_OP <> 'DELETE' AND f.id = NEW.funding_source_id AND r.year = NEW.year)
         OR (TG_OP <> 'INSERT' AND f.id = OLD.funding_source_id AND r.year = OLD.year))
  ) THEN
    RAISE EXCEPTION 'the progress report on % is final: its spending is locked',
      CASE WHEN TG_OP = 'DELETE' THEN OLD.year ELSE NEW.year END
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER spending_report_lock
  BEFORE INSERT OR UPDATE OR DELETE ON spending
  FOR EACH ROW EXECUTE FUNCTION spending_report_guard();
--> statement-breakpoint
-- The guard on deleting a funding source names the table in its body (resolved when it runs).
CREATE OR REPLACE FUNCTION funding_sources_report_guard() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM spending s
      JOIN agreements a ON a.id = OLD.agreement_id
      JOIN progress_reports r ON r.plan_id = a.plan_id AND r.year = s.year
     WHERE s.funding_source_id = OLD.id AND r.status = 'final'
  ) THEN
    RAISE EXCEPTION 'funding source % has spend in a final progress report: its spending is locked', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
