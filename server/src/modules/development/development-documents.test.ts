import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { fileBody, walk, type Sessions } from './development.fixtures';

let env: TestEnv;
afterEach(async () => env?.close());

async function documentXml(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  return zip.file('word/document.xml')!.async('string');
}

describe('development documents and export', () => {
  it('generates the Word documents from the recorded data, and refuses one whose step is not recorded', async () => {
    env = await createTestEnv({ now: '2026-09-29T02:00:00Z' });
    const { ctx, base } = env;
    const a = await buildMember(ctx, base.countyId, base.branch1, { name: '刘红' });
    const b = await buildMember(ctx, base.countyId, base.branch1, { name: '孙强' });
    const c = await buildMember(ctx, base.countyId, base.branch1, { name: '周敏' });
    const s: Sessions = { branch: await env.as('branchSecretary'), committee: await env.as('committeeAdmin'), county: await env.as('countyAdmin') };
    const file = (await s.branch.post('/api/development/files', fileBody(base.branch1.id, 1))).json();
    await walk(s, file.id, 15, { mentors: [a], sponsors: [b, c] });

    const res = await s.branch.get(`/api/development/files/${file.id}/documents/branchResolution`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('赵晓明-支部大会决议.docx'));
    const xml = await documentXml(res.rawPayload);
    expect(xml).toContain('支部大会决议');
    expect(xml).toContain('应到会有表决权的正式党员4名，实到3名');

    // A publicity notice spanning National Day runs to the fifth working day.
    const pub = await s.branch.get(`/api/development/files/${file.id}/documents/publicity?step=23&start=2026-09-30`);
    expect(await documentXml(pub.rawPayload)).toContain('2026年9月30日至2026年10月12日');

    const approval = await s.branch.get(`/api/development/files/${file.id}/documents/approval`);
    expect(approval.statusCode).toBe(409);
    expect(approval.json().error.message).toBe('尚未记录第17步“上级党委审批”，不能生成审批意见');
    expect((await (await env.as('otherTownAdmin')).get(`/api/development/files/${file.id}/documents/branchResolution`)).statusCode).toBe(404);

    const xlsx = await s.county.get('/api/development/export');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('发展党员')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['赵晓明', '西官村党支部', '15. 支部大会讨论', '2025-09-01', '610102202500001', '上级党委审批（3个月内）', '是']));
  });
});
