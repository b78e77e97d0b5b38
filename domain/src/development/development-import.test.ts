import { describe, expect, it } from 'vitest';
import { parseFormNumber } from './development-import';

describe('form numbers carried by an import (一人一号)', () => {
  it('county code + year + 5-digit sequence', () => {
    expect(parseFormNumber('610102202500007', '610102')).toEqual({ ok: true, year: 2025, seq: 7 });
    expect(parseFormNumber('61010220250007', '610102')).toMatchObject({ ok: false });
    expect(parseFormNumber('610102202500007x', '610102')).toMatchObject({ ok: false });
    expect(parseFormNumber('610199202500007', '610102')).toEqual({ ok: false, message: '入党志愿书编号应以本县代码 610102 开头' });
    expect(parseFormNumber('610102202500000', '610102')).toEqual({ ok: false, message: '入党志愿书编号的序号不能为 00000' });
    expect(parseFormNumber('610102198900001', '610102')).toMatchObject({ ok: false });
  });
});

describe('an imported row with a wrong choice says what was written and what may be', () => {
  it('names the value and the choices for 学历, 职业 and 民族', async () => {
    const { DEFAULT_DEVELOPMENT_RULE_SET, composeIdNumber } = await import('../index');
    const { parseDevelopmentRow, DEVELOPMENT_IMPORT_COLUMNS } = await import('./development-import');
    const values = Object.fromEntries(DEVELOPMENT_IMPORT_COLUMNS.map((c) => [c.key, null])) as Parameters<typeof parseDevelopmentRow>[0];
    Object.assign(values, { name: '导入甲', gender: '男', ethnicity: '汉', birthDate: '1995-03-01', idNumber: composeIdNumber('610529', '1995-03-01', 7, 'male'), education: '本科', occupation: '农民', branch: '西官村党支部', step1: '2025-01-10' });
    const { issues } = parseDevelopmentRow(values, DEFAULT_DEVELOPMENT_RULE_SET.params, '2026-11-26');
    expect(issues.find((i) => i.key === 'education')?.message).toBe('学历“本科”不在可选范围内（可选：研究生、大学本科、大学专科、中专、高中、初中及以下）');
    expect(issues.find((i) => i.key === 'occupation')?.message).toContain('职业“农民”不在可选范围内（可选：工人、农牧渔民、');
    expect(issues.find((i) => i.key === 'ethnicity')?.message).toContain('民族“汉”不在56个民族名称之内');
  });
});
