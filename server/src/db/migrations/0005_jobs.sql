CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"job" text NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"attempts" integer DEFAULT 1 NOT NULL,
	"result" jsonb,
	"error" text,
	"triggered_by" uuid
);
--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_county_job_period_uq" ON "job_runs" USING btree ("county_id","job","period");--> statement-breakpoint
CREATE INDEX "job_runs_county_started_idx" ON "job_runs" USING btree ("county_id","started_at");