-- A final progress report never changes (DESIGN.md: like approved versions, enforced here and not
-- only in code). The one change allowed is an admin's reopening: status back to 'draft' with a
-- reason and a new reopening time, leaving the narrative as it was. A final report cannot be
-- deleted.
CREATE OR REPLACE FUNCTION progress_reports_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'final' THEN
      RAISE EXCEPTION 'progress report % is final and cannot be deleted', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'final' THEN
    RETURN NEW;
  END IF;
  IF NEW.status = 'draft'
     AND coalesce(btrim(NEW.reopen_reason), '') <> ''
     AND NEW.reopened_at IS NOT NULL
     AND NEW.reopened_at IS DISTINCT FROM OLD.reopened_at
     AND NEW.plan_id = OLD.plan_id AND NEW.year = OLD.year
     AND NEW.summary IS NOT DISTINCT FROM OLD.summary
     AND NEW.what_worked IS NOT DISTINCT FROM OLD.what_worked
     AND NEW.next_year IS NOT DISTINCT FROM OLD.next_year
     AND NEW.activity_notes = OLD.activity_notes THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'progress report % is final', OLD.id
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER progress_reports_immutable
  BEFORE UPDATE OR DELETE ON progress_reports
  FOR EACH ROW EXECUTE FUNCTION progress_reports_guard();
--> statement-breakpoint
-- The figures a final report was built from are locked for that plan and year too: no new or
-- changed measurement or spend. Deleting stays possible (a criterion or funding source removed in
-- a later revision cascades); the final report keeps its own snapshot of the figures.
CREATE OR REPLACE FUNCTION measurements_report_guard() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM success_criteria c
      JOIN agreements a ON a.id = c.agreement_id
      JOIN progress_reports r ON r.plan_id = a.plan_id
     WHERE r.status = 'final'
       AND ((c.id = NEW.criterion_id AND r.year = NEW.year)
         OR (TG_OP = 'UPDATE' AND c.id = OLD.criterion_id AND r.year = OLD.year))
  ) THEN
    RAISE EXCEPTION 'the progress report on % is final: its measurements are locked', NEW.year
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER measurements_report_lock
  BEFORE INSERT OR UPDATE ON measurements
  FOR EACH ROW EXECUTE FUNCTION measurements_report_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION expenditures_report_guard() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM funding_sources f
      JOIN agreements a ON a.id = f.agreement_id
      JOIN progress_reports r ON r.plan_id = a.plan_id
     WHERE r.status = 'final'
       AND ((f.id = NEW.funding_source_id AND r.year = NEW.year)
         OR (TG_OP = 'UPDATE' AND f.id = OLD.funding_source_id AND r.year = OLD.year))
  ) THEN
    RAISE EXCEPTION 'the progress report on % is final: its spending is locked', NEW.year
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER expenditures_report_lock
  BEFORE INSERT OR UPDATE ON expenditures
  FOR EACH ROW EXECUTE FUNCTION expenditures_report_guard();
