ALTER TABLE "duty_rectifications" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "duty_rectifications" ADD COLUMN "reported_by_name" text;--> statement-breakpoint
ALTER TABLE "duty_rectifications" ADD COLUMN "report_note" text;