CREATE TABLE "development_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"date" date NOT NULL,
	"fields" jsonb NOT NULL,
	"publicity" jsonb,
	"note" text,
	"warnings" jsonb NOT NULL,
	"override_reason" text,
	"document_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_name" text NOT NULL,
	"actor_org_id" uuid NOT NULL,
	"actor_org_name" text NOT NULL,
	"rule_set_version" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_family" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"member_id" uuid
);
--> statement-breakpoint
CREATE TABLE "development_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"prospect_id" uuid,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"ethnicity" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"phone_enc" text,
	"phone_masked" text,
	"education" text NOT NULL,
	"occupation" text NOT NULL,
	"status" text NOT NULL,
	"current_step" integer DEFAULT 0 NOT NULL,
	"stage" integer DEFAULT 1 NOT NULL,
	"rule_set_version" integer NOT NULL,
	"application_date" date,
	"activist_date" date,
	"candidate_date" date,
	"assembly_date" date,
	"probation_end" date,
	"next_deadline" date,
	"next_deadline_kind" text,
	"next_deadline_step" integer,
	"form_number" text,
	"member_id" uuid,
	"closed_reason" text,
	"completed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_prospects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"file_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_quotas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quota" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"file_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"status" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" text NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text
);
--> statement-breakpoint
ALTER TABLE "development_events" ADD CONSTRAINT "development_events_file_id_development_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."development_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_family" ADD CONSTRAINT "development_family_file_id_development_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."development_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_files" ADD CONSTRAINT "development_files_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_prospects" ADD CONSTRAINT "development_prospects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_quotas" ADD CONSTRAINT "development_quotas_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_numbers" ADD CONSTRAINT "form_numbers_file_id_development_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."development_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dev_events_file_idx" ON "development_events" USING btree ("file_id","recorded_at");--> statement-breakpoint
CREATE INDEX "dev_events_county_date_idx" ON "development_events" USING btree ("county_id","step","date");--> statement-breakpoint
CREATE INDEX "dev_family_file_idx" ON "development_family" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dev_files_county_person_open_uq" ON "development_files" USING btree ("county_id","id_number_hash") WHERE "development_files"."status" = 'active';--> statement-breakpoint
CREATE INDEX "dev_files_county_path_idx" ON "development_files" USING btree ("county_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dev_files_county_stage_path_idx" ON "development_files" USING btree ("county_id","status","stage","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dev_files_county_deadline_idx" ON "development_files" USING btree ("county_id","next_deadline","org_path" text_pattern_ops) WHERE "development_files"."status" = 'active';--> statement-breakpoint
CREATE INDEX "dev_prospects_county_path_idx" ON "development_prospects" USING btree ("county_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "dev_quotas_county_org_year_uq" ON "development_quotas" USING btree ("county_id","org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "form_numbers_county_number_uq" ON "form_numbers" USING btree ("county_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "form_numbers_county_year_seq_uq" ON "form_numbers" USING btree ("county_id","year","seq");--> statement-breakpoint
CREATE INDEX "form_numbers_file_idx" ON "form_numbers" USING btree ("file_id");