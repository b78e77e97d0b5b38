// 职工评议 and 检查督导 in Chromium: the county issues rating codes for an instructor (the printable slips), an employee
// opens the printed link on a 360-px phone without login, rates each item and submits once; the same code again is
// refused on the page. The county's 检查督导 tab shows the demo's checks with the open rectification.
import type { AssignmentLetters, RatingCodesIssued } from '@yanzhen/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD_FALLBACK, hasChromium, launchBrowser, loginUi, newPage, OFFICE, screenshot, startServer, waitForTestId, type Server } from './harness';

const PHONE_360 = { width: 360, height: 780 };

describe.skipIf(!hasChromium)('staff ratings and checks', () => {
  let server: Server;
  let browser: Browser;
  const password = (u: string) => server.demoAccounts.find((a) => a.username === u)?.password ?? DEMO_PASSWORD_FALLBACK;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an employee rates the instructor once with a code on a 360-px phone, without login', async () => {
    const assignments = await server.admin.get<{ items: AssignmentLetters[] }>('/api/instructors/letters?pageSize=5');
    const a = assignments.items[0];
    const issued = await server.admin.post<RatingCodesIssued>(`/api/instructors/assignments/${a.assignmentId}/rating-codes`, { year: new Date().getFullYear(), count: 3 });
    expect(issued.codes).toHaveLength(3);

    const phone = await newPage(browser, PHONE_360);
    await phone.page.goto(`${server.baseUrl}/r?c=${encodeURIComponent(issued.codes[0])}`);
    await phone.page.getByText(`对党建工作指导员 ${a.instructorName} 的评议`).waitFor();
    for (const item of issued.items) await phone.page.getByRole('radiogroup', { name: item }).getByText('满意', { exact: true }).click();
    await phone.page.getByRole('radiogroup', { name: issued.items[1] }).getByText('基本满意').click();
    await screenshot(phone.page, 'sr-1-rating-360');
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await phone.page.getByRole('button', { name: '提交评议' }).click();
    await phone.page.getByText('评议已提交').waitFor();
    await screenshot(phone.page, 'sr-2-done-360');

    // The same code again: refused on the page, in Chinese.
    await phone.page.goto(`${server.baseUrl}/r?c=${encodeURIComponent(issued.codes[0])}`);
    await waitForTestId(phone.page, 'rating-error');
    expect(await phone.page.getByTestId('rating-error').textContent()).toContain('每个评议码只能评议一次');
    await screenshot(phone.page, 'sr-3-used-360');
    await phone.context.close();

    const batches = await server.admin.get<{ items: { issued: number; used: number }[] }>(`/api/instructors/rating-batches?year=${new Date().getFullYear()}`);
    expect(batches.items[0]).toMatchObject({ issued: 3, used: 1 });
  }, 120_000);

  it('the demo instructor reports on the finding of an unannounced visit from the phone', async () => {
    const phone = await newPage(browser, PHONE_360);
    await loginUi(phone.page, server.baseUrl, 'instructor', password('instructor'));
    await waitForTestId(phone.page, 'i-checks');
    await phone.page.getByLabel(/^整改情况：/).first().fill('已补填近三周工作纪实，本月起每周驻企不少于两天');
    await phone.page.getByRole('button', { name: '报告整改情况' }).first().click();
    await phone.page.getByText('已报告：已补填近三周工作纪实，本月起每周驻企不少于两天').waitFor();
    await screenshot(phone.page, 'sr-6-instructor-checks-360');
    await phone.context.close();
  }, 120_000);

  it('shows the county the rating slips to print and the quarter checks with their rectification', async () => {
    const office = await newPage(browser, OFFICE);
    await loginUi(office.page, server.baseUrl, 'admin', password('admin'));
    await office.page.goto(`${server.baseUrl}/instructors`);
    await waitForTestId(office.page, 'instructor-table');
    await office.page.getByRole('tab', { name: '职工评议' }).click();
    await waitForTestId(office.page, 'rating-assignments');
    await office.page.getByRole('button', { name: '发放评议码' }).first().click();
    await office.page.getByRole('button', { name: '发 放' }).or(office.page.getByRole('button', { name: '发放', exact: true })).click();
    await waitForTestId(office.page, 'rating-codes');
    expect(await office.page.getByTestId('rating-slip').count()).toBe(20);
    await office.page.getByAltText(/^评议码 /).first().waitFor();
    await screenshot(office.page, 'sr-4-slips-1366');
    await office.page.keyboard.press('Escape');
    await office.page.getByRole('tab', { name: '检查督导' }).click();
    await waitForTestId(office.page, 'check-table');
    await office.page.getByText('明察暗访').first().waitFor();
    await office.page.getByText(/整改中/).first().waitFor();
    await office.page.getByText('报告：已补填近三周工作纪实').waitFor();
    await office.page.locator('.ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
    await office.page.waitForTimeout(500);
    await screenshot(office.page, 'sr-5-checks-1366');
    await office.context.close();
  }, 120_000);
});
