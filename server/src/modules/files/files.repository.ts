// The only code that touches stored_files and stored_file_contents.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { storedFileContents, storedFiles } from '../../db/schema/index';

export type StoredFileRow = typeof storedFiles.$inferSelect;

export const filesRepository = {
  /** Stores the bytes once per county and content hash, and a metadata row per upload. */
  async insert(ex: Executor, values: typeof storedFiles.$inferInsert, content: Buffer): Promise<StoredFileRow> {
    await ex
      .insert(storedFileContents)
      .values({ countyId: values.countyId, sha256: values.sha256, size: content.length, content })
      .onConflictDoNothing();
    const [row] = await ex.insert(storedFiles).values(values).returning();
    return row;
  },

  async findById(ex: Executor, countyId: string, id: string): Promise<StoredFileRow | null> {
    const [row] = await ex.select().from(storedFiles).where(and(eq(storedFiles.countyId, countyId), eq(storedFiles.id, id)));
    return row ?? null;
  },

  async findByIds(ex: Executor, countyId: string, ids: readonly string[]): Promise<StoredFileRow[]> {
    if (ids.length === 0) return [];
    return ex.select().from(storedFiles).where(and(eq(storedFiles.countyId, countyId), inArray(storedFiles.id, [...ids])));
  },

  async content(ex: Executor, countyId: string, sha256: string): Promise<Buffer | null> {
    const [row] = await ex
      .select({ content: storedFileContents.content })
      .from(storedFileContents)
      .where(and(eq(storedFileContents.countyId, countyId), eq(storedFileContents.sha256, sha256)));
    return row?.content ?? null;
  },
};
