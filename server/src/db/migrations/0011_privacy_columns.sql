ALTER TABLE "members" ADD COLUMN "birth_month" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "id_tail_hash" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "mobile_contact_enc" text;--> statement-breakpoint
ALTER TABLE "development_files" ADD COLUMN "birth_month" date;--> statement-breakpoint
ALTER TABLE "development_prospects" ADD COLUMN "birth_month" date;