-- The roster page (default order: branch path, pinyin, name, id) read in index order instead of sorting the county.
-- org_path in COLLATE "C" so that `like '/1/5/%'` is a range on the same index and the order agrees with it
-- (a default-collation index cannot serve the LIKE prefix, and made a town's page slower). Live members only.
CREATE INDEX IF NOT EXISTS "members_live_page_idx" ON "members" ("county_id", ("org_path" COLLATE "C"), "name_pinyin", "name", "id") WHERE "left_at" IS NULL;
