CREATE TABLE "branch_notice_reads" (
	"county_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "branch_notice_reads_county_id_notice_id_member_id_pk" PRIMARY KEY("county_id","notice_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "branch_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"posted_by" uuid,
	"posted_by_name" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_arrears_warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"level" text NOT NULL,
	"streak" integer NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"handled_at" timestamp with time zone,
	"handled_by" uuid,
	"handling_note" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "branch_notices_org_idx" ON "branch_notices" USING btree ("county_id","org_id","posted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_arrears_warnings_member_month_uq" ON "dues_arrears_warnings" USING btree ("county_id","member_id","month");--> statement-breakpoint
CREATE INDEX "dues_arrears_warnings_path_idx" ON "dues_arrears_warnings" USING btree ("county_id","org_path" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "members_county_left_idx" ON "members" USING btree ("county_id","id") WHERE "members"."left_at" is not null;