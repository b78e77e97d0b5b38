// The public quality board (实时质量图): resolves a revocable link, and computes the county's board from the monthly
// rollups and warnings (never from raw items), cached until a duty change or month close touches the county.
import { ZBoardData, dutyCategoryOf, notFound, rankTowns, toChinaDate, type BoardData, type BoardOrg, type BoardTicker, type BoardTown, type GridKind, type OrgType, type Sector } from '@yanzhen/domain';
import { and, desc, eq, gte, isNull, like, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { sha256 } from '../../core/crypto';
import { boardLinks, counties, dutyItems, dutyMonthly, dutySubmissions, dutyWarnings, orgs } from '../../db/schema/index';
import { dutiesRepository } from './duties.repository';
import { DUTY_CHANGED } from './duties.service';
import { DUTY_MONTH_CLOSED } from './duties-months.service';

const TICKER_SIZE = 12;
const TICKER_DAYS = 14;
const CACHE_TTL_MS = 60_000;

type LinkRow = typeof boardLinks.$inferSelect;
const round1 = (n: number) => Math.round(n * 10) / 10;
const pct = (num: number, den: number) => (den > 0 ? round1((100 * num) / den) : null);

export function createBoardService(ctx: AppContext) {
  const cache = new Map<string, { at: number; data: Promise<BoardData>; json?: Promise<string> }>();
  const unsubscribe = ctx.events.subscribe((e) => {
    if (e.type !== DUTY_CHANGED && e.type !== DUTY_MONTH_CLOSED) return;
    for (const key of cache.keys()) if (key.startsWith(`${e.countyId}:`)) cache.delete(key);
  });

  /** A live link by its token, or 404 (unknown and revoked links look the same). */
  async function resolve(token: string): Promise<LinkRow> {
    const [link] = await ctx.db.select().from(boardLinks).where(and(eq(boardLinks.tokenHash, sha256(token)), isNull(boardLinks.revokedAt)));
    if (!link) throw notFound('质量图链接');
    const now = ctx.clock();
    if (!link.lastSeenAt || now.getTime() - link.lastSeenAt.getTime() > 60_000) await ctx.db.update(boardLinks).set({ lastSeenAt: now }).where(eq(boardLinks.id, link.id));
    return link;
  }

  function entry(countyId: string, year?: number) {
    const y = year ?? Number(toChinaDate(ctx.clock()).slice(0, 4));
    const key = `${countyId}:${y}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit;
    const p = compute(countyId, y);
    const fresh = { at: Date.now(), data: p };
    cache.set(key, fresh);
    p.catch(() => cache.delete(key));
    return fresh;
  }

  function data(countyId: string, year?: number): Promise<BoardData> {
    return entry(countyId, year).data;
  }

  /** The board as the route sends it: checked against the output schema (the allow-list) and serialized once per cache entry. */
  function json(countyId: string, year?: number): Promise<string> {
    const e: { data: Promise<BoardData>; json?: Promise<string> } = entry(countyId, year);
    e.json ??= e.data.then((d) => JSON.stringify(ZBoardData.parse(d)));
    return e.json;
  }

  async function ticker(countyId: string): Promise<BoardTicker[]> {
    const cols = { id: dutySubmissions.id, submittedAt: dutySubmissions.submittedAt, reviewedAt: dutySubmissions.reviewedAt, status: dutySubmissions.status, title: dutyItems.title, secretaryName: dutyItems.secretaryName, orgName: orgs.name };
    const base = () => ctx.db.select(cols).from(dutySubmissions).innerJoin(dutyItems, eq(dutyItems.id, dutySubmissions.itemId)).innerJoin(orgs, eq(orgs.id, dutyItems.orgId));
    const [submitted, accepted] = await Promise.all([
      base().where(eq(dutySubmissions.countyId, countyId)).orderBy(desc(dutySubmissions.submittedAt)).limit(TICKER_SIZE),
      // A range on (county_id, reviewed_at) keeps this an index scan (a bare DESC order would walk the NULLs first).
      base().where(and(eq(dutySubmissions.countyId, countyId), gte(dutySubmissions.reviewedAt, new Date(ctx.clock().getTime() - TICKER_DAYS * 86_400_000)), eq(dutySubmissions.status, 'accepted'))).orderBy(desc(dutySubmissions.reviewedAt)).limit(TICKER_SIZE),
    ]);
    const entries: BoardTicker[] = [
      ...submitted.map((s) => ({ id: `s-${s.id}`, at: s.submittedAt.toISOString(), orgName: s.orgName, secretaryName: s.secretaryName, title: s.title, status: 'submitted' as const })),
      ...accepted.map((s) => ({ id: `a-${s.id}`, at: s.reviewedAt!.toISOString(), orgName: s.orgName, secretaryName: s.secretaryName, title: s.title, status: 'accepted' as const })),
    ];
    return entries.sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, TICKER_SIZE);
  }

  async function compute(countyId: string, year: number): Promise<BoardData> {
    const today = toChinaDate(ctx.clock());
    const currentMonth = today.startsWith(String(year)) ? today.slice(0, 7) : today < `${year}` ? `${year}-01` : `${year}-12`;
    const [[county], orgRows, monthly, warnings, tick] = await Promise.all([
      ctx.db.select({ name: counties.name }).from(counties).where(eq(counties.id, countyId)),
      dutiesRepository.orgsForDuties(ctx.db, countyId),
      ctx.db
        .select({ orgId: dutyMonthly.orgId, month: dutyMonthly.month, dueWeight: dutyMonthly.dueWeight, onTimeWeight: dutyMonthly.onTimeWeight, rate: dutyMonthly.rate, stars: dutyMonthly.stars, closedAt: dutyMonthly.closedAt })
        .from(dutyMonthly)
        .where(and(eq(dutyMonthly.countyId, countyId), like(dutyMonthly.month, `${year}-%`))),
      ctx.db
        .select({ orgId: dutyWarnings.orgId, month: dutyWarnings.month, level: dutyWarnings.level, clearedAt: dutyWarnings.clearedAt })
        .from(dutyWarnings)
        .where(and(eq(dutyWarnings.countyId, countyId), sql`(${dutyWarnings.month} like ${`${year}-%`} or ${dutyWarnings.clearedAt} is null)`)),
      ticker(countyId),
    ]);
    const boardOrgs = new Map<string, BoardOrg & { dueW: number; onW: number; monthDueW: number; monthOnW: number }>();
    const townOf = new Map<string, string>();
    const towns = new Map<string, { id: string; name: string; sector: string; order: number }>();
    const bySeq = new Map(orgRows.filter((o) => o.depth === 1).map((o) => [String(o.seq), o]));
    orgRows.forEach((o, order) => {
      if (o.depth === 1) towns.set(o.id, { id: o.id, name: o.shortName ?? o.name, sector: o.sector, order });
      if (!dutyCategoryOf({ type: o.type as OrgType, sector: o.sector as Sector, gridKind: o.gridKind as GridKind | null })) return;
      const townSeq = o.path.split('/').filter(Boolean)[1];
      const town = townSeq ? bySeq.get(townSeq) : undefined;
      if (!town) return;
      townOf.set(o.id, town.id);
      boardOrgs.set(o.id, { id: o.id, name: o.depth === 1 ? o.name : o.name, secretaryName: o.secretaryName, stars: Array(12).fill(null), rates: Array(12).fill(null), marks: Array(12).fill(null), warning: null, yearRate: null, totalStars: 0, dueW: 0, onW: 0, monthDueW: 0, monthOnW: 0 });
    });
    for (const m of monthly) {
      const o = boardOrgs.get(m.orgId);
      if (!o) continue;
      const i = Number(m.month.slice(5, 7)) - 1;
      o.rates[i] = m.rate;
      if (m.closedAt) {
        o.stars[i] = m.stars;
        o.totalStars += m.stars ?? 0;
      }
      if (m.month <= currentMonth) {
        o.dueW += m.dueWeight;
        o.onW += m.onTimeWeight;
      }
      if (m.month === currentMonth) {
        o.monthDueW += m.dueWeight;
        o.monthOnW += m.onTimeWeight;
      }
    }
    let red = 0;
    let yellow = 0;
    for (const w of warnings) {
      const o = boardOrgs.get(w.orgId);
      if (!o) continue;
      if (w.month.startsWith(String(year))) o.marks[Number(w.month.slice(5, 7)) - 1] = w.level as 'yellow' | 'red';
      if (!w.clearedAt && (o.warning === null || w.level === 'red')) o.warning = w.level as 'yellow' | 'red';
    }
    const townList: (Omit<BoardTown, 'rank'> & { sector: string })[] = [];
    let dueW = 0;
    let onW = 0;
    let monthDueW = 0;
    let monthOnW = 0;
    let stars = 0;
    // Orgs grouped by town in one pass (a filter per town is towns × orgs: minutes for a province of 180,000 orgs).
    const byTown = new Map<string, (typeof boardOrgs extends Map<string, infer V> ? V : never)[]>();
    for (const o of boardOrgs.values()) {
      const t = townOf.get(o.id)!;
      const list = byTown.get(t);
      if (list) list.push(o);
      else byTown.set(t, [o]);
    }
    for (const t of [...towns.values()].sort((a, b) => a.order - b.order)) {
      const list = byTown.get(t.id) ?? [];
      if (list.length === 0) continue;
      let tDue = 0;
      let tOn = 0;
      let tStars = 0;
      let tRed = 0;
      let tYellow = 0;
      const out: BoardOrg[] = list.map(({ dueW: d, onW: n, monthDueW: md, monthOnW: mn, ...o }) => {
        tDue += d;
        tOn += n;
        tStars += o.totalStars;
        monthDueW += md;
        monthOnW += mn;
        if (o.warning === 'red') tRed += 1;
        if (o.warning === 'yellow') tYellow += 1;
        return { ...o, yearRate: pct(n, d) };
      });
      dueW += tDue;
      onW += tOn;
      stars += tStars;
      red += tRed;
      yellow += tYellow;
      townList.push({ id: t.id, name: t.name, sector: t.sector, yearRate: pct(tOn, tDue), averageStars: round1(tStars / out.length), red: tRed, yellow: tYellow, orgs: out });
    }
    return {
      countyName: county?.name ?? '',
      year,
      currentMonth,
      generatedAt: ctx.clock().toISOString(),
      totals: { orgs: boardOrgs.size, yearRate: pct(onW, dueW), monthRate: pct(monthOnW, monthDueW), red, yellow, stars },
      // Towns and streets ranked and listed by rank; county-level units after them, unranked.
      towns: rankTowns(townList).map(({ sector: _sector, ...t }) => t),
      ticker: tick,
    };
  }

  return { resolve, data, json, close: unsubscribe };
}
export type BoardService = ReturnType<typeof createBoardService>;
