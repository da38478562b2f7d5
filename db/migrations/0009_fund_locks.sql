-- Dispositionsfond decisions and reports never change (DESIGN.md R7; enforced here and not only in
-- code, like approved agreement versions in 0004 and final progress reports in 0007).
-- A decided application (approved, approved with a lower amount, rejected) cannot be updated or
-- deleted. The decision itself is the one allowed change: an update from 'submitted' to a decided
-- status, since OLD is then not decided yet.
CREATE OR REPLACE FUNCTION fund_applications_guard() RETURNS trigger AS $$
BEGIN
  IF OLD.status IN ('approved', 'approved_reduced', 'rejected') THEN
    RAISE EXCEPTION 'fund application % is decided (%) and cannot change', OLD.id, OLD.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER fund_applications_immutable
  BEFORE UPDATE OR DELETE ON fund_applications
  FOR EACH ROW EXECUTE FUNCTION fund_applications_guard();
--> statement-breakpoint
-- The budget (year rows) and the other funding of a decided application are part of what was
-- decided: no row may be added, changed or removed, and no row may be moved to or from it.
CREATE OR REPLACE FUNCTION fund_application_rows_guard() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM fund_applications a
     WHERE a.status IN ('approved', 'approved_reduced', 'rejected')
       AND ((TG_OP <> 'DELETE' AND a.id = NEW.application_id)
         OR (TG_OP <> 'INSERT' AND a.id = OLD.application_id))
  ) THEN
    RAISE EXCEPTION 'the fund application is decided: its % cannot change', TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER fund_application_years_decided_lock
  BEFORE INSERT OR UPDATE OR DELETE ON fund_application_years
  FOR EACH ROW EXECUTE FUNCTION fund_application_rows_guard();
--> statement-breakpoint
CREATE TRIGGER fund_application_funding_decided_lock
  BEFORE INSERT OR UPDATE OR DELETE ON fund_application_funding
  FOR EACH ROW EXECUTE FUNCTION fund_application_rows_guard();
--> statement-breakpoint
-- A grant and its amounts per year are the decision's result: written once, never changed.
CREATE OR REPLACE FUNCTION fund_grants_guard() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'a fund grant cannot change (%)', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER fund_grants_immutable
  BEFORE UPDATE OR DELETE ON fund_grants
  FOR EACH ROW EXECUTE FUNCTION fund_grants_guard();
--> statement-breakpoint
CREATE TRIGGER fund_grant_years_immutable
  BEFORE UPDATE OR DELETE ON fund_grant_years
  FOR EACH ROW EXECUTE FUNCTION fund_grants_guard();
--> statement-breakpoint
-- A submitted yearly report on a grant never changes and cannot be deleted.
CREATE OR REPLACE FUNCTION fund_reports_guard() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'submitted' THEN
    RAISE EXCEPTION 'fund report % is submitted and cannot change', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER fund_reports_immutable
  BEFORE UPDATE OR DELETE ON fund_reports
  FOR EACH ROW EXECUTE FUNCTION fund_reports_guard();
