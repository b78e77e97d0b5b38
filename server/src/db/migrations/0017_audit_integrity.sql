-- Audit integrity (等保 2.0 level 3): a hash chain per county over audit_log, TRUNCATE blocked like UPDATE/DELETE,
-- and the only way an entry leaves audit_log: moved unchanged into audit_log_archive after 180 days.

-- The text an entry's hash covers: every column, in a fixed order, timestamps in UTC to the microsecond.
CREATE OR REPLACE FUNCTION audit_canonical(p_id bigint, p_county uuid, p_at timestamptz, p_actor_id uuid, p_actor_name text, p_action text,
  p_entity_type text, p_entity_id text, p_outcome text, p_ip text, p_changes jsonb, p_note text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(p_id, p_county, to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), p_actor_id, p_actor_name,
    p_action, p_entity_type, p_entity_id, p_outcome, p_ip, p_changes, p_note)::text
$$;
--> statement-breakpoint
-- Links a new entry to its county's chain at commit (a deferred trigger: the chain lock is held only while committing,
-- after every other statement of the transaction, so it cannot deadlock with row locks; seq follows commit order).
CREATE OR REPLACE FUNCTION audit_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k uuid := coalesce(NEW.county_id, '00000000-0000-0000-0000-000000000000'::uuid);
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('audit_chain'), hashtext(k::text));
  SELECT seq, hash INTO last_seq, last_hash FROM audit_chain WHERE county_id = k ORDER BY seq DESC LIMIT 1;
  last_seq := coalesce(last_seq, 0);
  last_hash := coalesce(last_hash, '');
  INSERT INTO audit_chain (county_id, seq, entry_id, prev_hash, hash)
  VALUES (k, last_seq + 1, NEW.id, last_hash, encode(sha256(convert_to(last_hash || audit_canonical(NEW.id, NEW.county_id, NEW.at, NEW.actor_id,
    NEW.actor_name, NEW.action, NEW.entity_type, NEW.entity_id, NEW.outcome, NEW.ip, NEW.changes, NEW.note), 'UTF8')), 'hex'));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_log_chain AFTER INSERT ON audit_log DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_chain_link();
--> statement-breakpoint
-- UPDATE is always refused; DELETE only of an entry older than 180 days whose identical copy is already in the archive.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.at < now() - interval '180 days' AND EXISTS (
    SELECT 1 FROM audit_log_archive a WHERE a.id = OLD.id
      AND audit_canonical(a.id, a.county_id, a.at, a.actor_id, a.actor_name, a.action, a.entity_type, a.entity_id, a.outcome, a.ip, a.changes, a.note)
        = audit_canonical(OLD.id, OLD.county_id, OLD.at, OLD.actor_id, OLD.actor_name, OLD.action, OLD.entity_type, OLD.entity_id, OLD.outcome, OLD.ip, OLD.changes, OLD.note)
  ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '操作日志只能追加，不能修改或删除' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE OR DELETE ON audit_chain FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_archive_no_update BEFORE UPDATE OR DELETE ON audit_log_archive FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_archive_no_truncate BEFORE TRUNCATE ON audit_log_archive FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- Entries written before this migration join their county's chain in id order.
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    DECLARE
      k uuid := coalesce(r.county_id, '00000000-0000-0000-0000-000000000000'::uuid);
      last_seq bigint;
      last_hash text;
    BEGIN
      SELECT seq, hash INTO last_seq, last_hash FROM audit_chain WHERE county_id = k ORDER BY seq DESC LIMIT 1;
      last_seq := coalesce(last_seq, 0);
      last_hash := coalesce(last_hash, '');
      INSERT INTO audit_chain (county_id, seq, entry_id, prev_hash, hash)
      VALUES (k, last_seq + 1, r.id, last_hash, encode(sha256(convert_to(last_hash || audit_canonical(r.id, r.county_id, r.at, r.actor_id,
        r.actor_name, r.action, r.entity_type, r.entity_id, r.outcome, r.ip, r.changes, r.note), 'UTF8')), 'hex'));
    END;
  END LOOP;
END $$;
