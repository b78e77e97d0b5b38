import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { contentDisposition, neutralizeCell, normalizeDateText, readSheet, unneutralizeText, type ReadColumn } from './excel';

type Key = 'name' | 'born' | 'id';
const COLUMNS: ReadColumn<Key>[] = [
  { key: 'name', title: '姓名', required: true, kind: 'text' },
  { key: 'born', title: '出生日期', required: true, kind: 'date' },
  { key: 'id', title: '身份证号', required: false, kind: 'text' },
];

async function book(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('formula injection', () => {
  it('prefixes strings that a spreadsheet would run, and only those', () => {
    for (const v of ['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralizeCell(v)).toBe(`'${v}`);
    for (const v of ['张三', 'a=b', 12, null]) expect(neutralizeCell(v)).toBe(v);
    expect(unneutralizeText(neutralizeCell('=HYPERLINK("x")') as string)).toBe('=HYPERLINK("x")');
    expect(unneutralizeText("'quoted")).toBe("'quoted");
  });
});

describe('contentDisposition', () => {
  it('carries the UTF-8 name per RFC 5987 and an ASCII fallback', () => {
    expect(contentDisposition('党员名册 (1).xlsx', 'members.xlsx')).toBe(
      `attachment; filename="members.xlsx"; filename*=UTF-8''%E5%85%9A%E5%91%98%E5%90%8D%E5%86%8C%20%281%29.xlsx`,
    );
  });
});

describe('normalizeDateText', () => {
  it('accepts the usual ways of typing a date', () => {
    for (const t of ['1985-3-12', '1985/03/12', '1985.3.12', '1985年3月12日', '19850312']) expect(normalizeDateText(t)).toBe('1985-03-12');
    expect(normalizeDateText('去年')).toBe('去年');
  });
});

describe('readSheet', () => {
  it('finds the header under a title row, in any column order, and converts cells', async () => {
    const data = await book([
      ['党员名册'],
      ['身份证号', ' 出生日期（YYYY-MM-DD）', '*姓名', '序号'],
      ['610102198503120011', new Date('1985-03-12T00:00:00Z'), '  张三 ', 1],
      [null, null, null, null],
      [{ richText: [{ text: '6101' }, { text: '02198503120011' }] }, 31118, { formula: '"李"&"四"', result: '李四' }, 2],
      [610102198503120000, 19850312, '王五', 3],
      [null, { error: '#N/A' }, '赵六', 4],
    ]);
    const { rows, unknownColumns } = await readSheet(data, COLUMNS, { maxRows: 100 });
    expect(unknownColumns).toEqual(['序号']);
    expect(rows.map((r) => r.row)).toEqual([3, 5, 6, 7]);
    expect(rows[0].values).toEqual({ name: '张三', born: '1985-03-12', id: '610102198503120011' });
    expect(rows[1].values).toEqual({ name: '李四', born: '1985-03-12', id: '610102198503120011' });
    expect(rows[2].values.born).toBe('1985-03-12');
    expect(rows[2].issues).toEqual([{ key: 'id', message: '身份证号被 Excel 存成了数字，末几位已丢失，请将该列设为“文本”格式后重新填写' }]);
    expect(rows[3].issues).toEqual([{ key: 'born', message: '出生日期单元格内容有误（#N/A）' }]);
  });

  it('says which required columns are missing, and refuses repeated columns, too many rows and non-xlsx bytes', async () => {
    await expect(readSheet(await book([['姓名', '身份证号']]), COLUMNS, { maxRows: 10 })).rejects.toThrow('缺少必需的列：出生日期（第1行为表头）');
    await expect(readSheet(await book([['姓名', '姓名', '出生日期']]), COLUMNS, { maxRows: 10 })).rejects.toThrow('表头中的列重复：姓名');
    await expect(readSheet(await book([['姓名', '出生日期'], ['张三', '1985-03-12'], ['李四', '1985-03-12']]), COLUMNS, { maxRows: 1 })).rejects.toThrow(
      '文件超过 1 行的上限，请拆分后分批导入',
    );
    await expect(readSheet(await book([['姓名', '出生日期']]), COLUMNS, { maxRows: 1 })).rejects.toThrow('文件中没有数据：表头下面没有填写任何行');
    await expect(readSheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), COLUMNS, { maxRows: 1 })).rejects.toThrow('不支持旧版 Excel（.xls）文件');
    await expect(readSheet(await book([['甲', '乙']]), COLUMNS, { maxRows: 1 })).rejects.toThrow('未找到表头行');
  });
});
