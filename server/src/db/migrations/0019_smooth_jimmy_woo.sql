CREATE TABLE "publicity_adoptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"level" text NOT NULL,
	"points" real NOT NULL,
	"table_version" integer NOT NULL,
	"outlet" text,
	"link" text,
	"file_id" uuid,
	"by_account_id" uuid,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_authors" (
	"county_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"name" text NOT NULL,
	"org_name" text NOT NULL,
	"position" integer NOT NULL,
	"share" integer NOT NULL,
	"centi" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "publicity_authors_county_id_item_id_member_id_pk" PRIMARY KEY("county_id","item_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "publicity_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"action" text NOT NULL,
	"by_account_id" uuid,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "publicity_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"org_name" text NOT NULL,
	"month" text NOT NULL,
	"priority_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"writer_account_id" uuid NOT NULL,
	"writer_name" text NOT NULL,
	"author_names" text NOT NULL,
	"signed_by" uuid,
	"signed_by_name" text,
	"signed_at" timestamp with time zone,
	"return_comment" text,
	"decline_reason" text,
	"level" text,
	"centi" integer DEFAULT 0 NOT NULL,
	"adopted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_level_tables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"points" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_monthly" (
	"county_id" uuid NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"name" text NOT NULL,
	"org_name" text NOT NULL,
	"items" integer NOT NULL,
	"centi" integer NOT NULL,
	CONSTRAINT "publicity_monthly_county_id_month_kind_subject_id_pk" PRIMARY KEY("county_id","month","kind","subject_id")
);
--> statement-breakpoint
CREATE TABLE "publicity_priorities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"month" text NOT NULL,
	"title" text NOT NULL,
	"direction" text NOT NULL,
	"issued_by" uuid,
	"issued_by_name" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publicity_adoptions" ADD CONSTRAINT "publicity_adoptions_item_id_publicity_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."publicity_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_authors" ADD CONSTRAINT "publicity_authors_item_id_publicity_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."publicity_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_events" ADD CONSTRAINT "publicity_events_item_id_publicity_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."publicity_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_adoptions_uq" ON "publicity_adoptions" USING btree ("county_id","item_id","level");--> statement-breakpoint
CREATE INDEX "publicity_authors_member_idx" ON "publicity_authors" USING btree ("county_id","member_id");--> statement-breakpoint
CREATE INDEX "publicity_events_item_idx" ON "publicity_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE INDEX "publicity_items_county_path_idx" ON "publicity_items" USING btree ("county_id","org_path" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "publicity_items_county_status_idx" ON "publicity_items" USING btree ("county_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "publicity_items_writer_idx" ON "publicity_items" USING btree ("county_id","writer_account_id","updated_at");--> statement-breakpoint
CREATE INDEX "publicity_items_org_month_idx" ON "publicity_items" USING btree ("county_id","org_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_level_tables_uq" ON "publicity_level_tables" USING btree ("county_id","version");--> statement-breakpoint
CREATE INDEX "publicity_monthly_rank_idx" ON "publicity_monthly" USING btree ("county_id","kind","month","centi");--> statement-breakpoint
CREATE INDEX "publicity_priorities_county_month_idx" ON "publicity_priorities" USING btree ("county_id","month");