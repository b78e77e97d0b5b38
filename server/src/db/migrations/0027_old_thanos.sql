CREATE TABLE "birthday_celebrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_name" text NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"celebrated_on" date NOT NULL,
	"content" text NOT NULL,
	"members" integer NOT NULL,
	"recorded_by_account_id" uuid NOT NULL,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "condolence_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_name" text NOT NULL,
	"org_path" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "condolence_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"allocation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"member_id" uuid NOT NULL,
	"member_name" text NOT NULL,
	"org_name" text NOT NULL,
	"org_path" text NOT NULL,
	"category" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"paid_on" date NOT NULL,
	"note" text,
	"reverses_id" uuid,
	"paid_by_account_id" uuid NOT NULL,
	"paid_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "condolence_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"festival" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"planned_on" date NOT NULL,
	"budget_fen" integer NOT NULL,
	"funding_source" text NOT NULL,
	"funding_note" text,
	"standards" jsonb NOT NULL,
	"allow_others" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "birthday_celebrations_org_month_uq" ON "birthday_celebrations" USING btree ("county_id","org_id","month");--> statement-breakpoint
CREATE INDEX "birthday_celebrations_county_path_idx" ON "birthday_celebrations" USING btree ("county_id","org_path" text_pattern_ops,"month");--> statement-breakpoint
CREATE UNIQUE INDEX "condolence_allocations_town_uq" ON "condolence_allocations" USING btree ("county_id","round_id","org_id");--> statement-breakpoint
CREATE INDEX "condolence_allocations_county_path_idx" ON "condolence_allocations" USING btree ("county_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "condolence_payments_reversal_uq" ON "condolence_payments" USING btree ("county_id","reverses_id") WHERE "condolence_payments"."reverses_id" is not null;--> statement-breakpoint
CREATE INDEX "condolence_payments_round_member_idx" ON "condolence_payments" USING btree ("round_id","member_id");--> statement-breakpoint
CREATE INDEX "condolence_payments_round_path_idx" ON "condolence_payments" USING btree ("county_id","round_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "condolence_rounds_festival_uq" ON "condolence_rounds" USING btree ("county_id","festival","year");--> statement-breakpoint
CREATE INDEX "condolence_rounds_county_idx" ON "condolence_rounds" USING btree ("county_id","planned_on");