// Test data builders: a small county with two towns, branches, a party group, members and one account per role.
import { composeIdNumber, type MemberFields, type OrgType, type Sector } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../core/context';
import { queryRows } from '../core/db';
import { hashPassword } from '../core/passwords';
import { accounts, counties, members, orgs } from '../db/schema/index';
import { memberColumns } from '../modules/members/members.mapper';

export type OrgFixture = { id: string; path: string; depth: number; name: string };
export type BaseFixture = {
  countyId: string;
  root: OrgFixture;
  town1: OrgFixture;
  branch1: OrgFixture;
  group1: OrgFixture;
  town2: OrgFixture;
  branch2: OrgFixture;
  member1Id: string;
  accountIds: Record<string, string>;
};

let passwordHash: Promise<string> | null = null;
// Hashed once per worker: argon2 costs ~50 ms a hash.
const testPasswordHash = () => (passwordHash ??= hashPassword('Test@2026pass'));

export async function buildOrg(ctx: AppContext, countyId: string, parent: OrgFixture | null, values: { name: string; type: OrgType; sector: Sector; gridKind?: 'rural' | 'urban' }): Promise<OrgFixture> {
  const [{ seq }] = await queryRows<{ seq: string }>(ctx.db, sql`select nextval(pg_get_serial_sequence('orgs', 'seq')) as seq`);
  const path = `${parent?.path ?? '/'}${seq}/`;
  const depth = parent ? parent.depth + 1 : 0;
  const [row] = await ctx.db
    .insert(orgs)
    .values({ countyId, seq: Number(seq), parentId: parent?.id ?? null, path, depth, name: values.name, type: values.type, sector: values.sector, gridKind: values.gridKind ?? null })
    .returning();
  return { id: row.id, path, depth, name: row.name };
}

let memberSeq = 0;
export function memberInput(orgId: string, overrides: Partial<MemberFields> = {}): MemberFields {
  memberSeq += 1;
  const gender = overrides.gender ?? (memberSeq % 3 === 0 ? 'female' : 'male');
  const birthDate = overrides.birthDate ?? '1985-03-12';
  return {
    name: '张宏伟',
    gender,
    ethnicity: '汉族',
    birthDate,
    idNumber: composeIdNumber('610102', birthDate, memberSeq, gender),
    education: 'bachelor',
    occupation: 'worker',
    job: null,
    phone: `138${String(10000000 + memberSeq).slice(-8)}`,
    address: null,
    joinDate: '2010-07-01',
    fullMembershipDate: '2011-07-01',
    status: 'full',
    categories: ['inService'],
    mobileDestination: null,
    mobileSince: null,
    mobileContact: null,
    groupId: null,
    ...overrides,
    orgId,
  };
}

export async function buildMember(ctx: AppContext, countyId: string, org: OrgFixture, overrides: Partial<MemberFields> = {}): Promise<string> {
  const input = memberInput(org.id, overrides);
  const [row] = await ctx.db
    .insert(members)
    .values({ ...memberColumns(input, ctx.crypto), countyId, orgPath: org.path })
    .returning({ id: members.id });
  return row.id;
}

export async function buildAccount(ctx: AppContext, countyId: string, values: { username: string; role: string; org: OrgFixture; memberId?: string | null; displayName?: string }): Promise<string> {
  const [row] = await ctx.db
    .insert(accounts)
    .values({ countyId, username: values.username, displayName: values.displayName ?? values.username, passwordHash: await testPasswordHash(), role: values.role, orgId: values.org.id, memberId: values.memberId ?? null, createdAt: ctx.clock(), passwordChangedAt: ctx.clock() })
    .returning({ id: accounts.id });
  return row.id;
}

export async function seedBase(ctx: AppContext): Promise<BaseFixture> {
  const [county] = await ctx.db.insert(counties).values({ name: '测试县', code: '610102' }).returning();
  const countyId = county.id;
  const root = await buildOrg(ctx, countyId, null, { name: '中共测试县委员会', type: 'committee', sector: 'county' });
  const town1 = await buildOrg(ctx, countyId, root, { name: '城关镇党委', type: 'committee', sector: 'town' });
  const branch1 = await buildOrg(ctx, countyId, town1, { name: '西官村党支部', type: 'branch', sector: 'rural' });
  const group1 = await buildOrg(ctx, countyId, branch1, { name: '第一党小组', type: 'group', sector: 'rural' });
  const town2 = await buildOrg(ctx, countyId, root, { name: '代字营镇党委', type: 'committee', sector: 'town' });
  const branch2 = await buildOrg(ctx, countyId, town2, { name: '鑫园村党支部', type: 'branch', sector: 'rural' });
  const member1Id = await buildMember(ctx, countyId, branch1, { name: '李建国', gender: 'male' });
  const accountIds: Record<string, string> = {
    county: await buildAccount(ctx, countyId, { username: 'county', role: 'countyAdmin', org: root }),
    town1: await buildAccount(ctx, countyId, { username: 'town1', role: 'committeeAdmin', org: town1 }),
    town2: await buildAccount(ctx, countyId, { username: 'town2', role: 'committeeAdmin', org: town2 }),
    secretary1: await buildAccount(ctx, countyId, { username: 'secretary1', role: 'branchSecretary', org: branch1 }),
    instructor1: await buildAccount(ctx, countyId, { username: 'instructor1', role: 'instructor', org: town1 }),
    member1: await buildAccount(ctx, countyId, { username: 'member1', role: 'member', org: branch1, memberId: member1Id }),
  };
  return { countyId, root, town1, branch1, group1, town2, branch2, member1Id, accountIds };
}
