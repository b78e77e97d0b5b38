CREATE TABLE "mobile_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"contacted_on" date NOT NULL,
	"channel" text NOT NULL,
	"learned" text NOT NULL,
	"contacted_by_account_id" uuid NOT NULL,
	"contacted_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mobile_ledgers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"contact_person_member_id" uuid,
	"contact_person_name" text,
	"last_contact_on" date,
	"lost_steps" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "mobile_contacts_member_idx" ON "mobile_contacts" USING btree ("county_id","member_id","contacted_on");--> statement-breakpoint
CREATE UNIQUE INDEX "mobile_ledgers_member_uq" ON "mobile_ledgers" USING btree ("county_id","member_id");--> statement-breakpoint
CREATE INDEX "mobile_ledgers_county_path_idx" ON "mobile_ledgers" USING btree ("county_id","org_path" text_pattern_ops,"last_contact_on");