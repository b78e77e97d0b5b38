ALTER TABLE "instructor_assignments" ADD COLUMN "target_letter_file_id" uuid;--> statement-breakpoint
ALTER TABLE "instructor_assignments" ADD COLUMN "target_letter_signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "instructor_assignments" ADD COLUMN "commitment_letter_file_id" uuid;--> statement-breakpoint
ALTER TABLE "instructor_assignments" ADD COLUMN "commitment_letter_signed_at" timestamp with time zone;