// Publicity end to end over the API: draft → sign-off (return, resubmit) → adoption at a level → raise; the rollup
// rankings, the duty item accepted by the adoption, scope (404), the refusals, the audit log and the quarterly notice.
import JSZip from 'jszip';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dutyItems, publicityItems, publicityMonthly } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';
import { generateYear } from '../duties/duties.fixtures';

let env: TestEnv;
let county: Session, town1: Session, town2: Session, secretary: Session, instructor: Session;
let member2Id: string;
const body = '<p>西官村党支部开展“主题党日+”活动，组织党员为群众办实事二十余件，受到群众好评。</p><script>alert(1)</script>';

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
  member2Id = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '王秀兰' });
  await generateYear(env.ctx, env.base.countyId, 2026, '2026-01-01');
  [county, town1, town2, secretary, instructor] = await Promise.all([env.as('countyAdmin'), env.as('committeeAdmin'), env.as('otherTownAdmin'), env.as('branchSecretary'), env.as('instructor')]);
});
afterAll(async () => env?.close());

const draft = (over: Record<string, unknown> = {}) => ({ orgId: env.base.branch1.id, title: '西官村开展主题党日活动', body, authors: [{ memberId: env.base.member1Id, share: 100 }], ...over });

describe('publicity', () => {
  let itemId = '';
  let priorityId = '';

  it('the county issues the month priorities; units see them', async () => {
    const res = await county.post('/api/publicity/priorities', { month: '2026-06', title: '庆祝建党105周年', direction: '围绕“七一”系列活动，宣传基层党组织和党员先进事迹' });
    expect(res.statusCode).toBe(200);
    priorityId = res.json().id;
    expect((await town1.post('/api/publicity/priorities', { month: '2026-06', title: '越权', direction: '越权发布' })).statusCode).toBe(403);
    const list = (await secretary.get('/api/publicity/priorities?month=2026-06')).json();
    expect(list).toMatchObject({ total: 1, items: [{ title: '庆祝建党105周年' }] });
  });

  it('refuses bad drafts with Chinese messages and another unit as 404', async () => {
    const shares = await secretary.post('/api/publicity/items', draft({ authors: [{ memberId: env.base.member1Id, share: 60 }, { memberId: member2Id, share: 39 }] }));
    expect(shares.statusCode).toBe(400);
    expect(shares.json().error.message).toContain('作者分成合计应为 100%，现为 99%');
    const nul = await secretary.post('/api/publicity/items', draft({ title: '标题\u0000含NUL' }));
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.message).toContain('控制字符');
    expect((await secretary.post('/api/publicity/items', draft({ orgId: env.base.branch2.id }))).statusCode).toBe(404);
    const foreignAuthor = await town2.post('/api/publicity/items', draft({ orgId: env.base.branch2.id }));
    expect(foreignAuthor.statusCode).toBe(400);
    expect(foreignAuthor.json().error.message).toContain('第1位作者不存在或不在本单位管辖范围内');
    expect((await instructor.post('/api/publicity/items', draft())).statusCode).toBe(403);
    const n = await env.ctx.db.select().from(publicityItems);
    expect(n).toHaveLength(0);
  });

  it('keeps a draft (sanitized) that only its writer sees', async () => {
    const res = await secretary.post('/api/publicity/items', draft({ priorityId, authors: [{ memberId: env.base.member1Id, share: 60 }, { memberId: member2Id, share: 40 }] }));
    expect(res.statusCode).toBe(200);
    const d = res.json();
    itemId = d.id;
    expect(d).toMatchObject({ status: 'draft', month: '2026-06', priorityTitle: '庆祝建党105周年', authorNames: '李建国、王秀兰', can: { edit: true, signOff: false } });
    expect(d.body).not.toContain('script');
    for (const s of [town2, town1, county]) expect((await s.get(`/api/publicity/items/${itemId}`)).statusCode).toBe(404);
    expect((await secretary.get('/api/publicity/items?view=mine')).json().total).toBe(1);
  });

  it('goes to the leader: the writer cannot sign off; a return needs a comment; resubmit; sign-off', async () => {
    const sub = await secretary.post(`/api/publicity/items/${itemId}/submit`, { version: 1 });
    expect(sub.json()).toMatchObject({ status: 'submitted' });
    const own = await secretary.post(`/api/publicity/items/${itemId}/sign-off`, { decision: 'approve', version: 2 });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('不能审签自己报送的稿件');
    // The county never sees it unsigned, another town not at all.
    expect((await county.post(`/api/publicity/items/${itemId}/adopt`, { level: 'county', version: 2 })).statusCode).toBe(404);
    expect((await town2.post(`/api/publicity/items/${itemId}/sign-off`, { decision: 'approve', version: 2 })).statusCode).toBe(404);
    const inbox = (await town1.get('/api/publicity/items?view=signOff')).json();
    expect(inbox).toMatchObject({ total: 1, items: [{ id: itemId }] });
    const noComment = await town1.post(`/api/publicity/items/${itemId}/sign-off`, { decision: 'return', comment: '', version: 2 });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.message).toContain('退回时请填写修改意见');
    const ret = await town1.post(`/api/publicity/items/${itemId}/sign-off`, { decision: 'return', comment: '请补充活动照片和具体数字', version: 2 });
    expect(ret.json()).toMatchObject({ status: 'returned', returnComment: '请补充活动照片和具体数字' });
    const stale = await secretary.put(`/api/publicity/items/${itemId}`, { ...draft(), version: 2 });
    expect(stale.statusCode).toBe(409);
    const edit = await secretary.put(`/api/publicity/items/${itemId}`, { ...draft({ priorityId, title: '西官村主题党日为民办实事23件', authors: [{ memberId: env.base.member1Id, share: 60 }, { memberId: member2Id, share: 40 }] }), version: 3 });
    expect(edit.statusCode).toBe(200);
    await secretary.post(`/api/publicity/items/${itemId}/submit`, { version: 4 });
    const ok = await town1.post(`/api/publicity/items/${itemId}/sign-off`, { decision: 'approve', comment: '内容属实', version: 5 });
    expect(ok.json()).toMatchObject({ status: 'signed', signedByName: expect.any(String) });
    expect(ok.json().history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'return', 'edit', 'submit', 'approve']);
  });

  it('the county adopts at a level: points, rollup rankings, the duty item accepted; a raise counts the highest level once', async () => {
    const before = await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyItems.month, '2026-06'), eq(dutyItems.title, '报送一篇党建信息')));
    expect(before[0].status).toBe('pending');
    const inbox = (await county.get('/api/publicity/items?view=county&status=signed')).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).toEqual([itemId]);
    const res = await county.post(`/api/publicity/items/${itemId}/adopt`, { level: 'county', outlet: '县委组织部微信公众号', version: 6 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'adopted', level: 'county', centi: 100, authors: [{ centi: 60 }, { centi: 40 }] });
    const [duty] = await env.ctx.db.select().from(dutyItems).where(eq(dutyItems.id, before[0].id));
    expect(duty.status).toBe('accepted');
    const units = (await secretary.get('/api/publicity/rankings?kind=unit&month=2026-06')).json();
    expect(units).toMatchObject({ total: 1, items: [{ rank: 1, name: '西官村党支部', points: 1, items: 1 }] });
    const notHigher = await county.post(`/api/publicity/items/${itemId}/raise`, { level: 'county', link: 'https://example.cn/a', version: 7 });
    expect(notHigher.statusCode).toBe(400);
    const noLink = await county.post(`/api/publicity/items/${itemId}/raise`, { level: 'province', version: 7 });
    expect(noLink.json().error.message).toContain('提升采用级别须附上刊发链接或扫描件');
    const raised = await county.post(`/api/publicity/items/${itemId}/raise`, { level: 'province', outlet: '陕西党建网', link: 'https://example.cn/article/1', version: 7 });
    expect(raised.json()).toMatchObject({ level: 'province', centi: 500, adoptions: [{ level: 'county' }, { level: 'province', link: 'https://example.cn/article/1' }] });
    const people = (await town1.get('/api/publicity/rankings?kind=person&month=2026-06')).json();
    expect(people.items.map((p: { name: string; points: number; rank: number }) => [p.name, p.points, p.rank])).toEqual([
      ['李建国', 3, 1],
      ['王秀兰', 2, 2],
    ]);
    const rows = await env.ctx.db.select().from(publicityMonthly).where(eq(publicityMonthly.kind, 'unit'));
    expect(rows).toMatchObject([{ month: '2026-06', centi: 500, items: 1 }]);
    const audit = await env.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, itemId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['publicity.create', 'publicity.submit', 'publicity.return', 'publicity.signOff', 'publicity.adopt', 'publicity.raise']));
  });

  it('an unsigned item cannot be adopted, even the county’s own; a declined item names its reason; ties rank 1, 1, 3', async () => {
    const own = (await county.post('/api/publicity/items', draft({ orgId: env.base.root.id, title: '县委组织部召开信息宣传培训会' }))).json();
    const unsigned = await county.post(`/api/publicity/items/${own.id}/adopt`, { level: 'county', version: 1 });
    expect(unsigned.statusCode).toBe(422);
    expect(unsigned.json().error.message).toContain('尚未经单位负责人审签');
    // town1's own item, signed off by the town's secretary1 (another account of the unit's side), adopted at the city.
    const t = (await town1.post('/api/publicity/items', draft({ orgId: env.base.town1.id, title: '城关镇党委推进基层治理' }))).json();
    await town1.post(`/api/publicity/items/${t.id}/submit`, { version: 1 });
    expect((await secretary.post(`/api/publicity/items/${t.id}/sign-off`, { decision: 'approve', version: 2 })).statusCode).toBe(404);
    const t2 = (await town1.post('/api/publicity/items', draft({ orgId: env.base.branch1.id, title: '西官村党员志愿服务队成立' }))).json();
    await town1.post(`/api/publicity/items/${t2.id}/submit`, { version: 1 });
    expect((await secretary.post(`/api/publicity/items/${t2.id}/sign-off`, { decision: 'approve', version: 2 })).json().status).toBe('signed');
    const dec = await county.post(`/api/publicity/items/${t2.id}/decline`, { reason: '与已采用稿件内容重复', version: 3 });
    expect(dec.json()).toMatchObject({ status: 'declined', declineReason: '与已采用稿件内容重复' });
    expect((await county.post(`/api/publicity/items/${t2.id}/adopt`, { level: 'city', version: 4 })).statusCode).toBe(422);
  });

  it('the quarterly notice praises the top and names the units below the line', async () => {
    const res = await county.inject({ method: 'GET', url: '/api/publicity/notice?year=2026&quarter=2' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('关于2026年第二季度党建信息宣传工作情况的通报');
    expect(text).toContain('西官村党支部');
    expect(text).toContain('李建国');
    // 城关镇党委 and 代字营镇党委 earned nothing: below the 3-point line.
    expect(text).toMatch(/约谈单位负责人：.*代字营镇党委（0分）/);
    expect((await town1.get('/api/publicity/notice?year=2026&quarter=2')).statusCode).toBe(403);
    const bad = await county.get('/api/publicity/notice?year=2026&quarter=5');
    expect(bad.statusCode).toBe(400);
  });

  it('the level table is versioned and refuses a falling table', async () => {
    const bad = await county.put('/api/publicity/levels', { effectiveFrom: '2026-07-01', points: { county: 2, city: 1, province: 5, national: 10 }, thresholds: { praiseUnits: 5, praisePeople: 10, minUnitPoints: 3 }, dutyEvidenceOn: 'adopted' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('市级媒体的分值不能低于县级平台');
    const ok = await county.put('/api/publicity/levels', { effectiveFrom: '2026-07-01', points: { county: 1, city: 4, province: 6, national: 12 }, thresholds: { praiseUnits: 3, praisePeople: 5, minUnitPoints: 2 }, dutyEvidenceOn: 'signed' });
    expect(ok.json()).toMatchObject({ version: 1, points: { city: 4 }, thresholds: { praiseUnits: 3 }, dutyEvidenceOn: 'signed' });
    // The earlier adoption keeps the version it was scored under.
    const item = (await county.get(`/api/publicity/items/${itemId}`)).json();
    expect(item.adoptions.map((a: { tableVersion: number; points: number }) => [a.tableVersion, a.points])).toEqual([[0, 1], [0, 5]]);
  });
});
