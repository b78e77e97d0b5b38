// County settings (the settings table, owned by the platform): one value per (county, key), read with a default by
// the module that defines the key. Modules read and write their settings here, never through the table.
import { and, eq } from 'drizzle-orm';
import type { Executor } from './db';
import { settings } from '../db/schema/index';

export async function readSetting(ex: Executor, countyId: string, key: string): Promise<unknown> {
  const [row] = await ex.select({ value: settings.value }).from(settings).where(and(eq(settings.countyId, countyId), eq(settings.key, key)));
  return row?.value;
}

export async function writeSetting(ex: Executor, countyId: string, key: string, value: unknown, by: string | null, now: Date): Promise<void> {
  await ex
    .insert(settings)
    .values({ countyId, key, value, updatedAt: now, updatedBy: by })
    .onConflictDoUpdate({ target: [settings.countyId, settings.key], set: { value, updatedAt: now, updatedBy: by } });
}
