// A short-lived in-memory cache of session lookups (token hash → the session's account and org), so a logged-in
// request does not pay a three-table join each time. Entries live at most SESSION_CACHE_TTL_MS (well under the
// one-minute touch interval). They are dropped on logout and after every successful write in the account's county
// (password change, disable, role or org change, org move/merge all are writes), so a change made through this
// process is seen by the next request; another process on the same database sees it within the TTL.
export const SESSION_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export type SessionCache<V extends { countyId: string }> = {
  get: (tokenHash: string, now: number) => V | undefined;
  /** Stores a lookup that started at generation `gen` — unless a drop happened since (the lookup may be stale). */
  set: (tokenHash: string, value: V, now: number, gen: number) => void;
  generation: () => number;
  forgetToken: (tokenHash: string) => void;
  forgetCounty: (countyId: string) => void;
  /** Everything (a login may have ended the account's oldest sessions, and the login has no actor to name a county). */
  forgetAll: () => void;
};

export function createSessionCache<V extends { countyId: string }>(ttlMs = SESSION_CACHE_TTL_MS): SessionCache<V> {
  const entries = new Map<string, { value: V; at: number }>();
  let gen = 0;
  return {
    get(tokenHash, now) {
      const e = entries.get(tokenHash);
      if (!e) return undefined;
      if (now - e.at > ttlMs) {
        entries.delete(tokenHash);
        return undefined;
      }
      return e.value;
    },
    set(tokenHash, value, now, startGen) {
      if (startGen !== gen) return;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(tokenHash, { value, at: now });
    },
    generation: () => gen,
    forgetToken(tokenHash) {
      gen += 1;
      entries.delete(tokenHash);
    },
    forgetCounty(countyId) {
      gen += 1;
      for (const [k, e] of entries) if (e.value.countyId === countyId) entries.delete(k);
    },
    forgetAll() {
      gen += 1;
      entries.clear();
    },
  };
}
