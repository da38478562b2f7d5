-- Approved and superseded versions never change (DESIGN.md R6), enforced here and not only in code.
-- The one change allowed is the status of the current approved version becoming 'superseded' when
-- a newer version is approved. Rejected and withdrawn versions are history too: they keep their
-- snapshot and decision. Such rows can never be deleted.
CREATE OR REPLACE FUNCTION agreement_versions_guard() RETURNS trigger AS $$
BEGIN
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
CREATE TRIGGER agreement_versions_immutable
  BEFORE UPDATE OR DELETE ON agreement_versions
  FOR EACH ROW EXECUTE FUNCTION agreement_versions_guard();
