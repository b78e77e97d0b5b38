// The demo county generator: reproducible, valid member records, believable proportions, and a load that logs in.
import { randomUUID } from 'node:crypto';
import { ALLOWED_CHILDREN, memberRuleIssues, nthBirthday, parseIdNumber, yearsBetween, ZMemberFields, addDays } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../core/db';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { planCounty } from './county-plan';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from './demo-county';
import { generateMembers, IdNumberAllocator, type MemberDraft } from './member-plan';

const TODAY = '2026-06-15';
const ORG_ID = randomUUID();

describe('demo county plan', () => {
  const plan = planCounty({ seed: 42, members: 17000 });

  it('is a believable county: towns, villages, communities, agencies, enterprises', () => {
    const towns = plan.orgs.filter((o) => o.parentKey === null && (o.sector === 'town' || o.sector === 'street'));
    expect(towns).toHaveLength(15);
    expect(towns.filter((t) => t.type === 'workingCommittee').every((t) => t.name.endsWith('街道党工委'))).toBe(true);
    const villages = plan.orgs.filter((o) => o.sector === 'rural' && towns.some((t) => t.key === o.parentKey));
    expect(villages.length).toBeGreaterThan(200);
    expect(villages.length).toBeLessThan(300);
    const agencies = plan.orgs.filter((o) => o.sector === 'agency' && o.type === 'branch');
    expect(agencies.length).toBeGreaterThanOrEqual(40);
    expect(plan.enterprises).toHaveLength(100);
    const covered = plan.enterprises.filter((e) => e.partyOrgKey !== null).length;
    expect(covered).toBeGreaterThan(45);
    expect(covered).toBeLessThan(75);
    expect(plan.orgs.some((o) => o.gridKind === 'rural')).toBe(true);
    expect(plan.orgs.some((o) => o.gridKind === 'urban')).toBe(true);
    expect(plan.orgs.some((o) => o.type === 'group')).toBe(true);
    // The Excel import names a branch by its name: every branch name is unique in the county.
    const branchNames = plan.orgs.filter((o) => o.type === 'branch').map((o) => o.name);
    expect(new Set(branchNames).size).toBe(branchNames.length);
  });

  it('puts parents first, only allowed child types, and members only in branches, exactly the requested total', () => {
    plan.orgs.forEach((o, i) => {
      expect(o.key).toBe(i);
      const parentType = o.parentKey === null ? 'committee' : plan.orgs[o.parentKey].type;
      if (o.parentKey !== null) expect(o.parentKey).toBeLessThan(i);
      expect(ALLOWED_CHILDREN[parentType]).toContain(o.type);
      if (o.memberCount > 0) expect(o.type).toBe('branch');
    });
    expect(plan.orgs.reduce((n, o) => n + o.memberCount, 0)).toBe(17000);
    const villageBranches = plan.orgs.filter((o) => o.type === 'branch' && o.sector === 'rural' && o.gridKind === null);
    for (const b of villageBranches) {
      expect(b.memberCount).toBeGreaterThanOrEqual(20);
      expect(b.memberCount).toBeLessThanOrEqual(120);
    }
    expect(plan.orgs[plan.demoBranchKey].type).toBe('branch');
    expect(plan.orgs[plan.demoBranchKey].parentKey).toBe(plan.demoTownKey);
  });

  it('grows the structure with the size, so a 3,000,000-member county keeps branches of a realistic size', () => {
    const big = planCounty({ seed: 42, members: 3_000_000 });
    const sizes = big.orgs.filter((o) => o.memberCount > 0).map((o) => o.memberCount).sort((a, b) => a - b);
    expect(sizes.reduce((n, s) => n + s, 0)).toBe(3_000_000);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThan(150);
    expect(new Set(big.orgs.filter((o) => o.parentKey === null).map((o) => o.name)).size).toBe(big.orgs.filter((o) => o.parentKey === null).length);
    const branchNames = big.orgs.filter((o) => o.type === 'branch').map((o) => o.name);
    expect(new Set(branchNames).size).toBe(branchNames.length);
  });
});

describe('demo members', () => {
  const plan = planCounty({ seed: 42, members: 17000 });
  const drafts: MemberDraft[] = [...generateMembers(plan, { seed: 42, today: TODAY })];
  const share = (f: (d: MemberDraft) => boolean) => drafts.filter(f).length / drafts.length;

  it('is deterministic for a seed and differs for another seed', () => {
    const again = [...generateMembers(planCounty({ seed: 42, members: 17000 }), { seed: 42, today: TODAY })].slice(0, 300);
    expect(again).toEqual(drafts.slice(0, 300));
    const other = [...generateMembers(planCounty({ seed: 7, members: 17000 }), { seed: 7, today: TODAY })].slice(0, 300);
    expect(other.map((d) => d.fields.idNumber)).not.toEqual(drafts.slice(0, 300).map((d) => d.fields.idNumber));
  });

  it('generates only records the member rules accept, with unique valid ID numbers matching birth date and gender', () => {
    expect(drafts).toHaveLength(17000);
    const ids = new Set<string>();
    for (const d of drafts) {
      const parsed = parseIdNumber(d.fields.idNumber, TODAY);
      expect(parsed.ok, d.fields.idNumber).toBe(true);
      if (parsed.ok) {
        expect(parsed.value.birthDate).toBe(d.fields.birthDate);
        expect(parsed.value.gender).toBe(d.fields.gender);
      }
      ids.add(d.fields.idNumber);
      const fields = ZMemberFields.parse({ ...d.fields, orgId: ORG_ID, groupId: null });
      expect(memberRuleIssues(fields, TODAY)).toEqual([]);
      expect(d.fields.joinDate >= nthBirthday(d.fields.birthDate, 18)).toBe(true);
      expect(d.fields.joinDate <= TODAY).toBe(true);
      const age = yearsBetween(d.fields.birthDate, TODAY);
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(95);
      if (d.fields.categories.includes('mobile')) {
        expect(d.fields.mobileDestination).toBeTruthy();
        expect(d.fields.mobileSince).toBeTruthy();
      }
      if (d.fields.categories.includes('frail')) expect(d.fields.categories).toContain('elderly');
      if (d.fields.status === 'probationary') expect(d.fields.joinDate > addDays(TODAY, -366)).toBe(true);
    }
    expect(ids.size).toBe(drafts.length);
    // ID tails spread out (the roster is searched by them).
    expect(new Set(drafts.map((d) => d.fields.idNumber.slice(-4))).size).toBeGreaterThan(1500);
  });

  it('has the proportions of a real county: ~70% men, ~5% hardship, ~8% mobile, ~15% elderly, ~0.6% probationary (the development demo adds the rest of the ~300 admitted a year)', () => {
    expect(share((d) => d.fields.gender === 'male')).toBeGreaterThan(0.65);
    expect(share((d) => d.fields.gender === 'male')).toBeLessThan(0.76);
    expect(share((d) => d.fields.categories.includes('hardship'))).toBeGreaterThan(0.035);
    expect(share((d) => d.fields.categories.includes('hardship'))).toBeLessThan(0.065);
    expect(share((d) => d.fields.categories.includes('mobile'))).toBeGreaterThan(0.06);
    expect(share((d) => d.fields.categories.includes('mobile'))).toBeLessThan(0.1);
    expect(share((d) => d.fields.categories.includes('elderly'))).toBeGreaterThan(0.12);
    expect(share((d) => d.fields.categories.includes('elderly'))).toBeLessThan(0.18);
    expect(share((d) => d.fields.status === 'probationary')).toBeGreaterThan(0.003);
    expect(share((d) => d.fields.status === 'probationary')).toBeLessThan(0.012);
    expect(share((d) => d.fields.ethnicity === '汉族')).toBeGreaterThan(0.95);
    expect(share((d) => d.fields.phone !== null)).toBeGreaterThan(0.85);
    // In-service members are those of agencies, enterprises, schools and hospitals.
    for (const d of drafts.filter((x) => x.fields.categories.includes('inService'))) {
      expect(['agency', 'nonPublic', 'socialOrg', 'stateOwned', 'school', 'hospital']).toContain(plan.orgs[d.orgKey].profile);
    }
  });

  it('hands out 100 distinct ID numbers per region, birth date and gender before moving on to the next region', () => {
    const alloc = new IdNumberAllocator();
    const got = Array.from({ length: 150 }, () => alloc.allocate(0, '1960-02-29', 'female'));
    expect(new Set(got).size).toBe(150);
    expect(got.slice(0, 100).every((id) => id?.startsWith('610526'))).toBe(true);
    expect(got.slice(100).every((id) => id !== null && !id.startsWith('610526') && parseIdNumber(id).ok)).toBe(true);
  });
});

describe('loading the demo county', () => {
  let env: TestEnv | undefined;
  afterEach(() => env?.close());

  it('inserts the county, sets branch secretaries, and its demo accounts log in with their scope', async () => {
    env = await createTestEnv();
    const { countyId, root } = env.base;
    const stats = await loadDemoCountyWithStats(env.ctx, { countyId, rootOrgId: root.id, members: 1500, seed: 1 });
    expect(stats.members).toBe(1500);
    expect(stats.accounts.map((a) => a.username)).toEqual(['admin', 'town', 'secretary', 'instructor', 'member']);
    const [counts] = await queryRows<{ members: string; orphans: string; secretaries: string; badSecretaries: string }>(
      env.ctx.db,
      sql`select
        (select count(*) from members where county_id = ${countyId} and id <> ${env.base.member1Id} and id not in (select member_id from development_files where member_id is not null)) as members,
        (select count(*) from members m join orgs o on o.id = m.org_id where m.org_path <> o.path or o.type <> 'branch') as orphans,
        (select count(*) from orgs where secretary_member_id is not null) as secretaries,
        (select count(*) from orgs o where secretary_member_id is not null and not exists (select 1 from members m where m.id = o.secretary_member_id and m.org_id = o.id)) as "badSecretaries"`,
    );
    expect(Number(counts.members)).toBe(1500);
    expect(Number(counts.orphans)).toBe(0);
    expect(Number(counts.secretaries)).toBeGreaterThan(20);
    expect(Number(counts.badSecretaries)).toBe(0);

    const secretary = await env.login('secretary', DEMO_PASSWORD);
    const me = await secretary.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    const member = await env.login('member', DEMO_PASSWORD);
    expect((await member.get('/api/auth/me')).statusCode).toBe(200);
    const [bound] = await queryRows<{ n: string }>(env.ctx.db, sql`select count(*) as n from accounts a join members m on m.id = a.member_id and m.org_id = a.org_id where a.username in ('member', 'secretary') and a.is_demo`);
    expect(Number(bound.n)).toBe(2);
  }, 120_000);
});
