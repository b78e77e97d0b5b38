// The yearly dues base import (年度党费基数核定) from Excel: the columns, and the check of one row (what, where, in Chinese).
import { parseIdNumber } from '../members/id-number';
import { DUES_CATEGORIES, DUES_CATEGORY_LABELS, DUES_CATEGORY_SHORT_LABELS, parseYuan, type DuesCategory } from './dues-rules';

export const DUES_BASE_IMPORT_COLUMNS = [
  { key: 'name', title: '姓名', required: true, kind: 'text' },
  { key: 'idNumber', title: '身份证号', required: true, kind: 'text' },
  { key: 'category', title: '党费类别', required: true, kind: 'text' },
  { key: 'base', title: '月交纳基数（元）', required: false, kind: 'text' },
  { key: 'fromMonth', title: '起始月份', required: false, kind: 'text' },
] as const;
export type DuesBaseImportKey = (typeof DUES_BASE_IMPORT_COLUMNS)[number]['key'];

/** Words a branch writes in the category column → the category. */
const CATEGORY_WORDS: Record<string, DuesCategory> = {
  ...Object.fromEntries(DUES_CATEGORIES.map((c) => [DUES_CATEGORY_LABELS[c], c])),
  ...Object.fromEntries(DUES_CATEGORIES.map((c) => [DUES_CATEGORY_SHORT_LABELS[c], c])),
  在职: 'employee', 在职党员: 'employee', 职工: 'employee', 在职人员: 'employee',
  离退休: 'retiree', 退休: 'retiree', 离休: 'retiree', 退休人员: 'retiree', 离退休党员: 'retiree',
  农民: 'farmer', 农民党员: 'farmer',
  学生: 'student', 下岗失业: 'student', 失业: 'student', 低保: 'student', 学生党员: 'student',
};

export type ImportedDuesBase = { name: string; idNumber: string; category: DuesCategory; baseFen: number; fromMonth: string };
export type DuesBaseRowIssue = { key: DuesBaseImportKey; message: string };

/** 2026-03, 2026-3, 2026/3, 2026.03, 2026年3月, 202603, 2026-03-01 → 2026-03; null when not a month. */
export function normalizeMonthText(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.]\s*\d{1,2}\s*日?)?$/.exec(text.trim()) ?? /^(\d{4})(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const mm = Number(m[2]);
  if (mm < 1 || mm > 12) return null;
  return `${m[1]}-${String(mm).padStart(2, '0')}`;
}

/**
 * One row of the yearly base file. Employees and retirees need a base (the whole monthly base, up to 2 decimals);
 * farmers and students pay a fixed amount, so their base may be left empty (0). The start month defaults to January
 * of the year being fixed and must fall in that year (a mid-year pay change starts from the month the new pay starts).
 */
export function parseDuesBaseRow(values: Record<DuesBaseImportKey, string | null>, year: number): { issues: DuesBaseRowIssue[]; base: ImportedDuesBase | null } {
  const issues: DuesBaseRowIssue[] = [];
  const name = values.name?.trim() ?? '';
  if (!name) issues.push({ key: 'name', message: '姓名不能为空' });
  else if (name.length > 30) issues.push({ key: 'name', message: '姓名不能超过30个字' });
  let idNumber = '';
  if (!values.idNumber) issues.push({ key: 'idNumber', message: '身份证号不能为空' });
  else {
    const id = parseIdNumber(values.idNumber);
    if (!id.ok) issues.push({ key: 'idNumber', message: id.message });
    else idNumber = id.value.idNumber;
  }
  const categoryText = values.category?.replace(/\s/g, '') ?? '';
  const category = categoryText ? CATEGORY_WORDS[categoryText] : undefined;
  if (!categoryText) issues.push({ key: 'category', message: '党费类别不能为空（在职职工、离退休人员、农民党员、学生/失业/低保）' });
  else if (!category) issues.push({ key: 'category', message: `党费类别“${categoryText}”无法识别，请填写：在职职工、离退休人员、农民党员、学生/失业/低保` });
  let baseFen = 0;
  const baseText = values.base?.replace(/[,，\s元]/g, '') ?? '';
  if (!baseText) {
    if (category === 'employee' || category === 'retiree') issues.push({ key: 'base', message: category === 'employee' ? '在职职工须填写月交纳基数（税后工资扣除五险一金等）' : '离退休人员须填写月交纳基数（基本退休费）' });
  } else {
    const fen = parseYuan(baseText);
    if (fen === null) issues.push({ key: 'base', message: `月交纳基数“${values.base}”不是有效金额（非负数，最多两位小数）` });
    else if (fen > 100_000_000) issues.push({ key: 'base', message: '月交纳基数超过100万元，请核对' });
    else baseFen = fen;
  }
  let fromMonth = `${year}-01`;
  if (values.fromMonth) {
    const m = normalizeMonthText(values.fromMonth);
    if (!m) issues.push({ key: 'fromMonth', message: `起始月份“${values.fromMonth}”格式不正确，应为 ${year}-01 这样的年月` });
    else if (Number(m.slice(0, 4)) !== year) issues.push({ key: 'fromMonth', message: `起始月份 ${m} 不在核定年度 ${year} 年内` });
    else fromMonth = m;
  }
  if (issues.length || !category) return { issues, base: null };
  return { issues, base: { name, idNumber, category, baseFen, fromMonth } };
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿'];

/** Amount in Chinese capitals for a receipt (人民币大写): 12345 fen → 壹佰贰拾叁元肆角伍分; 10000 → 壹佰元整. */
export function yuanInWords(fen: number): string {
  if (!Number.isInteger(fen) || fen < 0) throw new Error('amount must be a non-negative integer of fen');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let intPart = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let y = yuan; y > 0; y = Math.floor(y / 10000)) groups.push(y % 10000);
    let zeroPending = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const n = groups[g];
      if (n === 0) {
        zeroPending = intPart !== '';
        continue;
      }
      let s = '';
      let started = false;
      for (let i = 3; i >= 0; i--) {
        const d = Math.floor(n / 10 ** i) % 10;
        if (d === 0) {
          if (started || intPart !== '') zeroPending = true;
          continue;
        }
        if (zeroPending && (started || intPart !== '')) s += '零';
        zeroPending = false;
        s += DIGITS[d] + UNITS[i];
        started = true;
      }
      intPart += s + GROUPS[g];
    }
    intPart += '元';
  }
  if (jiao === 0 && cents === 0) return yuan === 0 ? '零元整' : `${intPart}整`;
  let dec = '';
  if (jiao > 0) dec += `${DIGITS[jiao]}角`;
  else if (yuan > 0) dec += '零';
  if (cents > 0) dec += `${DIGITS[cents]}分`;
  return intPart + dec;
}
