// 随机抽查、集中督导、明察暗访 through HTTP on the test database: a check with findings, a finding to fix followed as a
// rectification of the duties module (the town's 问题整改 list shows it), reported by the instructor and closed by the
// county, the quarter's Word notice; scope (404), the assignment on the day and the findings' rules checked.
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, dutyRectifications } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { buildEnterprise } from './instructors.fixtures';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
});
afterEach(async () => env.close());

async function setup() {
  const county = await env.as('countyAdmin');
  const { countyId, town1, branch1 } = env.base;
  const e1 = await buildEnterprise(env.ctx, countyId, town1, { name: '城关精密机械有限公司', membersEmployed: 4 });
  const e2 = await buildEnterprise(env.ctx, countyId, town1, { name: '城关物流有限公司' });
  const m1 = await buildMember(env.ctx, countyId, branch1, { name: '赵指导' });
  const i1 = (await county.post('/api/instructors', { memberId: m1, source: 'townCadre', skills: '组织建设', accountId: env.base.accountIds.instructor1 })).json().id as string;
  expect((await county.post(`/api/instructors/${i1}/assignments`, { enterpriseId: e1, startDate: '2026-03-01', consent: true, consentNote: '企业同意' })).statusCode).toBe(200);
  return { county, i1, e1, e2 };
}

const check = (instructorId: string, enterpriseId: string, extra: object = {}) => ({
  instructorId,
  enterpriseId,
  kind: 'unannounced',
  checkedOn: '2026-06-10',
  inspectors: '县委非公和社会工委 王某、李某',
  inPost: false,
  summary: '上午10时到企业，指导员不在岗',
  findings: [
    { severity: 'major', description: '工作纪实手册5月以来未填写', rectify: true, deadline: '2026-06-30' },
    { severity: 'minor', description: '党员活动室制度未上墙', rectify: false, deadline: null },
  ],
  ...extra,
});

describe('检查督导', () => {
  it('records a check; a finding to fix becomes a duties rectification the instructor reports on and the county closes', async () => {
    const { county, i1, e1 } = await setup();
    const res = await county.post('/api/instructors/checks', check(i1, e1));
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ kind: 'unannounced', quarter: '2026-Q2', instructorName: '赵指导', enterpriseName: '城关精密机械有限公司', inPost: false });
    expect(c.findings).toHaveLength(2);
    expect(c.findings[0]).toMatchObject({ severity: 'major', rectify: true, rectification: { status: 'open', deadline: '2026-06-30', overdue: false, version: 1 } });
    expect(c.findings[1].rectification).toBeNull();
    // The rectification is the duties module's, owned by the enterprise's town and named after its source.
    const [r] = await env.ctx.db.select().from(dutyRectifications);
    expect(r).toMatchObject({ orgId: env.base.town1.id, sourceType: 'instructorFinding', sourceId: c.findings[0].id, itemId: null, status: 'open' });
    expect(r.problem).toBe('【明察暗访】党建工作指导员赵指导（城关精密机械有限公司）：工作纪实手册5月以来未填写');
    const townList = (await (await env.as('townAdmin')).get('/api/duties/rectifications?status=open')).json();
    expect(townList.items.map((x: { problem: string }) => x.problem)).toContain(r.problem);

    // The instructor sees the check and reports; a stale version is refused; the county closes; closed twice refused.
    const me = await env.as('instructor');
    const mine = (await me.get('/api/me/instructor/checks')).json();
    expect(mine.total).toBe(1);
    const reported = await me.post(`/api/me/instructor/findings/${c.findings[0].id}/report`, { note: '已补填5月、6月工作纪实', version: 1 });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json().findings[0].rectification).toMatchObject({ status: 'open', reportNote: '已补填5月、6月工作纪实', version: 2 });
    expect((await county.post(`/api/instructors/findings/${c.findings[0].id}/close`, { note: '已核实', version: 1 })).statusCode).toBe(409);
    const closed = await county.post(`/api/instructors/findings/${c.findings[0].id}/close`, { note: '经核实已整改到位', version: 2 });
    expect(closed.json().findings[0].rectification).toMatchObject({ status: 'closed', closingNote: '经核实已整改到位' });
    expect((await county.post(`/api/instructors/findings/${c.findings[0].id}/close`, { note: '再次销号', version: 3 })).statusCode).toBe(409);
    const notRectified = await county.post(`/api/instructors/findings/${c.findings[1].id}/close`, { note: '销号', version: 1 });
    expect(notRectified.statusCode).toBe(422);
    expect(notRectified.json().error.message).toBe('该问题未列入整改');
    const actions = (await env.ctx.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['instructor.check', 'duty.rectification.create', 'duty.rectification.report', 'duty.rectification.close']));
  });

  it('refuses a check outside scope (404), of an enterprise the instructor did not serve that day, in the future, or with bad findings', async () => {
    const { county, i1, e1, e2 } = await setup();
    expect((await (await env.as('otherTownAdmin')).post('/api/instructors/checks', check(i1, e1))).statusCode).toBe(404);
    const other = await county.post('/api/instructors/checks', check(i1, e2));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.message).toBe('2026-06-10 赵指导不是城关物流有限公司的党建工作指导员，不能记录该检查');
    const early = await county.post('/api/instructors/checks', check(i1, e1, { checkedOn: '2026-02-27' }));
    expect(early.json().error.code).toBe('CHECK_NOT_ASSIGNED');
    expect((await county.post('/api/instructors/checks', check(i1, e1, { checkedOn: '2026-06-16' }))).json().error.message).toContain('不能晚于今天');
    const serious = await county.post('/api/instructors/checks', check(i1, e1, { findings: [{ severity: 'serious', description: '长期不到企业', rectify: false, deadline: null }] }));
    expect(serious.statusCode).toBe(400);
    expect(serious.json().error.message).toBe('第1条问题为严重问题，须列入整改');
    const noDeadline = await county.post('/api/instructors/checks', check(i1, e1, { findings: [{ severity: 'minor', description: '台账不全', rectify: true, deadline: null }] }));
    expect(noDeadline.json().error.details[0].path).toBe('findings.0.deadline');
    expect(await env.ctx.db.select().from(dutyRectifications)).toHaveLength(0);
    // Another instructor cannot report on this instructor's findings.
    const ok = (await county.post('/api/instructors/checks', check(i1, e1))).json();
    expect((await (await env.as('townAdmin')).post(`/api/me/instructor/findings/${ok.findings[0].id}/report`, { note: '已整改', version: 1 })).statusCode).toBe(404);
  });

  it('circulates the quarter as a Word notice with the tally and each finding', async () => {
    const { county, i1, e1 } = await setup();
    expect((await county.post('/api/instructors/checks', check(i1, e1))).statusCode).toBe(200);
    expect((await county.post('/api/instructors/checks', check(i1, e1, { kind: 'random', checkedOn: '2026-04-08', inPost: true, summary: null, findings: [] }))).statusCode).toBe(200);
    const list = (await county.get('/api/instructors/checks?quarter=2026-Q2')).json();
    expect(list.total).toBe(2);
    expect(list.items[0].checkedOn).toBe('2026-06-10');
    const res = await county.get('/api/instructors/checks/notice?quarter=2026-Q2');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('关于2026年第二季度党建工作指导员检查督导情况的通报.docx');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('本季度共检查 2 人次，其中随机抽查 1 次、集中督导 0 次、明察暗访 1 次；1 次未发现问题，1 次指导员不在岗');
    expect(xml).toContain('列入整改 1 条，已整改销号 0 条，正在整改 1 条');
    expect(xml).toContain('工作纪实手册5月以来未填写');
    expect(xml).toContain('限期2026-06-30前整改');
    expect(xml).toContain('当场提醒');
    expect((await county.get('/api/instructors/checks/notice?quarter=2026-5')).statusCode).toBe(400);
    expect((await (await env.as('branchSecretary')).get('/api/instructors/checks/notice?quarter=2026-Q2')).statusCode).toBe(403);
  });
});
