import { composeIdNumber } from '@yanzhen/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, developmentEvents, formNumbers, members } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { fileBody, stepBody, walk, type People, type Sessions } from './development.fixtures';

let env: TestEnv;
afterEach(async () => env?.close());

/** Branch1 gets 4 full members on its roster (member1 + 3), enough to vote; mentors and sponsors among them. */
async function setup(now = '2026-11-02T02:00:00Z') {
  env = await createTestEnv({ now });
  const { ctx, base } = env;
  const a = await buildMember(ctx, base.countyId, base.branch1, { name: '刘红' });
  const b = await buildMember(ctx, base.countyId, base.branch1, { name: '孙强' });
  const c = await buildMember(ctx, base.countyId, base.branch1, { name: '周敏' });
  const probationary = await buildMember(ctx, base.countyId, base.branch1, { name: '吴新', status: 'probationary', fullMembershipDate: null, joinDate: '2026-01-01' });
  const people: People = { mentors: [a], sponsors: [b, c] };
  const s: Sessions = { branch: await env.as('branchSecretary'), committee: await env.as('committeeAdmin'), county: await env.as('countyAdmin') };
  return { s, people, probationary };
}

async function openFile(s: Sessions, seq = 1, over: Record<string, unknown> = {}) {
  const res = await s.branch.post('/api/development/files', fileBody(env.base.branch1.id, seq, over));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('a development file walked through the API', () => {
  it('on time: all 25 steps; admission puts a probationary member on the roster, conversion makes them full', async () => {
    const { s, people } = await setup();
    const file = await openFile(s);
    expect(file).toMatchObject({ currentStep: 0, stage: 1, status: 'active', ruleSetVersion: 1, nextSteps: [1] });

    const at16 = await walk(s, file.id, 16, people);
    expect(at16.formNumber).toBe('610102202500001');
    expect(at16.nextDeadline).toMatchObject({ kind: 'approval', due: '2025-12-01', overdue: true });
    expect(await env.ctx.db.select().from(members).where(eq(members.name, '赵晓明'))).toHaveLength(0);

    const at17 = await walk(s, file.id, 17, people, 17);
    const [member] = await env.ctx.db.select().from(members).where(eq(members.name, '赵晓明'));
    expect(member).toMatchObject({ status: 'probationary', joinDate: '2025-09-01', orgId: env.base.branch1.id, fullMembershipDate: null });
    expect(at17.memberId).toBe(member.id);
    expect(at17.probationEnd).toBe('2026-09-01');

    const done = await walk(s, file.id, 25, people, 18);
    expect(done).toMatchObject({ status: 'completed', currentStep: 25, stage: 5, nextDeadline: null, nextSteps: [] });
    expect(done.events).toHaveLength(25);
    expect(done.events[16]).toMatchObject({ step: 17, actorOrgName: '城关镇党委', actorName: 'town1' });
    // The timeline names the mentors and sponsors (the events carry member ids).
    const named = await env.ctx.db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, [...people.mentors, ...people.sponsors]));
    expect(done.people).toEqual(Object.fromEntries(named.map((m) => [m.id, m.name])));
    expect(Object.keys(done.people).sort()).toEqual([...new Set([...people.mentors, ...people.sponsors])].sort());
    const [after] = await env.ctx.db.select().from(members).where(eq(members.id, member.id));
    expect(after).toMatchObject({ status: 'full', fullMembershipDate: '2026-09-01' });
    const audits = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'developmentFile'), eq(auditLog.entityId, file.id)));
    expect(audits.filter((x) => x.action === 'development.step.record')).toHaveLength(25);
    expect((await s.county.get('/api/development/pipeline')).json()).toMatchObject({ completedThisYear: 1, overdue: 0 });
  });

  it('refuses a step too early with the rule and the earliest date (409), and records nothing', async () => {
    const { s, people } = await setup();
    const file = await openFile(s);
    const at6 = await walk(s, file.id, 6, people);
    const res = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(7, people, at6.version, { date: '2025-07-09', publicity: { start: '2025-07-01', end: '2025-07-07', result: 'noObjection' } }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'DEV_CANDIDATE_TOO_EARLY',
      message: '列为入党积极分子满一年后方可确定为发展对象，最早 2025-07-10',
      details: { earliestDate: '2025-07-10', step: 7 },
    });
    expect(await env.ctx.db.select().from(developmentEvents).where(eq(developmentEvents.fileId, file.id))).toHaveLength(6);
  });

  it('refuses each kind of violation', async () => {
    const { s, people, probationary } = await setup();
    const young = await openFile(s, 2, { birthDate: '2006-06-01', idNumber: composeIdNumber('610102', '2006-06-01', 502, 'male'), name: '钱少' });
    const tooYoung = await s.branch.post(`/api/development/files/${young.id}/steps`, { step: 1, date: '2024-05-31', fields: { receivedBy: '西官村党支部' }, version: young.version });
    expect(tooYoung.json().error).toMatchObject({ code: 'DEV_TOO_YOUNG', details: { earliestDate: '2024-06-01' } });
    // The exact birth date is kept only inside the ID number: a file whose two dates disagree is refused.
    const mismatch = await s.branch.post('/api/development/files', fileBody(env.base.branch1.id, 3, { birthDate: '2006-06-01' }));
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error).toMatchObject({ code: 'BIRTH_DATE_MISMATCH', message: '出生日期与身份证号不一致（身份证号为 2000-05-20）' });

    const file = await openFile(s);
    const skip = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(3, people, file.version));
    expect(skip.json().error.code).toBe('DEV_STEP_OUT_OF_ORDER');
    const at4 = await walk(s, file.id, 4, people);
    const mentor = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(5, { ...people, mentors: [probationary] }, at4.version));
    expect(mentor.json().error).toMatchObject({ code: 'DEV_PERSON_NOT_FULL', message: '培养联系人须为正式党员，吴新是预备党员' });
    const at8 = await walk(s, file.id, 8, people, 5);
    const sponsors = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(9, { ...people, sponsors: [people.sponsors[0]] }, at8.version));
    expect(sponsors.json().error.code).toBe('DEV_SPONSOR_COUNT');
    const at9 = await walk(s, file.id, 9, people, 9);
    const negative = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(10, people, at9.version, { fields: { conclusion: '有问题', departmentsConsulted: ['discipline', 'police', 'court'], negativeListHits: ['dishonest'] } }));
    expect(negative.json().error.code).toBe('DEV_NEGATIVE_LIST');
    const at10 = await walk(s, file.id, 10, people, 10);
    const training = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(11, people, at10.version, { fields: { days: 2, hours: 16, examScore: 90 } }));
    expect(training.json().error.code).toBe('DEV_TRAINING_TOO_SHORT');
    const at12 = await walk(s, file.id, 12, people, 11);
    // Pre-review is the organization department's: the branch and the town committee may not.
    expect((await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(13, people, at12.version))).statusCode).toBe(403);
    expect((await s.committee.post(`/api/development/files/${file.id}/steps`, stepBody(13, people, at12.version))).statusCode).toBe(403);
    const shortPublicity = await s.county.post(`/api/development/files/${file.id}/steps`, stepBody(13, people, at12.version, { publicity: { start: '2025-08-11', end: '2025-08-14', result: 'noObjection' } }));
    expect(shortPublicity.json().error).toMatchObject({ code: 'DEV_PUBLICITY_TOO_SHORT', details: { earliestDate: '2025-08-16' } });
    const at14 = await walk(s, file.id, 14, people, 13);
    const noQuorum = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(15, people, at14.version, { fields: { dueFullMembers: 4, presentFullMembers: 2, writtenYes: 1, yes: 2, no: 0, abstain: 0 } }));
    expect(noQuorum.json().error.code).toBe('DEV_NO_QUORUM');
    const halfVotes = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(15, people, at14.version, { fields: { dueFullMembers: 4, presentFullMembers: 3, writtenYes: 0, yes: 2, no: 1, abstain: 0 } }));
    expect(halfVotes.json().error.code).toBe('DEV_VOTE_NOT_PASSED');
    const at16 = await walk(s, file.id, 16, people, 15);
    const late = await s.committee.post(`/api/development/files/${file.id}/steps`, stepBody(17, people, at16.version, { date: '2025-12-02' }));
    expect(late.json().error.code).toBe('DEV_APPROVAL_LATE');
    expect(await env.ctx.db.select().from(developmentEvents).where(eq(developmentEvents.fileId, file.id))).toHaveLength(16);
  });

  it('a branch with fewer than 3 full members cannot vote', async () => {
    env = await createTestEnv({ now: '2026-11-02T02:00:00Z' });
    const { ctx, base } = env;
    const m1 = await buildMember(ctx, base.countyId, base.branch2, { name: '甲' });
    const m2 = await buildMember(ctx, base.countyId, base.branch2, { name: '乙' });
    const s: Sessions = { branch: await env.as('otherTownAdmin'), committee: await env.as('otherTownAdmin'), county: await env.as('countyAdmin') };
    const file = (await s.branch.post('/api/development/files', fileBody(base.branch2.id, 3))).json();
    const at14 = await walk(s, file.id, 14, { mentors: [m1], sponsors: [m1, m2] });
    const res = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(15, { mentors: [], sponsors: [] }, at14.version, { fields: { dueFullMembers: 2, presentFullMembers: 2, writtenYes: 0, yes: 2, no: 0, abstain: 0 } }));
    expect(res.json().error.code).toBe('DEV_ASSEMBLY_TOO_SMALL');
  });

  it('extension once, then cancellation: the probationary member leaves the roster', async () => {
    const { s, people } = await setup('2027-11-02T02:00:00Z');
    const file = await openFile(s);
    const at22 = await walk(s, file.id, 22, people);
    const ext = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(23, people, at22.version, { fields: { ...stepBody(23, people, 0).fields, outcome: 'extend', extensionMonths: 6 } }));
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().file).toMatchObject({ probationEnd: '2027-03-01', nextSteps: [24], nextDeadline: { kind: 'conversionApproval', step: 24 } });
    // The committee approves the extension (细则第三十四条); the person stays probationary, and the conversion is due at its end.
    const extApproved = await s.committee.post(`/api/development/files/${file.id}/steps`, stepBody(24, people, ext.json().file.version, { date: ext.json().file.events.at(-1).date, fields: { decision: '同意延长预备期六个月' } }));
    expect(extApproved.statusCode, extApproved.body).toBe(200);
    expect(extApproved.json().file).toMatchObject({ status: 'active', probationEnd: '2027-03-01', nextSteps: [23], nextDeadline: { kind: 'conversion', due: '2027-03-01' } });
    const [probationary] = await env.ctx.db.select().from(members).where(eq(members.name, '赵晓明'));
    expect(probationary.status).toBe('probationary');
    const v = extApproved.json().file.version;
    const body = (date: string, outcome: string, extensionMonths: number | null) =>
      stepBody(23, people, v, { date, publicity: { start: '2027-02-22', end: '2027-02-26', result: 'noObjection' }, fields: { ...stepBody(23, people, 0).fields, outcome, extensionMonths } });
    expect((await s.branch.post(`/api/development/files/${file.id}/steps`, body('2027-02-28', 'onTime', null))).json().error).toMatchObject({ code: 'DEV_PROBATION_NOT_ENDED', details: { earliestDate: '2027-03-01' } });
    expect((await s.branch.post(`/api/development/files/${file.id}/steps`, body('2027-03-01', 'extend', 6))).json().error.code).toBe('DEV_EXTENSION_TWICE');
    const cancel = await s.branch.post(`/api/development/files/${file.id}/steps`, body('2027-03-01', 'cancel', null));
    expect(cancel.statusCode, cancel.body).toBe(200);
    const approve = await s.committee.post(`/api/development/files/${file.id}/steps`, stepBody(24, people, cancel.json().file.version, { date: '2027-03-10', fields: { decision: '同意取消预备党员资格' } }));
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json().file).toMatchObject({ status: 'cancelled', nextSteps: [] });
    const [m] = await env.ctx.db.select().from(members).where(eq(members.name, '赵晓明'));
    expect(m.leftReason).toBe('取消预备党员资格');
    expect(m.leftAt).not.toBeNull();
  });

  it('closes a file before admission, and not after', async () => {
    const { s, people } = await setup();
    const file = await openFile(s);
    const at2 = await walk(s, file.id, 2, people);
    const closed = await s.branch.post(`/api/development/files/${file.id}/close`, { reason: '本人撤回入党申请', version: at2.version });
    expect(closed.json()).toMatchObject({ status: 'closed', closedReason: '本人撤回入党申请', nextSteps: [] });
    expect((await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(3, people, closed.json().version))).json().error.code).toBe('DEV_FILE_NOT_ACTIVE');
    // A new file can be opened for the same person once the old one is closed.
    expect((await s.branch.post('/api/development/files', fileBody(env.base.branch1.id, 1))).statusCode).toBe(200);
    expect((await s.branch.post('/api/development/files', fileBody(env.base.branch1.id, 1))).json().error.code).toBe('DEV_FILE_EXISTS');
  });

  it('form numbers: one per person, a voided number is never reissued', async () => {
    const { s, people } = await setup();
    const f1 = await openFile(s, 1);
    const f2 = await openFile(s, 2, { name: '钱多多' });
    const at13 = await walk(s, f1.id, 13, people);
    const reg = (await s.county.get('/api/development/form-numbers')).json();
    expect(reg.items.map((n: { number: string }) => n.number)).toEqual(['610102202500001']);
    const voided = await s.county.post(`/api/development/form-numbers/${reg.items[0].id}/void`, { reason: '填写错误，志愿书作废' });
    expect(voided.json()).toEqual({ voided: '610102202500001', issued: '610102202500002' });
    const at13b = await walk(s, f2.id, 13, people);
    expect(at13b.formNumber).toBe('610102202500003');
    const after = (await s.branch.get(`/api/development/files/${f1.id}`)).json();
    expect(after.formNumber).toBe('610102202500002');
    const wrong = await s.branch.post(`/api/development/files/${f1.id}/steps`, stepBody(14, { ...people, formNumber: '610102202500001' }, after.version));
    expect(wrong.json().error.code).toBe('DEV_FORM_NUMBER_MISMATCH');
    const rows = await env.ctx.db.select().from(formNumbers);
    expect(rows.map((r) => `${r.number}:${r.status}`).sort()).toEqual(['610102202500001:voided', '610102202500002:issued', '610102202500003:issued']);
    // The register says which numbers may still be voided: only the organization department, only before the form is filled in.
    const canVoid = (list: { items: { number: string; canVoid: boolean }[] }) => Object.fromEntries(list.items.map((n) => [n.number, n.canVoid]));
    expect(canVoid((await s.county.get('/api/development/form-numbers')).json())).toEqual({ '610102202500001': false, '610102202500002': true, '610102202500003': true });
    expect(canVoid((await s.branch.get('/api/development/form-numbers')).json())).toEqual({ '610102202500001': false, '610102202500002': false, '610102202500003': false });
    await walk(s, f1.id, 14, { ...people, formNumber: '610102202500002' }, 14);
    expect(canVoid((await s.county.get('/api/development/form-numbers')).json())['610102202500002']).toBe(false);
    expect(at13.version).toBeGreaterThan(0);
  });

  it('scope: another town answers 404; the branch secretary cannot record a committee step (403)', async () => {
    const { s, people } = await setup();
    const file = await openFile(s);
    const other = await env.as('otherTownAdmin');
    expect((await other.get(`/api/development/files/${file.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/development/files/${file.id}/steps`, stepBody(1, people, file.version))).statusCode).toBe(404);
    expect((await other.get('/api/development/files')).json().total).toBe(0);
    const at3 = await walk(s, file.id, 3, people);
    const res = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(4, people, at3.version));
    expect(res.statusCode).toBe(403);
    expect((await (await env.as('member')).get('/api/development/pipeline')).statusCode).toBe(403);
  });

  it('pipeline: counts per stage, overdue talk and upcoming deadlines, filters', async () => {
    const { s, people } = await setup('2026-06-15T02:00:00Z');
    const late = await openFile(s, 1);
    await walk(s, late.id, 1, people); // applied 2024-01-10, no talk: overdue
    const soon = await openFile(s, 2, { name: '钱多多' });
    await s.branch.post(`/api/development/files/${soon.id}/steps`, { step: 1, date: '2026-05-20', fields: { receivedBy: '西官村党支部' }, version: soon.version }); // talk due 06-20
    const third = await openFile(s, 3, { name: '孙立' });
    await walk(s, third.id, 5, people);
    const p = (await s.county.get('/api/development/pipeline')).json();
    expect(p.stages.map((x: { count: number }) => x.count)).toEqual([2, 1, 0, 0, 0]);
    expect(p).toMatchObject({ overdue: 2, dueThisWeek: 1, dueThisMonth: 1 });
    const overdue = (await s.county.get('/api/development/deadlines?within=overdue')).json();
    expect(overdue.items.map((i: { name: string }) => i.name)).toEqual(['赵晓明', '孙立']); // soonest deadline first
    const week = (await s.county.get('/api/development/deadlines?within=week')).json();
    expect(week.items).toMatchObject([{ name: '钱多多', nextDeadline: { kind: 'talk', due: '2026-06-20', overdue: false } }]);
    expect((await s.county.get('/api/development/files?stage=2')).json().items.map((i: { name: string }) => i.name)).toEqual(['孙立']);
    expect((await s.county.get(`/api/development/files?overdue=true&orgId=${env.base.town2.id}`)).json().total).toBe(0);
  });

  it('rule set: the county publishes a new version; files opened after it are judged by it', async () => {
    const { s } = await setup();
    const view = (await s.county.get('/api/development/rule-set')).json();
    expect(view.current.version).toBe(1);
    const params = { ...view.current.params, publicityMinWorkingDays: 7 };
    expect((await s.committee.post('/api/development/rule-set', { effectiveFrom: '2026-07-01', source: '2026 细则', params })).statusCode).toBe(403);
    // A version whose ranges cannot be met is refused at the field, and nothing is published.
    const impossible = await s.county.post('/api/development/rule-set', { effectiveFrom: '2026-07-01', source: '2026 细则', params: { ...params, mentorsMin: 3, mentorsMax: 2 } });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.body).toContain('培养联系人最多人数（2）不能少于最少人数（3）');
    const created = await s.county.post('/api/development/rule-set', { effectiveFrom: '2026-07-01', source: '《中国共产党发展党员工作细则》2026年修订', params });
    expect(created.json()).toMatchObject({ version: 2 });
    const file = await openFile(s);
    expect(file.ruleSetVersion).toBe(2);
    expect((await s.branch.get('/api/development/rule-set')).json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('near relatives: a sponsor who is a declared relative is flagged; a reason lets it go ahead and is recorded', async () => {
    const { s, people } = await setup();
    const file = await openFile(s, 1, { family: [{ name: '孙强', relation: 'parent', memberId: people.sponsors[0] }] });
    const at8 = await walk(s, file.id, 8, people);
    const flagged = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(9, people, at8.version));
    expect(flagged.statusCode).toBe(409);
    expect(flagged.json().error).toMatchObject({ code: 'DEV_NEAR_RELATIVE', message: '入党介绍人孙强是申请人的父母，须说明理由后方可继续' });
    const ok = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(9, people, at8.version, { overrideReason: '经镇党委研究，另一介绍人与其无亲属关系，同意' }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().file.events[8]).toMatchObject({ step: 9, overrideReason: '经镇党委研究，另一介绍人与其无亲属关系，同意' });
    expect(ok.json().warnings[0]).toContain('近亲属情形已说明理由');
  });

  it('prospects: register a person, then open the file from it', async () => {
    const { s } = await setup();
    const p = await s.branch.post('/api/development/prospects', { orgId: env.base.branch1.id, name: '郑青', gender: 'female', birthDate: '2001-02-03', source: 'youngTalent', note: '返乡大学生' });
    expect(p.statusCode, p.body).toBe(200);
    const file = await openFile(s, 9, { name: '郑青', gender: 'female', prospectId: p.json().id });
    const list = (await s.branch.get('/api/development/prospects')).json();
    expect(list.items).toMatchObject([{ name: '郑青', source: 'youngTalent', fileId: file.id }]);
  });
});
