-- Custom migration (hand-written; see docs/adr/0210-audit-hash-chain.md).
--
-- 1. The audit hash chain. Every insert into audit_log, from any writer (services, the generic
--    write trigger below, the sign-in code of another module, psql), goes through this trigger:
--    it locks the chain head (audit_chain_head), gives the new row the next seq and
--    prev_hash, and hashes prev_hash || '|' || the row as jsonb text (timezone UTC,
--    so the text is the same in every session). New columns are covered automatically.
-- The chain head lives in a one-row table: reading and moving it is O(1) whatever the size of
-- audit_log (a "max(seq)" query inside the trigger can get a cached sequential-scan plan), and
-- its row lock serialises writers: after waiting, FOR UPDATE sees the head the previous writer
-- committed. It also lets verify notice rows removed from the end of the chain.
CREATE TABLE audit_chain_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL,
  hash text NOT NULL
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_chain_link() RETURNS trigger
LANGUAGE plpgsql SET timezone = 'UTC' AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  SELECT h.seq, h.hash INTO last_seq, last_hash FROM audit_chain_head h WHERE h.id FOR UPDATE;
  NEW.seq := last_seq + 1;
  NEW.prev_hash := last_hash;
  NEW.hash := NULL;
  NEW.hash := encode(sha256(convert_to(NEW.prev_hash || '|' || (to_jsonb(NEW) - 'hash' - 'prev_hash')::text, 'UTF8')), 'hex');
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- 2. Existing rows join the chain in id order before the trigger exists.
DO $$
DECLARE
  r record;
  prev text := repeat('0', 64);
  n bigint := 0;
  h text;
BEGIN
  SET LOCAL timezone = 'UTC';
  FOR r IN SELECT id FROM audit_log ORDER BY id LOOP
    n := n + 1;
    UPDATE audit_log SET seq = n, prev_hash = prev, hash = NULL WHERE id = r.id;
    SELECT encode(sha256(convert_to(prev || '|' || (to_jsonb(a) - 'hash' - 'prev_hash')::text, 'UTF8')), 'hex') INTO h FROM audit_log a WHERE a.id = r.id;
    UPDATE audit_log SET hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
  INSERT INTO audit_chain_head (id, seq, hash) VALUES (true, n, prev);
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_chain_link();
--> statement-breakpoint
-- 3. Rows are never changed. Retention deletes the oldest rows only, inside a transaction that
--    sets pes.audit_prune = 'on' and writes a checkpoint (src/modules/audit/audit.service.ts).
CREATE OR REPLACE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('pes.audit_prune', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable();
--> statement-breakpoint
ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL;
--> statement-breakpoint
ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL;
--> statement-breakpoint
ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL;
--> statement-breakpoint
-- 4. Every write by a person or key, audited in the writer's transaction. The API sets
--    pes.actor (transaction-local) at the start of every transaction it opens for a request
--    with a principal (src/modules/audit/audit.context.ts); workers and seeds set nothing and
--    are not audited here. Field names only, never values (personal data stays out).
CREATE OR REPLACE FUNCTION audit_row_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor jsonb;
  newj jsonb;
  oldj jsonb;
  subj text;
  cols text[];
BEGIN
  actor := nullif(current_setting('pes.actor', true), '')::jsonb;
  IF actor IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN newj := to_jsonb(NEW); END IF;
  IF TG_OP <> 'INSERT' THEN oldj := to_jsonb(OLD); END IF;
  subj := coalesce(newj->>'id', oldj->>'id', newj->>'code', oldj->>'code', '');
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(n.key ORDER BY n.key) INTO cols FROM jsonb_each(newj) n
     WHERE n.value IS DISTINCT FROM oldj->n.key AND n.key NOT IN ('updated_at', 'version');
    IF cols IS NULL THEN
      RETURN NULL;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO cols FROM jsonb_each(newj) n
     WHERE n.value <> 'null'::jsonb AND n.key NOT IN ('id', 'created_at', 'updated_at', 'version');
  ELSE
    cols := '{}';
  END IF;
  INSERT INTO audit_log (actor_key_id, actor_name, actor_role, action, subject_type, subject_id, fields, reason, request_id)
  VALUES (nullif(actor->>'keyId', '')::uuid, coalesce(actor->>'name', '?'), coalesce(actor->>'role', '?'),
          'write.' || lower(TG_OP), TG_TABLE_NAME, subj, cols, coalesce(actor->>'route', ''), actor->>'requestId');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON offices FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON districts FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON employers FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON fairs FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON fair_booths FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON vacancies FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON vacancy_imports FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON seekers FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON referrals FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON placements FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
CREATE TRIGGER audit_write AFTER INSERT OR UPDATE OR DELETE ON saved_searches FOR EACH ROW EXECUTE FUNCTION audit_row_write();
--> statement-breakpoint
-- 5. Consent history starts from the two booleans the service had before (notice "legacy").
INSERT INTO seeker_consents (seeker_id, purpose, granted, notice_version, channel, actor_name, created_at)
SELECT id, 'recruiter_search'::consent_purpose, consent_searchable, 'legacy', 'staff_counter'::consent_channel, 'migration', registered_at FROM seekers
UNION ALL
SELECT id, 'contact_release'::consent_purpose, consent_contact_via_referral, 'legacy', 'staff_counter'::consent_channel, 'migration', registered_at FROM seekers;
--> statement-breakpoint
-- 6. Priority groups recorded so far were recorded by staff for 就业困难人员认定: public-service basis.
UPDATE seekers SET sensitive_basis = 'public_service' WHERE cardinality(priority_groups) > 0;
