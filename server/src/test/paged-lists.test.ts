// Lists that used to stop silently (未汇报 at 500, 主题党日 at 100, 欠缴预警 at 1,000, 支部通知 at 100, the phone's
// notices at 30, a member's history at 500, the community picker at 50) answer a page
// and the true total: walking the pages returns every row exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duesArrearsWarnings } from '../db/schema/index';
import { buildMember, buildOrg } from './factories';
import { createTestEnv, type Session, type TestEnv } from './test-app';

let env: TestEnv;
let county: Session;
beforeAll(async () => {
  env = await createTestEnv();
  county = await env.as('countyAdmin');
});
afterAll(async () => env?.close());

/** Every page of a list endpoint, checking that each page says the same total. */
async function allPages(url: string, pageSize: number, as: Session = county): Promise<{ total: number; ids: string[]; pages: number }> {
  const first = (await as.get(`${url}${url.includes('?') ? '&' : '?'}page=1&pageSize=${pageSize}`)).json();
  const ids: string[] = [];
  let pages = 0;
  for (let page = 1; page <= Math.ceil(first.total / pageSize); page++) {
    const res = await as.get(`${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`);
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

  it('我的支部通知 (phone): every notice of my branch across pages, unread first, with the true total and unread count', async () => {
    const secretary = await env.as('branchSecretary');
    const member = await env.as('member');
    const posted: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const res = await secretary.post('/api/notices', { orgId: env.base.branch1.id, title: `手机第${i}号通知`, body: '请按时参加支部活动。' });
      expect(res.statusCode, res.body).toBe(200);
      posted.push(res.json().id);
    }
    const mine = (await member.get('/api/me/notices?pageSize=100')).json();
    const branchTotal = mine.total;
    expect(mine.items).toHaveLength(branchTotal);
    expect(mine.items.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(posted));
    // Read the oldest one: it moves behind every unread notice.
    expect((await member.post(`/api/me/notices/${posted[0]}/read`)).statusCode).toBe(200);
    const { total, ids, pages } = await allPages('/api/me/notices', 3, member);
    expect(total).toBe(branchTotal);
    expect(pages).toBe(Math.ceil(branchTotal / 3));
    expect(new Set(ids).size).toBe(branchTotal);
    expect(ids.at(-1)).toBe(posted[0]);
    expect((await member.get('/api/me/notices?pageSize=3')).json()).toMatchObject({ unread: branchTotal - 1, total: branchTotal });
  });

  it("a member's change history: every audit entry of the record across pages, newest first", async () => {
    const memberId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '孙历史' });
    const secretary = await env.as('branchSecretary');
    for (let i = 0; i < 5; i++) {
      const d = (await secretary.get(`/api/members/${memberId}`)).json();
      const sens = (await secretary.get(`/api/members/${memberId}/sensitive`)).json();
      const res = await secretary.put(`/api/members/${memberId}`, {
        name: d.name, gender: d.gender, ethnicity: d.ethnicity, birthDate: sens.birthDate, idNumber: sens.idNumber, education: d.education, occupation: d.occupation,
        job: `职务${i}`, phone: sens.phone, address: d.address, joinDate: d.joinDate, fullMembershipDate: d.fullMembershipDate, status: d.status, categories: d.categories,
        mobileDestination: d.mobileDestination, mobileSince: d.mobileSince, mobileContact: sens.mobileContact, orgId: d.orgId, groupId: d.groupId, version: d.version,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const all = (await county.get(`/api/members/${memberId}/history?pageSize=200`)).json();
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect(all.items.filter((e: { action: string }) => e.action === 'member.update')).toHaveLength(5);
    const { total, ids, pages } = await allPages(`/api/members/${memberId}/history`, 2);
    expect(total).toBe(all.total);
    expect(pages).toBe(Math.ceil(all.total / 2));
    expect(ids).toEqual(all.items.map((e: { id: string }) => e.id));
  });

  it('社区报到 picker: every matching community org across pages, with the true total', async () => {
    const made: string[] = [];
    for (let i = 1; i <= 5; i++) made.push((await buildOrg(env.ctx, env.base.countyId, env.base.town1, { name: `翠竹第${i}社区党委`, type: 'committee', sector: 'community' })).id);
    const member = await env.as('member');
    const { total, ids, pages } = await allPages(`/api/me/community/options?q=${encodeURIComponent('翠竹')}`, 2, member);
    expect(total).toBe(5);
    expect(pages).toBe(3);
    expect([...ids].sort()).toEqual([...made].sort());
  });
});
