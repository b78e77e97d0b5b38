// The demo county loader: plans the county, inserts orgs, enterprises and members in bulk in one transaction, and
// creates one demo account per role. Generation is pure (county-plan.ts, member-plan.ts); this file only writes.
import { randomUUID } from 'node:crypto';
import { toChinaDate } from '@yanzhen/domain';
import { eq, sql } from 'drizzle-orm';
import { writeAudit } from '../core/audit';
import type { AppContext } from '../core/context';
import { queryRows, type Tx } from '../core/db';
import { hashPassword } from '../core/passwords';
import { accounts, counties, enterprises, members, orgs } from '../db/schema/index';
import { memberColumns, type MemberInsert } from '../modules/members/members.mapper';
import { bulkInsert } from './bulk-insert';
import { loadAssessmentDemo } from './assessment-demo';
import { loadCareDemo } from './care-demo';
import { loadDevelopmentDemo, type DevelopmentDemoBranch } from './development-demo';
import { loadDutiesDemo } from './duties-demo';
import { loadOrgLifeDemo } from './org-life-demo';
import { planCounty, type CountyPlan } from './county-plan';
import { generateMembers } from './member-plan';
import { MONTHLY_DEMO_WHOLE_COUNTY_UP_TO, loadMemberMonthlyDemo } from './member-monthly-demo';
import { loadPublicityDemo } from './publicity-demo';
import { loadInstructorsDemo } from './instructors-demo';

export type DemoAccount = { username: string; password: string; role: string };
export type DemoLoadOptions = {
  countyId: string;
  rootOrgId: string;
  members: number;
  seed?: string | number;
  /** Called after every chunk of members with the number inserted so far. */
  onProgress?: (inserted: number, total: number) => void;
  /** Called when a part of the demo is loaded, with the seconds since the load began (the first start prints these). */
  onPhase?: (line: string) => void;
};
export type DemoLoadStats = { orgs: number; enterprises: number; members: number; accounts: DemoAccount[] };

export const DEMO_PASSWORD = 'Yanzhen@2026';
const CHUNK = 1000;

export async function loadDemoCounty(ctx: AppContext, opts: DemoLoadOptions): Promise<DemoAccount[]> {
  const t0 = Date.now();
  const seconds = () => ((Date.now() - t0) / 1000).toFixed(1);
  const stats = await loadDemoCountyWithStats(ctx, opts);
  demoLap('county, development and monthly demos', t0);
  opts.onPhase?.(`  组织 ${stats.orgs} 个、党员 ${stats.members} 名、发展党员档案、党员星级与党费：已载入（${seconds()} 秒）`);
  const duties = await loadDutiesDemo(ctx, opts.countyId, opts.seed);
  demoLap('duties demo', t0);
  opts.onPhase?.(`  书记履职清单 ${duties.items} 项及历月贴星、预警：已载入（${seconds()} 秒）`);
  const t1 = Date.now();
  const life = await loadOrgLifeDemo(ctx, opts.countyId);
  demoLap(`org life demo (${Date.now() - t1} ms)`, t0);
  opts.onPhase?.(`  三会一课 ${life.meetings} 次、出席 ${life.attendance} 人次、谈心谈话 ${life.talks} 次、学时记录 ${life.entries} 条、民主评议 ${life.appraisals} 人、组织生活会 ${life.lifeMeetings} 个、党性体检 ${life.checkups} 人：已载入（${seconds()} 秒）`);
  const assessment = await loadAssessmentDemo(ctx, opts.countyId);
  demoLap(`assessment demo (${assessment.millis} ms)`, t0);
  opts.onPhase?.(`  年度考核：上年度 ${assessment.previous} 个组织得分（已关闭）、本年度按记录计算、软弱涣散整顿 ${assessment.weak} 个：已载入（${seconds()} 秒）`);
  return stats.accounts;
}

/** `YANZHEN_DEMO_TIMING=1`: print where the first start's demo load spends its time. */
const demoLap = (what: string, t0: number) => process.env.YANZHEN_DEMO_TIMING && console.log(`demo: ${what} done at ${Date.now() - t0} ms`);

export async function loadDemoCountyWithStats(ctx: AppContext, opts: DemoLoadOptions): Promise<DemoLoadStats> {
  const seed = opts.seed ?? 42;
  const t0 = Date.now();
  const now = ctx.clock();
  const today = toChinaDate(now);
  const [county] = await ctx.db.select({ name: counties.name }).from(counties).where(eq(counties.id, opts.countyId));
  const plan = planCounty({ seed, members: opts.members, countyName: county?.name ?? '示范县' });
  // Hash outside the transaction: argon2 is slow on purpose, and all demo accounts share the one password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return ctx.db.transaction(async (tx) => {
    const [root] = await tx.select({ path: orgs.path, depth: orgs.depth }).from(orgs).where(eq(orgs.id, opts.rootOrgId));
    const orgRows = await insertOrgs(tx, plan, { countyId: opts.countyId, rootOrgId: opts.rootOrgId, rootPath: root.path, rootDepth: root.depth, now });
    await insertEnterprises(tx, plan, orgRows, opts.countyId, now);

    let inserted = 0;
    let demoMemberId: string | null = null;
    let batch: MemberInsert[] = [];
    const branchPeople = new Map<number, { secretaryName: string | null; fullMemberIds: string[] }>();
    // The next chunk is generated while the database writes the previous one (PostgreSQL runs in its own process).
    let pending: Promise<void> = Promise.resolve();
    const flush = async () => {
      const rows = batch;
      batch = [];
      await pending;
      pending = bulkInsert(tx, members, rows).then(() => {
        inserted += rows.length;
        opts.onProgress?.(inserted, plan.memberTotal);
      });
    };
    for (const draft of generateMembers(plan, { seed, today })) {
      const org = orgRows[draft.orgKey];
      const id = draft.isSecretary && org.secretaryMemberId ? org.secretaryMemberId : randomUUID();
      if (draft.orgKey === plan.demoBranchKey && !draft.isSecretary && demoMemberId === null) demoMemberId = id;
      // Who records a branch's development steps, and full members to name as mentors and sponsors.
      const people = branchPeople.get(draft.orgKey) ?? branchPeople.set(draft.orgKey, { secretaryName: null, fullMemberIds: [] }).get(draft.orgKey)!;
      if (draft.isSecretary) people.secretaryName = draft.fields.name;
      else if (draft.fields.status === 'full' && people.fullMemberIds.length < 4) people.fullMemberIds.push(id);
      const groupId = draft.groupKey === null ? null : orgRows[draft.groupKey].id;
      batch.push({ ...memberColumns({ ...draft.fields, orgId: org.id, groupId }, ctx.crypto), id, countyId: opts.countyId, orgPath: org.path, createdAt: now, updatedAt: now });
      if (batch.length === CHUNK) await flush();
    }
    if (batch.length > 0) await flush();
    await pending;

    demoLap('orgs and members', t0);
    const demoAccounts = await insertAccounts(tx, plan, orgRows, { countyId: opts.countyId, rootOrgId: opts.rootOrgId, demoMemberId, passwordHash, now });
    await loadDevelopmentDemo(tx, ctx, { countyId: opts.countyId, countyCode: (await tx.select({ code: counties.code }).from(counties).where(eq(counties.id, opts.countyId)))[0]?.code ?? '000000', branches: developmentBranches(plan, orgRows, branchPeople), today, now, countyName: county?.name ?? '示范县', actor: { id: opts.rootOrgId, orgId: opts.rootOrgId }, files: Math.min(1200, Math.max(30, Math.round(inserted / 14))), seed });
    demoLap('accounts and development demo', t0);
    await writeAudit(tx, null, now, {
      countyId: opts.countyId,
      action: 'demo.load',
      entityType: 'county',
      entityId: opts.countyId,
      note: `载入示范县演示数据：组织 ${orgRows.length} 个，两新组织 ${plan.enterprises.length} 个，党员 ${inserted} 名`,
    });
    await loadMemberMonthlyDemo(tx, opts.countyId, now, inserted > MONTHLY_DEMO_WHOLE_COUNTY_UP_TO ? orgRows[plan.demoTownKey].path : root.path);
    demoLap('member monthly demo', t0);
    const publicity = await loadPublicityDemo(tx, opts.countyId, now, root.path, root.depth, orgRows[plan.demoTownKey].path);
    demoLap(`publicity demo (${publicity.items} items, ${publicity.seconds.toFixed(2)} s)`, t0);
    const care = await loadCareDemo(tx, opts.countyId, now, demoMemberId, inserted > MONTHLY_DEMO_WHOLE_COUNTY_UP_TO ? orgRows[plan.demoTownKey].path : root.path);
    demoLap(`care demo (${care.pairings} pairings, ${care.visits} visits, ${care.transfers} transfers, ${care.warnings} warnings, ${care.seconds.toFixed(2)} s)`, t0);
    await loadInstructorsDemo(tx, opts.countyId, now, orgRows[plan.demoTownKey].path);
    demoLap('instructors demo', t0);
    return { orgs: orgRows.length, enterprises: plan.enterprises.length, members: inserted, accounts: demoAccounts };
  });
}

type OrgRow = { id: string; path: string; depth: number; secretaryMemberId: string | null };

/** The branches the development demo files are spread over, with their committee and the people it names. */
function developmentBranches(plan: CountyPlan, orgRows: OrgRow[], people: Map<number, { secretaryName: string | null; fullMemberIds: string[] }>): DevelopmentDemoBranch[] {
  const committeeOf = (key: number): { id: string; name: string } | null => {
    for (let k = plan.orgs[key].parentKey; k !== null; k = plan.orgs[k].parentKey) if (plan.orgs[k].type === 'committee' || plan.orgs[k].type === 'workingCommittee') return { id: orgRows[k].id, name: plan.orgs[k].name };
    return null;
  };
  return plan.orgs.flatMap((o, i) => {
    if (o.type !== 'branch') return [];
    const p = people.get(i);
    return [{ ...orgRows[i], name: o.name, committee: committeeOf(i), secretaryName: p?.secretaryName ?? null, fullMemberIds: p?.fullMemberIds ?? [] }];
  });
}

async function insertOrgs(tx: Tx, plan: CountyPlan, opts: { countyId: string; rootOrgId: string; rootPath: string; rootDepth: number; now: Date }): Promise<OrgRow[]> {
  // One round trip for all the sequence numbers (each org's segment of the materialized path).
  const seqs = await queryRows<{ seq: string }>(tx, sql`select nextval(pg_get_serial_sequence('orgs', 'seq')) as seq from generate_series(1, ${plan.orgs.length})`);
  const rows: OrgRow[] = [];
  const values: (typeof orgs.$inferInsert)[] = [];
  plan.orgs.forEach((o, i) => {
    const parent = o.parentKey === null ? { id: opts.rootOrgId, path: opts.rootPath, depth: opts.rootDepth } : rows[o.parentKey];
    const seq = Number(seqs[i].seq);
    const row: OrgRow = { id: randomUUID(), path: `${parent.path}${seq}/`, depth: parent.depth + 1, secretaryMemberId: o.type === 'branch' && o.memberCount > 0 ? randomUUID() : null };
    rows.push(row);
    values.push({
      id: row.id,
      countyId: opts.countyId,
      seq,
      parentId: parent.id,
      path: row.path,
      depth: row.depth,
      name: o.name,
      shortName: o.shortName,
      type: o.type,
      sector: o.sector,
      gridKind: o.gridKind,
      foundedOn: o.foundedOn,
      // The secretary is the branch's first member, inserted below with this id.
      secretaryMemberId: row.secretaryMemberId,
      sortOrder: i,
      createdAt: opts.now,
      updatedAt: opts.now,
    });
  });
  for (let i = 0; i < values.length; i += CHUNK) await bulkInsert(tx, orgs, values.slice(i, i + CHUNK));
  return rows;
}

async function insertEnterprises(tx: Tx, plan: CountyPlan, orgRows: OrgRow[], countyId: string, now: Date): Promise<void> {
  const values = plan.enterprises.map((e) => ({
    countyId,
    name: e.name,
    kind: e.kind,
    creditCode: e.creditCode,
    industry: e.industry,
    employeeCount: e.employeeCount,
    townOrgId: orgRows[e.townKey].id,
    partyOrgId: e.partyOrgKey === null ? null : orgRows[e.partyOrgKey].id,
    hasWorkCoverage: e.hasWorkCoverage,
    createdAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < values.length; i += CHUNK) await bulkInsert(tx, enterprises, values.slice(i, i + CHUNK));
}

async function insertAccounts(
  tx: Tx,
  plan: CountyPlan,
  orgRows: OrgRow[],
  opts: { countyId: string; rootOrgId: string; demoMemberId: string | null; passwordHash: string; now: Date },
): Promise<DemoAccount[]> {
  const town = plan.orgs[plan.demoTownKey];
  const branch = plan.orgs[plan.demoBranchKey];
  const wanted = [
    { username: 'admin', role: 'countyAdmin', orgId: opts.rootOrgId, memberId: null, displayName: '县委组织部管理员（演示）' },
    { username: 'town', role: 'committeeAdmin', orgId: orgRows[town.key].id, memberId: null, displayName: `${town.shortName}党委管理员（演示）` },
    { username: 'secretary', role: 'branchSecretary', orgId: orgRows[branch.key].id, memberId: orgRows[branch.key].secretaryMemberId, displayName: `${branch.name}书记（演示）` },
    { username: 'instructor', role: 'instructor', orgId: orgRows[town.key].id, memberId: null, displayName: `${town.shortName}党建工作指导员（演示）` },
    { username: 'member', role: 'member', orgId: orgRows[branch.key].id, memberId: opts.demoMemberId, displayName: `${branch.shortName ?? branch.name}党员（演示）` },
  ];
  // An administrator created from the environment may already hold a name: never overwrite a real account.
  const taken = new Set((await tx.select({ username: accounts.username }).from(accounts)).map((a) => a.username));
  const fresh = wanted.filter((a) => !taken.has(a.username) && (a.role !== 'member' || a.memberId !== null));
  if (fresh.length > 0) {
    await tx.insert(accounts).values(fresh.map((a) => ({ ...a, countyId: opts.countyId, passwordHash: opts.passwordHash, isDemo: true, createdAt: opts.now, updatedAt: opts.now })));
  }
  return fresh.map((a) => ({ username: a.username, password: DEMO_PASSWORD, role: a.role }));
}
