// Issue #12 in Chromium: a 组织生活会 recorded as held is refused while a preparation step is missing (the step named),
// then — the step dated — saved, linked to its record and accepting the duty item; the 党性体检 page's follow-ups and
// counts by town.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCounty, hasChromium, launchBrowser, loginUi, newPage, OFFICE, screenshot, startServer, waitForTestId, type Server } from './harness';

// A 1×1 PNG: the meeting photo uploaded through the form.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!hasChromium)('组织生活会 and 党性体检 journeys', () => {
  let server: Server;
  let browser: Browser;
  let branch: { id: string; name: string };
  let recordId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const county = await ensureCounty(server.admin);
    branch = county.branches[0];
    const step = (days: number) => ({ doneOn: chinaDay(-days), note: null });
    const year = Number(chinaDay().slice(0, 4));
    const r = await server.admin.post<{ id: string }>('/api/org-life/life-meetings', { orgId: branch.id, year, type: 'special', title: 'E2E专题组织生活会', steps: { study: step(9), solicit: step(7), talks: step(5) } });
    recordId = r.id;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses the meeting while 对照检查材料 is missing, then records it once the step is dated', async () => {
    const { page } = await newPage(browser, OFFICE);
    await loginUi(page, server.baseUrl, 'e2eadmin', 'Yanzhen@2026e2e');
    await page.goto(`${server.baseUrl}/org-life/life-meetings?orgId=${branch.id}`);
    await page.getByText('E2E专题组织生活会').click();
    // The page opened on the branch (?orgId=): its records only.
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe((await server.admin.get<{ total: number }>(`/api/org-life/life-meetings?orgId=${branch.id}`)).total);
    await waitForTestId(page, 'life-missing');
    expect(await page.getByTestId('life-missing').innerText()).toContain('撰写对照检查材料（查摆问题）');
    await page.getByTestId('life-record-meeting').click();
    await waitForTestId(page, 'attendance-names');
    await page.getByTestId('meeting-chair').fill('支部书记');
    await page.getByTestId('meeting-recorder').fill('组织委员');
    const names = page.getByTestId('attendance-names').locator('button');
    await names.first().click();
    await page.getByTestId('meeting-save').click();
    await waitForTestId(page, 'meeting-error');
    expect(await page.getByTestId('meeting-error').innerText()).toContain('尚未完成“撰写对照检查材料（查摆问题）”');
    await screenshot(page, 'ol-5-life-meeting-refused');
    // Close the meeting form, date the missing step today and save the record.
    await page.locator('.ant-drawer-close').last().click();
    await page.getByTestId('attendance-names').waitFor({ state: 'detached' });
    await page.getByTestId('step-materials').click();
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-now-btn, .ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-today-btn').first().click();
    await page.getByTestId('life-save').click();
    await page.getByTestId('life-missing').waitFor({ state: 'detached' });
    await page.getByTestId('life-record-meeting').click();
    await waitForTestId(page, 'attendance-names');
    await page.getByTestId('meeting-chair').fill('支部书记');
    await page.getByTestId('meeting-recorder').fill('组织委员');
    await page.getByTestId('attendance-names').locator('button').first().click();
    // A photo of the meeting, uploaded through the files module from the form.
    await page.locator('.ant-upload input[type=file]').first().setInputFiles({ name: '会场.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.locator('.ant-upload-list-item-done, .ant-upload-list-item-container .ant-upload-list-item-done').count()).toBe(1);
    await page.getByTestId('meeting-save').click();
    await page.getByTestId('attendance-names').waitFor({ state: 'detached' });
    await waitForTestId(page, 'life-meeting-record');
    const r = await server.admin.get<{ state: string; meeting: { id: string; date: string } | null }>(`/api/org-life/life-meetings/${recordId}`);
    expect(r).toMatchObject({ state: 'held', meeting: { date: chinaDay() } });
    const m = await server.admin.get<{ photos: { name: string }[] }>(`/api/org-life/meetings/${r.meeting!.id}`);
    expect(m.photos.map((f) => f.name)).toEqual(['会场.png']);
    await page.getByTestId('add-rectification').waitFor();
    await screenshot(page, 'ol-6-life-meeting-held');
  }, 120_000);

  it('shows the 党性体检 follow-ups and the counts by town', async () => {
    const { page } = await newPage(browser, OFFICE);
    await loginUi(page, server.baseUrl, 'e2eadmin', 'Yanzhen@2026e2e');
    await page.goto(`${server.baseUrl}/org-life/checkups`);
    await waitForTestId(page, 'checkup-follow-ups');
    const list = await server.admin.get<{ total: number }>('/api/org-life/checkups/follow-ups');
    expect(list.total).toBeGreaterThan(0);
    await expect.poll(() => page.locator('body').innerText()).toContain(`共 ${list.total} 人`);
    await screenshot(page, 'ol-7-checkup-follow-ups');
    await page.getByText('各乡镇人数').click();
    await waitForTestId(page, 'checkup-counts');
    await expect.poll(() => page.getByTestId('checkup-counts').innerText()).toContain('亚健康');
    await screenshot(page, 'ol-8-checkup-counts');
    // A follow-up opens the member's record against the county's items (the view is audited by the server).
    await page.getByText('锻炼整改跟踪').click();
    await page.getByTestId('checkup-follow-ups').locator('tbody tr.ant-table-row').first().click();
    await waitForTestId(page, 'checkup-save');
    await expect.poll(() => page.locator('.ant-modal').innerText()).toContain('理论学习');
    await screenshot(page, 'ol-9-checkup-form');
  }, 120_000);
});
