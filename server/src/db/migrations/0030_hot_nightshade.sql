CREATE TABLE "assessment_manual_scores" (
	"county_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"key" text NOT NULL,
	"centi" integer NOT NULL,
	"note" text NOT NULL,
	"by_account_id" uuid,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_manual_scores_county_id_year_org_id_key_pk" PRIMARY KEY("county_id","year","org_id","key")
);
--> statement-breakpoint
CREATE TABLE "assessment_schemes" (
	"county_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"from_year" integer NOT NULL,
	"components" jsonb NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_schemes_county_id_version_pk" PRIMARY KEY("county_id","version")
);
--> statement-breakpoint
CREATE TABLE "assessment_scores" (
	"county_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"org_name" text NOT NULL,
	"town_id" uuid,
	"town_name" text NOT NULL,
	"level" text NOT NULL,
	"centi" integer,
	"rank" integer,
	"components" jsonb NOT NULL,
	"detail" jsonb NOT NULL,
	"scheme_version" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_scores_county_id_year_org_id_pk" PRIMARY KEY("county_id","year","org_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_years" (
	"county_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"scheme_version" integer,
	"computed_at" timestamp with time zone,
	"as_of" date,
	"closed_at" timestamp with time zone,
	"closed_by_name" text,
	"recomputed_at" timestamp with time zone,
	"recompute_reason" text,
	CONSTRAINT "assessment_years_county_id_year_pk" PRIMARY KEY("county_id","year")
);
--> statement-breakpoint
CREATE TABLE "weak_org_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"weak_org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"note" text NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weak_orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"org_name" text NOT NULL,
	"town_name" text NOT NULL,
	"status" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"identified_at" timestamp with time zone NOT NULL,
	"identified_by_name" text NOT NULL,
	"leader_name" text,
	"working_group" text,
	"plan" text,
	"deadline" date,
	"accepted_at" timestamp with time zone,
	"acceptance_note" text,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "assessment_manual_path_idx" ON "assessment_manual_scores" USING btree ("county_id","year","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "assessment_scores_rank_idx" ON "assessment_scores" USING btree ("county_id","year","level","rank");--> statement-breakpoint
CREATE INDEX "assessment_scores_path_idx" ON "assessment_scores" USING btree ("county_id","year","org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "weak_org_progress_month_uq" ON "weak_org_progress" USING btree ("county_id","weak_org_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "weak_orgs_year_org_uq" ON "weak_orgs" USING btree ("county_id","year","org_id");--> statement-breakpoint
CREATE INDEX "weak_orgs_path_idx" ON "weak_orgs" USING btree ("county_id","year","org_path" text_pattern_ops);