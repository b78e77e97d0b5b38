import { describe, expect, it } from 'vitest';
import { composeIdNumber } from '../members/id-number';
import { arrearsLevelOf } from './dues-rules';
import { normalizeMonthText, parseDuesBaseRow, yuanInWords } from './dues-import';

const id = composeIdNumber('610102', '1980-05-06', 12, 'male');
const row = (over: Partial<Record<'name' | 'idNumber' | 'category' | 'base' | 'fromMonth', string | null>> = {}) => ({ name: '张三', idNumber: id, category: '在职职工', base: '4500.50', fromMonth: null, ...over });

describe('parseDuesBaseRow', () => {
  it('reads a clean employee row with January as the default start', () => {
    expect(parseDuesBaseRow(row(), 2026)).toEqual({ issues: [], base: { name: '张三', idNumber: id, category: 'employee', baseFen: 450050, fromMonth: '2026-01' } });
  });
  it('accepts short and colloquial category words', () => {
    expect(parseDuesBaseRow(row({ category: '离退休' }), 2026).base?.category).toBe('retiree');
    expect(parseDuesBaseRow(row({ category: '农民党员', base: null }), 2026).base).toMatchObject({ category: 'farmer', baseFen: 0 });
    expect(parseDuesBaseRow(row({ category: ' 低保 ', base: '' }), 2026).base).toMatchObject({ category: 'student', baseFen: 0 });
  });
  it('requires a base for employees and retirees', () => {
    expect(parseDuesBaseRow(row({ base: null }), 2026).issues).toEqual([{ key: 'base', message: expect.stringContaining('在职职工须填写月交纳基数') }]);
    expect(parseDuesBaseRow(row({ category: '离退休人员', base: null }), 2026).issues[0].message).toContain('基本退休费');
  });
  it('rejects bad amounts, unknown categories, bad ID numbers and empty names, each on its column', () => {
    const r = parseDuesBaseRow({ name: '', idNumber: '6101021980', category: '干部', base: '-5', fromMonth: null }, 2026);
    expect(r.base).toBeNull();
    expect(r.issues.map((i) => i.key)).toEqual(['name', 'idNumber', 'category', 'base']);
    expect(r.issues[2].message).toContain('“干部”无法识别');
    expect(parseDuesBaseRow(row({ base: '12.345' }), 2026).issues[0]).toMatchObject({ key: 'base' });
    expect(parseDuesBaseRow(row({ base: '1000000.01' }), 2026).issues[0].message).toContain('100万');
    expect(parseDuesBaseRow(row({ base: '3,000.00元' }), 2026).base?.baseFen).toBe(300000);
  });
  it('takes a mid-year start month inside the year only', () => {
    expect(parseDuesBaseRow(row({ fromMonth: '2026年7月' }), 2026).base?.fromMonth).toBe('2026-07');
    expect(parseDuesBaseRow(row({ fromMonth: '2025-12' }), 2026).issues[0].message).toContain('不在核定年度 2026 年内');
    expect(parseDuesBaseRow(row({ fromMonth: '7月' }), 2026).issues[0]).toMatchObject({ key: 'fromMonth' });
  });
});

describe('normalizeMonthText', () => {
  it.each([
    ['2026-03', '2026-03'], ['2026-3', '2026-03'], ['2026/3', '2026-03'], ['2026.03', '2026-03'], ['2026年3月', '2026-03'], ['202603', '2026-03'], ['2026-03-01', '2026-03'],
    ['2026-13', null], ['2026-00', null], ['三月', null], ['', null],
  ])('%s → %s', (text, expected) => expect(normalizeMonthText(text)).toBe(expected));
});

describe('yuanInWords', () => {
  it.each([
    [0, '零元整'], [2, '贰分'], [20, '贰角'], [100, '壹元整'], [105, '壹元零伍分'], [150, '壹元伍角'], [1234, '壹拾贰元叁角肆分'],
    [10000, '壹佰元整'], [100500, '壹仟零伍元整'], [1000000, '壹万元整'], [1000100, '壹万零壹元整'], [12345678, '壹拾贰万叁仟肆佰伍拾陆元柒角捌分'],
    [10000000000, '壹亿元整'], [10001000000, '壹亿零壹万元整'],
  ])('%i fen → %s', (fen, words) => expect(yuanInWords(fen)).toBe(words));
});

describe('arrearsLevelOf', () => {
  it.each([[0, 'none'], [2, 'none'], [3, 'yellow'], [5, 'yellow'], [6, 'red'], [12, 'red']])('%i months → %s', (n, level) => expect(arrearsLevelOf(n)).toBe(level));
});
