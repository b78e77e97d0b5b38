// Issue #3 journeys in Chromium: a branch secretary records a step and sees the refusal with its rule and earliest
// date; the county sees the funnel and the overdue list of the demo pipeline.
import { addDays, addYears, composeIdNumber, nthBirthday, toChinaDate, type FileDetail, type FileSummary, type Pipeline } from '@yanzhen/domain';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileBody, stepBody } from '../server/src/modules/development/development.fixtures';
import { ADMIN, ApiClient, DEMO_PASSWORD_FALLBACK, hasChromium, launchBrowser, loginUi, newPage, PHONE, screenshot, startServer, waitForTestId, type Server } from './harness';

describe.skipIf(!hasChromium)('development journeys', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const secretaryLogin = () => {
    const a = server.demoAccounts.find((x) => x.role === 'branchSecretary');
    return { username: a?.username ?? 'secretary', password: a?.password ?? DEMO_PASSWORD_FALLBACK };
  };

  it('a branch secretary records an application for a 17-year-old and sees the refusal with its reason and earliest date', async () => {
    const cred = secretaryLogin();
    const api = new ApiClient(server.baseUrl);
    const me = await api.login(cred.username, cred.password);
    const today = toChinaDate(new Date());
    const birthDate = addDays(addYears(today, -18), 10);
    const file = await api.post<FileDetail>('/api/development/files', {
      orgId: me.orgId, name: '韩小青', gender: 'female', birthDate, idNumber: composeIdNumber('610529', birthDate, 7, 'female'),
      phone: null, education: 'highSchool', occupation: 'student', family: [],
    });
    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, cred.username, cred.password);
    await page.goto(`${server.baseUrl}/development/${file.id}`);
    await waitForTestId(page, 'record-step');
    await page.locator('#receivedBy').fill('本支部');
    await page.getByTestId('step-submit').click();
    await waitForTestId(page, 'step-refusal');
    const text = await page.getByTestId('step-refusal').innerText();
    const earliest = nthBirthday(birthDate, 18);
    expect(text).toContain('递交入党申请书时须年满18周岁');
    expect(text).toContain(`最早 ${earliest}`);
    expect(text).toContain('细则第五条');
    await screenshot(page, 'dev-1-refusal-1366');
    // Nothing was recorded.
    expect((await api.get<FileDetail>(`/api/development/files/${file.id}`)).events).toHaveLength(0);
    await context.close();
  });

  it('a secretary records a step that passes, and it appears on the timeline', async () => {
    const cred = secretaryLogin();
    const api = new ApiClient(server.baseUrl);
    const me = await api.login(cred.username, cred.password);
    const birthDate = '1998-04-02';
    const file = await api.post<FileDetail>('/api/development/files', {
      orgId: me.orgId, name: '秦向阳', gender: 'male', birthDate, idNumber: composeIdNumber('610529', birthDate, 8, 'male'),
      phone: null, education: 'bachelor', occupation: 'worker', family: [],
    });
    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, cred.username, cred.password);
    await page.goto(`${server.baseUrl}/development/${file.id}`);
    await waitForTestId(page, 'record-step');
    await page.locator('#receivedBy').fill('本支部');
    await page.getByTestId('step-submit').click();
    await waitForTestId(page, 'file-timeline');
    expect(await page.getByTestId('file-timeline').innerText()).toContain('第1步 递交入党申请书');
    const after = await api.get<FileDetail>(`/api/development/files/${file.id}`);
    expect(after.events.map((e) => e.step)).toEqual([1]);
    await screenshot(page, 'dev-2-timeline-1366');
    // A publicity notice downloads as a Word document that opens (a zip with the person's name in its body).
    await page.getByTestId('dev-documents').hover();
    // Each publicity is its own notice: 公示 opens the list of them.
    await page.getByRole('menuitem', { name: '公示' }).hover();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: '拟确定为入党积极分子公示（第3步）' }).click()]);
    const saved = path.join(os.tmpdir(), `yanzhen-e2e-${Date.now()}.docx`);
    await dl.saveAs(saved);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(saved))).file('word/document.xml')!.async('string');
    expect(xml).toContain('关于秦向阳同志拟确定为入党积极分子的公示');
    expect(dl.suggestedFilename()).toBe('秦向阳-拟确定为入党积极分子公示.docx');
    fs.rmSync(saved, { force: true });
    await context.close();

    const phone = await newPage(browser, PHONE);
    await loginUi(phone.page, server.baseUrl, cred.username, cred.password);
    await phone.page.goto(`${server.baseUrl}/development/${file.id}`);
    await waitForTestId(phone.page, 'file-timeline');
    await screenshot(phone.page, 'dev-8-file-phone');
    await phone.context.close();
  });

  it('a secretary opens a file in the form, in her own branch, with a declared near relative', async () => {
    const cred = secretaryLogin();
    const api = new ApiClient(server.baseUrl);
    const me = await api.login(cred.username, cred.password);
    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, cred.username, cred.password);
    await page.goto(`${server.baseUrl}/development`);
    // Let the pipeline's queries settle first: on a loaded CI machine the modal opened before they answered was gone
    // again when the form was filled.
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
    const dialog = page.getByRole('dialog');
    for (let attempt = 0; attempt < 3 && !(await dialog.locator('#gender').isVisible()); attempt++) {
      await page.getByTestId('dev-new-file').click();
      await dialog.locator('#gender').waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    }
    await dialog.locator('#name').fill('柳青禾');
    // An antd select in a modal that is still zooming in can ignore the first click: open it until its options show.
    const pick = async (id: string, option: string) => {
      const item = page.locator('.ant-select-item-option:visible').filter({ hasText: new RegExp(`^${option}$`) });
      for (let attempt = 0; attempt < 5 && !(await item.isVisible()); attempt++) {
        await dialog.locator(`#${id}`).click();
        await item.waitFor({ timeout: 2000 }).catch(() => undefined);
      }
      // The option list may still be sliding in, or overlap the next field's select: a dispatched click selects the
      // option without waiting for the animation; the field then shows the choice.
      await item.dispatchEvent('click');
      const chosen = dialog.locator(`.ant-select:has(#${id}) .ant-select-content, .ant-select:has(#${id}) .ant-select-selection-item`).filter({ hasText: option });
      await chosen.first().waitFor({ timeout: 5000 }).catch(async (err) => {
        await screenshot(page, `dev-debug-${id}`);
        throw err;
      });
    };
    await pick('gender', '女');
    await dialog.locator('#birthDate').fill('1996-03-08');
    await dialog.locator('#birthDate').press('Tab');
    await dialog.locator('#idNumber').fill(composeIdNumber('610529', '1996-03-08', 31, 'female'));
    await pick('education', '大学本科');
    await pick('occupation', '工人');
    await dialog.getByTestId('family-add').click();
    await dialog.locator('#family_0_name').fill('柳长春');
    await pick('family_0_relation', '父母');
    await page.waitForTimeout(300);
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.waitForURL(/\/development\/[0-9a-f-]{36}$/).catch(async (err) => {
      await screenshot(page, 'dev-debug-newfile');
      throw new Error(`${(err as Error).message}\n${await dialog.innerText().catch(() => '')}`);
    });
    const id = page.url().split('/').pop()!;
    const file = await api.get<FileDetail>(`/api/development/files/${id}`);
    // The branch is the secretary's own; the relative is on the file and on its page.
    expect(file).toMatchObject({ orgId: me.orgId, name: '柳青禾', family: [{ name: '柳长春', relation: 'parent', memberId: null }] });
    await waitForTestId(page, 'record-step');
    expect(await page.locator('body').innerText()).toContain('柳长春（父母）');
    await context.close();
  });

  it('the county sees the funnel, the overdue count and the overdue list of the demo pipeline', async () => {
    const pipeline = await server.admin.get<Pipeline>('/api/development/pipeline');
    const overdue = await server.admin.get<{ items: FileSummary[]; total: number }>('/api/development/deadlines?within=overdue&pageSize=20');
    expect(pipeline.overdue).toBeGreaterThan(0);
    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, ADMIN.username, ADMIN.password);
    await page.goto(`${server.baseUrl}/development`);
    await waitForTestId(page, 'dev-funnel');
    await page.locator('[data-testid="dev-funnel"] canvas').waitFor();
    await page.getByTestId('dev-overdue').locator('tbody tr.dev-overdue-row').first().waitFor();
    expect(await page.getByTestId('stat-overdue').innerText()).toContain(String(pipeline.overdue));
    for (const s of pipeline.stages) expect(await page.getByTestId(`stage-${s.stage}`).innerText()).toContain(`${s.count} 人`);
    const listed = await page.getByTestId('dev-overdue').locator('tbody').innerText();
    expect(listed).toContain(overdue.items[0].name);
    expect(listed).toContain('已超期');
    await screenshot(page, 'dev-3-pipeline-1366');
    await page.getByText('连续3年未发展党员的党支部').scrollIntoViewIfNeeded();
    await page.getByText('接收人数').waitFor();
    await screenshot(page, 'dev-5-plans-1366');
    // The rule set in force, and the form-number register of the organization department.
    await page.goto(`${server.baseUrl}/development/rules`);
    await page.getByText('现行第1版').waitFor();
    await screenshot(page, 'dev-6-rules-1366');
    await page.getByRole('tab', { name: '编号登记簿（一人一号）' }).click();
    await page.getByText('有效').first().waitFor();
    await screenshot(page, 'dev-7-numbers-1366');
    await context.close();

    const phone = await newPage(browser, PHONE);
    await loginUi(phone.page, server.baseUrl, ADMIN.username, ADMIN.password);
    await phone.page.goto(`${server.baseUrl}/development`);
    await waitForTestId(phone.page, 'dev-funnel');
    await phone.page.getByTestId('dev-overdue').locator('tbody tr.dev-overdue-row').first().waitFor();
    await screenshot(phone.page, 'dev-4-pipeline-phone');
    await phone.context.close();
  });

  it('a secretary uploads a scan at a step and finds it on the timeline; the county sees the daily warnings', async () => {
    const cred = secretaryLogin();
    const api = new ApiClient(server.baseUrl);
    const me = await api.login(cred.username, cred.password);
    const birthDate = '1997-03-12';
    const file = await api.post<FileDetail>('/api/development/files', {
      orgId: me.orgId, name: '许文静', gender: 'female', birthDate, idNumber: composeIdNumber('610529', birthDate, 9, 'female'),
      phone: null, education: 'bachelor', occupation: 'worker', family: [],
    });
    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, cred.username, cred.password);
    await page.goto(`${server.baseUrl}/development/${file.id}`);
    await waitForTestId(page, 'record-step');
    await page.locator('#receivedBy').fill('本支部');
    // A photo of the application letter (JPEG bytes), uploaded through the step form.
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
    await page.getByTestId('record-step').locator('input[type=file]').setInputFiles({ name: '入党申请书.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByText('入党申请书.jpg').waitFor();
    await expect.poll(async () => page.getByTestId('step-submit').isEnabled()).toBe(true);
    await page.getByTestId('step-submit').click();
    await waitForTestId(page, 'event-documents');
    expect(await page.getByTestId('event-documents').innerText()).toContain('入党申请书.jpg');
    const after = await api.get<FileDetail>(`/api/development/files/${file.id}`);
    expect(after.events[0].documents).toMatchObject([{ name: '入党申请书.jpg', mime: 'image/jpeg' }]);
    // It downloads again with the scope check (the secretary's own branch).
    const res = await api.raw('GET', after.events[0].documents[0].url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(jpeg)).toBe(true);
    await screenshot(page, 'dev-9-scan-1366');
    await context.close();

    // The county runs today's development.daily: the demo pipeline's overdue files become warnings on the pipeline page.
    await server.admin.post('/api/jobs/development.daily/run', {});
    const pipeline = await server.admin.get<Pipeline>('/api/development/pipeline');
    expect(pipeline.warnings.length).toBeGreaterThan(0);
    const county = await newPage(browser);
    await loginUi(county.page, server.baseUrl, ADMIN.username, ADMIN.password);
    await county.page.goto(`${server.baseUrl}/development`);
    await waitForTestId(county.page, 'dev-warnings');
    expect(await county.page.getByTestId('dev-warnings').innerText()).toContain(`${pipeline.warnings[0].label} ${pipeline.warnings[0].count} 人`);
    await county.page.getByRole('tab', { name: /^预警/ }).click();
    await county.page.getByTestId('dev-warning-list').locator('tbody tr').first().waitFor();
    await screenshot(county.page, 'dev-10-warnings-1366');
    await county.context.close();
  });

  it('the county records 留党察看 on a member page, a failed branch vote on a file, and sees the approval authority', async () => {
    const { page, context } = await newPage(browser);
    await loginUi(page, server.baseUrl, ADMIN.username, ADMIN.password);
    // 留党察看 on a full member of the demo roster, through the member page's 党纪处分 tab.
    const members = await server.admin.get<{ items: { id: string; name: string }[] }>('/api/members?status=full&pageSize=1');
    const member = members.items[0];
    await page.goto(`${server.baseUrl}/members/${member.id}`);
    await page.getByRole('tab', { name: '党纪处分' }).click();
    await waitForTestId(page, 'discipline-add');
    await page.getByTestId('discipline-add').click();
    await page.getByTestId('discipline-kind').click();
    await page.getByTitle('留党察看').click();
    const today = toChinaDate(new Date());
    await page.locator('#discipline_startDate').fill(addDays(today, -30));
    await page.locator('#discipline_startDate').press('Enter');
    await page.locator('#discipline_endDate').fill(addDays(addYears(today, 1), -30));
    await page.locator('#discipline_endDate').press('Enter');
    await page.locator('#discipline_reason').fill('违反组织纪律');
    await page.locator('#discipline_decidedBy').fill('中共示范县纪律检查委员会');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('该党员正在留党察看期内').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    const list = await server.admin.get<{ underProbation: boolean }>(`/api/members/${member.id}/disciplines`);
    expect(list.underProbation).toBe(true);
    await screenshot(page, 'dev-11-discipline-1366');

    // A file walked through the API up to step 14 in the secretary's branch; its branch assembly does not pass and is
    // recorded as such from the step form.
    const sec = new ApiClient(server.baseUrl);
    const cred = secretaryLogin();
    const me = await sec.login(cred.username, cred.password);
    const full = await server.admin.get<{ items: { id: string }[] }>(`/api/members?orgId=${me.orgId}&status=full&pageSize=10`);
    const others = full.items.map((m) => m.id).filter((id) => id !== member.id);
    expect(others.length).toBeGreaterThanOrEqual(3);
    const people = { mentors: [others[0]], sponsors: [others[1], others[2]] };
    let file = await server.admin.post<FileDetail>('/api/development/files', fileBody(me.orgId, 0, { name: '郑和平', idNumber: composeIdNumber('610529', '2000-05-20', 300 + Math.floor(Math.random() * 600), 'male') }));
    for (let step = 1; step <= 14; step++) {
      const res = await server.admin.post<{ file: FileDetail }>(`/api/development/files/${file.id}/steps`, stepBody(step, { ...people, formNumber: file.formNumber ?? undefined }, file.version));
      file = res.file;
    }
    await page.goto(`${server.baseUrl}/development/${file.id}`);
    await waitForTestId(page, 'record-step');
    for (const [field, value] of [['dueFullMembers', '3'], ['presentFullMembers', '3'], ['yes', '1'], ['no', '2'], ['abstain', '0'], ['writtenYes', '0'], ['dueExclusionNote', '其余党员长期外出务工，经支部委员会同意不计入应到会人数']]) await page.locator(`#${field}`).fill(value);
    await page.getByTestId('step-failed-vote').click();
    await waitForTestId(page, 'failed-vote-tag');
    const after = await server.admin.get<FileDetail>(`/api/development/files/${file.id}`);
    expect(after.currentStep).toBe(14);
    expect(after.events.at(-1)).toMatchObject({ step: 15, failedVote: true, fields: { yes: 1, no: 2 } });
    await page.getByTestId('failed-vote-tag').scrollIntoViewIfNeeded();
    await screenshot(page, 'dev-12-failed-vote-1366');

    await page.goto(`${server.baseUrl}/development/rules`);
    await page.getByRole('tab', { name: '审批权' }).click();
    await page.getByTestId('dev-approvers').locator('tbody tr').first().waitFor();
    await page.waitForTimeout(500); // the tab's fade-in
    await screenshot(page, 'dev-13-approvers-1366');
    await context.close();
  });
});
