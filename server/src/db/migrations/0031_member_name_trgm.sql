-- Name-fragment search (`name like '%…%'`) through a trigram index instead of a scan of the county's roster.
-- pg_trgm ships with PostgreSQL (contrib) and with PGlite (@electric-sql/pglite/contrib/pg_trgm, loaded in core/db.ts).
-- A trigram needs three characters: a 1–2 character fragment (most Chinese surname/given-name searches) extracts no
-- trigram, the planner then keeps the page index / scan, and results stay the same either way. Live members only, as
-- the roster search asks (`left_at is null`).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "members_live_name_trgm_idx" ON "members" USING gin ("name" gin_trgm_ops) WHERE "left_at" IS NULL;
