// The user journeys of issue #2 in Chromium against the real server: search and edit, import, export, phone, member role.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeIdNumber, MEMBER_SHEET_COLUMNS, pinyinKeys, type MemberDetail, type MemberSensitive, type MemberSummary } from '@yanzhen/domain';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ApiClient, ensureCounty, hasChromium, launchBrowser, loginUi, newPage, PHONE, screenshot, startServer, waitForTestId, type Server } from './harness';

type List = { items: MemberSummary[]; total: number };

describe.skipIf(!hasChromium)('web console journeys', () => {
  let server: Server;
  let browser: Browser;
  let county: Awaited<ReturnType<typeof ensureCounty>>;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-e2e-files-'));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    county = await ensureCounty(server.admin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** A new account of `role`, its first password already changed, signed in through the API. */
  async function accountFor(role: string, orgId: string, memberId: string | null, username: string): Promise<{ username: string; password: string }> {
    const first = 'Chushi@2026x';
    const password = 'Xinmima@2026y';
    await server.admin.post('/api/accounts', { username, displayName: '测试账号', role, orgId, memberId, password: first });
    const api = new ApiClient(server.baseUrl);
    await api.login(username, first);
    await api.post('/api/auth/password', { currentPassword: first, newPassword: password });
    return { username, password };
  }

  it('finds a member by pinyin initials, edits the address, and the change shows on the page and in the API', async () => {
    const branch = county.branches[0];
    const { items } = await server.admin.get<List>(`/api/members?orgId=${branch.id}&pageSize=50`);
    const target = items[0];
    const initials = pinyinKeys(target.name).initials;
    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, ADMIN.username, ADMIN.password);
    await page.goto(`${server.baseUrl}/members`);
    const search = page.getByPlaceholder('姓名/拼音首字母/身份证后4位/手机号');
    await search.fill(initials);
    await search.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === initials);
    const link = page.locator(`a[href="/members/${target.id}"]`);
    await link.waitFor();
    await screenshot(page, '1-search-1366');
    await link.click();
    await page.waitForURL(`**/members/${target.id}`);
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.waitForURL(`**/members/${target.id}/edit`);
    const address = `测试镇幸福路${Date.now() % 1000}号`;
    await page.locator('#address').waitFor();
    await page.locator('#address').fill(address);
    await screenshot(page, '1-edit-1366');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(`**/members/${target.id}`);
    await expect.poll(() => page.getByTestId('member-address').textContent()).toBe(address);
    await screenshot(page, '1-saved-1366');
    const detail = await server.admin.get<MemberDetail>(`/api/members/${target.id}`);
    expect(detail.address).toBe(address);
    await page.getByRole('tab', { name: '变更记录' }).click();
    await expect.poll(() => page.getByTestId('member-history').textContent()).toContain(address);
    await context.close();
  });

  async function writeSheet(file: string, rows: Record<string, string>[]): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员名册');
    ws.addRow(MEMBER_SHEET_COLUMNS.map((c) => c.title));
    for (const r of rows) ws.addRow(MEMBER_SHEET_COLUMNS.map((c) => r[c.key] ?? ''));
    await wb.xlsx.writeFile(file);
  }

  it('shows both bad rows of an import and saves nothing, then imports the fixed file', async () => {
    const branch = county.branches[0];
    const person = (name: string, seq: number, birth: string, joinDate: string) => ({
      name, gender: '男', ethnicity: '汉族', birthDate: birth, idNumber: composeIdNumber('610102', birth, seq, 'male'), education: '大学本科',
      occupation: '工人', address: '测试镇东街2号', joinDate, fullMembershipDate: '2021-07-01', status: '正式党员', categories: '在职党员', branch: branch.name,
    });
    const good = person('导入测试甲', 901, '1990-01-15', '2020-06-01');
    const good2 = person('导入测试乙', 903, '1991-03-15', '2020-06-01');
    const badId = { ...person('导入测试丙', 905, '1992-05-15', '2020-06-01'), idNumber: '61010219920515000X' };
    const badJoin = person('导入测试丁', 907, '1993-07-15', '2000-06-01');
    const before = (await server.admin.get<List>('/api/members?pageSize=1')).total;

    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, ADMIN.username, ADMIN.password);
    await page.goto(`${server.baseUrl}/members/import`);
    const badFile = path.join(tmp, '有错误的名册.xlsx');
    await writeSheet(badFile, [good, good2, badId, badJoin]);
    await page.locator('input[type=file]').setInputFiles(badFile);
    const errors = page.getByTestId('import-errors');
    await errors.waitFor({ timeout: 30_000 });
    const text = (await errors.textContent()) ?? '';
    // Row 1 holds the titles: the bad people are on rows 4 and 5.
    const rows = await errors.locator('tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('4') && r.includes('身份证号'))).toBe(true);
    expect(rows.some((r) => r.startsWith('5') && r.includes('入党'))).toBe(true);
    expect(text).toContain('18');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot(page, '2-import-errors-1366');
    expect((await server.admin.get<List>('/api/members?pageSize=1')).total).toBe(before);

    await page.getByRole('button', { name: '重新上传' }).click();
    const fixedFile = path.join(tmp, '修改后的名册.xlsx');
    await writeSheet(fixedFile, [good, good2, person('导入测试丙', 905, '1992-05-15', '2020-06-01'), person('导入测试丁', 907, '1993-07-15', '2015-06-01')]);
    await page.locator('input[type=file]').setInputFiles(fixedFile);
    await waitForTestId(page, 'import-ok', 30_000);
    await page.getByRole('button', { name: '确认导入' }).click();
    await waitForTestId(page, 'import-done', 60_000);
    await screenshot(page, '2-import-done-1366');
    expect((await server.admin.get<List>('/api/members?pageSize=1')).total).toBe(before + 4);
    const found = await server.admin.get<List>(`/api/members?q=${encodeURIComponent('导入测试丁')}`);
    expect(found.items.map((m) => m.name)).toEqual(['导入测试丁']);
    expect(found.items[0].orgId).toBe(branch.id);
    await context.close();
  });

  it('exports the filtered list as a committee admin: as many rows as the list, ID numbers masked', async () => {
    const account = await accountFor('committeeAdmin', county.town.id, null, 'e2etownadmin');
    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, account.username, account.password);
    await page.goto(`${server.baseUrl}/members?orgId=${county.town.id}&status=full`);
    const totalText = page.getByTestId('member-total');
    await expect.poll(async () => Number(/\d+/.exec((await totalText.textContent()) ?? '')?.[0] ?? 0)).toBeGreaterThan(0);
    const total = Number(/\d+/.exec((await totalText.textContent()) ?? '')![0]);
    await screenshot(page, '3-export-list-1366');
    await page.getByTestId('member-export').click();
    // The dialog counts the people first; a town admin has only the masked file.
    await expect.poll(async () => (await page.getByTestId('export-count').textContent()) ?? '').toContain(`共 ${total} 名党员`);
    expect(await page.getByTestId('export-full').count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('#export-confirm').click()]);
    const file = path.join(tmp, download.suggestedFilename() || 'export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    let headerRow = 0;
    ws.eachRow((row, n) => {
      if (!headerRow && row.values && (row.values as unknown[]).includes('身份证号')) headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    const idColumn = (ws.getRow(headerRow).values as unknown[]).indexOf('身份证号');
    const ids: string[] = [];
    for (let n = headerRow + 1; n <= ws.rowCount; n++) {
      const v = ws.getRow(n).getCell(idColumn).text;
      if (v) ids.push(v);
    }
    expect(ids.length).toBe(total);
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{12}$/);
    await context.close();
  });

  it('exports full ID numbers only after a typed reason and a confirmation naming how many people, with a watermark and an audit entry', async () => {
    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, ADMIN.username, ADMIN.password);
    const branch = county.branches[0];
    await page.goto(`${server.baseUrl}/members?orgId=${branch.id}`);
    const totalText = page.getByTestId('member-total');
    await expect.poll(async () => Number(/\d+/.exec((await totalText.textContent()) ?? '')?.[0] ?? 0)).toBeGreaterThan(0);
    const total = Number(/\d+/.exec((await totalText.textContent()) ?? '')![0]);
    await page.getByTestId('member-export').click();
    await page.getByTestId('export-full').click();
    const warning = page.getByTestId('export-warning');
    await expect.poll(async () => (await warning.textContent()) ?? '').toContain(`将有 ${total} 名党员的完整身份证号、联系电话和出生日期离开本系统`);
    // No reason typed: the confirmation stays disabled.
    expect(await page.locator('#export-confirm').isDisabled()).toBe(true);
    const reason = '换届选举核对党员名单';
    await page.getByTestId('export-reason').fill(reason);
    await screenshot(page, '3-export-full-confirm-1366');
    expect(await page.locator('#export-confirm').textContent()).toContain(`确认导出 ${total} 人的完整信息`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('#export-confirm').click()]);
    const file = path.join(tmp, download.suggestedFilename() || 'export-full.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const idColumn = (wb.worksheets[0].getRow(1).values as unknown[]).indexOf('身份证号');
    expect(wb.worksheets[0].getRow(2).getCell(idColumn).text).toMatch(/^\d{17}[\dX]$/);
    const line = wb.getWorksheet('导出记录')!.getRow(2).getCell(1).text;
    expect(line).toContain(`（${ADMIN.username}）`);
    expect(line).toContain(`事由：${reason} · 人数：${total}`);
    const audit = await server.admin.get<{ items: { note: string | null }[] }>('/api/audit?action=member.exportSensitive&pageSize=5');
    expect(audit.items[0].note).toBe(`导出含完整身份证号和联系电话的党员名册 ${total} 人，事由：${reason}`);
    await context.close();
  });

  it('works on a phone: login and the member list', async () => {
    const { page, context } = await newPage(browser, PHONE);
    await page.goto(`${server.baseUrl}/login`);
    await screenshot(page, '4-login-390');
    await loginUi(page, server.baseUrl, ADMIN.username, ADMIN.password);
    await page.getByTestId('stat-党员总数').waitFor();
    await page.waitForTimeout(800); // charts animate in
    await screenshot(page, '4-home-390');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.locator('.ant-drawer').getByText('组织与党员').click();
    await page.waitForURL('**/members');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    // The page itself does not scroll sideways; the table does.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);
    await screenshot(page, '4-members-390');
    await context.close();
  });

  it('a member signs in on a phone, changes the first password, lands on 党员之家 and sees only their own pages', async () => {
    const branch = county.branches[0];
    const { items } = await server.admin.get<List>(`/api/members?orgId=${branch.id}&pageSize=5`);
    const member = items[items.length - 1];
    const first = 'Chushi@2026x';
    await server.admin.post('/api/accounts', { username: 'e2emember', displayName: member.name, role: 'member', orgId: branch.id, memberId: member.id, password: first });
    const { page, context } = await newPage(browser, PHONE);
    await loginUi(page, server.baseUrl, 'e2emember', first);
    await page.waitForURL('**/password**');
    await page.locator('#currentPassword').fill(first);
    await page.locator('#newPassword').fill('Xinmima@2026y');
    await page.locator('#confirm').fill('Xinmima@2026y');
    await page.getByRole('button', { name: '确认修改' }).click();
    // On a phone a member's home is 党员之家 (/m), not the console profile.
    await page.waitForURL((u) => u.pathname === '/m');
    await page.getByTestId('m-home').waitFor();
    await page.goto(`${server.baseUrl}/me`);
    await page.getByTestId('my-profile').waitFor();
    expect(await page.getByTestId('my-profile').textContent()).toContain(member.name);
    await screenshot(page, '5-my-profile-390');
    await page.getByRole('button', { name: '菜单' }).click();
    const menu = await page.locator('.ant-drawer .ant-menu-item').allTextContents();
    expect(menu).toEqual(['我的档案', '党员之家（手机版）']);
    await page.goto(`${server.baseUrl}/members`);
    await page.waitForURL((u) => u.pathname === '/m');
    await context.close();
  });

  it('checks the member form in the browser with the server\'s rules, and reports a concurrent change on save', async () => {
    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, ADMIN.username, ADMIN.password);
    await page.goto(`${server.baseUrl}/members/new`);
    await page.locator('#idNumber').fill('61010219900101123X');
    await page.locator('#idNumber').blur();
    await expect.poll(() => page.locator('#idNumber_help').textContent()).toContain('校验码');
    expect(await page.getByTestId('mobile-fields').count()).toBe(0);
    await page.getByLabel('流动党员').check();
    await page.getByTestId('mobile-fields').waitFor();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('#mobileDestination_help').textContent()).toBe('流动党员须填写外出地点');
    await page.waitForTimeout(300); // the messages fade in
    await screenshot(page, '6-form-errors-1366');

    const branch = county.branches[1] ?? county.branches[0];
    const { items } = await server.admin.get<List>(`/api/members?orgId=${branch.id}&pageSize=1`);
    const id = items[0].id;
    await page.goto(`${server.baseUrl}/members/${id}/edit`);
    await page.locator('#job').waitFor();
    // Someone else saves the record meanwhile.
    const current = await server.admin.get<MemberDetail>(`/api/members/${id}`);
    const sensitive = await server.admin.get<MemberSensitive>(`/api/members/${id}/sensitive`);
    const { can: _can, version, id: _id, age: _age, birthMonth: _b, idNumberMasked: _m, phoneMasked: _p, mobileContactMasked: _mc, orgName: _o, groupName: _g, createdAt: _c, updatedAt: _u, ...fields } = current;
    await server.admin.put(`/api/members/${id}`, { ...fields, ...sensitive, job: '他人修改的单位', version });
    await page.locator('#job').fill('我修改的单位');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '该党员档案已被他人修改' }).waitFor();
    await page.waitForTimeout(400); // the dialog fades in
    await screenshot(page, '6-conflict-1366');
    await page.getByRole('button', { name: '重新加载' }).click();
    await expect.poll(() => page.locator('#job').inputValue()).toBe('他人修改的单位');
    await context.close();
  });
});
