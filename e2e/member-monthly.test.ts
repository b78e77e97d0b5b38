// Issue #5 in Chromium: a member checks in on a phone by the secretary's code, a mobile member submits a report, both
// see their stars; the secretary accepts the report and the branch wall chart changes.
import { addMonthsToMonth, composeIdNumber, type MemberSummary, type ThemeDayDetail, type ThemeDaySummary, type WallChart } from '@yanzhen/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ensureCounty, hasChromium, launchBrowser, loginUi, newPage, OFFICE, screenshot, startServer, waitForTestId, type Server } from './harness';

const PHONE_360 = { width: 360, height: 780 };
const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

describe.skipIf(!hasChromium)('member monthly journeys', () => {
  let server: Server;
  let browser: Browser;
  let branch: { id: string; name: string };
  let secretary: ApiClient;
  let secretaryLogin: { username: string; password: string };
  let memberA: MemberSummary;
  let memberALogin: { username: string; password: string };
  let mobileName: string;
  let mobileLogin: { username: string; password: string };
  let themeDayId: string;

  async function account(role: string, orgId: string, memberId: string | null, username: string) {
    const first = 'Chushi@2026x';
    const password = 'Xinmima@2026y';
    await server.admin.post('/api/accounts', { username, displayName: username, role, orgId, memberId, password: first });
    const api = new ApiClient(server.baseUrl);
    await api.login(username, first);
    await api.post('/api/auth/password', { currentPassword: first, newPassword: password });
    await api.login(username, password);
    return { api, login: { username, password } };
  }

  /** The stars shown in the wall chart cell of a member for this month ('·' counts as 0). */
  async function starsInCell(page: Page, name: string): Promise<number> {
    const text = (await page.getByTestId(`cell-${name}-${month}`).textContent()) ?? '';
    return [...text].filter((c) => c === '★').length;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const county = await ensureCounty(server.admin);
    branch = county.branches[0];
    const { items } = await server.admin.get<{ items: MemberSummary[] }>(`/api/members?orgId=${branch.id}&pageSize=50&category=inService`);
    memberA = items[items.length - 1];
    mobileName = '赵远行';
    const mobile = await server.admin.post<{ id: string }>('/api/members', {
      name: mobileName, gender: 'male', ethnicity: '汉族', birthDate: '1991-04-12', idNumber: composeIdNumber('610102', '1991-04-12', 377, 'male'),
      education: 'college', occupation: 'worker', phone: '13900007777', address: null, joinDate: '2015-07-01', fullMembershipDate: '2016-07-01', status: 'full',
      categories: ['mobile'], mobileDestination: '西安市雁塔区', mobileSince: '2024-03-01', mobileContact: null, orgId: branch.id,
    });
    const s = await account('branchSecretary', branch.id, null, 'e2esecretary5');
    secretary = s.api;
    secretaryLogin = s.login;
    memberALogin = (await account('member', branch.id, memberA.id, 'e2emembera')).login;
    mobileLogin = (await account('member', branch.id, mobile.id, 'e2emobile')).login;
    // This month's theme day: the demo county has one; otherwise the secretary plans it.
    const existing = await secretary.get<{ items: ThemeDaySummary[] }>(`/api/theme-days?orgId=${branch.id}&month=${month}`);
    themeDayId = existing.items[0]?.id ?? (await secretary.post<ThemeDayDetail>('/api/theme-days', { orgId: branch.id, month, topic: '学习党章党规', place: '党群服务中心', content: '集中学习、重温入党誓词' })).id;
    // Member A has not checked in yet (the demo may have recorded it).
    await secretary.post(`/api/theme-days/${themeDayId}/attendance`, { memberId: memberA.id, attended: false });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a member checks in by the code on a 360-px phone and sees the stars; the secretary\'s wall chart changes', async () => {
    const office = await newPage(browser, OFFICE);
    await loginUi(office.page, server.baseUrl, secretaryLogin.username, secretaryLogin.password);
    await office.page.goto(`${server.baseUrl}/stars/wall`);
    await waitForTestId(office.page, 'wall-in-service');
    const before = await starsInCell(office.page, memberA.name);

    // The QR code on the secretary's screen holds /m/theme-day?code=…: opening that address is what scanning does.
    await office.page.goto(`${server.baseUrl}/theme-days`);
    await office.page.getByRole('cell', { name: month, exact: true }).first().click();
    await office.page.getByTestId('show-code').click();
    await waitForTestId(office.page, 'check-in-token');
    await office.page.locator('[data-testid="check-in-code"] img').waitFor();
    const token = ((await office.page.getByTestId('check-in-token').textContent()) ?? '').trim();
    expect(token.split('.')).toHaveLength(2);
    await screenshot(office.page, 'mm-1-check-in-code-1366');

    const phone = await newPage(browser, PHONE_360);
    await loginUi(phone.page, server.baseUrl, memberALogin.username, memberALogin.password);
    await phone.page.goto(`${server.baseUrl}/m/theme-day?code=${encodeURIComponent(token)}`);
    await waitForTestId(phone.page, 'm-checked-in');
    expect(await phone.page.getByTestId('m-checked-in').textContent()).toContain('扫码签到');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_360.width + 1);
    await screenshot(phone.page, 'mm-2-checked-in-360');

    const roster = (await secretary.get<ThemeDayDetail>(`/api/theme-days/${themeDayId}`)).roster.find((r) => r.memberId === memberA.id)!;
    expect(roster).toMatchObject({ attended: true, method: 'qr' });

    await phone.page.getByRole('link', { name: '星级', exact: true }).click();
    await waitForTestId(phone.page, `m-month-${month}`);
    const card = (await phone.page.getByTestId(`m-month-${month}`).textContent()) ?? '';
    expect(card).toContain('1号活动10 / 10');
    await screenshot(phone.page, 'mm-3-my-stars-360');
    await phone.page.getByRole('link', { name: '首页', exact: true }).click();
    await waitForTestId(phone.page, 'm-birthday');
    await screenshot(phone.page, 'mm-4-home-360');
    // A payment the branch records (the month after the member's last paid one) is on the phone with its receipt.
    const ledger = await secretary.get<{ items: { memberId: string; dueFen: number; paidThrough: string | null }[] }>(`/api/dues/ledger?orgId=${branch.id}&pageSize=200`);
    const row = ledger.items.find((r) => r.memberId === memberA.id)!;
    const next = addMonthsToMonth(row.paidThrough ?? month, 1);
    const paid = await secretary.post<{ id: string; receiptNo: string }>('/api/dues/payments', { memberId: memberA.id, months: [next], amountFen: Math.max(row.dueFen, 1), method: 'wechat', collector: '支部书记', paidOn: new Date().toISOString().slice(0, 10) });
    await phone.page.getByRole('link', { name: '党费', exact: true }).click();
    await waitForTestId(phone.page, 'm-dues');
    await screenshot(phone.page, 'mm-5-dues-360');
    await phone.page.locator(`a[href="/m/dues/receipts/${paid.id}"]`).click();
    await waitForTestId(phone.page, 'dues-receipt');
    expect(await phone.page.getByTestId('dues-receipt').textContent()).toContain(paid.receiptNo);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_360.width + 1);
    await screenshot(phone.page, 'mm-5b-my-receipt-360');
    await phone.context.close();

    await office.page.goto(`${server.baseUrl}/stars/wall`);
    await waitForTestId(office.page, 'wall-in-service');
    const after = await starsInCell(office.page, memberA.name);
    expect(after).toBeGreaterThan(before);
    const wall = await secretary.get<WallChart>(`/api/stars/wall?orgId=${branch.id}`);
    expect(wall.inService.find((r) => r.memberId === memberA.id)!.months.find((c) => c.month === month)).toMatchObject({ attended: true, stars: after });
    await screenshot(office.page, 'mm-6-wall-chart-1366');
    await office.page.goto(`${server.baseUrl}/dues`);
    await waitForTestId(office.page, 'dues-summary');
    await office.page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await screenshot(office.page, 'mm-9-dues-ledger-1366');
    await office.context.close();
  });

  it('a mobile member submits a report on the phone; the secretary accepts it and the mobile module of the wall chart gains stars', async () => {
    const phone = await newPage(browser, PHONE_360);
    await loginUi(phone.page, server.baseUrl, mobileLogin.username, mobileLogin.password);
    await phone.page.goto(`${server.baseUrl}/m/report`);
    await waitForTestId(phone.page, 'm-report');
    await phone.page.getByLabel('所在地').fill('西安市雁塔区');
    await phone.page.getByLabel('汇报内容').fill('本月在西安务工，参加了流动党员线上学习和社区志愿服务。');
    // A photo from the phone (a 1×1 PNG stands in for the camera).
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await phone.page.getByLabel('添加照片').setInputFiles({ name: '志愿服务.png', mimeType: 'image/png', buffer: png });
    await phone.page.getByTestId('m-report-photos').getByText('志愿服务.png').waitFor();
    await phone.page.getByRole('button', { name: '提交汇报' }).click();
    await waitForTestId(phone.page, 'm-report-status');
    expect(await phone.page.getByTestId('m-report-status').textContent()).toContain('待审阅');
    await screenshot(phone.page, 'mm-7-report-360');

    const office = await newPage(browser, OFFICE);
    await loginUi(office.page, server.baseUrl, secretaryLogin.username, secretaryLogin.password);
    await office.page.goto(`${server.baseUrl}/stars/wall`);
    await waitForTestId(office.page, 'wall-mobile');
    const before = await starsInCell(office.page, mobileName);
    await office.page.goto(`${server.baseUrl}/reports`);
    await waitForTestId(office.page, `report-${mobileName}`);
    await office.page.getByTestId(`report-photos-${mobileName}`).locator('img').first().waitFor();
    expect(await office.page.getByTestId(`report-photos-${mobileName}`).locator('img').first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
    await screenshot(office.page, 'mm-8-reports-1366');
    await office.page.getByTestId(`report-${mobileName}`).getByRole('button', { name: /认\s*可/ }).click();
    await office.page.getByTestId(`report-${mobileName}`).getByText('已认可').waitFor();
    await office.page.goto(`${server.baseUrl}/stars/wall`);
    await waitForTestId(office.page, 'wall-mobile');
    expect(await starsInCell(office.page, mobileName)).toBeGreaterThan(before);

    await phone.page.getByRole('link', { name: '星级', exact: true }).click();
    await waitForTestId(phone.page, `m-month-${month}`);
    expect(await phone.page.getByTestId(`m-month-${month}`).textContent()).toContain('汇报情况20 / 20');
    await phone.context.close();
    await office.context.close();
  });

  it('the secretary posts a branch notice; the member sees it unread on a 360-px phone and reads it', async () => {
    const office = await newPage(browser, OFFICE);
    await loginUi(office.page, server.baseUrl, secretaryLogin.username, secretaryLogin.password);
    await office.page.goto(`${server.baseUrl}/notices`);
    await waitForTestId(office.page, 'notice-form');
    const title = `主题党日通知${Date.now() % 10000}`;
    await office.page.getByLabel('标题').fill(title);
    await office.page.getByLabel('内容').fill('请于本月1日上午9点到党群服务中心参加主题党日，带好党员证。');
    await office.page.getByRole('button', { name: /发布通知/ }).click();
    await waitForTestId(office.page, `notice-${title}`);
    expect(await office.page.getByTestId(`notice-${title}`).textContent()).toContain('已读 0');
    await screenshot(office.page, 'mm-10-notices-1366');

    const phone = await newPage(browser, PHONE_360);
    await loginUi(phone.page, server.baseUrl, memberALogin.username, memberALogin.password);
    await phone.page.goto(`${server.baseUrl}/m`);
    await waitForTestId(phone.page, `m-notice-${title}`);
    expect(await phone.page.getByTestId(`m-notice-${title}`).textContent()).toContain('未读');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_360.width + 1);
    await screenshot(phone.page, 'mm-11-notice-unread-360');
    await phone.page.getByTestId(`m-notice-${title}`).click();
    await phone.page.getByText('带好党员证').waitFor();
    await expect.poll(async () => (await phone.page.getByTestId(`m-notice-${title}`).textContent()) ?? '', { timeout: 20_000 }).not.toContain('未读');
    await screenshot(phone.page, 'mm-12-notice-read-360');
    await phone.context.close();

    await office.page.reload();
    await waitForTestId(office.page, `notice-${title}`);
    await expect.poll(async () => (await office.page.getByTestId(`notice-${title}`).textContent()) ?? '', { timeout: 20_000 }).toContain('已读 1');
    await office.context.close();
  });

  it('dues: the yearly base import page, a printable receipt, the star settings screen', async () => {
    const pay = await secretary.post<{ id: string; receiptNo: string }>('/api/dues/bases', { memberId: memberA.id, year: Number(month.slice(0, 4)), fromMonth: `${month.slice(0, 4)}-01`, category: 'employee', baseFen: 450000 })
      .then(() => secretary.get<{ items: { memberId: string; paid: boolean; dueFen: number }[] }>(`/api/dues/ledger?orgId=${branch.id}&month=${month}&pageSize=200`))
      .then(async (l) => {
        const row = l.items.find((r) => r.memberId === memberA.id)!;
        const months = row.paid ? [] : [month];
        return months.length ? secretary.post<{ id: string; receiptNo: string }>('/api/dues/payments', { memberId: memberA.id, months, amountFen: row.dueFen, method: 'wechat', collector: '王书记', paidOn: `${month}-10` }) : null;
      });
    const office = await newPage(browser, OFFICE);
    await loginUi(office.page, server.baseUrl, secretaryLogin.username, secretaryLogin.password);
    await office.page.goto(`${server.baseUrl}/dues/import`);
    await waitForTestId(office.page, 'dues-import-card');
    await screenshot(office.page, 'mm-13-dues-import-1366');
    if (pay) {
      await office.page.goto(`${server.baseUrl}/dues/receipts/${pay.id}`);
      await waitForTestId(office.page, 'dues-receipt');
      const text = (await office.page.getByTestId('dues-receipt').textContent()) ?? '';
      expect(text).toContain(pay.receiptNo);
      expect(text).toContain('元整');
      await screenshot(office.page, 'mm-14-dues-receipt-1366');
    }
    await office.context.close();

    const admin = await newPage(browser, OFFICE);
    await loginUi(admin.page, server.baseUrl, 'admin', server.demoAccounts.find((a) => a.username === 'admin')?.password ?? 'Yanzhen@2026');
    await admin.page.goto(`${server.baseUrl}/stars/settings`);
    await waitForTestId(admin.page, 'star-settings-form');
    await admin.page.getByLabel('岗位争先').fill('0');
    await admin.page.getByRole('button', { name: /保\s*存/ }).click();
    await waitForTestId(admin.page, 'star-settings-issues');
    expect(await admin.page.getByTestId('star-settings-issues').textContent()).toContain('达不到五星分数线');
    await screenshot(admin.page, 'mm-15-star-settings-1366');
    await admin.context.close();
  });
});
