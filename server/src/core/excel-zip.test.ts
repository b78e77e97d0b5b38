// The limits read from the zip before any parsing: a zip bomb (honest or lying directory), too many rows, a corrupt file.
import { describe, expect, it } from 'vitest';
import { buildSheetXlsx, buildZipBomb } from '../test/xlsx-files';
import { readSheet } from './excel';
import { MAX_UNCOMPRESSED_BYTES, inspectXlsx } from './excel-zip';

const refusal = async (p: Promise<unknown>) => {
  const err = (await p.then(() => null, (e: unknown) => e)) as { code?: string; message?: string } | null;
  expect(err, 'expected a refusal').not.toBeNull();
  return { code: err!.code, message: err!.message };
};

const MB = 1024 * 1024;
const header = ['姓名', '出生日期'];

describe('inspectXlsx', () => {
  it('refuses a zip bomb from its central directory, before inflating anything', async () => {
    const bomb = await buildZipBomb(MAX_UNCOMPRESSED_BYTES + 10 * MB);
    expect(bomb.length).toBeLessThan(MB);
    expect(await refusal(inspectXlsx(bomb, { maxRows: 50_000 }))).toEqual({
      code: 'EXCEL_TOO_LARGE',
      message: '文件解压后约 160 MB，超过 150 MB 的上限（可能含有大量空白格式、图片或其他工作表）：请只保留数据，另存为新的 .xlsx 后再上传',
    });
  });

  it('refuses a zip bomb whose directory lies about its size, by capping the bytes inflated', async () => {
    const liar = await buildZipBomb(40 * MB, { lie: true });
    const r = await refusal(inspectXlsx(liar, { maxRows: 50_000, maxUncompressedBytes: 20 * MB }));
    expect(r.code).toBe('EXCEL_TOO_LARGE');
    expect(r.message).toContain('超过 20 MB 的上限');
  });

  it('refuses more rows than the limit, counting only rows with values', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`张${i}`, '1985-03-12']);
    expect(await refusal(inspectXlsx(buildSheetXlsx([header, ...rows(111)]), { maxRows: 100 }))).toEqual({ code: 'EXCEL_TOO_MANY_ROWS', message: '文件超过 100 行的上限，请拆分后分批导入' });
    // Formatted but empty rows (as Excel leaves them) do not count.
    const padded = buildSheetXlsx([header, ...rows(100), ...Array.from({ length: 500 }, () => [])]);
    expect((await inspectXlsx(padded, { maxRows: 100 })).sheetRows).toBe(101);
    // And the file reads as an ordinary sheet.
    const read = await readSheet(padded, [{ key: 'name', title: '姓名', required: true, kind: 'text' }, { key: 'born', title: '出生日期', required: true, kind: 'date' }], { maxRows: 100 });
    expect(read.rows).toHaveLength(100);
    expect(read.rows[99].values).toEqual({ name: '张99', born: '1985-03-12' });
  });

  it('calls a zip without a directory corrupt', async () => {
    const r = await refusal(inspectXlsx(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), { maxRows: 10 }));
    expect(r.code).toBe('EXCEL_UNREADABLE');
  });
});
