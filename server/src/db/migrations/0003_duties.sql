CREATE TABLE "stored_file_contents" (
	"county_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_file_contents_county_id_sha256_pk" PRIMARY KEY("county_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "board_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "duty_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"template_item_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"period_key" text NOT NULL,
	"frequency" text NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"month" text NOT NULL,
	"weight" integer NOT NULL,
	"is_key" boolean NOT NULL,
	"secretary_member_id" uuid,
	"secretary_name" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"first_submitted_on" date,
	"last_returned_on" date,
	"last_submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"on_time" boolean,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_monthly" (
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"due_count" integer DEFAULT 0 NOT NULL,
	"due_weight" integer DEFAULT 0 NOT NULL,
	"on_time_count" integer DEFAULT 0 NOT NULL,
	"on_time_weight" integer DEFAULT 0 NOT NULL,
	"accepted_count" integer DEFAULT 0 NOT NULL,
	"late_count" integer DEFAULT 0 NOT NULL,
	"overdue_count" integer DEFAULT 0 NOT NULL,
	"rate" real,
	"stars" integer,
	"by_secretary" jsonb,
	"settings" jsonb,
	"closed_at" timestamp with time zone,
	"recomputed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_monthly_org_id_month_pk" PRIMARY KEY("org_id","month")
);
--> statement-breakpoint
CREATE TABLE "duty_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"warning_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "duty_rectifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"item_id" uuid,
	"problem" text NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"closing_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"count" integer,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_by_name" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"feedback" text
);
--> statement-breakpoint
CREATE TABLE "duty_supervisors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_template_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"frequency" text NOT NULL,
	"due_rule" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"weight" integer NOT NULL,
	"is_key" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"category" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"level" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"secretary_member_id" uuid,
	"secretary_name" text,
	"raised_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"cleared_reason" text
);
--> statement-breakpoint
ALTER TABLE "duty_submissions" ADD CONSTRAINT "duty_submissions_item_id_duty_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."duty_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_template_items" ADD CONSTRAINT "duty_template_items_template_id_duty_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."duty_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "board_links_token_uq" ON "board_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "board_links_county_idx" ON "board_links" USING btree ("county_id");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_items_uq" ON "duty_items" USING btree ("org_id","template_item_id","period_key");--> statement-breakpoint
CREATE INDEX "duty_items_county_path_idx" ON "duty_items" USING btree ("county_id","org_path" text_pattern_ops,"due_date");--> statement-breakpoint
CREATE INDEX "duty_items_county_org_month_idx" ON "duty_items" USING btree ("county_id","org_id","month");--> statement-breakpoint
CREATE INDEX "duty_items_county_status_idx" ON "duty_items" USING btree ("county_id","status","due_date");--> statement-breakpoint
CREATE INDEX "duty_monthly_county_month_idx" ON "duty_monthly" USING btree ("county_id","month","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "duty_notices_account_idx" ON "duty_notices" USING btree ("county_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "duty_rectifications_county_path_idx" ON "duty_rectifications" USING btree ("county_id","org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "duty_rectifications_item_idx" ON "duty_rectifications" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "duty_submissions_item_idx" ON "duty_submissions" USING btree ("county_id","item_id","submitted_at");--> statement-breakpoint
CREATE INDEX "duty_submissions_county_at_idx" ON "duty_submissions" USING btree ("county_id","submitted_at");--> statement-breakpoint
CREATE INDEX "duty_submissions_county_reviewed_idx" ON "duty_submissions" USING btree ("county_id","reviewed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_supervisors_uq" ON "duty_supervisors" USING btree ("account_id","org_id");--> statement-breakpoint
CREATE INDEX "duty_supervisors_county_idx" ON "duty_supervisors" USING btree ("county_id","account_id");--> statement-breakpoint
CREATE INDEX "duty_template_items_template_idx" ON "duty_template_items" USING btree ("county_id","template_id");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_templates_uq" ON "duty_templates" USING btree ("county_id","year","category");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_warnings_org_month_uq" ON "duty_warnings" USING btree ("org_id","month");--> statement-breakpoint
CREATE INDEX "duty_warnings_county_path_idx" ON "duty_warnings" USING btree ("county_id","org_path" text_pattern_ops,"cleared_at");