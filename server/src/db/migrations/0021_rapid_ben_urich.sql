CREATE TABLE "enterprise_profiles" (
	"county_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"address" text,
	"legal_representative" text,
	"org_form" text DEFAULT 'none' NOT NULL,
	"members_employed" integer DEFAULT 0 NOT NULL,
	"members_elsewhere" integer DEFAULT 0 NOT NULL,
	"new_employment" boolean DEFAULT false NOT NULL,
	"sanbai_siqian" boolean DEFAULT false NOT NULL,
	"surveyed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_profiles_county_id_enterprise_id_pk" PRIMARY KEY("county_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "instructor_assessments" (
	"county_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"org_path" text NOT NULL,
	"daily" integer NOT NULL,
	"report" integer NOT NULL,
	"records" integer NOT NULL,
	"talk" integer NOT NULL,
	"staff_rating" integer NOT NULL,
	"score_tenths" integer NOT NULL,
	"grade" text NOT NULL,
	"subsidy_yuan" integer NOT NULL,
	"note" text,
	"assessed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "instructor_assessments_county_id_instructor_id_year_pk" PRIMARY KEY("county_id","instructor_id","year")
);
--> statement-breakpoint
CREATE TABLE "instructor_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"active" boolean DEFAULT true NOT NULL,
	"consent_note" text NOT NULL,
	"ended_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instructor_callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"quarter" text NOT NULL,
	"called_on" date NOT NULL,
	"contact_name" text NOT NULL,
	"visits_often" boolean NOT NULL,
	"satisfaction" text NOT NULL,
	"notes" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instructor_months" (
	"county_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"month" text NOT NULL,
	"org_path" text NOT NULL,
	"working_days" integer NOT NULL,
	"onsite_days" integer NOT NULL,
	"ratio_permille" integer,
	"below" boolean NOT NULL,
	"warning" text,
	"closed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "instructor_months_county_id_instructor_id_month_pk" PRIMARY KEY("county_id","instructor_id","month")
);
--> statement-breakpoint
CREATE TABLE "instructor_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"work_log_id" uuid,
	"raised_on" date NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"solved_on" date,
	"solution" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instructor_work_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"date" date NOT NULL,
	"hours" integer NOT NULL,
	"duties" text[] NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instructors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"account_id" uuid,
	"name" text NOT NULL,
	"org_path" text NOT NULL,
	"source" text NOT NULL,
	"skills" text NOT NULL,
	"industry" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_manual_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"date" date NOT NULL,
	"hours" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"in_at" timestamp with time zone NOT NULL,
	"out_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "enterprise_profiles_path_idx" ON "enterprise_profiles" USING btree ("county_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "instructor_assessments_year_idx" ON "instructor_assessments" USING btree ("county_id","year","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "instructor_assignments_instructor_idx" ON "instructor_assignments" USING btree ("county_id","instructor_id");--> statement-breakpoint
CREATE INDEX "instructor_assignments_enterprise_idx" ON "instructor_assignments" USING btree ("county_id","enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "instructor_assignments_active_uq" ON "instructor_assignments" USING btree ("county_id","enterprise_id") WHERE active;--> statement-breakpoint
CREATE UNIQUE INDEX "instructor_callbacks_quarter_uq" ON "instructor_callbacks" USING btree ("county_id","enterprise_id","quarter");--> statement-breakpoint
CREATE INDEX "instructor_callbacks_path_idx" ON "instructor_callbacks" USING btree ("county_id","quarter","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "instructor_months_month_idx" ON "instructor_months" USING btree ("county_id","month","warning");--> statement-breakpoint
CREATE INDEX "instructor_problems_instructor_idx" ON "instructor_problems" USING btree ("county_id","instructor_id","status");--> statement-breakpoint
CREATE INDEX "instructor_work_logs_instructor_idx" ON "instructor_work_logs" USING btree ("county_id","instructor_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "instructors_member_uq" ON "instructors" USING btree ("county_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "instructors_account_uq" ON "instructors" USING btree ("county_id","account_id");--> statement-breakpoint
CREATE INDEX "instructors_path_idx" ON "instructors" USING btree ("county_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "site_manual_entries_day_uq" ON "site_manual_entries" USING btree ("county_id","instructor_id","enterprise_id","date");--> statement-breakpoint
CREATE INDEX "site_manual_entries_path_idx" ON "site_manual_entries" USING btree ("county_id","org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "site_visits_instructor_idx" ON "site_visits" USING btree ("county_id","instructor_id","in_at");--> statement-breakpoint
CREATE UNIQUE INDEX "site_visits_open_uq" ON "site_visits" USING btree ("county_id","instructor_id") WHERE out_at is null;