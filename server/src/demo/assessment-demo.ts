// Demo data of issue #15 (年度考核): a closed previous year with precomputed scores (every committee and branch, each
// component with its evidence, ranked per level; deterministic by hash — the other demos hold only the current year's
// records), the running current year likewise (open; recomputed from the records on the console), and weak
// organizations in the demo town (one rectified and removed last year; this year one under rectification with 四个一 and
// monthly progress, one just identified).
import { createHash } from 'node:crypto';
import {
  DEFAULT_SCHEME,
  addDays,
  assessmentLevelOf,
  competitionRanks,
  componentCenti,
  monthOf,
  toChinaDate,
  totalCenti,
  type CriterionFound,
} from '@yanzhen/domain';
import { and, eq, isNull, like } from 'drizzle-orm';
import type { AppContext } from '../core/context';
import { accounts, assessmentScores, assessmentYears, orgs, weakOrgProgress, weakOrgs } from '../db/schema/index';
import { bulkInsert } from './bulk-insert';

/** 0–999 from a string, stable across runs. */
const hash = (s: string) => createHash('md5').update(s).digest().readUInt32BE(0) % 1000;

export async function loadAssessmentDemo(ctx: AppContext, countyId: string): Promise<{ previous: number; weak: number; millis: number }> {
  const t0 = performance.now();
  const now = ctx.clock();
  const today = toChinaDate(now);
  const year = Number(today.slice(0, 4));
  const previous = year - 1;
  const all = await ctx.db.select({ id: orgs.id, path: orgs.path, depth: orgs.depth, type: orgs.type, name: orgs.name, seq: orgs.seq }).from(orgs).where(and(eq(orgs.countyId, countyId), isNull(orgs.dissolvedAt)));
  const bySeq = new Map(all.map((o) => [String(o.seq), o]));
  const townOf = (path: string) => bySeq.get(path.split('/').filter(Boolean)[1] ?? '') ?? null;

  // Both years precomputed (computing the running year from the records at load costs 0.3–0.6 s on a shared machine,
  // over the demo budget): each component's measure by hash, a few manual scores not entered. “计算得分” on the
  // console replaces the running year with the figures from the records.
  const scheme = DEFAULT_SCHEME;
  const precomputed = (y: number, note: string) => {
    const scored = all
      .map((o) => ({ o, level: assessmentLevelOf(o.type, o.depth) }))
      .filter((x): x is { o: (typeof all)[number]; level: NonNullable<typeof x.level> } => x.level !== null)
      .map(({ o, level }) => {
        const components = scheme.components.map((c) => {
          const h = hash(`${o.id}|${y}|${c.key}`);
          const permille = c.source === 'manual' && h < 150 ? null : c.source === 'weakOrg' ? (h < 40 ? 500 : 1000) : 550 + Math.round((h * 450) / 1000);
          const centi = componentCenti(c.weight, permille, c.whenNoData);
          const summary = permille === null ? '尚未评定（无数据，本项不计入，总分按其余各项折算）' : `${c.label}得分率 ${(permille / 10).toFixed(1)}%（${note}）`;
          return { key: c.key, label: c.label, source: c.source, weight: c.weight, whenNoData: c.whenNoData, permille, centi, evidence: { summary, figures: { permille }, link: null } };
        });
        const town = townOf(o.path) ?? o;
        return { o, level, town, components, centi: totalCenti(components), rank: null as number | null };
      });
    for (const level of new Set(scored.map((s) => s.level))) {
      const inLevel = scored.filter((s) => s.level === level);
      competitionRanks(inLevel.map((s) => s.centi)).forEach((r, i) => (inLevel[i].rank = r));
    }
    return scored.map((s) => ({
      countyId, year: y, orgId: s.o.id, orgPath: s.o.path, orgName: s.o.name, townId: s.town.id, townName: s.town.name, level: s.level, centi: s.centi, rank: s.rank,
      components: Object.fromEntries(s.components.map((x) => [x.key, x.centi])), detail: s.components, schemeVersion: 0, computedAt: now,
    }));
  };
  const previousRows = precomputed(previous, `${previous}年度归档，演示数据`);
  const currentRows = precomputed(year, '演示数据；点击“计算得分”按记录重新计算');
  const closedAt = new Date(`${year}-01-20T02:00:00Z`);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(assessmentYears).values({ countyId, year: previous, status: 'closed', schemeVersion: 0, computedAt: closedAt, asOf: `${previous}-12-31`, closedAt, closedByName: '县委组织部管理员（演示）' });
    await tx.insert(assessmentYears).values({ countyId, year, status: 'open', schemeVersion: 0, computedAt: now, asOf: today });
    // JSON text for the jsonb columns: bulkInsert's PostgreSQL path would read a JS array as a SQL array.
    const json = (r: (typeof currentRows)[number]) => ({ ...r, components: JSON.stringify(r.components) as unknown as Record<string, number | null>, detail: JSON.stringify(r.detail) });
    await bulkInsert(tx, assessmentScores, [...previousRows.map((r) => json({ ...r, computedAt: closedAt })), ...currentRows.map(json)]);

    // Weak organizations in the demo town (the town administrator's org).
    const [town] = await tx.select({ orgId: accounts.orgId }).from(accounts).where(and(eq(accounts.countyId, countyId), eq(accounts.username, 'town')));
    const townRow = town ? all.find((o) => o.id === town.orgId) : undefined;
    if (!townRow) return;
    const branches = (await tx.select({ id: orgs.id, path: orgs.path, name: orgs.name }).from(orgs).where(and(eq(orgs.countyId, countyId), eq(orgs.type, 'branch'), like(orgs.path, `${townRow.path}%`), isNull(orgs.dissolvedAt))))
      .sort((a, b) => hash(a.id) - hash(b.id));
    if (branches.length < 3) return;
    const [rectifying, identified, rectifiedLastYear] = branches;
    const row = (b: typeof rectifying, y: number, status: string, criteria: CriterionFound[], extra: Partial<typeof weakOrgs.$inferInsert>) => ({
      countyId, year: y, orgId: b.id, orgPath: b.path, orgName: b.name, townName: townRow.name, status, criteria, identifiedAt: new Date(`${y}-02-20T02:00:00Z`), identifiedByName: `${townRow.name}管理员（演示）`, createdAt: now, updatedAt: now, ...extra,
    });
    const leader = { leaderName: '县委常委、组织部部长（演示）', workingGroup: `${townRow.name}副书记、组织委员、驻村第一书记`, plan: '一是选优配强支部班子；二是健全“三会一课”等组织生活制度；三是每月开展主题党日和为民服务活动；四是建立整顿台账，逐月销项。' };
    const inserted = await tx
      .insert(weakOrgs)
      .values([
        row(rectifying, year, 'rectifying', [{ key: 'rulesOnPaper', auto: false, detail: '“三会一课”记录不全，组织生活制度落实不到位' }, { key: 'poorService', auto: false, detail: '群众反映办事难，服务群众意识不强' }], { ...leader, deadline: addDays(today, 75) }),
        row(identified, year, 'identified', [{ key: 'disunity', auto: false, detail: '班子成员分工不明确，议事决策不规范' }], {}),
        row(rectifiedLastYear, previous, 'removed', [{ key: 'noVenue', auto: false, detail: '无固定活动场所' }], { ...leader, deadline: `${previous}-10-31`, acceptedAt: new Date(`${previous}-11-20T02:00:00Z`), acceptanceNote: '新建党群服务中心投入使用，验收合格', removedAt: new Date(`${previous}-12-10T02:00:00Z`) }),
      ])
      .returning({ id: weakOrgs.id, orgId: weakOrgs.orgId });
    const current = monthOf(today);
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).filter((m) => m >= `${year}-03` && m <= current);
    const notes = ['工作组进驻，召开支部党员大会查摆问题', '补齐“三会一课”台账，规范组织生活', '开展为民服务活动，收集群众意见', '完善村务公开栏，按月公开', '支部书记上党课，党员分组联系群众'];
    const rid = inserted.find((r) => r.orgId === rectifying.id)!.id;
    if (months.length > 0) await tx.insert(weakOrgProgress).values(months.map((m, i) => ({ countyId, weakOrgId: rid, orgPath: rectifying.path, month: m, note: notes[i % notes.length], byName: `${townRow.name}管理员（演示）`, at: now })));
  });

  return { previous: previousRows.length, weak: 3, millis: Math.round(performance.now() - t0) };
}
