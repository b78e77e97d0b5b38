// Discipline status on the roster (sponsor/mentor rules), failed votes, approval authority, and document scans.
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, developmentApprovalAuthorities, developmentEvents, developmentFiles, developmentWarnings, memberDisciplines } from '../../db/schema/index';
import { runJob } from '../../core/jobs';
import { developmentDailyJob } from './development.jobs';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { uploadFile } from '../duties/duties.fixtures';
import { fileBody, stepBody, walk, type People, type Sessions } from './development.fixtures';

let env: TestEnv;
afterEach(async () => env?.close());

async function setup(now = '2026-11-02T02:00:00Z') {
  env = await createTestEnv({ now });
  const { ctx, base } = env;
  const a = await buildMember(ctx, base.countyId, base.branch1, { name: '刘红' });
  const b = await buildMember(ctx, base.countyId, base.branch1, { name: '孙强' });
  const c = await buildMember(ctx, base.countyId, base.branch1, { name: '周敏' });
  const people: People = { mentors: [a], sponsors: [b, c] };
  const s: Sessions = { branch: await env.as('branchSecretary'), committee: await env.as('committeeAdmin'), county: await env.as('countyAdmin') };
  const file = (await s.branch.post('/api/development/files', fileBody(base.branch1.id, 1))).json();
  return { s, people, file };
}

const probation = { kind: 'probation', startDate: '2025-06-01', endDate: '2026-06-01', reason: '违反组织纪律', decidedBy: '中共测试县纪律检查委员会' };

describe('discipline status (留党察看) on the roster', () => {
  it('committee admins record it with audit; the branch may not; the member page shows it', async () => {
    const { s, people } = await setup();
    const sponsor = people.sponsors[0];
    expect((await s.branch.post(`/api/members/${sponsor}/disciplines`, probation)).statusCode).toBe(403);
    const noEnd = await s.committee.post(`/api/members/${sponsor}/disciplines`, { ...probation, endDate: null });
    expect(noEnd.statusCode).toBe(400);
    expect(noEnd.json().error.message).toBe('留党察看须填写察看期满日期（察看期为一年或二年）');
    const res = await s.committee.post(`/api/members/${sponsor}/disciplines`, { ...probation, startDate: '2026-06-01', endDate: '2027-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ underProbation: true, items: [{ kind: 'probation', active: true, decidedBy: '中共测试县纪律检查委员会', recordedBy: 'town1' }] });
    expect((await s.branch.get(`/api/members/${sponsor}/disciplines`)).json().underProbation).toBe(true);
    expect(await env.ctx.db.select().from(memberDisciplines).where(eq(memberDisciplines.memberId, sponsor))).toHaveLength(1);
    const audits = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'member.discipline.create'), eq(auditLog.entityId, sponsor)));
    expect(audits).toHaveLength(1);
    // Another town's committee cannot see or write this member.
    const other = await env.as('otherTownAdmin');
    expect((await other.post(`/api/members/${sponsor}/disciplines`, probation)).statusCode).toBe(404);
    const revoked = await s.committee.post(`/api/members/${sponsor}/disciplines/${res.json().items[0].id}/revoke`, { reason: '录入错误' });
    expect(revoked.json()).toMatchObject({ underProbation: false, items: [{ active: false, revokeReason: '录入错误' }] });
  });

  it('refuses a sponsor and a mentor under 留党察看 on the step date, naming the rule; accepts once it has ended', async () => {
    const { s, people, file } = await setup();
    // 留党察看 covering the mentor step (2024-07-20) and the sponsor step (2025-07-20).
    await s.committee.post(`/api/members/${people.mentors[0]}/disciplines`, { ...probation, startDate: '2024-06-01', endDate: '2025-06-01' });
    await s.committee.post(`/api/members/${people.sponsors[1]}/disciplines`, { ...probation, startDate: '2025-01-01', endDate: '2026-01-01' });
    const at4 = await walk(s, file.id, 4, people);
    const mentor = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(5, people, at4.version));
    expect(mentor.statusCode).toBe(409);
    expect(mentor.json().error).toMatchObject({ code: 'DEV_MENTOR_DISCIPLINED', message: '受留党察看处分、尚未恢复党员权利的党员不能作培养联系人（细则第九条），刘红正在留党察看期内' });
    const otherMentor = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '马丽' });
    const at8 = await walk(s, file.id, 8, { ...people, mentors: [otherMentor] }, 5);
    const sponsor = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(9, people, at8.version));
    expect(sponsor.json().error).toMatchObject({ code: 'DEV_SPONSOR_DISCIPLINED', message: '受留党察看处分、尚未恢复党员权利的党员不能作入党介绍人（细则第十四条），周敏正在留党察看期内' });
    expect(await env.ctx.db.select().from(developmentEvents).where(eq(developmentEvents.fileId, file.id))).toHaveLength(8);
    // The mentor's 留党察看 ended on 2025-06-01: she may now sponsor.
    const ok = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(9, { ...people, sponsors: [people.mentors[0], people.sponsors[0]] }, at8.version));
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('a branch assembly vote that does not pass', () => {
  const failed = { dueFullMembers: 4, presentFullMembers: 4, writtenYes: 0, yes: 2, no: 2, abstain: 0 };
  it('is recorded with its counts; the file stays at step 14 and the timeline shows it; a later vote can pass', async () => {
    const { s, people, file } = await setup();
    const at14 = await walk(s, file.id, 14, people);
    expect(at14.can.failedVote).toBe(true);
    const passed = await s.branch.post(`/api/development/files/${file.id}/failed-votes`, { step: 15, date: '2025-09-01', fields: { ...failed, yes: 3, no: 1 }, version: at14.version });
    expect(passed.json().error.code).toBe('DEV_VOTE_PASSED');
    const noQuorum = await s.branch.post(`/api/development/files/${file.id}/failed-votes`, { step: 15, date: '2025-09-01', fields: { ...failed, presentFullMembers: 2, yes: 1, no: 1 }, version: at14.version });
    expect(noQuorum.json().error.code).toBe('DEV_NO_QUORUM');
    const res = await s.branch.post(`/api/development/files/${file.id}/failed-votes`, { step: 15, date: '2025-09-01', fields: failed, note: '部分党员认为考察期表现不足', version: at14.version });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json().file;
    expect(f).toMatchObject({ currentStep: 14, stage: 4, status: 'active', nextSteps: [15], memberId: null });
    expect(f.events).toHaveLength(15);
    expect(f.events[14]).toMatchObject({ step: 15, failedVote: true, fields: { yes: 2, no: 2, voteFailed: true } });
    expect(res.json().warnings[0]).toContain('赞成票2票（含书面表决0票），未超过应到会有表决权正式党员4人的半数，决议未通过');
    const [row] = await env.ctx.db.select().from(developmentFiles).where(eq(developmentFiles.id, file.id));
    expect(row).toMatchObject({ currentStep: 14, assemblyDate: null });
    expect(await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'development.vote.failed'), eq(auditLog.entityId, file.id)))).toHaveLength(1);
    // Discussed again later: passes, and the file moves on.
    const again = await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(15, people, f.version, { date: '2025-10-10' }));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().file).toMatchObject({ currentStep: 15, nextSteps: [16] });
  });

  it('a failed conversion vote leaves the file at step 22', async () => {
    const { s, people, file } = await setup();
    const at22 = await walk(s, file.id, 22, people);
    const res = await s.branch.post(`/api/development/files/${file.id}/failed-votes`, { step: 23, date: '2026-09-01', fields: { ...failed, proposal: 'onTime' }, version: at22.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().file).toMatchObject({ currentStep: 22, nextSteps: [23], nextDeadline: { kind: 'conversion', due: '2026-09-01' } });
    expect(res.json().warnings[0]).toContain('停留在第22步');
  });
});

describe('approval entitlement (审批权)', () => {
  it('the county withdraws a town committee’s authority: its approval is refused (409) until restored', async () => {
    const { s, people, file } = await setup();
    const list = (await s.county.get('/api/development/approvers')).json();
    expect(list.items.find((i: { orgId: string }) => i.orgId === env.base.town1.id)).toMatchObject({ defaultEntitled: true, entitled: true, granted: null });
    expect((await s.committee.put('/api/development/approvers', { orgId: env.base.town1.id, entitled: false, reason: 'x' })).statusCode).toBe(403);
    expect((await s.county.put('/api/development/approvers', { orgId: env.base.branch1.id, entitled: true, reason: '试点' })).json().error.code).toBe('DEV_APPROVER_NOT_COMMITTEE');
    const withdrawn = await s.county.put('/api/development/approvers', { orgId: env.base.town1.id, entitled: false, reason: '审批工作不规范，暂停审批权' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(await env.ctx.db.select().from(developmentApprovalAuthorities)).toHaveLength(1);
    const at16 = await walk(s, file.id, 16, people);
    const refused = await s.committee.post(`/api/development/files/${file.id}/steps`, stepBody(17, people, at16.version));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'DEV_APPROVER_NOT_ENTITLED', details: { rule: '党总支和基层党委下属的党委不能审批发展党员（细则第二十四条）' } });
    expect(refused.json().error.message).toContain('城关镇党委没有审批发展党员的权限');
    await s.county.put('/api/development/approvers', { orgId: env.base.town1.id, entitled: null, reason: '整改完成，恢复' });
    const ok = await s.committee.post(`/api/development/files/${file.id}/steps`, stepBody(17, people, at16.version));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'development.approver.set'))).toHaveLength(2);
  });
});

describe('document scans at a step', () => {
  it('uploads a scan, attaches it to a step, lists it on the timeline and downloads it within scope only', async () => {
    const { s, people, file } = await setup();
    const scan = await uploadFile(s.branch, '入党申请书.jpg', undefined, `?orgId=${env.base.branch1.id}`);
    expect(scan.status).toBe(200);
    const res = await s.branch.post(`/api/development/files/${file.id}/steps`, { ...stepBody(1, people, file.version), documentFileIds: [scan.body.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().file.events[0]).toMatchObject({ documentFileIds: [scan.body.id], documents: [{ id: scan.body.id, name: '入党申请书.jpg', mime: 'image/jpeg', url: `/api/files/${scan.body.id}` }] });
    expect((await s.county.get(`/api/files/${scan.body.id}`)).statusCode).toBe(200);
    expect((await s.committee.get(`/api/files/${scan.body.id}`)).statusCode).toBe(200);
    expect((await (await env.as('otherTownAdmin')).get(`/api/files/${scan.body.id}`)).statusCode).toBe(404);
    // Another town's upload cannot be attached to this file; nothing is written.
    const foreign = await uploadFile(await env.as('otherTownAdmin'), '别人的.pdf', Buffer.from('%PDF-1.4\n%test\n'));
    const at1 = res.json().file;
    const bad = await s.branch.post(`/api/development/files/${file.id}/steps`, { ...stepBody(2, people, at1.version), documentFileIds: [foreign.body.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('FILE_NOT_ATTACHABLE');
    // The town committee's own upload (not the branch's) is refused too: the branch could not download it.
    const townScan = await uploadFile(s.committee, '镇党委扫描件.pdf', Buffer.from('%PDF-1.4\n%town\n'));
    const notBranch = await s.branch.post(`/api/development/files/${file.id}/steps`, { ...stepBody(2, people, at1.version), documentFileIds: [townScan.body.id] });
    expect(notBranch.statusCode).toBe(400);
    const byTown = await s.committee.post(`/api/development/files/${file.id}/steps`, { ...stepBody(2, people, at1.version), documentFileIds: [townScan.body.id] });
    expect(byTown.json().error).toMatchObject({ code: 'DEV_DOCUMENT_NOT_IN_BRANCH', message: '材料“镇党委扫描件.pdf”不属于赵晓明所在的党支部，请在该发展档案页面上传' });
    expect(await env.ctx.db.select().from(developmentEvents).where(eq(developmentEvents.fileId, file.id))).toHaveLength(1);
  });
});

describe('daily job development.daily and the pipeline warnings', () => {
  it('marks an overdue talk once per file and due date (idempotent), resolves it when the step is recorded', async () => {
    const { s, people, file } = await setup();
    const at1 = await walk(s, file.id, 1, people);
    const first = await runJob(env.ctx, developmentDailyJob, { countyId: env.base.countyId, period: '2026-11-02' });
    expect(first).toMatchObject({ status: 'done', result: { checked: 1, created: 1, resolved: 0, open: 1 } });
    const again = await runJob(env.ctx, developmentDailyJob, { countyId: env.base.countyId, period: '2026-11-02' }, { force: true });
    expect(again).toMatchObject({ status: 'done', result: { created: 0, resolved: 0, open: 1 } });
    const rows = await env.ctx.db.select().from(developmentWarnings);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ fileId: file.id, kind: 'talk', step: 2, due: '2024-02-10', detectedOn: '2026-11-02', resolvedOn: null });
    const pipeline = (await s.county.get('/api/development/pipeline')).json();
    expect(pipeline.warnings).toEqual([{ kind: 'talk', label: '入党申请谈话超期（1个月内）', count: 1 }]);
    const list = (await s.branch.get('/api/development/warnings')).json();
    expect(list).toMatchObject({ total: 1, items: [{ fileId: file.id, name: '赵晓明', kind: 'talk', due: '2024-02-10' }] });
    expect((await (await env.as('otherTownAdmin')).get('/api/development/warnings')).json().total).toBe(0);
    await s.branch.post(`/api/development/files/${file.id}/steps`, stepBody(2, people, at1.version));
    env.clock.set('2026-11-03T02:00:00Z');
    const next = await runJob(env.ctx, developmentDailyJob, { countyId: env.base.countyId, period: '2026-11-03' });
    expect(next.result).toMatchObject({ created: 0, resolved: 1, open: 0 });
    const [after] = await env.ctx.db.select().from(developmentWarnings);
    expect(after.resolvedOn).toBe('2026-11-03');
    const county = await env.as('countyAdmin');
    expect((await county.get('/api/development/pipeline')).json().warnings).toEqual([]);
  });

  it('shows a quota warning on the pipeline when the files awaiting approval would exceed the plan', async () => {
    const { s, people, file } = await setup();
    expect((await s.county.put('/api/development/quotas', { orgId: env.base.town1.id, year: 2026, quota: 0 })).statusCode).toBe(200);
    expect((await s.county.get('/api/development/pipeline')).json().quotaWarnings).toEqual([]);
    await walk(s, file.id, 15, people);
    const p = (await s.committee.get('/api/development/pipeline')).json();
    expect(p.quotaWarnings).toEqual([
      { orgId: env.base.town1.id, orgName: '城关镇党委', quota: 0, admitted: 0, pending: 1, exceeded: false, message: '城关镇党委2026年发展党员计划0名，已审批接收0名，另有1人待审批，全部审批后将超出计划（控制总量）' },
    ]);
  });
});
