CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"account_id" uuid,
	"failures" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_chain" (
	"county_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"entry_id" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_chain_county_id_seq_pk" PRIMARY KEY("county_id","seq")
);
--> statement-breakpoint
CREATE TABLE "audit_log_archive" (
	"id" bigint PRIMARY KEY NOT NULL,
	"county_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"outcome" text NOT NULL,
	"ip" text,
	"changes" jsonb,
	"note" text,
	"archived_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "password_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "sid" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
CREATE INDEX "login_throttle_account_idx" ON "login_throttle" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_chain_entry_uq" ON "audit_chain" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "audit_archive_county_at_idx" ON "audit_log_archive" USING btree ("county_id","at");