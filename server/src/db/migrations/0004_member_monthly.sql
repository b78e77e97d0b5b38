CREATE TABLE "community_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"community_name" text NOT NULL,
	"community_org_id" uuid,
	"registered_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"served_on" date NOT NULL,
	"content" text NOT NULL,
	"hours_tenths" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_bases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"from_month" text NOT NULL,
	"category" text NOT NULL,
	"base_fen" integer NOT NULL,
	"rule_version" integer NOT NULL,
	"reduced_fen" integer,
	"reduction_status" text,
	"reduction_reason" text,
	"reduction_decided_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_paid_months" (
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"month" text NOT NULL,
	"payment_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"due_fen" integer NOT NULL,
	CONSTRAINT "dues_paid_months_county_id_member_id_month_pk" PRIMARY KEY("county_id","member_id","month")
);
--> statement-breakpoint
CREATE TABLE "dues_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"receipt_no" text NOT NULL,
	"months" text[] NOT NULL,
	"amount_fen" integer NOT NULL,
	"due_fen" integer NOT NULL,
	"method" text NOT NULL,
	"collector" text NOT NULL,
	"paid_on" date NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leave_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"theme_day_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "makeup_studies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"theme_day_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"studied_on" date NOT NULL,
	"content" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_monthly" (
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"month" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"scheme" text NOT NULL,
	"theme_day_held" boolean DEFAULT false NOT NULL,
	"attended" boolean DEFAULT false NOT NULL,
	"leave_with_makeup" boolean DEFAULT false NOT NULL,
	"dues_due" boolean DEFAULT false NOT NULL,
	"paid" boolean DEFAULT false NOT NULL,
	"report_accepted" boolean DEFAULT false NOT NULL,
	"check_in" boolean DEFAULT false NOT NULL,
	"excellence" boolean DEFAULT false NOT NULL,
	"deductions" integer DEFAULT 0 NOT NULL,
	"adjustments" integer DEFAULT 0 NOT NULL,
	"points" integer NOT NULL,
	"stars" integer NOT NULL,
	"settings_version" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_monthly_county_id_member_id_month_pk" PRIMARY KEY("county_id","member_id","month")
);
--> statement-breakpoint
CREATE TABLE "point_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "situation_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"content" text NOT NULL,
	"location" text NOT NULL,
	"photo_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "theme_day_attendances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"theme_day_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"method" text NOT NULL,
	"checked_in_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "theme_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"date" date NOT NULL,
	"topic" text NOT NULL,
	"place" text NOT NULL,
	"content" text NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "community_registrations_member_uq" ON "community_registrations" USING btree ("county_id","member_id");--> statement-breakpoint
CREATE INDEX "community_services_member_idx" ON "community_services" USING btree ("county_id","member_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_bases_member_from_uq" ON "dues_bases" USING btree ("county_id","member_id","from_month");--> statement-breakpoint
CREATE INDEX "dues_bases_county_path_idx" ON "dues_bases" USING btree ("county_id","org_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "dues_paid_months_path_idx" ON "dues_paid_months" USING btree ("county_id","month","org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "dues_payments_receipt_uq" ON "dues_payments" USING btree ("county_id","receipt_no");--> statement-breakpoint
CREATE INDEX "dues_payments_member_idx" ON "dues_payments" USING btree ("county_id","member_id","paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "leave_requests_uq" ON "leave_requests" USING btree ("theme_day_id","member_id");--> statement-breakpoint
CREATE INDEX "leave_requests_county_path_idx" ON "leave_requests" USING btree ("county_id","org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "makeup_studies_uq" ON "makeup_studies" USING btree ("theme_day_id","member_id");--> statement-breakpoint
CREATE INDEX "member_monthly_path_idx" ON "member_monthly" USING btree ("county_id","org_path" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "point_adjustments_member_idx" ON "point_adjustments" USING btree ("county_id","member_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "situation_reports_member_month_uq" ON "situation_reports" USING btree ("county_id","member_id","month");--> statement-breakpoint
CREATE INDEX "situation_reports_county_path_idx" ON "situation_reports" USING btree ("county_id","org_path" text_pattern_ops,"month");--> statement-breakpoint
CREATE UNIQUE INDEX "theme_day_attendances_uq" ON "theme_day_attendances" USING btree ("theme_day_id","member_id");--> statement-breakpoint
CREATE INDEX "theme_day_attendances_member_idx" ON "theme_day_attendances" USING btree ("county_id","member_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "theme_days_org_month_uq" ON "theme_days" USING btree ("county_id","org_id","month");--> statement-breakpoint
CREATE INDEX "theme_days_county_path_idx" ON "theme_days" USING btree ("county_id","org_path" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "theme_days_county_month_idx" ON "theme_days" USING btree ("county_id","month");