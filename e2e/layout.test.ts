// Screens at an office laptop's 1366×768 and on a phone: every list's last column is in view without scrolling
// sideways (they were cut off: 状态/类别/所在支部, 期限, 操作, and 支部 shrank to one character), each page has its
// breadcrumb and browser-tab title, and at phone width the page itself never scrolls sideways.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ensureCounty, hasChromium, launchBrowser, loginUi, newPage, OFFICE, PHONE, screenshot, startServer, type Server } from './harness';

/** The first visible table's last header cell and whether its body overflows sideways (hidden tabs hold tables too). */
async function lastColumn(page: Page) {
  await page.locator('.ant-table-tbody tr.ant-table-row:visible').first().waitFor();
  return page.evaluate(() => {
    const table = [...document.querySelectorAll('.ant-table')].find((t) => (t as HTMLElement).offsetWidth > 0) as HTMLElement;
    const ths = [...table.querySelectorAll('thead th')].filter((th) => (th as HTMLElement).offsetWidth > 0) as HTMLElement[];
    const last = ths[ths.length - 1];
    const body = table.querySelector('.ant-table-content, .ant-table-body') as HTMLElement;
    return { title: last.textContent?.trim(), right: last.getBoundingClientRect().right, overflow: body.scrollWidth - body.clientWidth, viewport: document.documentElement.clientWidth };
  });
}

describe.skipIf(!hasChromium)('screens at 1366×768 and on a phone', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await ensureCounty(server.admin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const PAGES = [
    { path: '/members', last: '所在支部', crumbs: '首页/组织与党员', title: '组织与党员 · 雁阵' },
    { path: '/development', last: '期限', crumbs: '首页/发展党员', title: '发展党员 · 雁阵', tab: '全部档案' },
    { path: '/accounts', last: '操作', crumbs: '首页/账号管理', title: '账号管理 · 雁阵' },
    { path: '/dues', last: '操作', crumbs: '首页/党费收缴', title: '党费收缴 · 雁阵' },
  ];

  it('shows the last column of every list within 1366 px, with a breadcrumb and a page title', async () => {
    const { page, context } = await newPage(browser, OFFICE);
    await loginUi(page, server.baseUrl, ADMIN.username, ADMIN.password);
    for (const p of PAGES) {
      await page.goto(`${server.baseUrl}${p.path}`);
      if (p.tab) await page.getByRole('tab', { name: p.tab }).click();
      const col = await lastColumn(page);
      expect(col, p.path).toMatchObject({ title: p.last, overflow: 0 });
      expect(col.right, p.path).toBeLessThanOrEqual(OFFICE.width);
      expect(await page.getByTestId('breadcrumb').textContent()).toBe(p.crumbs);
      expect(await page.title()).toBe(p.title);
      await screenshot(page, `layout-${p.path.slice(1)}-1366`);
    }
    // A sub-page's breadcrumb leads back to its list.
    await page.goto(`${server.baseUrl}/development/prospects`);
    expect(await page.getByTestId('breadcrumb').textContent()).toBe('首页/发展党员/入党意向人员名册');
    await page.getByTestId('breadcrumb').getByRole('link', { name: '发展党员' }).click();
    await page.waitForURL((u) => u.pathname === '/development');
    await context.close();
  });

  it('never scrolls the page sideways on a phone (the lists scroll inside their frame)', async () => {
    const { page, context } = await newPage(browser, PHONE);
    await loginUi(page, server.baseUrl, ADMIN.username, ADMIN.password);
    for (const p of PAGES) {
      await page.goto(`${server.baseUrl}${p.path}`);
      await page.locator('.ant-table').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), p.path).toBeLessThanOrEqual(PHONE.width + 1);
      expect(await page.title()).toBe(p.title);
    }
    await context.close();
  });
});
