CREATE TABLE "org_life_attendance" (
	"county_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	CONSTRAINT "org_life_attendance_county_id_meeting_id_member_id_pk" PRIMARY KEY("county_id","meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "org_life_checkups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"data_enc" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_life_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"place" text NOT NULL,
	"chair" text NOT NULL,
	"recorder" text NOT NULL,
	"topic" text NOT NULL,
	"agenda" text,
	"minutes" text,
	"written_opinions" text,
	"resolutions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photo_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"sign_in_file_id" uuid,
	"expected" integer DEFAULT 0 NOT NULL,
	"present" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_life_talks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"talker_member_id" uuid NOT NULL,
	"talker_name" text NOT NULL,
	"member_id" uuid NOT NULL,
	"member_name" text NOT NULL,
	"talked_on" date NOT NULL,
	"topics" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_life_training_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"source" text NOT NULL,
	"studied_on" date NOT NULL,
	"hours" integer NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_life_warnings" (
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	CONSTRAINT "org_life_warnings_county_id_org_id_kind_period_pk" PRIMARY KEY("county_id","org_id","kind","period")
);
--> statement-breakpoint
CREATE INDEX "org_life_attendance_member_idx" ON "org_life_attendance" USING btree ("county_id","member_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "org_life_checkups_member_year_uq" ON "org_life_checkups" USING btree ("county_id","member_id","year");--> statement-breakpoint
CREATE INDEX "org_life_checkups_county_path_idx" ON "org_life_checkups" USING btree ("county_id","org_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE UNIQUE INDEX "org_life_meetings_slot_uq" ON "org_life_meetings" USING btree ("county_id","org_id","kind","date");--> statement-breakpoint
CREATE INDEX "org_life_meetings_county_path_idx" ON "org_life_meetings" USING btree ("county_id","org_path" text_pattern_ops,"date");--> statement-breakpoint
CREATE INDEX "org_life_talks_county_path_idx" ON "org_life_talks" USING btree ("county_id","org_path" text_pattern_ops,"talked_on");--> statement-breakpoint
CREATE INDEX "org_life_talks_member_idx" ON "org_life_talks" USING btree ("county_id","member_id","talked_on");--> statement-breakpoint
CREATE INDEX "org_life_training_member_idx" ON "org_life_training_entries" USING btree ("county_id","member_id","studied_on");--> statement-breakpoint
CREATE INDEX "org_life_training_county_path_idx" ON "org_life_training_entries" USING btree ("county_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "org_life_warnings_county_path_idx" ON "org_life_warnings" USING btree ("county_id","org_path" text_pattern_ops);