// Org life over HTTP: meetings with attendance and quorum, scope, minutes, compliance and its daily job, talks, hours.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, members, orgLifeAttendance, orgLifeCheckups, orgLifeMeetings, orgLifeWarnings, orgOfficers, orgs, themeDayAttendances, themeDays } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';
import { runJob } from '../../core/jobs';
import { orgLifeDailyJob } from './org-life.jobs';

let env: TestEnv;
let secretary: Session;
let town2: Session;
let county: Session;
let committee: string[];
let others: string[];
let probationary: string[];
let foreignMember: string;

const meeting = (over: Record<string, unknown> = {}) => ({
  orgId: env.base.branch1.id,
  kind: 'branchCommittee',
  date: '2026-06-10',
  place: '村委会议室',
  chair: '王书记',
  recorder: '赵委员',
  topic: '研究党员发展工作',
  agenda: '一、研究确定入党积极分子',
  minutes: '会议讨论了……',
  ...over,
});
const present = (ids: string[]) => ids.map((memberId) => ({ memberId, status: 'present', reason: null }));

beforeAll(async () => {
  env = await createTestEnv();
  const { countyId, branch1, branch2 } = env.base;
  committee = [];
  for (const name of ['王书记', '赵委员', '钱委员']) committee.push(await buildMember(env.ctx, countyId, branch1, { name }));
  others = [env.base.member1Id, await buildMember(env.ctx, countyId, branch1, { name: '孙党员' })];
  probationary = [await buildMember(env.ctx, countyId, branch1, { name: '周预备', status: 'probationary', fullMembershipDate: null, joinDate: '2026-01-10' })];
  foreignMember = await buildMember(env.ctx, countyId, branch2, { name: '外村党员' });
  await env.ctx.db.update(orgs).set({ secretaryMemberId: committee[0] }).where(eq(orgs.id, branch1.id));
  await env.ctx.db.insert(orgOfficers).values(committee.slice(1).map((memberId) => ({ orgId: branch1.id, memberId, countyId })));
  secretary = await env.as('branchSecretary');
  town2 = await env.as('otherTownAdmin');
  county = await env.as('countyAdmin');
});
afterAll(async () => env?.close());

describe('meetings', () => {
  let meetingId: string;

  it('lists the branch roster with full/probationary members and the committee', async () => {
    const res = await secretary.get('/api/org-life/roster');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(6);
    expect(body.items.filter((r: { committee: boolean }) => r.committee).map((r: { name: string }) => r.name).sort()).toEqual(['王书记', '赵委员', '钱委员'].sort());
  });

  it('refuses a committee decision without quorum (1 of 3 present), naming the rule; nothing is written', async () => {
    const res = await secretary.post('/api/org-life/meetings', meeting({ attendance: [...present([committee[0], ...others])], resolutions: [{ text: '确定张三为入党积极分子' }] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('QUORUM_NOT_MET');
    expect(res.json().error.message).toContain('支部委员会不能形成决议：支部委员会会议须有半数以上委员到会');
    expect(res.json().error.message).toContain('应到支部委员3人，实到1人，至少须2人');
    expect(await env.ctx.db.select().from(orgLifeMeetings)).toHaveLength(0);
  });

  it('records it once quorum is met (2 of 3), with attendance rows and an audit entry', async () => {
    const res = await secretary.post('/api/org-life/meetings', meeting({ attendance: [...present(committee.slice(0, 2)), { memberId: committee[2], status: 'leave', reason: '外出务工' }], resolutions: [{ text: '确定张三为入党积极分子' }] }));
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    meetingId = d.id;
    expect(d.quorum).toMatchObject({ required: true, due: 3, present: 2, needed: 2, met: true });
    expect(d.present).toBe(2);
    expect(d.expected).toBe(6);
    const rows = await env.ctx.db.select().from(orgLifeAttendance).where(eq(orgLifeAttendance.meetingId, meetingId));
    expect(rows.map((r) => r.status).sort()).toEqual(['leave', 'present', 'present']);
    expect(rows.find((r) => r.status === 'leave')?.reason).toBe('外出务工');
    const audit = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'orgLife.meeting.create'), eq(auditLog.entityId, meetingId)));
    expect(audit).toHaveLength(1);
  });

  it('refuses a duplicate for the same slot, a future date, a non-branch attendee and a leave without reason', async () => {
    const dup = await secretary.post('/api/org-life/meetings', meeting());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('2026-06-10 已记录过支部委员会');
    const future = await secretary.post('/api/org-life/meetings', meeting({ date: '2026-06-16' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('会议日期 2026-06-16 晚于今天');
    const outsider = await county.post('/api/org-life/meetings', meeting({ date: '2026-06-11', attendance: present([foreignMember]) }));
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.message).toContain('外村党员（鑫园村党支部）不是本支部党员');
    const hidden = await secretary.post('/api/org-life/meetings', meeting({ date: '2026-06-11', attendance: present([foreignMember]) }));
    expect(hidden.json().error.message).toContain('所选人员不是本支部党员');
    const leave = await secretary.post('/api/org-life/meetings', meeting({ date: '2026-06-11', attendance: [{ memberId: others[0], status: 'leave', reason: null }] }));
    expect(leave.statusCode).toBe(400);
    expect(leave.json().error.message).toContain('请填写李建国的请假事由');
    const nul = await secretary.post('/api/org-life/meetings', meeting({ date: '2026-06-11', topic: '会议\u0000' }));
    expect(nul.statusCode).toBe(400);
    expect(await env.ctx.db.select().from(orgLifeMeetings)).toHaveLength(1);
  });

  it('refuses a probationary member’s vote at the assembly', async () => {
    const everyone = [...committee, ...others, ...probationary];
    const res = await secretary.post('/api/org-life/meetings', meeting({ kind: 'branchAssembly', date: '2026-06-12', attendance: present(everyone), resolutions: [{ text: '接收预备党员', yes: 6, no: 0, abstain: 0 }] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('预备党员没有表决权');
    const ok = await secretary.post('/api/org-life/meetings', meeting({ kind: 'branchAssembly', date: '2026-06-12', attendance: present(everyone), resolutions: [{ text: '接收预备党员', yes: 5, no: 0, abstain: 0 }] }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().resolutionItems[0].passed).toBe(true);
  });

  it('answers 404 for another town’s meeting (read, update, minutes) and for a member account', async () => {
    expect((await town2.get(`/api/org-life/meetings/${meetingId}`)).statusCode).toBe(404);
    expect((await town2.get(`/api/org-life/meetings/${meetingId}/minutes.docx`)).statusCode).toBe(404);
    expect((await town2.put(`/api/org-life/meetings/${meetingId}`, { ...meeting(), version: 1 })).statusCode).toBe(404);
    const list = await town2.get('/api/org-life/meetings');
    expect(list.json().total).toBe(0);
    expect((await (await env.as('member')).get(`/api/org-life/meetings/${meetingId}`)).statusCode).toBe(403);
  });

  it('updates with the version, refusing a stale one', async () => {
    const res = await secretary.put(`/api/org-life/meetings/${meetingId}`, { ...meeting({ topic: '研究党员发展和党费工作', attendance: present(committee) }), version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ topic: '研究党员发展和党费工作', present: 3, version: 2 });
    const stale = await secretary.put(`/api/org-life/meetings/${meetingId}`, { ...meeting(), version: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it('gives the minutes as a Word document', async () => {
    const res = await secretary.get(`/api/org-life/meetings/${meetingId}/minutes.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(String(res.headers['content-disposition'])).toContain('.docx');
  });
  it('keeps the attendance of a member transferred out since, when the meeting is edited', async () => {
    const list = (await secretary.get('/api/org-life/meetings?kind=branchAssembly')).json();
    const assembly = (await secretary.get(`/api/org-life/meetings/${list.items[0].id}`)).json();
    const moved = others[1];
    await env.ctx.db.update(members).set({ orgId: env.base.branch2.id, orgPath: env.base.branch2.path }).where(eq(members.id, moved));
    try {
      const marks = assembly.roster.filter((r: { memberId: string }) => r.memberId !== moved).map((r: { memberId: string }) => ({ memberId: r.memberId, status: 'present', reason: null }));
      const res = await secretary.put(`/api/org-life/meetings/${assembly.id}`, { ...meeting({ kind: 'branchAssembly', date: assembly.date, attendance: marks }), version: assembly.version });
      expect(res.statusCode, res.body).toBe(200);
      const rows = await env.ctx.db.select().from(orgLifeAttendance).where(and(eq(orgLifeAttendance.meetingId, assembly.id), eq(orgLifeAttendance.memberId, moved)));
      expect(rows.map((r) => r.status)).toEqual(['present']);
    } finally {
      await env.ctx.db.update(members).set({ orgId: env.base.branch1.id, orgPath: env.base.branch1.path }).where(eq(members.id, moved));
    }
  });
});

describe('compliance, talks and hours', () => {
  it('counts held and overdue periods per branch and town, the theme day included as a kind', async () => {
    const res = await county.get('/api/org-life/compliance?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.total).toBe(2);
    const b1 = r.items.find((i: { orgId: string }) => i.orgId === env.base.branch1.id);
    const committeeKind = b1.kinds.find((k: { kind: string }) => k.kind === 'branchCommittee');
    expect(committeeKind.periods.find((p: { period: string }) => p.period === '2026-06').state).toBe('held');
    expect(committeeKind.figures).toMatchObject({ held: 1, overdue: 5 });
    expect(b1.kinds.map((k: { kind: string }) => k.kind)).toContain('themeDay');
    // branch2 has no party group: no group meetings due there.
    const b2 = r.items.find((i: { orgId: string }) => i.orgId === env.base.branch2.id);
    expect(b2.kinds.map((k: { kind: string }) => k.kind)).not.toContain('groupMeeting');
    expect(r.towns.map((t: { townName: string }) => t.townName).sort()).toEqual(['代字营镇党委', '城关镇党委'].sort());
    const scoped = await town2.get('/api/org-life/compliance?year=2026');
    expect(scoped.json().total).toBe(1);
  });

  it('the daily job raises one warning per overdue period, and nothing new on a second run', async () => {
    // Through the job runner (its step's transaction, as the scheduler runs it: on PGlite a read outside it would hang).
    const first = await runJob(env.ctx, orgLifeDailyJob, { countyId: env.base.countyId, period: '2026-06-15' });
    expect(first.status, JSON.stringify(first)).toBe('done');
    expect(first.result?.raised).toBeGreaterThan(0);
    expect(first.result?.raised).toBe(first.result?.overdue);
    const second = await runJob(env.ctx, orgLifeDailyJob, { countyId: env.base.countyId, period: '2026-06-15' }, { force: true });
    expect(second.result?.raised).toBe(0);
    const rows = await env.ctx.db.select().from(orgLifeWarnings).where(and(eq(orgLifeWarnings.orgId, env.base.branch1.id), eq(orgLifeWarnings.kind, 'branchCommittee')));
    expect(rows.map((w) => w.period).sort()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    const list = await secretary.get('/api/org-life/warnings?pageSize=5');
    expect(list.json().total).toBeGreaterThanOrEqual(5);
    expect(list.json().items).toHaveLength(5);
  });

  it('records talks by a committee member and lists members nobody talked with', async () => {
    const bad = await secretary.post('/api/org-life/talks', { orgId: env.base.branch1.id, talkerMemberId: others[1], memberId: others[0], talkedOn: '2026-05-01', topics: '思想动态' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('谈话人须为西官村党支部的支部书记或委员');
    const ok = await secretary.post('/api/org-life/talks', { orgId: env.base.branch1.id, talkerMemberId: committee[0], memberId: others[0], talkedOn: '2026-05-01', topics: '思想动态、家庭情况' });
    expect(ok.statusCode, ok.body).toBe(200);
    const cov = (await secretary.get('/api/org-life/talks/coverage?year=2026')).json();
    expect(cov).toMatchObject({ members: 6, covered: 1, total: 5 });
    expect(cov.items.map((i: { name: string }) => i.name)).not.toContain('李建国');
    expect((await town2.get(`/api/org-life/talks/coverage?orgId=${env.base.branch1.id}`)).statusCode).toBe(404);
  });

  it('credits hours from meetings attended plus entries; the member sees their own; shortfall lists them', async () => {
    const entry = await secretary.post('/api/org-life/training-entries', { memberId: others[0], source: 'partySchool', studiedOn: '2026-04-01', hours: 28, title: '千名党员进党校第一期' });
    expect(entry.statusCode, entry.body).toBe(200);
    expect((await town2.post('/api/org-life/training-entries', { memberId: others[0], source: 'online', studiedOn: '2026-04-01', hours: 2, title: '网络学习' })).statusCode).toBe(404);
    const mine = await (await env.as('member')).get('/api/me/org-life?year=2026');
    expect(mine.statusCode, mine.body).toBe(200);
    // The assembly (2 学时) attended, and 28 from the party school: 30 of 32.
    expect(mine.json().hours).toMatchObject({ total: 30, required: 32, shortfall: 2, meetingHours: 2, otherHours: 28 });
    expect(mine.json().meetings.items.map((m: { kind: string }) => m.kind)).toEqual(['branchAssembly']);
    const short = (await secretary.get('/api/org-life/hours?shortfall=true&year=2026&pageSize=200')).json();
    const li = short.items.find((r: { name: string }) => r.name === '李建国');
    expect(li).toMatchObject({ total: 30, shortfall: 2, cadre: false });
    // A theme day attended is credited too (2 学时): 32 of 32, off the shortfall list.
    const [td] = await env.ctx.db.insert(themeDays).values({ countyId: env.base.countyId, orgId: env.base.branch1.id, orgPath: env.base.branch1.path, month: '2026-05', date: '2026-05-01', topic: '主题党日', place: '活动室', content: '学习' }).returning();
    await env.ctx.db.insert(themeDayAttendances).values({ countyId: env.base.countyId, themeDayId: td.id, memberId: others[0], orgPath: env.base.branch1.path, month: '2026-05', method: 'manual', checkedInAt: new Date('2026-05-01T02:00:00Z') });
    const again = await (await env.as('member')).get('/api/me/org-life?year=2026');
    expect(again.json().hours).toMatchObject({ total: 32, shortfall: 0, meetingHours: 4 });
    const shortAfter = (await secretary.get('/api/org-life/hours?shortfall=true&year=2026&pageSize=200')).json();
    expect(shortAfter.items.map((r: { name: string }) => r.name)).not.toContain('李建国');
    const sec = short.items.find((r: { name: string }) => r.name === '王书记');
    // Committee (2) + assembly (2) attended: 4 of the cadre's 56.
    expect(sec).toMatchObject({ cadre: true, required: 56, total: 4 });
  });

  it('keeps the county’s frequencies in settings (county only)', async () => {
    const s = (await county.get('/api/org-life/settings')).json();
    expect(s.frequencies.branchAssembly).toBe('quarterly');
    expect((await secretary.put('/api/org-life/settings', s)).statusCode).toBe(403);
    const put = await county.put('/api/org-life/settings', { ...s, frequencies: { ...s.frequencies, branchCommittee: 'quarterly' } });
    expect(put.statusCode, put.body).toBe(200);
    const r = (await county.get('/api/org-life/compliance?year=2026')).json();
    const k = r.items.find((i: { orgId: string }) => i.orgId === env.base.branch1.id).kinds.find((x: { kind: string }) => x.kind === 'branchCommittee');
    expect(k.frequency).toBe('quarterly');
    expect(k.figures).toMatchObject({ held: 1, overdue: 1 });
  });
});

describe('political check-up (confidential)', () => {
  it('is kept encrypted, seen only by the committees above, audited on every view, counted by town without names', async () => {
    const town1 = await env.as('townAdmin');
    const body = { memberId: env.base.member1Id, year: 2026, result: 'subHealthy', selfTest: '理论学习不够深入', assessment: null, interview: null, baseSessionOn: null };
    const missing = await town1.put('/api/org-life/checkups', body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toBe('体检结果为亚健康，须安排锻炼基地锻炼日期');
    expect((await town1.put('/api/org-life/checkups', { ...body, baseSessionOn: '2026-07-01' })).statusCode).toBe(200);
    const [row] = await env.ctx.db.select().from(orgLifeCheckups).where(eq(orgLifeCheckups.memberId, env.base.member1Id));
    expect(row.dataEnc).not.toContain('subHealthy');
    expect(row.dataEnc).not.toContain('理论学习');
    expect((await secretary.get(`/api/org-life/checkups?memberId=${env.base.member1Id}&year=2026`)).statusCode).toBe(403);
    expect((await town2.get(`/api/org-life/checkups?memberId=${env.base.member1Id}&year=2026`)).statusCode).toBe(404);
    const seen = await town1.get(`/api/org-life/checkups?memberId=${env.base.member1Id}&year=2026`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ result: 'subHealthy', baseSessionOn: '2026-07-01', memberName: '李建国' });
    await town1.get(`/api/org-life/checkups?memberId=${env.base.member1Id}&year=2026`);
    const views = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'orgLife.checkup.view'));
    expect(views).toHaveLength(2);
    const saves = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'orgLife.checkup.save'));
    expect(JSON.stringify(saves)).not.toContain('subHealthy');
    expect(JSON.stringify(saves)).not.toContain('理论学习');
    const counts = (await county.get('/api/org-life/checkups/counts?year=2026')).json();
    expect(counts.towns).toEqual([{ townName: '城关镇党委', healthy: 0, subHealthy: 1, unhealthy: 0, assigned: 1, completed: 0, overdue: 0 }]);
    expect(JSON.stringify(counts)).not.toContain('李建国');
  });
});

