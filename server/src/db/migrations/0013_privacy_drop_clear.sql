DROP INDEX "members_county_id_tail_idx";--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "birth_month" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "development_files" ALTER COLUMN "birth_month" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "development_prospects" ALTER COLUMN "birth_month" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "members_county_id_tail_hash_idx" ON "members" USING btree ("county_id","id_tail_hash");--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "birth_date";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "id_number_masked";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "id_tail";--> statement-breakpoint
ALTER TABLE "development_files" DROP COLUMN "birth_date";--> statement-breakpoint
ALTER TABLE "development_files" DROP COLUMN "id_number_masked";--> statement-breakpoint
ALTER TABLE "development_prospects" DROP COLUMN "birth_date";