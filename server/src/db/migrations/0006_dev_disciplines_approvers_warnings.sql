CREATE TABLE "development_approval_authorities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"entitled" boolean NOT NULL,
	"reason" text NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"step" integer NOT NULL,
	"due" date NOT NULL,
	"message" text NOT NULL,
	"detected_on" date NOT NULL,
	"resolved_on" date
);
--> statement-breakpoint
CREATE TABLE "member_disciplines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"reason" text NOT NULL,
	"decided_by" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text
);
--> statement-breakpoint
ALTER TABLE "development_approval_authorities" ADD CONSTRAINT "development_approval_authorities_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_warnings" ADD CONSTRAINT "development_warnings_file_id_development_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."development_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_disciplines" ADD CONSTRAINT "member_disciplines_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dev_approval_auth_county_org_uq" ON "development_approval_authorities" USING btree ("county_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dev_warnings_file_kind_due_uq" ON "development_warnings" USING btree ("file_id","kind","due");--> statement-breakpoint
CREATE INDEX "dev_warnings_county_open_idx" ON "development_warnings" USING btree ("county_id","kind","org_path" text_pattern_ops) WHERE "development_warnings"."resolved_on" is null;--> statement-breakpoint
CREATE INDEX "member_disciplines_member_idx" ON "member_disciplines" USING btree ("county_id","member_id");