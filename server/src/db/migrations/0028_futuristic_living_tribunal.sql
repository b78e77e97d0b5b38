CREATE TABLE "instructor_check_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"check_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"rectify" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instructor_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"checked_on" date NOT NULL,
	"quarter" text NOT NULL,
	"inspectors" text NOT NULL,
	"in_post" boolean NOT NULL,
	"summary" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_rating_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"items" jsonb NOT NULL,
	"settings_version" integer NOT NULL,
	"issued" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_rating_codes" (
	"county_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"batch_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_on" date,
	CONSTRAINT "staff_rating_codes_county_id_code_hash_pk" PRIMARY KEY("county_id","code_hash")
);
--> statement-breakpoint
CREATE TABLE "staff_rating_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"org_path" text NOT NULL,
	"answers" jsonb NOT NULL,
	"score_tenths" integer NOT NULL,
	"voted_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "duty_rectifications" ADD COLUMN "source_type" text;--> statement-breakpoint
ALTER TABLE "duty_rectifications" ADD COLUMN "source_id" uuid;--> statement-breakpoint
ALTER TABLE "instructor_assessments" ADD COLUMN "staff_rating_votes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "instructor_check_findings_check_idx" ON "instructor_check_findings" USING btree ("county_id","check_id");--> statement-breakpoint
CREATE INDEX "instructor_checks_quarter_idx" ON "instructor_checks" USING btree ("county_id","quarter","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "instructor_checks_instructor_idx" ON "instructor_checks" USING btree ("county_id","instructor_id");--> statement-breakpoint
CREATE INDEX "staff_rating_batches_year_idx" ON "staff_rating_batches" USING btree ("county_id","year","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "staff_rating_batches_instructor_idx" ON "staff_rating_batches" USING btree ("county_id","instructor_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_rating_codes_hash_uq" ON "staff_rating_codes" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "staff_rating_codes_batch_idx" ON "staff_rating_codes" USING btree ("county_id","batch_id");--> statement-breakpoint
CREATE INDEX "staff_rating_votes_instructor_idx" ON "staff_rating_votes" USING btree ("county_id","instructor_id","year");--> statement-breakpoint
CREATE INDEX "duty_rectifications_source_idx" ON "duty_rectifications" USING btree ("county_id","source_id");