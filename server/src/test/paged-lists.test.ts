// Lists that used to stop silently (未汇报 at 500, 主题党日 at 100, 欠缴预警 at 1,000, 支部通知 at 100) answer a page
// and the true total: walking the pages returns every row exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duesArrearsWarnings } from '../db/schema/index';
import { buildMember } from './factories';
import { createTestEnv, type Session, type TestEnv } from './test-app';

let env: TestEnv;
let county: Session;
beforeAll(async () => {
  env = await createTestEnv();
  county = await env.as('countyAdmin');
});
afterAll(async () => env?.close());

/** Every page of a list endpoint, checking that each page says the same total. */
async function allPages(url: string, pageSize: number): Promise<{ total: number; ids: string[]; pages: number }> {
  const first = (await county.get(`${url}${url.includes('?') ? '&' : '?'}page=1&pageSize=${pageSize}`)).json();
  const ids: string[] = [];
  let pages = 0;
  for (let page = 1; page <= Math.ceil(first.total / pageSize); page++) {
    const res = await county.get(`${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: first.total, page, pageSize });
    ids.push(...body.items.map((i: { id?: string; memberId?: string }) => i.id ?? i.memberId));
    pages += 1;
  }
  return { total: first.total, ids, pages };
}

describe('paged lists with a true total', () => {
  it('未汇报: every mobile member without a report, across pages (more than one page)', async () => {
    const mobile: string[] = [];
    for (let i = 0; i < 23; i++) {
      mobile.push(await buildMember(env.ctx, env.base.countyId, i % 2 ? env.base.branch1 : env.base.branch2, { name: '赵外出', categories: ['mobile'], mobileDestination: '西安市', mobileSince: '2025-01-01' }));
    }
    const { total, ids, pages } = await allPages('/api/reports/missing?month=2026-06', 10);
    expect(total).toBe(23);
    expect(pages).toBe(3);
    expect([...ids].sort()).toEqual([...mobile].sort());
    const last = (await county.get('/api/reports/missing?month=2026-06&page=3&pageSize=10')).json();
    expect(last).toMatchObject({ month: '2026-06', total: 23 });
    expect(last.items).toHaveLength(3);
    // A page size beyond the shared bound is refused, not silently cut.
    expect((await county.get('/api/reports/missing?pageSize=5000')).statusCode).toBe(400);
  });

  it('主题党日: the list of a year across pages, with the total of the year', async () => {
    const secretary = await env.as('branchSecretary');
    const created: string[] = [];
    for (const month of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']) {
      const res = await secretary.post('/api/theme-days', { orgId: env.base.branch1.id, month, topic: '学习党章党规', place: '村党群服务中心', content: '集中学习、交纳党费、志愿服务' });
      expect(res.statusCode, res.body).toBe(200);
      created.push(res.json().id);
    }
    const { total, ids } = await allPages(`/api/theme-days?orgId=${env.base.root.id}&year=2026`, 2);
    expect(total).toBe(5);
    expect([...ids].sort()).toEqual([...created].sort());
  });

  it('支部通知: a branch\'s notices across pages, newest first', async () => {
    const secretary = await env.as('branchSecretary');
    for (let i = 1; i <= 5; i++) expect((await secretary.post('/api/notices', { orgId: env.base.branch1.id, title: `第${i}号通知`, body: '请按时参加支部活动。' })).statusCode).toBe(200);
    const { total, ids } = await allPages(`/api/notices?orgId=${env.base.branch1.id}`, 2);
    expect(total).toBe(5);
    expect(new Set(ids).size).toBe(5);
    const first = (await secretary.get(`/api/notices?orgId=${env.base.branch1.id}&pageSize=2`)).json();
    expect(first.items.map((n: { title: string }) => n.title)).toHaveLength(2);
  });

  it('欠缴预警: the count of every warning, not of the page (it used to be the length of the first 1,000)', async () => {
    const raised: string[] = [];
    for (let i = 0; i < 5; i++) {
      const memberId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '钱欠缴' });
      const [w] = await env.ctx.db
        .insert(duesArrearsWarnings)
        .values({ countyId: env.base.countyId, memberId, orgId: env.base.branch1.id, orgPath: env.base.branch1.path, month: '2026-05', level: i % 2 ? 'red' : 'yellow', streak: i % 2 ? 6 : 3, raisedAt: new Date('2026-06-01T00:00:00Z') })
        .returning({ id: duesArrearsWarnings.id });
      raised.push(w.id);
    }
    const { total, ids } = await allPages('/api/dues/arrears-warnings?month=2026-05', 2);
    expect(total).toBe(5);
    expect([...ids].sort()).toEqual([...raised].sort());
  });
});
