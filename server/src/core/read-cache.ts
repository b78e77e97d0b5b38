// Per-county caches of computed reads (the org tree, the home dashboard): a value lives READ_CACHE_TTL_MS at most and
// is dropped when a write in its county succeeds (COUNTY_WRITTEN, published by the auth layer after every successful
// non-GET request, i.e. after its transaction committed). A read that started before such a drop is not stored.
// Another process on the same database (or a write made outside HTTP, such as the demo loader) is seen within the TTL.
import type { EventBus } from './events';

export const COUNTY_WRITTEN = 'county.written';
export const READ_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;

export type CountyCache<V> = {
  /** The cached value for (county, key), or the one `compute` gives (computed once for concurrent callers). */
  get: (countyId: string, key: string, compute: () => Promise<V>) => Promise<V>;
  close: () => void;
};

export function createCountyCache<V>(events: EventBus, ttlMs = READ_CACHE_TTL_MS): CountyCache<V> {
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  const generations = new Map<string, number>();
  const unsubscribe = events.subscribe((e) => {
    if (e.type !== COUNTY_WRITTEN) return;
    generations.set(e.countyId, (generations.get(e.countyId) ?? 0) + 1);
    for (const k of entries.keys()) if (k.startsWith(`${e.countyId}|`)) entries.delete(k);
  });
  return {
    get(countyId, key, compute) {
      const k = `${countyId}|${key}`;
      const hit = entries.get(k);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const gen = generations.get(countyId) ?? 0;
      const value = compute();
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(k, { at: Date.now(), value });
      // A write committed while computing: this value may predate it, so it is not kept.
      value.then(
        () => (generations.get(countyId) ?? 0) !== gen && entries.get(k)?.value === value && entries.delete(k),
        () => entries.get(k)?.value === value && entries.delete(k),
      );
      return value;
    },
    close: unsubscribe,
  };
}
