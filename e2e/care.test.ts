// Issue #13 in Chromium: a helper records a visit on a 360-px phone (one tap from the list); the county issues a
// transfer letter, prints it, and registers the receipt when it comes back (the member leaves the roster).
import { composeIdNumber, type CondolencePayment, type CondolenceRound, type CondolenceTownRow, type MemberSummary, type Pairing, type Transfer } from '@yanzhen/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ensureCounty, hasChromium, launchBrowser, loginUi, newPage, OFFICE, screenshot, startServer, waitForTestId, type Server } from './harness';

const PHONE_360 = { width: 360, height: 780 };
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe.skipIf(!hasChromium)('care journeys', () => {
  let server: Server;
  let browser: Browser;
  let branch: { id: string; name: string };
  let helper: MemberSummary;
  let helperLogin: { username: string; password: string };
  let pairing: Pairing;

  // A retried test (CI retries once) finds the member its first attempt entered instead of failing on the duplicate.
  async function member(name: string, seq: number, categories: string[], orgId?: string) {
    const { items } = await server.admin.get<{ items: { id: string; name: string; orgId: string }[] }>(`/api/members?q=${encodeURIComponent(name)}&pageSize=50`);
    const earlier = items.find((m) => m.name === name && m.orgId === (orgId ?? branch.id));
    if (earlier) return { id: earlier.id };
    return server.admin.post<{ id: string }>('/api/members', {
      name, gender: 'female', ethnicity: '汉族', birthDate: '1950-02-11', idNumber: composeIdNumber('610102', '1950-02-11', seq, 'female'),
      education: 'juniorOrBelow', occupation: 'farmer', phone: `1390000${seq}`, address: null, joinDate: '1975-07-01', fullMembershipDate: '1976-07-01', status: 'full',
      categories, mobileDestination: null, mobileSince: null, mobileContact: null, orgId: orgId ?? branch.id,
    });
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const county = await ensureCounty(server.admin);
    branch = county.branches[0];
    const { items } = await server.admin.get<{ items: MemberSummary[] }>(`/api/members?orgId=${branch.id}&pageSize=50&category=inService`);
    helper = items[0];
    const poor = await member('白秀英', 4411, ['hardship', 'elderly']);
    pairing = await server.admin.post<Pairing>('/api/care/pairings', { kind: 'hardship', memberId: poor.id, helperMemberId: helper.id, needs: '独居，腿脚不便', startedOn: today });
    const first = 'Chushi@2026x';
    helperLogin = { username: 'e2ehelper', password: 'Xinmima@2026y' };
    await server.admin.post('/api/accounts', { username: helperLogin.username, displayName: helper.name, role: 'member', orgId: branch.id, memberId: helper.id, password: first });
    const api = new ApiClient(server.baseUrl);
    await api.login(helperLogin.username, first);
    await api.post('/api/auth/password', { currentPassword: first, newPassword: helperLogin.password });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a helper records a visit on a 360-px phone with one tap from the list', async () => {
    const phone = await newPage(browser, PHONE_360);
    await loginUi(phone.page, server.baseUrl, helperLogin.username, helperLogin.password);
    await phone.page.goto(`${server.baseUrl}/m/care`);
    await waitForTestId(phone.page, 'm-care-白秀英');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_360.width + 1);
    await screenshot(phone.page, 'care-1-helper-list-360');
    await phone.page.getByTestId('m-care-白秀英').getByRole('button', { name: '登记走访' }).click();
    await phone.page.getByLabel('走访内容').fill('上门看望，帮助打扫院子，了解到冬季取暖有困难');
    await phone.page.getByRole('button', { name: '保存走访记录' }).click();
    await waitForTestId(phone.page, 'm-care-saved');
    expect(await phone.page.getByTestId('m-care-saved').textContent()).toContain('白秀英');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_360.width + 1);
    await screenshot(phone.page, 'care-2-visit-saved-360');
    await phone.context.close();
    const detail = await server.admin.get<Pairing & { visits: { content: string; visitedOn: string }[] }>(`/api/care/pairings/${pairing.id}`);
    expect(detail).toMatchObject({ lastVisitOn: today, status: 'ok' });
    expect(detail.visits).toEqual([expect.objectContaining({ visitedOn: today, content: '上门看望，帮助打扫院子，了解到冬季取暖有困难' })]);
  });

  it('the county issues a transfer letter, prints it, and registers the receipt that comes back', async () => {
    const leaver = await member('柏文静', 4412, ['inService']);
    const office = await newPage(browser, OFFICE);
    await loginUi(office.page, server.baseUrl, 'e2eadmin', 'Yanzhen@2026e2e');
    await office.page.goto(`${server.baseUrl}/transfers`);
    await office.page.getByRole('button', { name: '开具介绍信' }).click();
    await office.page.locator('#memberId').fill('柏文静');
    await office.page.locator('.ant-select-item-option', { hasText: '柏文静' }).first().click();
    await office.page.locator('#counterpart').fill('中共西安市雁塔区委组织部');
    await office.page.locator('#reason').fill('工作调动');
    await office.page.getByRole('button', { name: '开 具' }).or(office.page.getByRole('button', { name: '开具', exact: true })).click();
    await office.page.getByRole('cell', { name: '柏文静' }).waitFor();
    await screenshot(office.page, 'care-3-letter-issued-1366');
    const list = await server.admin.get<{ items: Transfer[] }>('/api/transfers?direction=out&status=open&pageSize=200');
    const t = list.items.find((x) => x.memberId === leaver.id)!;
    expect(t).toMatchObject({ status: 'open', counterpart: '中共西安市雁塔区委组织部' });
    expect(t.letterNo).toMatch(/^组转〔\d{4}〕\d{4,}号$/);
    const letter = await server.admin.raw('GET', `/api/transfers/${t.id}/letter`);
    expect(letter.status).toBe(200);
    expect(Buffer.from(await letter.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    const row = office.page.getByRole('row').filter({ hasText: '柏文静' });
    await row.getByRole('button', { name: '登记回执' }).click();
    await office.page.getByRole('button', { name: '确 定' }).or(office.page.getByRole('button', { name: '确定', exact: true })).click();
    await row.getByText('回执已退回').waitFor();
    await screenshot(office.page, 'care-4-receipt-1366');
    await office.context.close();
    expect((await server.admin.get<Transfer>(`/api/transfers/${t.id}`)).status).toBe('received');
    expect((await server.admin.raw('GET', `/api/members/${leaver.id}`)).status).toBe(404);
  });

  it('the county pays a festival condolence on the open round, reverses it with a reason, and the ledger keeps both', async () => {
    // a branch under a town (the demo county also has branches right under the county committee)
    const { items: tree } = await server.admin.get<{ items: { id: string; name: string; parentId: string | null; type: string }[] }>('/api/orgs/tree');
    const root = tree.find((o) => o.parentId === null)!;
    const parentOf = (id: string) => tree.find((o) => o.id === id)!.parentId;
    const villageBranch = tree.find((o) => o.type === 'branch' && o.parentId !== root.id)!;
    let townId = villageBranch.parentId!;
    while (parentOf(townId) !== root.id) townId = parentOf(townId)!;
    const poor = await member('常玉兰', 4413, ['hardship'], villageBranch.id);
    const rounds = await server.admin.get<{ items: CondolenceRound[] }>('/api/care/condolence/rounds');
    const open = rounds.items.find((r) => r.status === 'open')!;
    expect(open).toBeTruthy();
    const towns = await server.admin.get<{ items: CondolenceTownRow[] }>(`/api/care/condolence/rounds/${open.id}/towns?pageSize=200`);
    const mine = towns.items.find((t) => t.orgId === townId);
    await server.admin.put(`/api/care/condolence/rounds/${open.id}/allocations`, { orgId: townId, amountFen: (mine?.allocatedFen ?? 0) + 100_000 });

    const office = await newPage(browser, OFFICE);
    await loginUi(office.page, server.baseUrl, 'e2eadmin', 'Yanzhen@2026e2e');
    await office.page.goto(`${server.baseUrl}/care`);
    await office.page.getByRole('tab', { name: '节日慰问' }).click();
    await waitForTestId(office.page, 'condolence-pay');
    await office.page.getByRole('tab', { name: '节日慰问' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(office.page, 'care-5-condolence-round-1366');
    await office.page.getByTestId('condolence-pay').click();
    await office.page.locator('#memberId').fill('常玉兰');
    // the demo county may have another 常玉兰: the option names her branch
    await office.page.locator('.ant-select-item-option', { hasText: `常玉兰（${villageBranch.name}）` }).first().click();
    await office.page.locator('#amount').fill('300');
    await office.page.getByRole('button', { name: '保 存' }).or(office.page.getByRole('button', { name: '保存', exact: true })).click();
    const row = office.page.getByRole('row').filter({ hasText: '常玉兰' });
    await row.getByText('已发放').first().waitFor();
    await screenshot(office.page, 'care-6-condolence-paid-1366');
    await row.getByRole('button', { name: '冲正' }).or(row.getByRole('button', { name: '冲 正' })).click();
    await office.page.getByPlaceholder('冲正原因（如：标准应为500元）').fill('应按困难党员标准发放');
    await office.page.locator('.ant-modal-footer').getByRole('button', { name: '冲正' }).or(office.page.locator('.ant-modal-footer').getByRole('button', { name: '冲 正' })).click();
    await office.page.getByRole('row').filter({ hasText: '应按困难党员标准发放' }).waitFor();
    await screenshot(office.page, 'care-7-condolence-reversed-1366');
    await office.page.evaluate(() => window.scrollTo(0, 0));
    await office.page.getByRole('tab', { name: '政治生日' }).click();
    await office.page.getByRole('button', { name: '登记本月政治生日庆祝' }).waitFor();
    await office.page.getByRole('tab', { name: '政治生日' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(office.page, 'care-8-political-birthdays-1366');
    await office.context.close();

    const ledger = await server.admin.get<{ items: CondolencePayment[] }>(`/api/care/condolence/rounds/${open.id}/payments?pageSize=200&orgId=${villageBranch.id}`);
    const hers = ledger.items.filter((p) => p.memberId === poor.id);
    expect(hers.map((p) => `${p.kind}:${p.amountFen}`).sort()).toEqual(['payment:30000', 'reversal:30000']);
    expect(hers.find((p) => p.kind === 'reversal')?.note).toBe('应按困难党员标准发放');
  });
});
