// The only code that touches the accounts and sessions tables.
import { and, asc, count, desc, eq, ilike, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { subtreePattern } from '../../core/actor';
import { accounts, members, orgs, sessions } from '../../db/schema/index';

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

  async sessionsOf(ex: Executor, accountId: string) {
    return ex.select().from(sessions).where(eq(sessions.accountId, accountId)).orderBy(desc(sessions.createdAt));
  },

  async deleteSession(ex: Executor, accountId: string, tokenHash: string) {
    await ex.delete(sessions).where(and(eq(sessions.accountId, accountId), eq(sessions.tokenHash, tokenHash)));
  },

  async list(ex: Executor, opts: { countyId: string; orgPath: string; q?: string; role?: string; limit: number; offset: number }) {
    const conds: SQL[] = [eq(accounts.countyId, opts.countyId), like(orgs.path, subtreePattern(opts.orgPath))];
    if (opts.q) conds.push(or(ilike(accounts.username, `%${opts.q}%`), ilike(accounts.displayName, `%${opts.q}%`))!);
    if (opts.role) conds.push(eq(accounts.role, opts.role));
    const where = and(...conds);
    const [rows, [{ total }]] = await Promise.all([
      ex
        .select({ account: accounts, orgName: orgs.name, orgPath: orgs.path })
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

  /** Case-insensitive: 'Town1' and 'town1' would be two people logging in with one name. */
  async usernameTaken(ex: Executor, username: string): Promise<boolean> {
    const [row] = await ex.select({ id: accounts.id }).from(accounts).where(sql`lower(${accounts.username}) = lower(${username})`);
    return !!row;
  },

  async findByMember(ex: Executor, memberId: string, exceptAccountId?: string) {
    const [row] = await ex
      .select({ id: accounts.id, username: accounts.username })
      .from(accounts)
      .where(exceptAccountId ? and(eq(accounts.memberId, memberId), ne(accounts.id, exceptAccountId)) : eq(accounts.memberId, memberId));
    return row ?? null;
  },

  /** A member still on the roster, with the branch it is enrolled in. */
  async findLiveMember(ex: Executor, countyId: string, memberId: string) {
    const [row] = await ex
      .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: members.orgPath })
      .from(members)
      .where(and(eq(members.countyId, countyId), eq(members.id, memberId), isNull(members.leftAt)));
    return row ?? null;
  },
};
