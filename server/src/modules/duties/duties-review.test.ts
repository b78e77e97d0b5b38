import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getTestDatabase } from '../../test/test-db';
import { dutyItems } from '../../db/schema/index';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { generateYear } from './duties.fixtures';

let env: TestEnv;
// The worker's database starts (PGlite boots and migrates) in the hook, not inside the first test's time limit.
beforeAll(() => getTestDatabase().then(() => undefined));
afterEach(async () => env?.close());

describe('quarterly review', () => {
  it('exports the county review as an Excel workbook and a Word notice, and a town its own', async () => {
    env = await createTestEnv();
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-04-01');
    await env.ctx.db.update(dutyItems).set({ status: 'accepted', onTime: true }).where(and(eq(dutyItems.orgId, env.base.branch2.id), like(dutyItems.month, '2026-0%')));
    const county = await env.as('countyAdmin');
    for (const month of ['2026-04', '2026-05']) expect((await county.post('/api/duties/months/close', { month })).statusCode).toBe(200);

    const x = await county.get('/api/duties/reviews/quarterly?year=2026&quarter=2');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['概况', '镇（街道）排名', '组织明细', '事项完成情况', '预警']);
    expect(wb.getWorksheet('概况')!.getRow(2).getCell(2).value).toBe('测试县2026年第二季度基层党组织书记抓党建履职情况讲评');
    expect(wb.getWorksheet('概况')!.getRow(3).getCell(2).value).toBe(4);
    const ranking = wb.getWorksheet('镇（街道）排名')!;
    expect(ranking.getRow(2).getCell(2).value).toBe('代字营镇党委');
    expect(ranking.getRow(3).getCell(2).value).toBe('城关镇党委');
    expect(wb.getWorksheet('预警')!.rowCount).toBeGreaterThan(1);
    // Every item that fell due in the closed months of the quarter is listed (not only the five best and worst), each row adding up.
    const sheet = wb.getWorksheet('事项完成情况')!;
    const listed = sheet.getSheetValues().slice(2).map((row) => (row as unknown[])[1] as string);
    const dueInQuarter = (await env.ctx.db.selectDistinct({ title: dutyItems.title }).from(dutyItems).where(and(eq(dutyItems.countyId, env.base.countyId), inArray(dutyItems.month, ['2026-04', '2026-05'])))).map((t) => t.title);
    expect(new Set(listed)).toEqual(new Set(dueInQuarter));
    expect(sheet.getRow(2).getCell(5).value).toBe('完成较好');

    const d = await county.get('/api/duties/reviews/quarterly?year=2026&quarter=2&format=docx');
    expect(d.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(d.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('的通报');
    expect(xml).toContain('镇（街道）排名');
    expect(xml).toContain('代字营镇党委');

    const town1 = await env.as('townAdmin');
    expect((await town1.get(`/api/duties/reviews/quarterly?year=2026&quarter=2&orgId=${env.base.root.id}`)).statusCode).toBe(404);
    expect((await town1.get(`/api/duties/reviews/quarterly?year=2026&quarter=2&orgId=${env.base.town2.id}`)).statusCode).toBe(404);
    const own = await town1.get('/api/duties/reviews/quarterly?year=2026&quarter=2');
    expect(own.statusCode).toBe(200);
    const tw = new ExcelJS.Workbook();
    await tw.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    expect(tw.getWorksheet('组织明细')!.rowCount).toBe(3);
    expect((await (await env.as('branchSecretary')).get('/api/duties/reviews/quarterly?year=2026&quarter=2')).statusCode).toBe(403);
  });
});
