-- Issue 16 items 2 and 10. The guards of 0004, 0007 and 0009 covered UPDATE and DELETE of the
-- locked row itself; this closes the other ways in: INSERT of a row that is locked from birth (a
-- grant year added to a decided grant, a version or report created already decided), moving a child
-- row to another parent, and status changes the application never makes.
--
-- True when the row with this xmin was written by the current transaction (or one of its
-- savepoints). A visible row whose writer is still in progress can only be our own.
CREATE OR REPLACE FUNCTION written_by_current_transaction(row_xmin xid) RETURNS boolean AS $$
DECLARE
  current_full bigint := pg_current_xact_id()::text::bigint;
  candidate bigint := (current_full & ~4294967295::bigint) | row_xmin::text::bigint;
BEGIN
  IF candidate > current_full THEN
    candidate := candidate - 4294967296;
  END IF;
  IF candidate < 3 THEN
    RETURN false;
  END IF;
  RETURN pg_xact_status(candidate::text::xid8) = 'in progress';
END;
$$ LANGUAGE plpgsql VOLATILE;
--> statement-breakpoint
-- Agreement versions (0004). A version is created as a proposal; an approved or superseded one is
-- only ever reached through the board's decision. Approved → superseded stays the one change of a
-- decided version, now also checked at commit (below) for a newer approved version.
CREATE OR REPLACE FUNCTION agreement_versions_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'proposed' THEN
      RAISE EXCEPTION 'an agreement version is created as a proposal, not %', NEW.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'proposed' THEN
      RAISE EXCEPTION 'agreement version % (%) cannot be deleted', OLD.id, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'proposed' THEN
    IF NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.number <> OLD.number
       OR NEW.agreement_id <> OLD.agreement_id THEN
      RAISE EXCEPTION 'the snapshot of agreement version % cannot change', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.status = 'superseded' THEN
      RAISE EXCEPTION 'agreement version % was never approved and cannot be superseded', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status = 'approved' AND NEW.status = 'superseded'
     AND (to_jsonb(NEW) - 'status') = (to_jsonb(OLD) - 'status') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'agreement version % (%) is immutable', OLD.id, OLD.status
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS agreement_versions_immutable ON agreement_versions;
--> statement-breakpoint
CREATE TRIGGER agreement_versions_immutable
  BEFORE INSERT OR UPDATE OR DELETE ON agreement_versions
  FOR EACH ROW EXECUTE FUNCTION agreement_versions_guard();
--> statement-breakpoint
-- A superseded version needs a newer approved one. decideRevision supersedes the current version
-- before it approves the proposal (one approved version at a time), so this is checked at commit.
CREATE OR REPLACE FUNCTION agreement_versions_superseded_check() RETURNS trigger AS $$
BEGIN
  IF NEW.status = 'superseded' AND NOT EXISTS (
    SELECT 1 FROM agreement_versions v
     WHERE v.agreement_id = NEW.agreement_id
       AND v.number > NEW.number
       AND v.status IN ('approved', 'superseded')
  ) THEN
    RAISE EXCEPTION 'agreement version % cannot be superseded without a newer approved version', NEW.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER agreement_versions_superseded_by_newer
  AFTER UPDATE ON agreement_versions
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.status = 'superseded' AND OLD.status <> 'superseded')
  EXECUTE FUNCTION agreement_versions_superseded_check();
--> statement-breakpoint
-- Progress reports (0007): a report is created as a draft and becomes final only by finalising.
CREATE OR REPLACE FUNCTION progress_reports_insert_guard() RETURNS trigger AS $$
BEGIN
  IF NEW.status <> 'draft' THEN
    RAISE EXCEPTION 'a progress report is created as a draft, not %', NEW.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER progress_reports_created_as_draft
  BEFORE INSERT ON progress_reports
  FOR EACH ROW EXECUTE FUNCTION progress_reports_insert_guard();
--> statement-breakpoint
-- The year's measurements and spend under a final report (0007) could still be deleted, because a
-- criterion or funding source removed from the draft took them along. Such rows are now retired
-- instead (below), so deleting them is locked too.
CREATE OR REPLACE FUNCTION measurements_report_guard() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM success_criteria c
      JOIN agreements a ON a.id = c.agreement_id
      JOIN progress_reports r ON r.plan_id = a.plan_id
     WHERE r.status = 'final'
       AND ((TG_OP <> 'DELETE' AND c.id = NEW.criterion_id AND r.year = NEW.year)
         OR (TG_OP <> 'INSERT' AND c.id = OLD.criterion_id AND r.year = OLD.year))
  ) THEN
    RAISE EXCEPTION 'the progress report on % is final: its measurements are locked',
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
DROP TRIGGER IF EXISTS measurements_report_lock ON measurements;
--> statement-breakpoint
CREATE TRIGGER measurements_report_lock
  BEFORE INSERT OR UPDATE OR DELETE ON measurements
  FOR EACH ROW EXECUTE FUNCTION measurements_report_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION expenditures_report_guard() RETURNS trigger AS $$
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
DROP TRIGGER IF EXISTS expenditures_report_lock ON expenditures;
--> statement-breakpoint
CREATE TRIGGER expenditures_report_lock
  BEFORE INSERT OR UPDATE OR DELETE ON expenditures
  FOR EACH ROW EXECUTE FUNCTION expenditures_report_guard();
--> statement-breakpoint
-- Deleting a criterion or funding source cascades to its figures, and the cascade no longer sees
-- the deleted parent (so the guards above cannot tell its plan): check before the parent goes.
CREATE OR REPLACE FUNCTION success_criteria_report_guard() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM measurements m
      JOIN agreements a ON a.id = OLD.agreement_id
      JOIN progress_reports r ON r.plan_id = a.plan_id AND r.year = m.year
     WHERE m.criterion_id = OLD.id AND r.status = 'final'
  ) THEN
    RAISE EXCEPTION 'success criterion % has measurements in a final progress report: its measurements are locked', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER success_criteria_report_lock
  BEFORE DELETE ON success_criteria
  FOR EACH ROW EXECUTE FUNCTION success_criteria_report_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION funding_sources_report_guard() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM expenditures e
      JOIN agreements a ON a.id = OLD.agreement_id
      JOIN progress_reports r ON r.plan_id = a.plan_id AND r.year = e.year
     WHERE e.funding_source_id = OLD.id AND r.status = 'final'
  ) THEN
    RAISE EXCEPTION 'funding source % has spend in a final progress report: its spending is locked', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER funding_sources_report_lock
  BEFORE DELETE ON funding_sources
  FOR EACH ROW EXECUTE FUNCTION funding_sources_report_guard();
--> statement-breakpoint
-- The rows that measurements and spend hang on keep their agreement (and a criterion its
-- activity): moving one would carry a final year's figures into another plan or agreement.
CREATE OR REPLACE FUNCTION agreement_rows_parent_guard() RETURNS trigger AS $$
BEGIN
  IF NEW.agreement_id <> OLD.agreement_id THEN
    RAISE EXCEPTION '% % cannot move to another agreement', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION success_criteria_parent_guard() RETURNS trigger AS $$
BEGIN
  IF NEW.agreement_id <> OLD.agreement_id
     OR NEW.activity_id IS DISTINCT FROM OLD.activity_id THEN
    RAISE EXCEPTION 'success criterion % cannot move to another agreement or activity', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER success_criteria_keep_parent
  BEFORE UPDATE ON success_criteria
  FOR EACH ROW EXECUTE FUNCTION success_criteria_parent_guard();
--> statement-breakpoint
CREATE TRIGGER activities_keep_parent
  BEFORE UPDATE ON activities
  FOR EACH ROW EXECUTE FUNCTION agreement_rows_parent_guard();
--> statement-breakpoint
CREATE TRIGGER funding_sources_keep_parent
  BEFORE UPDATE ON funding_sources
  FOR EACH ROW EXECUTE FUNCTION agreement_rows_parent_guard();
--> statement-breakpoint
-- Fund applications (0009): created open, decided only from 'submitted' (the board's decision).
CREATE OR REPLACE FUNCTION fund_applications_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status IN ('approved', 'approved_reduced', 'rejected') THEN
      RAISE EXCEPTION 'a fund application cannot be created decided (%)', NEW.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status IN ('approved', 'approved_reduced', 'rejected') THEN
    RAISE EXCEPTION 'fund application % is decided (%) and cannot change', OLD.id, OLD.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.status IN ('approved', 'approved_reduced', 'rejected') AND OLD.status <> 'submitted' THEN
    RAISE EXCEPTION 'fund application % is % and cannot be decided', OLD.id, OLD.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS fund_applications_immutable ON fund_applications;
--> statement-breakpoint
CREATE TRIGGER fund_applications_immutable
  BEFORE INSERT OR UPDATE OR DELETE ON fund_applications
  FOR EACH ROW EXECUTE FUNCTION fund_applications_guard();
--> statement-breakpoint
-- A grant belongs to an approved application of the same fund and estate, and its amounts per
-- year are written with it, in the decision's transaction: a later transaction cannot add a year.
CREATE OR REPLACE FUNCTION fund_grants_insert_guard() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'fund_grants' THEN
    IF NOT EXISTS (
      SELECT 1 FROM fund_applications a
       WHERE a.id = NEW.application_id
         AND a.status IN ('approved', 'approved_reduced')
         AND a.fund_id = NEW.fund_id AND a.estate_id = NEW.estate_id
    ) THEN
      RAISE EXCEPTION 'a fund grant needs an approved application of the same fund and estate'
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM fund_grants g
     WHERE g.id = NEW.grant_id AND written_by_current_transaction(g.xmin)
  ) THEN
    RAISE EXCEPTION 'fund grant % is decided: no year can be added', NEW.grant_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER fund_grants_insert_lock
  BEFORE INSERT ON fund_grants
  FOR EACH ROW EXECUTE FUNCTION fund_grants_insert_guard();
--> statement-breakpoint
CREATE TRIGGER fund_grant_years_insert_lock
  BEFORE INSERT ON fund_grant_years
  FOR EACH ROW EXECUTE FUNCTION fund_grants_insert_guard();
--> statement-breakpoint
-- Item 10: a criterion, activity or funding source with history (measurements, spend) is retired
-- instead of deleted when it leaves the working draft (docs/decisions/0006-retired-rows.md).
ALTER TABLE success_criteria ADD COLUMN retired_at timestamp with time zone;
--> statement-breakpoint
ALTER TABLE activities ADD COLUMN retired_at timestamp with time zone;
--> statement-breakpoint
ALTER TABLE funding_sources ADD COLUMN retired_at timestamp with time zone;
