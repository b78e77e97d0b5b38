-- Privacy (issue 9 items 1-2): the clear birth date is kept only to the month (birth_month, the 1st of the month);
-- the exact date stays inside the encrypted ID number. Filled here from birth_date before the next migration drops it.
-- The keyed columns (members.id_tail_hash, members.mobile_contact_enc) need the key and are filled at start-up by
-- server/src/modules/members/members-privacy.backfill.ts.
UPDATE "members" SET "birth_month" = date_trunc('month', "birth_date")::date WHERE "birth_month" IS NULL;--> statement-breakpoint
UPDATE "development_files" SET "birth_month" = date_trunc('month', "birth_date")::date WHERE "birth_month" IS NULL;--> statement-breakpoint
UPDATE "development_prospects" SET "birth_month" = date_trunc('month', "birth_date")::date WHERE "birth_month" IS NULL;
--> statement-breakpoint
-- Entries written before the redaction list covered them: ID numbers, phones and 外出联系方式 become “changed”,
-- birth dates keep their month, stored masks keep the region code (a mask with the last 4 and the birth month leaves
-- ~3 possible ID numbers). The append-only trigger is lifted for this one statement.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_update";--> statement-breakpoint
UPDATE "audit_log" SET "changes" = (
  SELECT jsonb_object_agg(e.k, CASE
    WHEN e.k IN ('idNumber', 'phone', 'mobileContact', 'password', 'passwordHash') THEN jsonb_build_object(
      'before', CASE WHEN coalesce(e.v->'before', 'null'::jsonb) = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb('（已加密）'::text) END,
      'after', CASE WHEN coalesce(e.v->'after', 'null'::jsonb) = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb('（已修改）'::text) END)
    WHEN e.k = 'birthDate' THEN jsonb_build_object(
      'before', CASE WHEN jsonb_typeof(e.v->'before') = 'string' THEN to_jsonb(left(e.v->>'before', 7)) ELSE coalesce(e.v->'before', 'null'::jsonb) END,
      'after', CASE WHEN jsonb_typeof(e.v->'after') = 'string' THEN to_jsonb(left(e.v->>'after', 7)) ELSE coalesce(e.v->'after', 'null'::jsonb) END)
    WHEN e.k = 'idNumberMasked' THEN jsonb_build_object(
      'before', CASE WHEN jsonb_typeof(e.v->'before') = 'string' THEN to_jsonb(left(e.v->>'before', 6) || '************') ELSE coalesce(e.v->'before', 'null'::jsonb) END,
      'after', CASE WHEN jsonb_typeof(e.v->'after') = 'string' THEN to_jsonb(left(e.v->>'after', 6) || '************') ELSE coalesce(e.v->'after', 'null'::jsonb) END)
    ELSE e.v END)
  FROM jsonb_each("audit_log"."changes") AS e(k, v))
WHERE "changes" IS NOT NULL AND jsonb_typeof("changes") = 'object' AND "changes" ?| array['idNumber', 'phone', 'mobileContact', 'birthDate', 'idNumberMasked', 'password', 'passwordHash'];--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_update";
