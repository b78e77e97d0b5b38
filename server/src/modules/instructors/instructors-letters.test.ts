// 两书一册 through HTTP on the test database: the 目标责任书 and 承诺书 as Word documents from the county's template, the
// signed copies uploaded through the files module (未签 → 已签 per letter), the county's list of assignments lacking
// a signed letter, the instructor limited to their own assignments (404 otherwise), the template setting checked.
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, instructorAssignments } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';
import { uploadFile } from '../duties/duties.fixtures';
import { buildEnterprise } from './instructors.fixtures';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
});
afterEach(async () => env.close());

const documentText = async (body: Buffer) => (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');

async function setup() {
  const county = await env.as('countyAdmin');
  const { countyId, town1, branch1 } = env.base;
  const e1 = await buildEnterprise(env.ctx, countyId, town1, { name: '城关精密机械有限公司', membersEmployed: 4, orgForm: 'none' });
  const e2 = await buildEnterprise(env.ctx, countyId, town1, { name: '城关物流有限公司', membersEmployed: 2, orgForm: 'joint' });
  const m1 = await buildMember(env.ctx, countyId, branch1, { name: '赵指导' });
  const m2 = await buildMember(env.ctx, countyId, branch1, { name: '钱指导' });
  const i1 = (await county.post('/api/instructors', { memberId: m1, source: 'townCadre', skills: '组织建设', accountId: env.base.accountIds.instructor1 })).json().id as string;
  const i2 = (await county.post('/api/instructors', { memberId: m2, source: 'retiredLeader', skills: '企业管理' })).json().id as string;
  expect((await county.post(`/api/instructors/${i1}/assignments`, { enterpriseId: e1, startDate: '2026-03-01', endDate: '2027-02-28', consent: true, consentNote: '企业同意' })).statusCode).toBe(200);
  expect((await county.post(`/api/instructors/${i2}/assignments`, { enterpriseId: e2, startDate: '2026-04-01', consent: true, consentNote: '企业同意' })).statusCode).toBe(200);
  const rows = await env.ctx.db.select().from(instructorAssignments).where(eq(instructorAssignments.countyId, countyId));
  const a1 = rows.find((r) => r.instructorId === i1)!.id;
  const a2 = rows.find((r) => r.instructorId === i2)!.id;
  return { county, a1, a2, i1 };
}

async function signed(s: Session, url: string, fileName: string) {
  const f = await uploadFile(s, fileName);
  expect(f.status, JSON.stringify(f.body)).toBe(200);
  return s.post(url, { fileId: f.body.id });
}

describe('两书一册', () => {
  it('generates both letters as Word from the assignment and the default template, audited; scope and bad kind refused', async () => {
    const { county, a1 } = await setup();
    const res = await county.get(`/api/instructors/assignments/${a1}/letters/target`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('目标责任书-赵指导-城关精密机械有限公司.docx');
    const xml = await documentText(res.rawPayload);
    expect(xml).toContain('党建工作指导员目标责任书');
    expect(xml).toContain('选派赵指导同志担任城关精密机械有限公司党建工作指导员');
    expect(xml).toContain('自2026年3月1日起至2027年2月28日止');
    expect(xml).toContain('摸排、组织建设双同步、解决急难愁盼、评星晋级、争创双强、双建双促、联建共建');
    const commitment = await documentText((await county.get(`/api/instructors/assignments/${a1}/letters/commitment`)).rawPayload);
    expect(commitment).toContain('本人赵指导');
    expect(commitment).toContain('承诺人（签字）');
    const audits = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'instructor.letterPrint'), eq(auditLog.entityId, a1)));
    expect(audits).toHaveLength(2);
    // Another town's administrator: 404; an unknown id: 404; a wrong kind: 400 in Chinese.
    expect((await (await env.as('otherTownAdmin')).get(`/api/instructors/assignments/${a1}/letters/target`)).statusCode).toBe(404);
    expect((await county.get('/api/instructors/assignments/00000000-0000-4000-8000-000000000099/letters/target')).statusCode).toBe(404);
    const bad = await county.get(`/api/instructors/assignments/${a1}/letters/other`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('文书种类');
  });

  it('signed copies through the files module turn 未签 into 已签 per letter; the county list shows who lacks one', async () => {
    const { county, a1, a2 } = await setup();
    let missing = (await county.get('/api/instructors/letters?missing=true')).json();
    expect(missing.total).toBe(2);
    expect(missing.items.find((r: { assignmentId: string }) => r.assignmentId === a1)).toMatchObject({ instructorName: '赵指导', enterpriseName: '城关精密机械有限公司', missing: ['target', 'commitment'], target: { signed: false, file: null } });

    // The instructor uploads their signed 目标责任书 on the phone.
    const me = await env.as('instructor');
    const r1 = await signed(me, `/api/me/instructor/assignments/${a1}/letters/target/signed`, '目标责任书签字件.jpg');
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ missing: ['commitment'], target: { signed: true, file: { name: '目标责任书签字件.jpg' } } });
    // The county uploads the 承诺书.
    const r2 = await signed(county, `/api/instructors/assignments/${a1}/letters/commitment/signed`, '承诺书.jpg');
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json().missing).toEqual([]);
    const [row] = await env.ctx.db.select().from(instructorAssignments).where(eq(instructorAssignments.id, a1));
    expect(row.targetLetterFileId).not.toBeNull();
    expect(row.commitmentLetterFileId).not.toBeNull();
    expect(row.commitmentLetterSignedAt).toEqual(env.clock.now);
    missing = (await county.get('/api/instructors/letters?missing=true')).json();
    expect(missing.items.map((r: { assignmentId: string }) => r.assignmentId)).toEqual([a2]);
    expect((await county.get('/api/instructors/letters?missing=false')).json().total).toBe(1);
    // The assignment in the instructor's detail shows both letters signed; the signed copy downloads for the county.
    const detail = (await county.get(`/api/instructors/${row.instructorId}`)).json();
    expect(detail.assignments[0]).toMatchObject({ targetSigned: true, commitmentSigned: true });
    expect((await county.get(`/api/files/${row.targetLetterFileId}`)).statusCode).toBe(200);
    const audits = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'instructor.letterSigned'), eq(auditLog.entityId, a1)));
    expect(audits).toHaveLength(2);

    // A file of another town (not the caller's, not the assignment's town) is refused, nothing written.
    const foreign = await uploadFile(await env.as('otherTownAdmin'), 'x.jpg');
    const refused = await county.post(`/api/instructors/assignments/${a2}/letters/target/signed`, { fileId: foreign.body.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('FILE_NOT_ATTACHABLE');
    const noFile = await county.post(`/api/instructors/assignments/${a2}/letters/target/signed`, { fileId: 'abc' });
    expect(noFile.statusCode).toBe(400);
    const [row2] = await env.ctx.db.select().from(instructorAssignments).where(eq(instructorAssignments.id, a2));
    expect(row2.targetLetterFileId).toBeNull();
  });

  it('an instructor reaches only their own assignments (404 for another), and not the county routes (403)', async () => {
    const { a1, a2 } = await setup();
    const me = await env.as('instructor');
    const mine = (await me.get('/api/me/instructor/letters')).json();
    expect(mine.total).toBe(1);
    expect(mine.items[0].assignmentId).toBe(a1);
    expect((await me.get(`/api/me/instructor/assignments/${a1}/letters/commitment`)).statusCode).toBe(200);
    expect((await me.get(`/api/me/instructor/assignments/${a2}/letters/target`)).statusCode).toBe(404);
    const f = await uploadFile(me, 'x.jpg');
    expect((await me.post(`/api/me/instructor/assignments/${a2}/letters/target/signed`, { fileId: f.body.id })).statusCode).toBe(404);
    expect((await me.get(`/api/instructors/assignments/${a1}/letters/target`)).statusCode).toBe(403);
    expect((await me.get('/api/instructors/letters')).statusCode).toBe(403);
    // A town administrator holds instructors.work but is no instructor: 404.
    expect((await (await env.as('committeeAdmin')).get('/api/me/instructor/letters')).statusCode).toBe(404);
  });

  it('the county template: default from report 2, checked (unknown placeholder, NUL), county-only, used in the letter', async () => {
    const { county, a1 } = await setup();
    const view = (await county.get('/api/instructors/letter-templates')).json();
    expect(view.custom).toBe(false);
    expect(view.target).toContain('两书一册');
    expect(view.placeholders).toContain('{指导员}');
    const town = await env.as('committeeAdmin');
    expect((await town.put('/api/instructors/letter-templates', { target: view.target, commitment: view.commitment })).statusCode).toBe(403);
    const unknown = await county.put('/api/instructors/letter-templates', { target: '本责任书由{指导员}与{公司}签订，共同遵守。', commitment: view.commitment });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('{公司}不认识');
    const nul = await county.put('/api/instructors/letter-templates', { target: '本责任书由{指导员}签订\u0000共同遵守', commitment: view.commitment });
    expect(nul.statusCode).toBe(400);
    expect((await county.get('/api/instructors/letter-templates')).json().custom).toBe(false);
    const ok = await county.put('/api/instructors/letter-templates', { target: '甲方：县委组织部\n乙方：{指导员}，驻{企业}（{镇街}），期限{开始日期}至{结束日期}。', commitment: view.commitment });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().custom).toBe(true);
    const xml = await documentText((await county.get(`/api/instructors/assignments/${a1}/letters/target`)).rawPayload);
    expect(xml).toContain('乙方：赵指导，驻城关精密机械有限公司');
    expect(xml).toContain('期限2026年3月1日至2027年2月28日');
    expect(await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'instructor.letterTemplates'))).toHaveLength(1);
  });
});
