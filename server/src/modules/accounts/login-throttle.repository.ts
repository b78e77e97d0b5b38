// The only code that touches login_throttle: atomic failure counters per key (see the table's comment).
import { eq, lt, sql } from 'drizzle-orm';
import { LOGIN_BLOCK_MINUTES } from '@yanzhen/domain';
import type { Executor } from '../../core/db';
import { loginThrottle } from '../../db/schema/index';

export const pairKey = (accountOrName: string, ip: string) => `pair:${accountOrName}|${ip}`;
export const addressKey = (ip: string) => `ip:${ip}`;

export const loginThrottleRepository = {
  /**
   * Counts one attempt on `key` and returns the count including it, in one statement (concurrent attempts each get
   * their own number); a key quiet for LOGIN_BLOCK_MINUTES starts again at 1.
   */
  async hit(ex: Executor, key: string, accountId: string | null, now: Date): Promise<number> {
    const quietSince = new Date(now.getTime() - LOGIN_BLOCK_MINUTES * 60_000);
    const [row] = await ex
      .insert(loginThrottle)
      .values({ key, accountId, failures: 1, lastAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.lastAt} < ${quietSince} then 1 else ${loginThrottle.failures} + 1 end`,
          lastAt: sql`greatest(${loginThrottle.lastAt}, ${now})`,
        },
      })
      .returning({ failures: loginThrottle.failures });
    return row.failures;
  },

  /** A successful login takes back the attempt counted on the address. */
  async refund(ex: Executor, key: string): Promise<void> {
    await ex.update(loginThrottle).set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` }).where(eq(loginThrottle.key, key));
  },

  async clear(ex: Executor, key: string): Promise<void> {
    await ex.delete(loginThrottle).where(eq(loginThrottle.key, key));
  },

  /** Unlock by an administrator: every address's counter on this account. */
  async clearAccount(ex: Executor, accountId: string): Promise<void> {
    await ex.delete(loginThrottle).where(eq(loginThrottle.accountId, accountId));
  },

  /** Counters quiet for longer than the block: nothing to remember. */
  async purgeQuiet(ex: Executor, now: Date): Promise<void> {
    await ex.delete(loginThrottle).where(lt(loginThrottle.lastAt, new Date(now.getTime() - LOGIN_BLOCK_MINUTES * 60_000)));
  },
};
