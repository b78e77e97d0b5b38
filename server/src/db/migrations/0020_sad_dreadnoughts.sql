CREATE TABLE "care_pairings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"member_id" uuid NOT NULL,
	"member_name" text NOT NULL,
	"org_path" text NOT NULL,
	"helper_member_id" uuid NOT NULL,
	"helper_name" text NOT NULL,
	"needs" text DEFAULT '' NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"last_visit_on" date,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"pairing_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"visited_on" date NOT NULL,
	"kind" text NOT NULL,
	"occasion" text NOT NULL,
	"content" text NOT NULL,
	"assistance" text DEFAULT '' NOT NULL,
	"visitor_account_id" uuid NOT NULL,
	"visitor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"pairing_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"member_name" text NOT NULL,
	"org_path" text NOT NULL,
	"period" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transfer_letter_counters" (
	"county_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "transfer_letter_counters_county_id_year_pk" PRIMARY KEY("county_id","year")
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"status" text NOT NULL,
	"member_id" uuid,
	"member_name" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"counterpart" text NOT NULL,
	"letter_no" text NOT NULL,
	"letter_year" integer,
	"letter_seq" integer,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"receipt_due_by" date,
	"dues_paid_to" text NOT NULL,
	"reason" text NOT NULL,
	"receipt_on" date,
	"receipt_note" text,
	"arrived_on" date,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"reissue_of" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "care_pairings_active_uq" ON "care_pairings" USING btree ("county_id","member_id","kind") WHERE "care_pairings"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "care_pairings_county_path_idx" ON "care_pairings" USING btree ("county_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "care_pairings_helper_idx" ON "care_pairings" USING btree ("county_id","helper_member_id");--> statement-breakpoint
CREATE INDEX "care_visits_pairing_idx" ON "care_visits" USING btree ("county_id","pairing_id","visited_on");--> statement-breakpoint
CREATE INDEX "care_visits_county_path_idx" ON "care_visits" USING btree ("county_id","org_path" text_pattern_ops,"visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "care_warnings_uq" ON "care_warnings" USING btree ("county_id","kind","member_id","period");--> statement-breakpoint
CREATE INDEX "care_warnings_county_path_idx" ON "care_warnings" USING btree ("county_id","org_path" text_pattern_ops,"period");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_open_member_uq" ON "transfers" USING btree ("county_id","member_id") WHERE "transfers"."status" = 'open' and "transfers"."member_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_letter_no_uq" ON "transfers" USING btree ("county_id","direction","letter_no");--> statement-breakpoint
CREATE INDEX "transfers_county_path_idx" ON "transfers" USING btree ("county_id","org_path" text_pattern_ops,"status");