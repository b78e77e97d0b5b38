import { composeIdNumber, type MemberFields } from '@yanzhen/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, members } from '../../db/schema/index';
import { buildMember, buildOrg, memberInput } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { queryRows } from '../../core/db';
import { idTailHash } from './members.mapper';
import { membersRepository } from './members.repository';

let env: TestEnv;
afterEach(async () => env?.close());

// The test clock stands at 2026-06-15 10:00 in China.
const ID_ZHANG = composeIdNumber('610102', '1980-05-20', 11, 'male');
const ID_WANG = composeIdNumber('610102', '1995-08-01', 12, 'female');
const ID_CHEN = composeIdNumber('610102', '1960-02-29', 13, 'male');
const ID_X = '11010519491231002X';

/** A small roster: 张宏伟 and 王芳 in branch1 (王芳 in group1), 陈志刚 in branch2; 李建国 (member1) is seeded in branch1. */
async function seedRoster(e: TestEnv) {
  const { ctx, base } = e;
  const zhang = await buildMember(ctx, base.countyId, base.branch1, {
    name: '张宏伟', gender: 'male', birthDate: '1980-05-20', idNumber: ID_ZHANG, phone: '13912345678', education: 'college',
    joinDate: '2005-07-01', fullMembershipDate: '2006-07-01', status: 'full', categories: ['inService', 'mobile'], mobileDestination: '广东省深圳市', mobileSince: '2020-03-01',
  });
  const wang = await buildMember(ctx, base.countyId, base.branch1, {
    name: '王芳', gender: 'female', birthDate: '1995-08-01', idNumber: ID_WANG, phone: '13700001234', education: 'postgraduate',
    joinDate: '2025-09-01', fullMembershipDate: null, status: 'probationary', categories: [], groupId: base.group1.id,
  });
  const chen = await buildMember(ctx, base.countyId, base.branch2, {
    name: '陈志刚', gender: 'male', birthDate: '1960-02-29', idNumber: ID_CHEN, phone: null, education: 'juniorOrBelow',
    joinDate: '1985-07-01', fullMembershipDate: '1986-07-01', status: 'full', categories: ['elderly'],
  });
  return { zhang, wang, chen };
}

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name).sort();

describe('every members route', () => {
  it('requires login (401)', async () => {
    env = await createTestEnv();
    const id = env.base.member1Id;
    // Valid bodies, so a 401 can only come from the missing session.
    const fields = body(env.base.branch1.id);
    const calls: [string, string, unknown][] = [
      ['GET', '/api/members', undefined], ['GET', `/api/members/${id}`, undefined], ['GET', `/api/members/${id}/sensitive`, undefined],
      ['GET', `/api/members/${id}/history`, undefined], ['GET', '/api/me/member', undefined],
      ['POST', '/api/members', fields], ['PUT', `/api/members/${id}`, { ...fields, version: 1 }],
      ['POST', `/api/members/${id}/move`, { orgId: env.base.branch2.id, version: 1, reason: '工作调动' }],
    ];
    for (const [method, url, payload] of calls) {
      const res = await env.app.inject({ method: method as 'GET', url, payload: payload as object | undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    expect(await env.ctx.db.select().from(members)).toHaveLength(1);
  });
});

describe('GET /api/members (search and filters)', () => {
  it('requires login, and refuses the member role', async () => {
    env = await createTestEnv();
    expect((await env.app.inject({ method: 'GET', url: '/api/members' })).statusCode).toBe(401);
    const member = await env.as('member');
    expect((await member.get('/api/members')).statusCode).toBe(403);
    expect((await member.get(`/api/members/${env.base.member1Id}`)).statusCode).toBe(403);
  });

  it('lists only the actor\'s subtree, masked, with org name and age', async () => {
    env = await createTestEnv();
    await seedRoster(env);
    const county = await (await env.as('countyAdmin')).get('/api/members');
    expect(county.statusCode).toBe(200);
    expect(county.json().total).toBe(4);
    const town1 = (await (await env.as('committeeAdmin')).get('/api/members')).json();
    expect(names(town1)).toEqual(['张宏伟', '李建国', '王芳'].sort());
    const town2 = (await (await env.as('otherTownAdmin')).get('/api/members')).json();
    expect(names(town2)).toEqual(['陈志刚']);
    const zhang = town1.items.find((i: { name: string }) => i.name === '张宏伟');
    expect(zhang).toEqual({
      id: expect.any(String), name: '张宏伟', gender: 'male', birthMonth: '1980-05', age: 46,
      idNumberMasked: '610102************', phoneMasked: '139****5678', education: 'college', joinDate: '2005-07-01',
      status: 'full', categories: ['inService', 'mobile'], orgId: env.base.branch1.id, orgName: '西官村党支部',
    });
    // Allow-list: nothing encrypted, hashed or unmasked leaks into a list.
    expect(JSON.stringify(town1)).not.toContain(ID_ZHANG);
    expect(JSON.stringify(town1)).not.toContain('13912345678');
    expect(JSON.stringify(town1)).not.toContain('1980-05-20');
  });

  it('finds by pinyin initials, full pinyin prefix (any case) and Chinese name', async () => {
    env = await createTestEnv();
    await seedRoster(env);
    const s = await env.as('countyAdmin');
    expect(names((await s.get('/api/members?q=zhw')).json())).toEqual(['张宏伟']);
    expect(names((await s.get('/api/members?q=ZHW')).json())).toEqual(['张宏伟']);
    expect(names((await s.get('/api/members?q=zhanghong')).json())).toEqual(['张宏伟']);
    expect(names((await s.get('/api/members?q=wang')).json())).toEqual(['王芳']);
    expect(names((await s.get(`/api/members?q=${encodeURIComponent('宏伟')}`)).json())).toEqual(['张宏伟']);
    expect(names((await s.get(`/api/members?q=${encodeURIComponent('陈')}`)).json())).toEqual(['陈志刚']);
    expect((await s.get('/api/members?q=hw')).json().total).toBe(0); // initials match from the start only
    // A LIKE wildcard typed by the user is a literal character, not "anything".
    expect((await s.get(`/api/members?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
  });

  it('finds by full ID number (exact, via the keyed hash), by last four of ID or phone, and by full phone', async () => {
    env = await createTestEnv();
    const { zhang, wang } = await seedRoster(env);
    const x = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '赵秀英', gender: 'female', birthDate: '1949-12-31', idNumber: ID_X, phone: null, joinDate: '1975-07-01', fullMembershipDate: '1976-07-01' });
    const s = await env.as('countyAdmin');
    const ids = async (q: string) => (await s.get(`/api/members?q=${encodeURIComponent(q)}`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids(ID_ZHANG)).toEqual([zhang]);
    expect(await ids(ID_X.toLowerCase())).toEqual([x]);
    expect(await ids(ID_X.slice(-4))).toEqual([x]);
    expect(await ids('002x')).toEqual([x]);
    expect(await ids(ID_WANG.slice(-4))).toContain(wang);
    expect(await ids('1234')).toContain(wang); // phone tail of 13700001234
    expect(await ids('13912345678')).toEqual([zhang]);
    expect(await ids('13912345679')).toEqual([]);
    const landline = await buildMember(env.ctx, env.base.countyId, env.base.branch2, { name: '孙丽', gender: 'female', phone: '029-88881234' });
    expect(await ids('029-88881234')).toEqual([landline]);
    // A wrong check digit is still an exact lookup: no partial matches.
    expect(await ids(ID_ZHANG.slice(0, 17) + (ID_ZHANG[17] === '0' ? '1' : '0'))).toEqual([]);
  });

  it('filters by org subtree, party group, category, status, gender, education, age and join year', async () => {
    env = await createTestEnv();
    await seedRoster(env);
    const s = await env.as('countyAdmin');
    const q = async (qs: string) => names((await s.get(`/api/members?${qs}`)).json());
    const b = env.base;
    expect(await q(`orgId=${b.town1.id}`)).toEqual(['张宏伟', '李建国', '王芳'].sort());
    expect(await q(`orgId=${b.branch2.id}`)).toEqual(['陈志刚']);
    expect(await q(`orgId=${b.group1.id}`)).toEqual(['王芳']);
    expect(await q('category=mobile')).toEqual(['张宏伟']);
    expect(await q('category=elderly')).toEqual(['陈志刚']);
    expect(await q('status=probationary')).toEqual(['王芳']);
    expect(await q('gender=female')).toEqual(['王芳']);
    expect(await q('education=postgraduate')).toEqual(['王芳']);
    expect(await q('joinYearMin=2025')).toEqual(['王芳']);
    expect(await q('joinYearMax=1985')).toEqual(['陈志刚']);
    expect(await q('joinYearMin=2005&joinYearMax=2005')).toEqual(['张宏伟']);
    // 陈志刚 was born on 29 Feb 1960: 66 on 2026-06-15. 李建国 (1985-03-12) is 41, 张宏伟 46, 王芳 30.
    expect(await q('ageMin=66')).toEqual(['陈志刚']);
    expect(await q('ageMin=67')).toEqual([]);
    expect(await q('ageMax=30')).toEqual(['王芳']);
    expect(await q('ageMax=29')).toEqual([]);
    expect(await q('ageMin=41&ageMax=46')).toEqual(['张宏伟', '李建国'].sort());
    expect(await q('gender=male&category=inService')).toEqual(['张宏伟', '李建国'].sort());
  });

  it('counts age from the birth month, the precision kept in clear (China date of the injected clock)', async () => {
    env = await createTestEnv({ now: '2026-04-30T16:30:00Z' }); // 2026-05-01 00:30 in China: 张宏伟 (born 1980-05) counts 46
    await seedRoster(env);
    const s = await env.as('countyAdmin');
    expect(names((await s.get('/api/members?ageMin=46&ageMax=46')).json())).toEqual(['张宏伟']);
    env.clock.set('2026-04-30T15:30:00Z'); // still 30 April in China
    const before = (await s.get('/api/members?q=zhw')).json();
    expect(before.items[0].age).toBe(45);
    expect((await s.get('/api/members?ageMin=46&ageMax=46')).json().total).toBe(0);
  });

  it('answers 404 for an org filter outside the scope, 400 for a bad query', async () => {
    env = await createTestEnv();
    const s = await env.as('otherTownAdmin');
    const res = await s.get(`/api/members?orgId=${env.base.branch1.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('不在您的管辖范围内');
    expect((await s.get('/api/members?sort=idNumber')).statusCode).toBe(400);
    expect((await s.get('/api/members?pageSize=500')).statusCode).toBe(400);
  });

  it('pages with the right total, sorts, and answers an empty page past the end with the total', async () => {
    env = await createTestEnv();
    const extra = await buildOrg(env.ctx, env.base.countyId, env.base.town1, { name: '东关社区党支部', type: 'branch', sector: 'community' });
    const births = ['1970-01-05', '1990-12-01', '1981-07-07', '2000-03-03', '1975-10-10'];
    for (const [i, birthDate] of births.entries()) {
      await buildMember(env.ctx, env.base.countyId, extra, { name: ['赵一', '钱二', '孙三', '周四', '吴五'][i], birthDate, joinDate: '2019-07-01', fullMembershipDate: '2020-07-01' });
    }
    const s = await env.as('committeeAdmin');
    const p1 = (await s.get(`/api/members?orgId=${extra.id}&pageSize=2&sort=birthDate`)).json();
    expect(p1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(p1.items.map((i: { birthMonth: string }) => i.birthMonth)).toEqual(['1970-01', '1975-10']);
    const p3 = (await s.get(`/api/members?orgId=${extra.id}&pageSize=2&page=3&sort=birthDate`)).json();
    expect(p3.items.map((i: { birthMonth: string }) => i.birthMonth)).toEqual(['2000-03']);
    expect(p3.total).toBe(5);
    const desc = (await s.get(`/api/members?orgId=${extra.id}&sort=-birthDate`)).json();
    expect(desc.items.map((i: { birthMonth: string }) => i.birthMonth)).toEqual([...births].sort().reverse().map((d) => d.slice(0, 7)));
    // Names sort by pinyin: qian, sun, wu, zhao, zhou.
    const byName = (await s.get(`/api/members?orgId=${extra.id}&sort=name`)).json();
    expect(byName.items.map((i: { name: string }) => i.name)).toEqual(['钱二', '孙三', '吴五', '赵一', '周四']);
    const byNameDesc = (await s.get(`/api/members?orgId=${extra.id}&sort=-name`)).json();
    expect(byNameDesc.items.map((i: { name: string }) => i.name)).toEqual(['周四', '赵一', '吴五', '孙三', '钱二']);
    const past = (await s.get(`/api/members?orgId=${extra.id}&pageSize=2&page=9`)).json();
    expect(past).toMatchObject({ items: [], total: 5, page: 9 });
    // Default order: by branch (path) then name — branch1 (seeded first) before the new branch.
    const all = (await s.get('/api/members?pageSize=50')).json();
    expect(all.total).toBe(6);
    expect(all.items[0].orgName).toBe('西官村党支部');
  });

  it('finds name fragments of 1–4 characters exactly as a substring match (trigram index from 3 characters, strpos below)', async () => {
    env = await createTestEnv();
    await seedRoster(env);
    const extra = await buildOrg(env.ctx, env.base.countyId, env.base.town1, { name: '南街社区党支部', type: 'branch', sector: 'community' });
    const roster = ['欧阳明月', '欧阳明', '司马光明', '明光', '张明', '张三丰', '王宏伟', '宏伟明', '李50%', '李_x'];
    for (const name of roster) await buildMember(env.ctx, env.base.countyId, extra, { name });
    const gone = await buildMember(env.ctx, env.base.countyId, extra, { name: '欧阳明月' });
    await env.ctx.db.update(members).set({ leftAt: new Date('2026-01-01T00:00:00Z'), leftReason: '转出' }).where(eq(members.id, gone));
    const s = await env.as('countyAdmin');
    const live = (await s.get('/api/members?pageSize=100')).json().items.map((i: { name: string }) => i.name) as string[];
    expect(live).toHaveLength(4 + roster.length);
    for (const q of ['明', '欧阳', '宏伟', '阳明月', '欧阳明', '欧阳明月', '光明', '马光明', '张三丰', '50%', '_x', '宏伟明', '明月光']) {
      const body = (await s.get(`/api/members?q=${encodeURIComponent(q)}&pageSize=100`)).json();
      const expected = live.filter((n) => n.includes(q)).sort();
      expect(names(body), q).toEqual(expected);
      expect(body).toMatchObject({ total: expected.length, totalCapped: false });
    }
    // Names starting with the fragment come first.
    expect((await s.get(`/api/members?q=${encodeURIComponent('明')}`)).json().items[0].name).toBe('明光');
  });

  it('has a trigram index the planner can use for a 3-character fragment (other scans off, both databases)', async () => {
    env = await createTestEnv();
    // An empty table: the planner would take any index with the same predicate, so the page index is dropped for the
    // look (inside a transaction that is rolled back).
    let plan = '';
    await env.ctx.db
      .transaction(async (tx) => {
        await tx.execute(sql`drop index members_live_page_idx`);
        for (const k of ['enable_seqscan', 'enable_indexscan', 'enable_indexonlyscan']) await tx.execute(sql.raw(`set local ${k} = off`));
        const rows = await queryRows<Record<string, string>>(tx, sql`explain select id from members where left_at is null and name like '%欧阳明%'`);
        plan = rows.map((r) => Object.values(r)[0]).join('\n');
        throw new Error('rollback');
      })
      .catch((err: Error) => expect(err.message).toBe('rollback'));
    expect(plan).toContain('members_live_name_trgm_idx');
  });

  it('counts a filtered total up to the cap, then answers the cap with totalCapped (never below the page asked for); unfiltered stays exact', async () => {
    env = await createTestEnv();
    await seedRoster(env);
    const s = await env.as('countyAdmin');
    expect((await s.get('/api/members?pageSize=2')).json()).toMatchObject({ total: 4, totalCapped: false });
    expect((await s.get('/api/members?pageSize=2&status=full')).json()).toMatchObject({ total: 3, totalCapped: false });
    // Every live member is 'full' or 'probationary': a filter that matches the whole roster, counted against the cap.
    const search = { pathPattern: `${env.base.root.path}%`, category: undefined, status: undefined, bornOnOrBefore: '2100-01-01' };
    const find = (page: number, totalCap: number) => membersRepository.search(env.ctx.db, env.base.countyId, search, { page, pageSize: 1, sort: null, totalCap });
    // The unfiltered roster of a subtree keeps its exact total.
    expect(await membersRepository.search(env.ctx.db, env.base.countyId, { pathPattern: search.pathPattern }, { page: 1, pageSize: 1, sort: null, totalCap: 2 })).toMatchObject({ total: 4, totalCapped: false });
    expect(await find(1, 2)).toMatchObject({ total: 2, totalCapped: true });
    expect(await find(1, 3)).toMatchObject({ total: 3, totalCapped: true });
    expect(await find(1, 4)).toMatchObject({ total: 4, totalCapped: false });
    expect(await find(3, 2)).toMatchObject({ total: 3, totalCapped: true });
    expect(await find(4, 2)).toMatchObject({ total: 4, totalCapped: false });
    expect((await find(2, 2)).rows).toHaveLength(1);
  });

  it('leaves out members who have left the roster', async () => {
    env = await createTestEnv();
    const { zhang } = await seedRoster(env);
    await env.ctx.db.update(members).set({ leftAt: new Date('2026-01-01T00:00:00Z'), leftReason: '转出' }).where(eq(members.id, zhang));
    const s = await env.as('countyAdmin');
    expect((await s.get('/api/members?q=zhw')).json().total).toBe(0);
    expect((await s.get(`/api/members/${zhang}`)).statusCode).toBe(404);
  });
});

describe('GET /api/members/:id, /api/me/member', () => {
  it('returns the detail with group name and what the actor may do', async () => {
    env = await createTestEnv();
    const { wang } = await seedRoster(env);
    const town1 = (await (await env.as('committeeAdmin')).get(`/api/members/${wang}`)).json();
    expect(town1).toMatchObject({ id: wang, name: '王芳', groupId: env.base.group1.id, groupName: '第一党小组', orgName: '西官村党支部', version: 1, age: 30, can: { update: true, move: true, viewSensitive: true } });
    expect(town1).not.toHaveProperty('idNumber');
    const instructor = (await (await env.as('instructor')).get(`/api/members/${wang}`)).json();
    expect(instructor.can).toEqual({ update: false, move: false, viewSensitive: false });
    // A branch secretary edits the branch's members but has no other branch to move them to.
    const secretary = (await (await env.as('branchSecretary')).get(`/api/members/${wang}`)).json();
    expect(secretary.can).toEqual({ update: true, move: false, viewSensitive: true });
  });

  it('answers 404 (not 403) for a member outside the scope, and for an unknown id', async () => {
    env = await createTestEnv();
    const { chen } = await seedRoster(env);
    const town2 = await env.as('otherTownAdmin');
    const res = await town2.get(`/api/members/${env.base.member1Id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await town2.get(`/api/members/${env.base.member1Id}/history`)).statusCode).toBe(404);
    expect((await town2.get(`/api/members/${env.base.member1Id}/sensitive`)).statusCode).toBe(404);
    expect((await town2.get(`/api/members/${chen}`)).statusCode).toBe(200);
    const secretary = await env.as('branchSecretary');
    expect((await secretary.get(`/api/members/${chen}`)).statusCode).toBe(404);
    expect((await secretary.get('/api/members/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('shows a member-role account its own record only', async () => {
    env = await createTestEnv();
    const s = await env.as('member');
    const me = await s.get('/api/me/member');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: env.base.member1Id, name: '李建国', orgName: '西官村党支部', can: { update: false, move: false, viewSensitive: false } });
    expect((await s.get(`/api/members/${env.base.member1Id}/sensitive`)).statusCode).toBe(403);
    expect((await s.get(`/api/members/${env.base.member1Id}/history`)).statusCode).toBe(403);
    // An account bound to no member has no record to show.
    expect((await (await env.as('instructor')).get('/api/me/member')).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: '/api/me/member' })).statusCode).toBe(401);
  });
});

describe('GET /api/members/:id/sensitive', () => {
  it('decrypts the ID number, phone, 外出联系方式 and exact birth date, and audits every view', async () => {
    env = await createTestEnv();
    const { zhang } = await seedRoster(env);
    const s = await env.as('branchSecretary');
    const res = await s.get(`/api/members/${zhang}/sensitive`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber: ID_ZHANG, phone: '13912345678', mobileContact: null, birthDate: '1980-05-20' });
    await s.get(`/api/members/${zhang}/sensitive`);
    const logs = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'member.viewSensitive'), eq(auditLog.entityId, zhang)));
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ entityType: 'member', actorId: env.base.accountIds.secretary1, outcome: 'success' });
    expect(JSON.stringify(logs)).not.toContain(ID_ZHANG);
  });

  it('is refused to an instructor (403), without an audit entry of a view', async () => {
    env = await createTestEnv();
    const { zhang } = await seedRoster(env);
    expect((await (await env.as('instructor')).get(`/api/members/${zhang}/sensitive`)).statusCode).toBe(403);
    expect(await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'member.viewSensitive'))).toHaveLength(0);
  });
});

const body = (orgId: string, overrides: Partial<MemberFields> = {}) => {
  const birthDate = overrides.birthDate ?? '1988-04-09';
  const gender = overrides.gender ?? 'female';
  return memberInput(orgId, { name: '刘晓燕', birthDate, gender, idNumber: composeIdNumber('610102', birthDate, 41, gender), phone: '15800001111', ...overrides });
};

describe('POST /api/members', () => {
  it('creates a member in a branch, with org path, pinyin, encrypted fields, and an audit entry without clear ID number', async () => {
    env = await createTestEnv();
    const s = await env.as('branchSecretary');
    const input = body(env.base.branch1.id, { groupId: env.base.group1.id });
    const res = await s.post('/api/members', input);
    expect(res.statusCode).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({ name: '刘晓燕', orgId: env.base.branch1.id, groupName: '第一党小组', version: 1, phoneMasked: '158****1111' });
    const [row] = await env.ctx.db.select().from(members).where(eq(members.id, created.id));
    expect(row).toMatchObject({ orgPath: env.base.branch1.path, nameInitials: 'lxy', namePinyin: 'liuxiaoyan', idTailHash: idTailHash(env.ctx.crypto, input.idNumber.slice(-4)), birthMonth: '1988-04-01', countyId: env.base.countyId });
    expect(row.idNumberEnc).not.toContain(input.idNumber);
    expect(row.idNumberHash).toBe(env.ctx.crypto.hash(input.idNumber));
    const [log] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'member.create'));
    expect(log).toMatchObject({ entityType: 'member', entityId: created.id, outcome: 'success' });
    expect(log.changes?.name).toEqual({ before: null, after: '刘晓燕' });
    expect(log.changes?.idNumber).toEqual({ before: null, after: '（已修改）' });
    expect(JSON.stringify(log.changes)).not.toContain(input.idNumber);
    expect(JSON.stringify(log.changes)).not.toContain('15800001111');
    // Found at once by its pinyin initials.
    expect((await s.get('/api/members?q=lxy')).json().items.map((i: { id: string }) => i.id)).toEqual([created.id]);
  });

  it('refuses a wrong check digit with 400 on idNumber and a Chinese message', async () => {
    env = await createTestEnv();
    const s = await env.as('committeeAdmin');
    const good = body(env.base.branch1.id);
    const wrong = good.idNumber.slice(0, 17) + (good.idNumber[17] === '1' ? '2' : '1');
    const res = await s.post('/api/members', { ...good, idNumber: wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.json().error.message).toMatch(/^身份证号校验码错误/);
    expect(res.json().error.details).toEqual([{ path: 'idNumber', message: expect.stringContaining('校验码错误') }]);
    expect(await env.ctx.db.select().from(members)).toHaveLength(1);
  });

  it('refuses a birth date or gender that disagrees with the ID number, and joining before 18', async () => {
    env = await createTestEnv();
    const s = await env.as('committeeAdmin');
    const good = body(env.base.branch1.id);
    const mismatch = await s.post('/api/members', { ...good, birthDate: '1988-04-10', gender: 'male' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.details).toEqual([
      { path: 'birthDate', message: '出生日期与身份证号不一致（身份证号为 1988-04-09）' },
      { path: 'gender', message: '性别与身份证号不一致（身份证号为女）' },
    ]);
    expect(mismatch.json().error.message).toContain('共2处错误');
    const young = await s.post('/api/members', { ...good, joinDate: '2006-04-08', fullMembershipDate: '2007-04-08' });
    expect(young.json().error.details).toEqual([{ path: 'joinDate', message: '入党时须年满18周岁（最早 2006-04-09）' }]);
    const field = await s.post('/api/members', { ...good, name: '刘', ethnicity: '火星族' });
    expect(field.statusCode).toBe(400);
    expect(field.json().error.details.map((d: { path: string }) => d.path)).toEqual(['name', 'ethnicity']);
  });

  it('answers 404 for a branch outside the scope and 400 for a non-branch org or a group of another branch', async () => {
    env = await createTestEnv();
    const town2 = await env.as('otherTownAdmin');
    const out = await town2.post('/api/members', body(env.base.branch1.id));
    expect(out.statusCode).toBe(404);
    const committee = await town2.post('/api/members', body(env.base.town2.id));
    expect(committee.statusCode).toBe(400);
    expect(committee.json().error.code).toBe('ORG_NOT_BRANCH');
    const county = await env.as('countyAdmin');
    const group = await county.post('/api/members', body(env.base.branch2.id, { groupId: env.base.group1.id }));
    expect(group.statusCode).toBe(400);
    expect(group.json().error).toMatchObject({ code: 'GROUP_NOT_IN_BRANCH', details: [{ path: 'groupId', message: expect.any(String) }] });
    const asOrg = await county.post('/api/members', body(env.base.group1.id));
    expect(asOrg.json().error.code).toBe('ORG_NOT_BRANCH');
    expect(await env.ctx.db.select().from(members)).toHaveLength(1);
  });

  it('refuses a duplicate ID number with 409, naming the holder only when the actor may see them', async () => {
    env = await createTestEnv();
    const { chen } = await seedRoster(env);
    void chen;
    const town1 = await env.as('committeeAdmin');
    const inScope = await town1.post('/api/members', body(env.base.branch1.id, { birthDate: '1980-05-20', gender: 'male', idNumber: ID_ZHANG }));
    expect(inScope.statusCode).toBe(409);
    expect(inScope.json().error.code).toBe('DUPLICATE_ID_NUMBER');
    expect(inScope.json().error.message).toBe('该身份证号已登记为张宏伟（西官村党支部）的党员档案，不能重复录入');
    const outOfScope = await town1.post('/api/members', body(env.base.branch1.id, { birthDate: '1960-02-29', gender: 'male', idNumber: ID_CHEN, joinDate: '1985-07-01' }));
    expect(outOfScope.statusCode).toBe(409);
    expect(outOfScope.json().error.message).toContain('已在本县党员名册中');
    expect(outOfScope.json().error.message).not.toContain('陈志刚');
    expect(outOfScope.json().error.message).not.toContain('鑫园村');
    expect(await env.ctx.db.select().from(members)).toHaveLength(4);
  });

  it('lets only one of two simultaneous entries of the same ID number through', async () => {
    env = await createTestEnv();
    const [a, b] = await Promise.all([env.as('countyAdmin'), env.as('committeeAdmin')]);
    const input = body(env.base.branch1.id);
    const statuses = (await Promise.all([a.post('/api/members', input), b.post('/api/members', input)])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    expect(await env.ctx.db.select().from(members).where(eq(members.idNumberHash, env.ctx.crypto.hash(input.idNumber)))).toHaveLength(1);
  });

  it('is refused to an instructor and a member (403), and without the CSRF token', async () => {
    env = await createTestEnv();
    expect((await (await env.as('instructor')).post('/api/members', body(env.base.branch1.id))).statusCode).toBe(403);
    expect((await (await env.as('member')).post('/api/members', body(env.base.branch1.id))).statusCode).toBe(403);
    const s = await env.as('countyAdmin');
    const noCsrf = await env.app.inject({ method: 'POST', url: '/api/members', headers: { cookie: s.cookie }, payload: body(env.base.branch1.id) });
    expect(noCsrf.statusCode).toBe(403);
    expect(await env.ctx.db.select().from(members)).toHaveLength(1);
  });
});

describe('PUT /api/members/:id', () => {
  async function current(s: Awaited<ReturnType<TestEnv['as']>>, id: string) {
    const d = (await s.get(`/api/members/${id}`)).json();
    const sens = (await s.get(`/api/members/${id}/sensitive`)).json();
    return { d, fields: { name: d.name, gender: d.gender, ethnicity: d.ethnicity, birthDate: sens.birthDate, idNumber: sens.idNumber, education: d.education, occupation: d.occupation, job: d.job, phone: sens.phone, address: d.address, joinDate: d.joinDate, fullMembershipDate: d.fullMembershipDate, status: d.status, categories: d.categories, mobileDestination: d.mobileDestination, mobileSince: d.mobileSince, mobileContact: sens.mobileContact, orgId: d.orgId, groupId: d.groupId, version: d.version } };
  }

  it('updates, bumps the version, and audits only the changed fields', async () => {
    env = await createTestEnv();
    const { wang } = await seedRoster(env);
    const s = await env.as('branchSecretary');
    const { fields } = await current(s, wang);
    const res = await s.put(`/api/members/${wang}`, { ...fields, status: 'full', fullMembershipDate: '2026-06-01', job: '村委会委员', groupId: null, phone: '13700009999' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, status: 'full', job: '村委会委员', groupId: null, groupName: null, phoneMasked: '137****9999' });
    const [log] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'member.update'));
    expect(Object.keys(log.changes ?? {}).sort()).toEqual(['fullMembershipDate', 'groupId', 'job', 'phone', 'status']);
    expect(log.changes?.status).toEqual({ before: 'probationary', after: 'full' });
    expect(log.changes?.phone).toEqual({ before: '（已加密）', after: '（已修改）' });
    const [row] = await env.ctx.db.select().from(members).where(eq(members.id, wang));
    expect(row.phoneHash).toBe(env.ctx.crypto.hash('13700009999'));
    expect((await s.get('/api/members?q=13700009999')).json().total).toBe(1);
  });

  it('answers 409 STALE_VERSION on an old version and changes nothing', async () => {
    env = await createTestEnv();
    const { wang } = await seedRoster(env);
    const s = await env.as('committeeAdmin');
    const { fields } = await current(s, wang);
    expect((await s.put(`/api/members/${wang}`, { ...fields, job: '第一次' })).statusCode).toBe(200);
    const [before] = await env.ctx.db.select().from(members).where(eq(members.id, wang));
    const stale = await s.put(`/api/members/${wang}`, { ...fields, job: '第二次' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const [after] = await env.ctx.db.select().from(members).where(eq(members.id, wang));
    expect(after).toEqual(before);
    expect(after.job).toBe('第一次');
    expect(await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'member.update'), eq(auditLog.outcome, 'success')))).toHaveLength(1);
  });

  it('refuses to change the branch (points to the move action) and re-checks the rules', async () => {
    env = await createTestEnv();
    const { wang } = await seedRoster(env);
    const s = await env.as('countyAdmin');
    const { fields } = await current(s, wang);
    const moveByPut = await s.put(`/api/members/${wang}`, { ...fields, orgId: env.base.branch2.id });
    expect(moveByPut.statusCode).toBe(400);
    expect(moveByPut.json().error).toMatchObject({ code: 'USE_MOVE', message: expect.stringContaining('组织关系调整') });
    const rule = await s.put(`/api/members/${wang}`, { ...fields, fullMembershipDate: '2026-01-01' });
    expect(rule.statusCode).toBe(400);
    expect(rule.json().error.details).toEqual([{ path: 'fullMembershipDate', message: '预备党员不应有转正日期' }]);
    const [row] = await env.ctx.db.select().from(members).where(eq(members.id, wang));
    expect(row).toMatchObject({ orgId: env.base.branch1.id, version: 1 });
  });

  it('refuses an instructor (403) and an out-of-scope admin (404)', async () => {
    env = await createTestEnv();
    const { wang } = await seedRoster(env);
    const { fields } = await current(await env.as('countyAdmin'), wang);
    expect((await (await env.as('instructor')).put(`/api/members/${wang}`, { ...fields, job: 'x职务' })).statusCode).toBe(403);
    expect((await (await env.as('otherTownAdmin')).put(`/api/members/${wang}`, { ...fields, job: 'x职务' })).statusCode).toBe(404);
    const [row] = await env.ctx.db.select().from(members).where(eq(members.id, wang));
    expect(row.job).toBeNull();
  });
});

describe('POST /api/members/:id/move and GET /api/members/:id/history', () => {
  it('moves a member to another branch: same id, new org path, audit with the reason, history newest first', async () => {
    env = await createTestEnv();
    const { wang } = await seedRoster(env);
    const s = await env.as('countyAdmin');
    await s.get(`/api/members/${wang}/sensitive`); // an entry from before the move
    env.clock.advance(60_000);
    const res = await s.post(`/api/members/${wang}/move`, { orgId: env.base.branch2.id, groupId: null, version: 1, reason: '工作调动' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: wang, orgId: env.base.branch2.id, orgName: '鑫园村党支部', groupId: null, version: 2 });
    const [row] = await env.ctx.db.select().from(members).where(eq(members.id, wang));
    expect(row.orgPath).toBe(env.base.branch2.path);
    const [log] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'member.move'));
    expect(log).toMatchObject({ entityId: wang, note: '工作调动', changes: { orgId: { before: env.base.branch1.id, after: env.base.branch2.id }, groupId: { before: env.base.group1.id, after: null } } });
    // Now town2's, no longer town1's.
    expect((await (await env.as('committeeAdmin')).get(`/api/members/${wang}`)).statusCode).toBe(404);
    const town2 = await env.as('otherTownAdmin');
    expect((await town2.get(`/api/members/${wang}`)).statusCode).toBe(200);
    env.clock.advance(60_000);
    await town2.get(`/api/members/${wang}/sensitive`);
    const history = await town2.get(`/api/members/${wang}/history`);
    expect(history.statusCode).toBe(200);
    // The record kept its id, so its history from before the move stays with it.
    expect(history.json().items.map((i: { action: string; actorId: string }) => [i.action, i.actorId])).toEqual([
      ['member.viewSensitive', env.base.accountIds.town2],
      ['member.move', env.base.accountIds.county],
      ['member.viewSensitive', env.base.accountIds.county],
    ]);
    expect(history.json().items[1]).toMatchObject({ note: '工作调动', entityType: 'member', outcome: 'success', actorName: 'county（county）' });
  });

  it('refuses a target outside the scope (404), the same branch (400) and a stale version (409)', async () => {
    env = await createTestEnv();
    const { zhang } = await seedRoster(env);
    const town1 = await env.as('committeeAdmin');
    const out = await town1.post(`/api/members/${zhang}/move`, { orgId: env.base.branch2.id, version: 1, reason: '工作调动' });
    expect(out.statusCode).toBe(404);
    const same = await town1.post(`/api/members/${zhang}/move`, { orgId: env.base.branch1.id, version: 1, reason: '工作调动' });
    expect(same.json().error.code).toBe('MEMBER_MOVE_SAME');
    const county = await env.as('countyAdmin');
    const stale = await county.post(`/api/members/${zhang}/move`, { orgId: env.base.branch2.id, version: 7, reason: '工作调动' });
    expect(stale.statusCode).toBe(409);
    const noReason = await county.post(`/api/members/${zhang}/move`, { orgId: env.base.branch2.id, version: 1, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const [row] = await env.ctx.db.select().from(members).where(eq(members.id, zhang));
    expect(row).toMatchObject({ orgId: env.base.branch1.id, orgPath: env.base.branch1.path, version: 1 });
    expect(await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'member.move'), eq(auditLog.outcome, 'success')))).toHaveLength(0);
  });

  it('refuses a branch secretary moving a member out of the branch (403)', async () => {
    env = await createTestEnv();
    const { zhang } = await seedRoster(env);
    const res = await (await env.as('branchSecretary')).post(`/api/members/${zhang}/move`, { orgId: env.base.branch2.id, version: 1, reason: '工作调动' });
    expect(res.statusCode).toBe(403);
    const [row] = await env.ctx.db.select().from(members).where(eq(members.id, zhang));
    expect(row.orgId).toBe(env.base.branch1.id);
  });

  it('lets a town admin move within the town, and refuses the instructor (403)', async () => {
    env = await createTestEnv();
    const { zhang } = await seedRoster(env);
    const other = await buildOrg(env.ctx, env.base.countyId, env.base.town1, { name: '东关社区党支部', type: 'branch', sector: 'community' });
    expect((await (await env.as('instructor')).post(`/api/members/${zhang}/move`, { orgId: other.id, version: 1, reason: '工作调动' })).statusCode).toBe(403);
    const res = await (await env.as('committeeAdmin')).post(`/api/members/${zhang}/move`, { orgId: other.id, version: 1, reason: '搬迁' });
    expect(res.statusCode).toBe(200);
    const [row] = await env.ctx.db.select().from(members).where(eq(members.id, zhang));
    expect(row.orgPath).toBe(other.path);
  });
});
