// The only code that touches the members table for the roster (and reads a member's audit trail).
import { MEMBER_TOTAL_CAP } from '@yanzhen/domain';
import { and, arrayContains, asc, desc, eq, gt, gte, inArray, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db';
import { auditLog, members, orgs } from '../../db/schema/index';
import type { MemberInsert, MemberRow } from './members.mapper';

export type MemberWithOrg = { member: MemberRow; orgName: string; groupName: string | null };

/** How the roster search narrows rows; built by the service from the query (hashes, age → birth-date bounds). */
export type MemberSearch = {
  /** LIKE pattern of the subtree (actor scope, or the chosen org). */
  pathPattern: string;
  /** A party group was chosen: its members, by group_id. */
  groupId?: string;
  text?:
    | { kind: 'name'; value: string }
    | { kind: 'pinyin'; value: string }
    | { kind: 'idHash'; value: string }
    | { kind: 'tail'; value: string; idTailHash: string }
    | { kind: 'phoneHash'; value: string };
  category?: string;
  status?: string;
  gender?: string;
  education?: string;
  bornOnOrBefore?: string;
  bornAfter?: string;
  joinedOnOrAfter?: string;
  joinedOnOrBefore?: string;
};
export type MemberSort = 'name' | 'birthDate' | 'joinDate' | 'createdAt';
export type MemberListRow = {
  id: string;
  name: string;
  gender: string;
  birthMonth: string;
  idNumberEnc: string;
  phoneMasked: string | null;
  education: string;
  joinDate: string;
  status: string;
  categories: string[];
  orgId: string;
  orgName: string;
};

/** Escapes LIKE wildcards in user text (backslash is PostgreSQL's default LIKE escape). */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const groupOrgs = alias(orgs, 'group_org');

/**
 * Names containing the fragment. From three characters on, `like '%…%'` is answered by the trigram index
 * members_live_name_trgm_idx (migration 0027). A 1–2 character fragment has no trigram: the index would hand back every
 * live member to recheck (PostgreSQL 15 picks that plan, slower than a scan), so those read `strpos`, which no index
 * matches — the same rows, by a scan of the subtree.
 */
export function nameContains(fragment: string): SQL {
  return [...fragment].length >= TRIGRAM_MIN_CHARS ? like(members.name, `%${likeEscape(fragment)}%`) : sql`strpos(${members.name}, ${fragment}) > 0`;
}
const TRIGRAM_MIN_CHARS = 3;

function searchConditions(countyId: string, s: MemberSearch): SQL[] {
  // org_path in COLLATE "C": the LIKE prefix is then a range of members_live_page_idx, in the order the page is sorted by.
  const conds: (SQL | undefined)[] = [eq(members.countyId, countyId), sql`(${members.orgPath} collate "C") like ${s.pathPattern}`, isNull(members.leftAt)];
  if (s.groupId) conds.push(eq(members.groupId, s.groupId));
  const t = s.text;
  if (t?.kind === 'name') conds.push(nameContains(t.value));
  if (t?.kind === 'pinyin') {
    const p = `${likeEscape(t.value.toLowerCase())}%`;
    conds.push(or(like(members.nameInitials, p), like(members.namePinyin, p)));
  }
  if (t?.kind === 'idHash') conds.push(eq(members.idNumberHash, t.value));
  if (t?.kind === 'phoneHash') conds.push(eq(members.phoneHash, t.value));
  if (t?.kind === 'tail') conds.push(or(eq(members.idTailHash, t.idTailHash), eq(members.phoneTail, t.value)));
  if (s.category) conds.push(arrayContains(members.categories, [s.category]));
  if (s.status) conds.push(eq(members.status, s.status));
  if (s.gender) conds.push(eq(members.gender, s.gender));
  if (s.education) conds.push(eq(members.education, s.education));
  // Ages count from the birth month (the 1st), the precision kept in clear.
  if (s.bornOnOrBefore) conds.push(lte(members.birthMonth, s.bornOnOrBefore));
  if (s.bornAfter) conds.push(gt(members.birthMonth, s.bornAfter));
  if (s.joinedOnOrAfter) conds.push(gte(members.joinDate, s.joinedOnOrAfter));
  if (s.joinedOnOrBefore) conds.push(lte(members.joinDate, s.joinedOnOrBefore));
  return conds.filter((c): c is SQL => c !== undefined);
}

function orderBy(sort: { key: MemberSort; desc: boolean } | null, s: MemberSearch): SQL[] {
  const dir = (c: Parameters<typeof asc>[0]) => (sort?.desc ? desc(c) : asc(c));
  if (sort) {
    // Names sort by their pinyin spelling (the order Chinese rosters use), not by code point.
    if (sort.key === 'name') return [dir(members.namePinyin), dir(members.name), dir(members.id)];
    if (sort.key === 'birthDate') return [dir(members.birthMonth), dir(members.namePinyin), dir(members.id)];
    const col = { joinDate: members.joinDate, createdAt: members.createdAt }[sort.key];
    return [dir(col), dir(members.id)];
  }
  // A name search lists names starting with the text first.
  const head = s.text?.kind === 'name' ? [sql`(${members.name} like ${`${likeEscape(s.text.value)}%`}) desc`] : [];
  return [...head, sql`(${members.orgPath} collate "C")`, asc(members.namePinyin), asc(members.name), asc(members.id)];
}

export const membersRepository = {
  /** One page, then the total: counted only when the page does not already show it (at most two statements). */
  async search(
    ex: Executor,
    countyId: string,
    s: MemberSearch,
    page: { page: number; pageSize: number; sort: { key: MemberSort; desc: boolean } | null; totalCap?: number },
  ): Promise<{ rows: MemberListRow[]; total: number; totalCapped: boolean }> {
    const where = and(...searchConditions(countyId, s));
    const offset = (page.page - 1) * page.pageSize;
    const rows = await ex
      .select({
        id: members.id,
        name: members.name,
        gender: members.gender,
        birthMonth: members.birthMonth,
        idNumberEnc: members.idNumberEnc,
        phoneMasked: members.phoneMasked,
        education: members.education,
        joinDate: members.joinDate,
        status: members.status,
        categories: members.categories,
        orgId: members.orgId,
        orgName: orgs.name,
      })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(where)
      .orderBy(...orderBy(page.sort, s))
      .limit(page.pageSize)
      .offset(offset);
    // A short page that has rows (or a first page) ends the list: its total is known without counting.
    if (rows.length < page.pageSize && (rows.length > 0 || offset === 0)) return { rows, total: offset + rows.length, totalCapped: false };
    // Measured on PostgreSQL 15 with 60,000 members in a county: a window count(*) over() took ~100 ms, page + count ~65 ms.
    // A search or filter is counted up to MEMBER_TOTAL_CAP (never below the page shown), not over every match of a broad
    // search at province scale: one row past the cap means "more than the cap" (totalCapped). The unfiltered roster of
    // a subtree keeps its exact total (an index-only count of members_live_page_idx; per-org rollups are to replace it).
    const filtered = Object.entries(s).some(([k, v]) => k !== 'pathPattern' && k !== 'groupId' && v !== undefined);
    if (!filtered) {
      const [{ n }] = await ex.select({ n: sql<string | number>`count(*)` }).from(members).where(where);
      return { rows, total: Number(n), totalCapped: false };
    }
    const cap = Math.max(page.totalCap ?? MEMBER_TOTAL_CAP, offset + page.pageSize);
    const capped = ex.select({ one: sql`1` }).from(members).where(where).limit(cap + 1).as('capped');
    const [{ n }] = await ex.select({ n: sql<string | number>`count(*)` }).from(capped);
    const total = Number(n);
    return total > cap ? { rows, total: cap, totalCapped: true } : { rows, total, totalCapped: false };
  },

  /** Live members of one branch or of a subtree, for other modules' rosters (org life): no sensitive column. */
  async liveRoster(ex: Executor, countyId: string, where: { orgId: string } | { pathPattern: string }) {
    const scope = 'orgId' in where ? eq(members.orgId, where.orgId) : like(members.orgPath, where.pathPattern);
    return ex
      .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: members.orgPath, orgName: orgs.name, status: members.status })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(eq(members.countyId, countyId), scope, isNull(members.leftAt)))
      .orderBy(asc(members.orgPath), asc(members.namePinyin), asc(members.id));
  },

  /** A live member (not left) with the names of their branch and party group. */
  async findById(ex: Executor, countyId: string, id: string): Promise<MemberWithOrg | null> {
    const [row] = await ex
      .select({ member: members, orgName: orgs.name, groupName: groupOrgs.name })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .leftJoin(groupOrgs, eq(groupOrgs.id, members.groupId))
      .where(and(eq(members.countyId, countyId), eq(members.id, id), isNull(members.leftAt)));
    return row ?? null;
  },

  /** Members (left ones too: the ID number stays unique in the county) holding one of these ID-number hashes. */
  async findByIdNumberHashes(ex: Executor, countyId: string, hashes: string[]): Promise<{ id: string; name: string; orgPath: string; orgName: string; idNumberHash: string; leftAt: Date | null }[]> {
    if (hashes.length === 0) return [];
    return ex
      .select({ id: members.id, name: members.name, orgPath: members.orgPath, orgName: orgs.name, idNumberHash: members.idNumberHash, leftAt: members.leftAt })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(eq(members.countyId, countyId), inArray(members.idNumberHash, hashes)));
  },

  async insert(ex: Executor, values: MemberInsert): Promise<MemberRow> {
    const [row] = await ex.insert(members).values(values).returning();
    return row;
  },

  /** Updates when the version still matches; false when someone else changed the row first. */
  async updateVersioned(ex: Executor, id: string, version: number, values: Partial<MemberInsert>): Promise<boolean> {
    const rows = await ex
      .update(members)
      .set({ ...values, version: version + 1 })
      .where(and(eq(members.id, id), eq(members.version, version)))
      .returning({ id: members.id });
    return rows.length === 1;
  },

  /** A page of the audit entries recorded against a member, newest first, and how many there are. */
  async history(ex: Executor, countyId: string, memberId: string, page: { page: number; pageSize: number }) {
    const where = and(eq(auditLog.countyId, countyId), eq(auditLog.entityType, 'member'), eq(auditLog.entityId, memberId));
    const [rows, [{ total }]] = await Promise.all([
      ex.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(page.pageSize).offset((page.page - 1) * page.pageSize),
      ex.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
    ]);
    return { rows, total: Number(total) };
  },

  /** The latest join date per branch of a subtree (live members), for the "no new member in three years" list. */
  async lastJoinDateByBranch(ex: Executor, countyId: string, pathPattern: string): Promise<Map<string, string>> {
    const rows = await ex
      .select({ orgId: members.orgId, last: sql<string>`max(${members.joinDate})` })
      .from(members)
      .where(and(eq(members.countyId, countyId), like(members.orgPath, pathPattern), isNull(members.leftAt)))
      .groupBy(members.orgId);
    return new Map(rows.map((r) => [r.orgId, r.last]));
  },

  /**
   * Live members of a subtree who joined in calendar month `mm` of a year before `year` (their political birthday
   * falls in that month; a 29 February joiner is in February every year), by day then branch, a page with the total.
   */
  /** Live members carrying any of `categories`, counted under each of `paths` (a path's subtree). */
  async countWithCategories(ex: Executor, countyId: string, paths: string[], categories: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const path of paths) {
      const [{ n }] = await ex
        .select({ n: sql<number>`count(*)::int` })
        .from(members)
        .where(and(eq(members.countyId, countyId), like(members.orgPath, `${path}%`), isNull(members.leftAt), sql`${members.categories} && ${`{${categories.join(',')}}`}::text[]`));
      out.set(path, Number(n));
    }
    return out;
  },
  async idNumbersEncOf(ex: Executor, countyId: string, ids: string[]): Promise<{ id: string; idNumberEnc: string }[]> {
    if (!ids.length) return [];
    return ex.select({ id: members.id, idNumberEnc: members.idNumberEnc }).from(members).where(and(eq(members.countyId, countyId), inArray(members.id, ids)));
  },

  /** Live members of each org (by org id) whose party anniversary falls in month `mm` of `year` (joined before it). */
  async anniversaryCounts(ex: Executor, countyId: string, orgIds: string[], mm: string, year: number): Promise<Map<string, number>> {
    if (!orgIds.length) return new Map();
    const rows = await ex
      .select({ orgId: members.orgId, n: sql<number>`count(*)::int` })
      .from(members)
      .where(and(eq(members.countyId, countyId), inArray(members.orgId, orgIds), isNull(members.leftAt), sql`to_char(${members.joinDate}, 'MM') = ${mm}`, sql`extract(year from ${members.joinDate}) < ${year}`))
      .groupBy(members.orgId);
    return new Map(rows.map((r) => [r.orgId, Number(r.n)]));
  },

  async joinedInMonth(ex: Executor, countyId: string, pathPattern: string, mm: string, year: number, page: { page: number; pageSize: number }) {
    const where = and(eq(members.countyId, countyId), like(members.orgPath, pathPattern), isNull(members.leftAt), sql`to_char(${members.joinDate}, 'MM') = ${mm}`, sql`extract(year from ${members.joinDate}) < ${year}`);
    const rows = await ex
      .select({ id: members.id, name: members.name, joinDate: members.joinDate, orgId: members.orgId, orgName: orgs.name })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(where)
      .orderBy(sql`to_char(${members.joinDate}, 'DD')`, asc(members.orgPath), asc(members.namePinyin), asc(members.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(members).where(where);
    return { rows, total: Number(n) };
  },

  /**
   * Mobile members (流动党员) on the roster of a subtree, by branch and name, with a true total. `stale` keeps those
   * registered mobile at least `months` months before `today` (date + interval, month-end clamped like addMonths),
   * less `exceptIds` (the ones the caller knows were contacted since).
   */
  async mobileMembers(ex: Executor, countyId: string, pathPattern: string, f: { stale?: { months: number; today: string; exceptIds: string[] } }, page: { page: number; pageSize: number }) {
    const conds: (SQL | undefined)[] = [eq(members.countyId, countyId), like(members.orgPath, pathPattern), isNull(members.leftAt), arrayContains(members.categories, ['mobile'])];
    if (f.stale) {
      conds.push(sql`(coalesce(${members.mobileSince}, ${members.joinDate}) + make_interval(months => ${f.stale.months}::int))::date <= ${f.stale.today}::date`);
      if (f.stale.exceptIds.length) conds.push(sql`${members.id} <> all(${`{${f.stale.exceptIds.join(',')}}`}::uuid[])`);
    }
    const where = and(...conds);
    const rows = await ex
      .select({ id: members.id, name: members.name, orgPath: members.orgPath, orgName: orgs.name, destination: members.mobileDestination, mobileSince: members.mobileSince, joinDate: members.joinDate })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(where)
      .orderBy(asc(members.orgPath), asc(members.namePinyin), asc(members.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(members).where(where);
    return { rows, total: Number(n) };
  },
};
