import { describe, expect, it } from 'vitest';
import { INT32_MAX, INT32_MIN, ZInstant, ZIsoDate, ZPageQuery, ZPeriod, ZVersion, ZYearMonth, safeFileName, zInt, zOptionalText, zQueryInt, zStr, zText } from './schemas';

const ok = (s: { safeParse: (v: unknown) => { success: boolean } }, v: unknown) => s.safeParse(v).success;
const message = (s: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, v: unknown) => s.safeParse(v).error?.issues[0]?.message;

describe('text blocks', () => {
  it('refuse NUL and other control characters, keep tabs and line breaks, in Chinese', () => {
    expect(ok(zStr(), 'ab\u0000cd')).toBe(false);
    expect(ok(zStr(), '\u0000')).toBe(false);
    expect(ok(zStr(), 'a\u0007b')).toBe(false);
    expect(ok(zStr(), 'a\u007Fb')).toBe(false);
    expect(ok(zStr(), '第一行\n第二行\r\n\t缩进')).toBe(true);
    expect(ok(zStr(), '𠀀生僻字·A')).toBe(true);
    expect(message(zStr(), 'x\u0000')).toContain('控制字符');
  });
  it('zText trims, and names the field in its messages at both bounds', () => {
    const topic = zText('活动主题', 2, 5);
    expect(topic.parse('  学习  ')).toBe('学习');
    expect(message(topic, '学')).toBe('活动主题至少2个字');
    expect(message(topic, '学习党章党规')).toBe('活动主题不能超过5个字');
    expect(message(topic, 12)).toBe('请填写活动主题');
    expect(message(topic, '学习\u0000')).toContain('控制字符');
  });
  it('zOptionalText turns blank into null and still refuses NUL', () => {
    const note = zOptionalText('备注', 10);
    expect(note.parse('')).toBeNull();
    expect(note.parse(undefined)).toBeNull();
    expect(note.parse(' 好 ')).toBe('好');
    expect(ok(note, '\u0000')).toBe(false);
  });
  it('safeFileName drops folders and control characters and falls back when nothing is left', () => {
    expect(safeFileName('C:\\Users\\王\\名册.xlsx', 'x')).toBe('名册.xlsx');
    expect(safeFileName('../../etc/pass\u0000wd', 'x')).toBe('passwd');
    expect(safeFileName('\u0000', '照片.jpg')).toBe('照片.jpg');
    expect(safeFileName(undefined, '文件')).toBe('文件');
    expect(safeFileName('a'.repeat(300), 'x')).toHaveLength(200);
  });
});

describe('integer blocks', () => {
  it('stay inside a 32-bit integer column whatever bounds are asked for', () => {
    const any = zInt(-1e12, 1e12);
    expect(ok(any, INT32_MAX)).toBe(true);
    expect(ok(any, INT32_MAX + 1)).toBe(false);
    expect(ok(any, INT32_MIN)).toBe(true);
    expect(ok(any, INT32_MIN - 1)).toBe(false);
    expect(ok(any, 1.5)).toBe(false);
    expect(ok(any, 1e300)).toBe(false);
    expect(ok(any, '12')).toBe(false);
  });
  it('ZVersion: 1 to 2^31−1, with a Chinese message naming it', () => {
    expect(ok(ZVersion, 1)).toBe(true);
    expect(ok(ZVersion, 0)).toBe(false);
    expect(ok(ZVersion, 2 ** 31)).toBe(false);
    expect(message(ZVersion, 2 ** 31)).toBe(`版本号不能大于${INT32_MAX}`);
  });
  it('zQueryInt coerces querystring text and refuses what is not a whole number in range', () => {
    const q = zQueryInt(0, 150, '年龄');
    expect(q.parse('35')).toBe(35);
    expect(ok(q, '2147483648')).toBe(false);
    expect(ok(q, '1e309')).toBe(false);
    expect(ok(q, 'abc')).toBe(false);
    expect(ok(q, '151')).toBe(false);
  });
  it('the page query bounds page and page size', () => {
    expect(ZPageQuery.parse({})).toMatchObject({ page: 1, pageSize: 20 });
    expect(ok(ZPageQuery, { pageSize: '201' })).toBe(false);
    expect(ok(ZPageQuery, { page: '99999999999' })).toBe(false);
    expect(ok(ZPageQuery, { sort: 'name\u0000' })).toBe(false);
  });
});

describe('calendar blocks', () => {
  it('ZIsoDate: real dates from 1900-01-01 to 2100-12-31 only', () => {
    expect(ok(ZIsoDate, '2024-02-29')).toBe(true);
    expect(ok(ZIsoDate, '2026-02-29')).toBe(false);
    expect(ok(ZIsoDate, '2026-02-30')).toBe(false);
    expect(ok(ZIsoDate, '2026-04-31')).toBe(false);
    expect(ok(ZIsoDate, '1900-01-01')).toBe(true);
    expect(ok(ZIsoDate, '1899-12-31')).toBe(false);
    expect(ok(ZIsoDate, '2100-12-31')).toBe(true);
    expect(ok(ZIsoDate, '2101-01-01')).toBe(false);
    expect(ok(ZIsoDate, '9999-12-31')).toBe(false);
    expect(message(ZIsoDate, '9999-12-31')).toContain('1900-01-01 至 2100-12-31');
    expect(ok(ZIsoDate, '2026-6-1')).toBe(false);
  });
  it('ZYearMonth: YYYY-MM with a real month, 1900 to 2100', () => {
    expect(ok(ZYearMonth, '2026-12')).toBe(true);
    expect(ok(ZYearMonth, '2026-13')).toBe(false);
    expect(ok(ZYearMonth, '2026-00')).toBe(false);
    expect(ok(ZYearMonth, '0000-01')).toBe(false);
    expect(ok(ZYearMonth, '2101-01')).toBe(false);
  });
  it('ZPeriod: a real date or month', () => {
    expect(ok(ZPeriod, '2026-05')).toBe(true);
    expect(ok(ZPeriod, '2026-05-31')).toBe(true);
    expect(ok(ZPeriod, '2026-02-30')).toBe(false);
    expect(ok(ZPeriod, '2026-5')).toBe(false);
  });
  it('ZInstant: ISO 8601 with an offset on a real date', () => {
    expect(ok(ZInstant, '2026-06-15T10:00:00+08:00')).toBe(true);
    expect(ok(ZInstant, '2026-06-15T02:00:00Z')).toBe(true);
    expect(ok(ZInstant, '2026-02-30T10:00:00+08:00')).toBe(false);
    expect(ok(ZInstant, '9999-12-31T00:00:00Z')).toBe(false);
    expect(ok(ZInstant, '2026-06-15')).toBe(false);
  });
});
