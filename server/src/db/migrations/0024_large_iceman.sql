CREATE TABLE "org_life_appraisals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"self_assessment" text,
	"grade" text NOT NULL,
	"votes" jsonb NOT NULL,
	"follow_up_action" text,
	"follow_up_due_on" date,
	"follow_up_closed_on" date,
	"follow_up_outcome" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "org_life_appraisals_member_year_uq" ON "org_life_appraisals" USING btree ("county_id","member_id","year");--> statement-breakpoint
CREATE INDEX "org_life_appraisals_county_org_year_idx" ON "org_life_appraisals" USING btree ("county_id","org_id","year");