// Issue #14 in Chromium: a branch's writer submits an item, the town's leader returns it with a comment, the writer
// revises and resubmits, the leader signs it off, the county adopts it at the county level, the ranking shows the
// branch with its point, and the branch's duty item “报送一篇党建信息” of the month is accepted.
import { composeIdNumber, type DutyItem, type PublicityPage, type RankingPage } from '@yanzhen/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ensureCounty, hasChromium, launchBrowser, loginUi, newPage, screenshot, startServer, waitForTestId, type Server } from './harness';

const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

describe.skipIf(!hasChromium)('publicity journey', () => {
  let server: Server;
  let browser: Browser;
  let branch: { id: string; name: string };
  let writer: { username: string; password: string };
  let leader: { username: string; password: string };
  const title = '宣传测试村开展党员志愿服务';

  async function account(role: string, orgId: string, username: string) {
    const first = 'Chushi@2026x';
    const password = 'Xinmima@2026y';
    await server.admin.post('/api/accounts', { username, displayName: `${username}（测试）`, role, orgId, memberId: null, password: first });
    const api = new ApiClient(server.baseUrl);
    await api.login(username, first);
    await api.post('/api/auth/password', { currentPassword: first, newPassword: password });
    return { username, password };
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const { town } = await ensureCounty(server.admin);
    // A fresh branch: nothing in the ranking yet, and its month's duty item still open.
    branch = await server.admin.post<{ id: string; name: string }>('/api/orgs', { parentId: town.id, name: '宣传测试村党支部', type: 'branch', sector: 'rural' });
    await server.admin.post('/api/members', {
      name: '宣小文', gender: 'female', ethnicity: '汉族', birthDate: '1990-05-06', idNumber: composeIdNumber('610102', '1990-05-06', 481, 'female'),
      education: 'bachelor', occupation: 'farmer', phone: '13900001414', address: null, joinDate: '2015-07-01', fullMembershipDate: '2016-07-01', status: 'full',
      categories: ['inService'], orgId: branch.id,
    });
    writer = await account('branchSecretary', branch.id, 'e2epubwriter');
    leader = await account('committeeAdmin', town.id, 'e2epubleader');
    await server.admin.post('/api/publicity/priorities', { month, title: '志愿服务在身边', direction: '宣传党员志愿服务、为民办实事的典型事例' });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function as(who: { username: string; password: string } | 'admin', fn: (page: Page) => Promise<void>) {
    const { context, page } = await newPage(browser);
    try {
      if (who === 'admin') await loginUi(page, server.baseUrl, 'e2eadmin', 'Yanzhen@2026e2e');
      else await loginUi(page, server.baseUrl, who.username, who.password);
      await fn(page);
    } finally {
      await context.close();
    }
  }

  async function openRow(page: Page, text: string) {
    await page.getByRole('cell', { name: text }).first().click();
    await waitForTestId(page, 'publicity-drawer');
  }

  it('submit → leader returns → resubmit → sign-off → county adopts → ranking and duty item', async () => {
    const duty = async () => (await server.admin.get<{ items: DutyItem[] }>(`/api/duties/items?orgId=${branch.id}&month=${month}&pageSize=50`)).items.find((i) => i.title === '报送一篇党建信息');
    expect((await duty())?.status).not.toBe('accepted');

    await as(writer, async (page) => {
      // The month's priorities on the unit's home page.
      await page.goto(`${server.baseUrl}/`);
      await waitForTestId(page, 'publicity-home');
      await page.getByText('志愿服务在身边').first().waitFor();
      await page.goto(`${server.baseUrl}/publicity?tab=mine`);
      await page.getByRole('button', { name: '新建稿件' }).click();
      await waitForTestId(page, 'publicity-form');
      await page.getByLabel('标题').fill('宣传测试村志愿服务');
      await page.getByTestId('publicity-body').click();
      await page.keyboard.type('宣传测试村党支部组织党员志愿服务队，为群众办实事十余件，受到群众好评。');
      await page.getByTestId('author-select').click();
      await page.keyboard.type('宣小文');
      await page.getByText('宣小文（宣传测试村党支部）').click();
      await screenshot(page, 'publicity-editor');
      await page.getByTestId('editor-send').click();
      await page.getByText('已送单位负责人审签').waitFor();
      await page.getByRole('cell', { name: '待负责人审签' }).waitFor();
    });

    await as(leader, async (page) => {
      await page.goto(`${server.baseUrl}/publicity?tab=signOff`);
      await openRow(page, '宣传测试村志愿服务');
      await page.getByRole('button', { name: '退回修改' }).click();
      await page.getByLabel('修改意见').fill('标题要具体，写明服务内容');
      await page.getByRole('button', { name: /确\s*定/ }).click();
      await page.getByText('已办理').waitFor();
      await page.getByTestId('item-status').filter({ hasText: '已退回修改' }).waitFor();
    });

    await as(writer, async (page) => {
      await page.goto(`${server.baseUrl}/publicity?tab=mine`);
      await openRow(page, '宣传测试村志愿服务');
      await page.getByText('退回意见：标题要具体，写明服务内容').waitFor();
      await page.getByRole('button', { name: /^修\s*改$/ }).click();
      await waitForTestId(page, 'publicity-form');
      await page.getByLabel('标题').fill(title);
      await page.getByTestId('editor-send').click();
      await page.getByText('已送单位负责人审签').waitFor();
    });

    await as(leader, async (page) => {
      await page.goto(`${server.baseUrl}/publicity?tab=signOff`);
      await openRow(page, title);
      await page.getByTestId('approve').click();
      await page.getByTestId('item-status').filter({ hasText: '已审签待采用' }).waitFor();
    });

    await as('admin', async (page) => {
      await page.goto(`${server.baseUrl}/publicity`);
      await openRow(page, title);
      await page.getByText('审签人（负责）').waitFor();
      await page.getByRole('button', { name: /^采\s*用$/ }).click();
      await page.getByLabel('刊发平台').fill('县委组织部微信公众号');
      await page.getByRole('button', { name: /确\s*定/ }).click();
      await page.getByTestId('item-status').filter({ hasText: '已采用' }).waitFor();
      await screenshot(page, 'publicity-adopted-drawer');
      await page.keyboard.press('Escape');
      await page.goto(`${server.baseUrl}/publicity?tab=ranking`);
      await waitForTestId(page, 'ranking-table');
      const row = page.getByTestId('ranking-table').getByRole('row', { name: /宣传测试村党支部/ });
      await row.waitFor();
      expect(await row.textContent()).toMatch(/宣传测试村党支部11/);
      await screenshot(page, 'publicity-ranking');
    });

    const ranking = await server.admin.get<RankingPage>(`/api/publicity/rankings?kind=unit&month=${month}&pageSize=200`);
    expect(ranking.items.find((r) => r.id === branch.id)).toMatchObject({ points: 1, items: 1 });
    const items = await server.admin.get<PublicityPage>(`/api/publicity/items?view=county&status=adopted&q=${encodeURIComponent('宣传测试村')}`);
    expect(items.items[0]).toMatchObject({ title, signedByName: 'e2epubleader（测试）', level: 'county' });
    expect((await duty())?.status).toBe('accepted');
  }, 240_000);

  it('shows the ranking on a 360-px phone without sideways scrolling of the page', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 780 });
    try {
      await loginUi(page, server.baseUrl, writer.username, writer.password);
      await page.goto(`${server.baseUrl}/publicity?tab=ranking`);
      await waitForTestId(page, 'ranking-table');
      await screenshot(page, 'publicity-ranking-phone');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
    } finally {
      await context.close();
    }
  }, 60_000);
});
