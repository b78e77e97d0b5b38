ALTER TABLE "duty_items" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "duty_items" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "duty_items" ADD COLUMN "status_before_cancel" text;--> statement-breakpoint
ALTER TABLE "duty_warnings" ADD COLUMN "source" text DEFAULT 'month' NOT NULL;--> statement-breakpoint
CREATE INDEX "duty_notices_unread_idx" ON "duty_notices" USING btree ("county_id","account_id") WHERE "duty_notices"."read_at" is null;