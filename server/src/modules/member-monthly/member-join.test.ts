// A member who joins the roster mid-month (entered by hand, admitted as a probationary member by the development
// module) has this month's rollup row at once: on the branch wall chart and counted in the dues collection rate.
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { memberMonthly, members } from '../../db/schema/index';
import { buildMember, memberInput } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { fileBody, walk, type People, type Sessions } from '../development/development.fixtures';

let env: TestEnv;
afterEach(async () => env?.close());

const rowsOf = (memberId: string) => env.ctx.db.select().from(memberMonthly).where(eq(memberMonthly.memberId, memberId));

describe('a member joining the roster mid-month', () => {
  it('entered by the branch: this month\'s row exists at once, on the wall chart and in the collection rate', async () => {
    env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
    const { countyId, branch1, town1 } = env.base;
    const county = await env.as('countyAdmin');
    const secretary = await env.as('branchSecretary');
    const before = (await county.get('/api/dues/collection?month=2026-06')).json().items.find((i: { orgName: string }) => i.orgName === town1.name);

    const { orgId: _o, ...fields } = memberInput(branch1.id, { name: '钱新来', birthDate: '1990-02-02', joinDate: '2026-06-10', fullMembershipDate: null, status: 'probationary' });
    const created = await secretary.post('/api/members', { ...fields, orgId: branch1.id });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as string;

    const rows = await rowsOf(id);
    expect(rows.map((r) => ({ month: r.month, orgPath: r.orgPath, countyId: r.countyId }))).toEqual([{ month: '2026-06', orgPath: branch1.path, countyId }]);
    const wall = (await secretary.get(`/api/stars/wall?orgId=${branch1.id}&year=2026`)).json();
    const mine = [...wall.inService, ...wall.mobile].find((r: { name: string }) => r.name === '钱新来');
    expect(mine?.months.map((c: { month: string }) => c.month)).toEqual(['2026-06']);
    const after = (await county.get('/api/dues/collection?month=2026-06')).json().items.find((i: { orgName: string }) => i.orgName === town1.name);
    expect(after.members).toBe(before.members + 1);
  });

  it('admitted as a probationary member (development step 17): the new member\'s row exists in the same transaction', async () => {
    env = await createTestEnv({ now: '2026-11-02T02:00:00Z' });
    const { ctx, base } = env;
    const a = await buildMember(ctx, base.countyId, base.branch1, { name: '刘红' });
    const b = await buildMember(ctx, base.countyId, base.branch1, { name: '孙强' });
    const c = await buildMember(ctx, base.countyId, base.branch1, { name: '周敏' });
    const people: People = { mentors: [a], sponsors: [b, c] };
    const s: Sessions = { branch: await env.as('branchSecretary'), committee: await env.as('committeeAdmin'), county: await env.as('countyAdmin') };
    const file = (await s.branch.post('/api/development/files', fileBody(base.branch1.id, 1))).json();
    await walk(s, file.id, 16, people);
    const at17 = await walk(s, file.id, 17, people, 17);
    const [admitted] = await ctx.db.select().from(members).where(and(eq(members.countyId, base.countyId), eq(members.id, at17.memberId)));
    expect(admitted.status).toBe('probationary');
    expect((await rowsOf(admitted.id)).map((r) => ({ month: r.month, orgPath: r.orgPath }))).toEqual([{ month: '2026-11', orgPath: base.branch1.path }]);
  });
});
