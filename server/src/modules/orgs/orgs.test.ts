import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, members, orgs } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
afterEach(async () => env?.close());

type Node = { id: string; parentId: string | null; name: string; memberCount: number; subtreeMemberCount: number; childCount: number };

describe('orgs', () => {
  it('returns the tree in scope with direct and subtree member counts', async () => {
    env = await createTestEnv();
    const { base } = env;
    await buildMember(env.ctx, base.countyId, base.branch1, { name: '王芳', gender: 'female', groupId: base.group1.id });
    await buildMember(env.ctx, base.countyId, base.branch2, { name: '赵强' });
    const county = await env.as('countyAdmin');
    const res = await county.get('/api/orgs/tree');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Node[];
    const byName = Object.fromEntries(items.map((n) => [n.name, n]));
    expect(items).toHaveLength(6);
    expect(byName['中共测试县委员会']).toMatchObject({ parentId: null, subtreeMemberCount: 3, childCount: 2 });
    expect(byName['城关镇党委'].subtreeMemberCount).toBe(2);
    expect(byName['西官村党支部']).toMatchObject({ memberCount: 2, subtreeMemberCount: 2, childCount: 1 });
    expect(byName['第一党小组'].memberCount).toBe(1);
    expect(byName['代字营镇党委'].subtreeMemberCount).toBe(1);

    const town = await env.as('committeeAdmin');
    const townItems = (await town.get('/api/orgs/tree')).json().items as Node[];
    expect(townItems.map((n) => n.name).sort()).toEqual(['城关镇党委', '第一党小组', '西官村党支部'].sort());
    expect(townItems.find((n) => n.name === '城关镇党委')!.parentId).toBeNull();

    const shallow = (await county.get('/api/orgs/tree?depth=1')).json().items as Node[];
    expect(shallow.map((n) => n.name).sort()).toEqual(['中共测试县委员会', '代字营镇党委', '城关镇党委'].sort());
    expect(shallow.find((n) => n.name === '城关镇党委')!.subtreeMemberCount).toBe(2);
    expect(shallow.find((n) => n.name === '中共测试县委员会')!.subtreeMemberCount).toBe(3);
  });

  it('answers 404 for an org outside the scope and 403 without the permission', async () => {
    env = await createTestEnv();
    const town = await env.as('committeeAdmin');
    expect((await town.get(`/api/orgs/${env.base.branch2.id}`)).statusCode).toBe(404);
    expect((await town.get(`/api/orgs/${env.base.branch1.id}`)).statusCode).toBe(200);
    const member = await env.as('member');
    expect((await member.get('/api/orgs/tree')).statusCode).toBe(403);
    const secretary = await env.as('branchSecretary');
    const r = await secretary.post('/api/orgs', { parentId: env.base.branch1.id, name: '第二党小组', type: 'group', sector: 'rural' });
    expect(r.statusCode).toBe(403);
  });

  it('creates a child org under an allowed parent type, with path and audit', async () => {
    env = await createTestEnv();
    const town = await env.as('committeeAdmin');
    const res = await town.post('/api/orgs', { parentId: env.base.town1.id, name: '百合社区党支部', type: 'branch', sector: 'community', foundedOn: '2020-05-01' });
    expect(res.statusCode).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({ name: '百合社区党支部', parentId: env.base.town1.id, depth: 2, version: 1 });
    const [row] = await env.ctx.db.select().from(orgs).where(eq(orgs.id, created.id));
    expect(row.path.startsWith(env.base.town1.path)).toBe(true);
    const audits = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'org.create'), eq(auditLog.entityId, created.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0].changes).toMatchObject({ name: { before: null, after: '百合社区党支部' } });

    const wrongType = await town.post('/api/orgs', { parentId: env.base.branch1.id, name: '错误党支部', type: 'branch', sector: 'rural' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.message).toBe('党支部下不能设立党支部');
    const outOfScope = await town.post('/api/orgs', { parentId: env.base.town2.id, name: '越权党支部', type: 'branch', sector: 'rural' });
    expect(outOfScope.statusCode).toBe(404);
  });

  it('renames with a version and refuses a stale version with 409', async () => {
    env = await createTestEnv();
    const town = await env.as('committeeAdmin');
    const secretaryId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '王书记' });
    const ok = await town.put(`/api/orgs/${env.base.branch1.id}`, { name: '西官村党总支', sector: 'rural', version: 1, secretaryMemberId: secretaryId, committeeMemberIds: [env.base.member1Id] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '西官村党总支', version: 2, secretaryName: '王书记', committeeMembers: [{ name: '李建国' }] });
    const stale = await town.put(`/api/orgs/${env.base.branch1.id}`, { name: '另一个名字', sector: 'rural', version: 1 });
    expect(stale.statusCode).toBe(409);
    const [row] = await env.ctx.db.select().from(orgs).where(eq(orgs.id, env.base.branch1.id));
    expect(row.name).toBe('西官村党总支');
    const outsider = await buildMember(env.ctx, env.base.countyId, env.base.branch2, { name: '外镇党员' });
    const bad = await town.put(`/api/orgs/${env.base.branch1.id}`, { name: '西官村党总支', sector: 'rural', version: 2, secretaryMemberId: outsider });
    expect(bad.statusCode).toBe(400);
  });

  it('moves an org with its subtree, rewriting paths of orgs and members', async () => {
    env = await createTestEnv();
    const county = await env.as('countyAdmin');
    const res = await county.post(`/api/orgs/${env.base.branch1.id}/move`, { newParentId: env.base.town2.id, version: 1 });
    expect(res.statusCode).toBe(200);
    const [branch] = await env.ctx.db.select().from(orgs).where(eq(orgs.id, env.base.branch1.id));
    const [group] = await env.ctx.db.select().from(orgs).where(eq(orgs.id, env.base.group1.id));
    expect(branch.path.startsWith(env.base.town2.path)).toBe(true);
    expect(group.path.startsWith(branch.path)).toBe(true);
    expect(group.depth).toBe(3);
    const [m] = await env.ctx.db.select().from(members).where(eq(members.id, env.base.member1Id));
    expect(m.orgPath).toBe(branch.path);
    // The town1 admin no longer sees it; town2's does.
    expect((await (await env.as('committeeAdmin')).get(`/api/orgs/${env.base.branch1.id}`)).statusCode).toBe(404);
    expect((await (await env.as('otherTownAdmin')).get(`/api/orgs/${env.base.branch1.id}`)).statusCode).toBe(200);
    const cycle = await county.post(`/api/orgs/${env.base.town2.id}/move`, { newParentId: env.base.branch1.id, version: 1 });
    expect(cycle.statusCode).toBe(400);
  });

  it('refuses to dissolve an org that still has members, and says so', async () => {
    env = await createTestEnv();
    const county = await env.as('countyAdmin');
    const res = await county.post(`/api/orgs/${env.base.branch2.id}/dissolve`, { version: 1, reason: '村组合并' });
    expect(res.statusCode).toBe(200);
    const withMembers = await county.post(`/api/orgs/${env.base.branch1.id}/dissolve`, { version: 1, reason: '村组合并' });
    expect(withMembers.statusCode).toBe(422);
    expect(withMembers.json().error.message).toContain('还有 1 名党员');
    const [row] = await env.ctx.db.select().from(orgs).where(eq(orgs.id, env.base.branch1.id));
    expect(row.dissolvedAt).toBeNull();
    const town = await env.as('committeeAdmin');
    expect((await town.post(`/api/orgs/${env.base.town1.id}/dissolve`, { version: 1, reason: '试图撤销本级' })).statusCode).toBe(403);
  });

  it('merges a branch into another: members move, the source is dissolved, all audited', async () => {
    env = await createTestEnv();
    const county = await env.as('countyAdmin');
    const res = await county.post(`/api/orgs/${env.base.branch1.id}/merge`, { intoId: env.base.branch2.id, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().memberCount).toBe(1);
    const [m] = await env.ctx.db.select().from(members).where(eq(members.id, env.base.member1Id));
    expect(m.orgId).toBe(env.base.branch2.id);
    const [src] = await env.ctx.db.select().from(orgs).where(eq(orgs.id, env.base.branch1.id));
    expect(src.dissolvedAt).not.toBeNull();
    const moves = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'member.move'), eq(auditLog.entityId, env.base.member1Id)));
    expect(moves).toHaveLength(1);
    const wrongType = await county.post(`/api/orgs/${env.base.branch2.id}/merge`, { intoId: env.base.town1.id, version: 1 });
    expect(wrongType.statusCode).toBe(400);
  });
});
