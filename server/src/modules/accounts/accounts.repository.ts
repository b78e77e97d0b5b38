// The only code that touches the accounts and sessions tables.
import { and, asc, count, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { subtreePattern } from '../../core/actor';
import { accounts, orgs, sessions } from '../../db/schema/index';

export type AccountRow = typeof accounts.$inferSelect;

export const accountsRepository = {
  async findByUsername(ex: Executor, username: string) {
    const [row] = await ex
      .select({ account: accounts, orgPath: orgs.path, orgName: orgs.name })
      .from(accounts)
      .innerJoin(orgs, eq(orgs.id, accounts.orgId))
      .where(eq(accounts.username, username));
    return row ?? null;
  },

  async findById(ex: Executor, id: string) {
    const [row] = await ex
      .select({ account: accounts, orgPath: orgs.path, orgName: orgs.name })
      .from(accounts)
      .innerJoin(orgs, eq(orgs.id, accounts.orgId))
      .where(eq(accounts.id, id));
    return row ?? null;
  },

  async update(ex: Executor, id: string, values: Partial<typeof accounts.$inferInsert>) {
    await ex.update(accounts).set(values).where(eq(accounts.id, id));
  },

  async insert(ex: Executor, values: typeof accounts.$inferInsert) {
    const [row] = await ex.insert(accounts).values(values).returning();
    return row;
  },

  async deleteSessions(ex: Executor, accountId: string, exceptTokenHash?: string) {
    await ex
      .delete(sessions)
      .where(exceptTokenHash ? and(eq(sessions.accountId, accountId), sql`${sessions.tokenHash} <> ${exceptTokenHash}`) : eq(sessions.accountId, accountId));
  },

  async list(ex: Executor, opts: { countyId: string; orgPath: string; q?: string; role?: string; limit: number; offset: number }) {
    const conds: SQL[] = [eq(accounts.countyId, opts.countyId), like(orgs.path, subtreePattern(opts.orgPath))];
    if (opts.q) conds.push(or(ilike(accounts.username, `%${opts.q}%`), ilike(accounts.displayName, `%${opts.q}%`))!);
    if (opts.role) conds.push(eq(accounts.role, opts.role));
    const where = and(...conds);
    const [rows, [{ total }]] = await Promise.all([
      ex
        .select({ account: accounts, orgName: orgs.name })
        .from(accounts)
        .innerJoin(orgs, eq(orgs.id, accounts.orgId))
        .where(where)
        .orderBy(asc(orgs.path), asc(accounts.username))
        .limit(opts.limit)
        .offset(opts.offset),
      ex.select({ total: count() }).from(accounts).innerJoin(orgs, eq(orgs.id, accounts.orgId)).where(where),
    ]);
    return { rows, total };
  },
};
