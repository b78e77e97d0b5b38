// Issue #11 in Chromium: the demo instructor on a 360-px phone scans the enterprise's printed code (arrival), writes the
// work log with a problem, scans out and sees the month; the county sees the instructor list and the coverage chart.
import type { MyInstructor, MyMonth } from '@yanzhen/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD_FALLBACK, hasChromium, launchBrowser, loginUi, newPage, OFFICE, screenshot, startServer, waitForTestId, type Server } from './harness';

const PHONE_360 = { width: 360, height: 780 };

describe.skipIf(!hasChromium)('instructor journeys', () => {
  let server: Server;
  let browser: Browser;
  let instructor: ApiClient;
  const password = (u: string) => server.demoAccounts.find((a) => a.username === u)?.password ?? DEMO_PASSWORD_FALLBACK;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    instructor = new ApiClient(server.baseUrl);
    await instructor.login('instructor', password('instructor'));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('scans in on a 360-px phone, writes the log with a problem, scans out and sees the month', async () => {
    const mine = await instructor.get<MyInstructor>('/api/me/instructor');
    expect(mine.enterprises.length).toBeGreaterThan(0);
    const enterprise = mine.enterprises[0];
    const before = await instructor.get<MyMonth>('/api/me/instructor/month');
    const { token } = await server.admin.get<{ token: string }>(`/api/enterprises/${enterprise.id}/site-code`);

    const phone = await newPage(browser, PHONE_360);
    await loginUi(phone.page, server.baseUrl, 'instructor', password('instructor'));
    // On a phone the instructor lands on their own pages.
    await waitForTestId(phone.page, 'i-home');
    expect(new URL(phone.page.url()).pathname).toBe('/i');
    // The printed QR code holds this address: opening it records the arrival.
    await phone.page.goto(`${server.baseUrl}/i/scan?e=${enterprise.id}&code=${encodeURIComponent(token)}`);
    await waitForTestId(phone.page, 'i-scan-result');
    expect(await phone.page.getByTestId('i-scan-result').textContent()).toContain(`已进场：${enterprise.name}`);
    await screenshot(phone.page, 'in-1-scan-in-360');
    const after = await instructor.get<MyInstructor>('/api/me/instructor');
    expect(after.openVisit?.enterpriseId).toBe(enterprise.id);

    // Another enterprise's code is refused on the page, in Chinese.
    const other = (await server.admin.get<{ items: { id: string; name: string }[] }>('/api/enterprises?pageSize=50')).items.find((e) => e.id !== enterprise.id);
    if (other) {
      const otherCode = (await server.admin.get<{ token: string }>(`/api/enterprises/${other.id}/site-code`)).token;
      await phone.page.goto(`${server.baseUrl}/i/scan?e=${enterprise.id}&code=${encodeURIComponent(otherCode)}`);
      await waitForTestId(phone.page, 'i-scan-error');
      expect(await phone.page.getByTestId('i-scan-error').textContent()).toContain(other.name);
    }

    await phone.page.getByRole('link', { name: '纪实' }).click();
    await waitForTestId(phone.page, 'i-log');
    await phone.page.getByLabel('摸排').check();
    await phone.page.getByLabel('解决急难愁盼').check();
    await phone.page.getByLabel('工作内容').fill('走访企业，了解用工和党员情况（浏览器测试）');
    await phone.page.getByLabel('问题').fill('企业缺少党员活动场所');
    await phone.page.getByRole('button', { name: '保存纪实' }).click();
    await waitForTestId(phone.page, 'i-log-saved');
    await phone.page.getByText('走访企业，了解用工和党员情况（浏览器测试）').waitFor();
    await phone.page.getByText('企业缺少党员活动场所').first().waitFor();
    await screenshot(phone.page, 'in-2-log-360');
    const logs = await instructor.get<{ items: { content: string; problemId: string | null }[] }>('/api/me/instructor/logs?pageSize=5');
    expect(logs.items[0]).toMatchObject({ content: '走访企业，了解用工和党员情况（浏览器测试）' });
    expect(logs.items[0].problemId).not.toBeNull();

    // Departure: the same code again.
    await phone.page.goto(`${server.baseUrl}/i/scan?e=${enterprise.id}&code=${encodeURIComponent(token)}`);
    await waitForTestId(phone.page, 'i-scan-result');
    expect(await phone.page.getByTestId('i-scan-result').textContent()).toContain(`已离场：${enterprise.name}`);

    await phone.page.getByRole('link', { name: '本月' }).click();
    await waitForTestId(phone.page, 'i-month');
    await phone.page.getByTestId('i-month-working').waitFor();
    expect(await phone.page.getByTestId('i-month-working').textContent()).toBe(`${before.workingDays} 天`);
    expect(await phone.page.getByTestId('i-month-onsite').textContent()).toContain(`${before.onsiteDays} 天`);
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await screenshot(phone.page, 'in-3-month-360');
    await phone.page.getByRole('link', { name: '我的企业' }).click();
    await waitForTestId(phone.page, 'i-home');
    await screenshot(phone.page, 'in-4-home-360');
    await phone.context.close();
  }, 120_000);

  it('shows the county the instructors with this month, the coverage chart and the year-end assessment', async () => {
    const office = await newPage(browser, OFFICE);
    await loginUi(office.page, server.baseUrl, 'admin', password('admin'));
    await office.page.goto(`${server.baseUrl}/instructors`);
    await waitForTestId(office.page, 'instructor-table');
    const list = await server.admin.get<{ items: { name: string }[]; total: number }>('/api/instructors?pageSize=20');
    expect(list.total).toBeGreaterThan(0);
    await office.page.getByText(list.items[0].name).first().waitFor();
    await screenshot(office.page, 'in-5-instructors-1366');
    await office.page.getByRole('tab', { name: '两个覆盖' }).click();
    await waitForTestId(office.page, 'coverage-total');
    expect(await office.page.getByTestId('coverage-total').textContent()).toMatch(/两新组织 \d+ 个/);
    await office.page.waitForTimeout(500);
    await screenshot(office.page, 'in-6-coverage-1366');
    await office.page.getByRole('tab', { name: '两新组织名录' }).click();
    await office.page.getByRole('button', { name: '驻企二维码' }).first().click();
    await office.page.getByAltText('驻企二维码').waitFor();
    await screenshot(office.page, 'in-7-site-code-1366');
    await office.page.keyboard.press('Escape');
    // Last year's finished assessment (the demo): grades and subsidies.
    const year = new Date().getFullYear() - 1;
    const assessed = await server.admin.get<{ items: { name: string; grade: string; subsidyYuan: number }[]; total: number }>(`/api/instructors/assessments?year=${year}&pageSize=5`);
    expect(assessed.total).toBeGreaterThan(0);
    await office.page.getByRole('tab', { name: '年度考核' }).click();
    await waitForTestId(office.page, 'assessment-table');
    await office.page.getByTestId('assessment-table').getByText(assessed.items[0].name).first().waitFor();
    await screenshot(office.page, 'in-8-assessment-1366');
    await office.context.close();
  }, 120_000);
});
