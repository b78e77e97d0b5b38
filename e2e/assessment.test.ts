// Issue #15 in Chromium: the county computes the running year from the records, opens an org of the ranking and reads
// the evidence of each component; on the weak-org page a branch the records flag is identified, then rectified
// (四个一, progress), accepted and removed, and the list shows it removed.
import type { AssessmentRankingPage, WeakOrgDetail } from '@yanzhen/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, hasChromium, launchBrowser, loginUi, newPage, screenshot, startServer, waitForTestId, type Server } from './harness';

const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

describe.skipIf(!hasChromium)('assessment journey', () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function asAdmin(fn: (page: Page) => Promise<void>) {
    const { context, page } = await newPage(browser);
    try {
      await loginUi(page, server.baseUrl, ADMIN.username, ADMIN.password);
      await fn(page);
    } finally {
      await context.close();
    }
  }

  it('computes the year and drills down to the evidence', async () => {
    await asAdmin(async (page) => {
      await page.goto(`${server.baseUrl}/assessment`);
      await waitForTestId(page, 'ranking');
      await page.getByTestId('compute').click();
      await page.getByText(/已计算 \d+ 个组织的得分/).waitFor();
      const ranking = await server.admin.get<AssessmentRankingPage>(`/api/assessment/ranking?year=${year}&level=branch`);
      expect(ranking.status).toBe('open');
      expect(ranking.total).toBeGreaterThan(5);
      await page.getByTestId('ranking').getByText(ranking.items[0].orgName).first().waitFor();
      await screenshot(page, 'assessment-ranking');
      await page.getByTestId('ranking').locator('tbody tr.ant-table-row').first().click();
      await waitForTestId(page, 'components');
      await page.getByTestId('org-score').getByText('书记抓党建履职').first().waitFor();
      await page.getByTestId('org-score').getByText(/三会一课|应召开/).first().waitFor();
      await screenshot(page, 'assessment-drilldown');
    });
  }, 120_000);

  it('identifies a weak org the records show, rectifies it and removes it from the list', async () => {
    const cands = await server.admin.get<{ items: { orgId: string; orgName: string; listed: boolean }[] }>(`/api/assessment/weak-orgs/candidates?year=${year}&pageSize=50`);
    const target = cands.items.find((c) => !c.listed);
    expect(target).toBeDefined();
    await asAdmin(async (page) => {
      await page.goto(`${server.baseUrl}/assessment/weak-orgs`);
      await waitForTestId(page, 'weak-candidates');
      const row = page.getByTestId('weak-candidates').locator('tr', { hasText: target!.orgName }).first();
      await row.getByRole('button', { name: /认\s*定/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: '列入名单' }).click();
      await page.getByText('已列入软弱涣散党组织名单').waitFor();
      await screenshot(page, 'assessment-weak-orgs');
    });
    const list = await server.admin.get<{ items: { id: string; orgId: string; version: number }[] }>(`/api/assessment/weak-orgs?year=${year}&pageSize=50`);
    const listed = list.items.find((i) => i.orgId === target!.orgId)!;
    await server.admin.put(`/api/assessment/weak-orgs/${listed.id}/plan`, { leaderName: '县委常委 张明', workingGroup: '镇党委副书记、组织委员', plan: '选优配强班子，规范组织生活。', deadline: `${year}-12-31`, version: 1 });
    await server.admin.post(`/api/assessment/weak-orgs/${listed.id}/progress`, { month, note: '工作组进驻，召开支部党员大会' });
    await server.admin.post(`/api/assessment/weak-orgs/${listed.id}/accept`, { note: '验收合格', version: 2 });
    const removed = await server.admin.post<WeakOrgDetail>(`/api/assessment/weak-orgs/${listed.id}/remove`, { version: 3 });
    expect(removed.status).toBe('removed');
    await asAdmin(async (page) => {
      await page.goto(`${server.baseUrl}/assessment/weak-orgs`);
      await waitForTestId(page, 'weak-list');
      await page.getByTestId('weak-list').locator('tr', { hasText: target!.orgName }).getByText('已销号').waitFor();
      await page.getByTestId('weak-list').locator('tr', { hasText: target!.orgName }).click();
      await page.getByTestId('weak-status').getByText('已销号').waitFor();
      await screenshot(page, 'assessment-weak-drawer');
    });
  }, 120_000);
});
