CREATE TABLE "org_life_life_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"steps" jsonb NOT NULL,
	"rectifications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notice_on" date,
	"notice_text" text,
	"meeting_id" uuid,
	"held_on" date,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "org_life_life_meetings_annual_uq" ON "org_life_life_meetings" USING btree ("county_id","org_id","year") WHERE "org_life_life_meetings"."type" = 'annual';--> statement-breakpoint
CREATE UNIQUE INDEX "org_life_life_meetings_meeting_uq" ON "org_life_life_meetings" USING btree ("county_id","meeting_id");--> statement-breakpoint
CREATE INDEX "org_life_life_meetings_county_path_idx" ON "org_life_life_meetings" USING btree ("county_id","org_path" text_pattern_ops,"year");