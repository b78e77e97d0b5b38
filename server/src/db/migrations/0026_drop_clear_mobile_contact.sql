-- members.mobile_contact (the clear 外出联系方式 of rows written before encryption) is dropped. Its values were moved
-- to mobile_contact_enc at start-up since 0011; a database upgraded straight past that start-up may still hold some,
-- and SQL has no key to encrypt them: those few are kept in members_mobile_contact_pending for the start-up backfill
-- (members-privacy.backfill.ts), which encrypts them into mobile_contact_enc and drops that table.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "members" WHERE "mobile_contact" IS NOT NULL) THEN
    CREATE TABLE "members_mobile_contact_pending" AS SELECT "id", "mobile_contact" AS "contact" FROM "members" WHERE "mobile_contact" IS NOT NULL;
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "mobile_contact";
