// Importing in-progress development files from Excel: one row per person, the dates of the key steps done so far.
// Every row is checked with the same rules as recording those steps (age, six months, one year, order, plan dates).
import { addMonths, isValidIsoDate, nthBirthday, yearsBetween, type IsoDate } from '../calendar/dates';
import { EDUCATIONS, EDUCATION_LABELS, ETHNICITIES, GENDER_LABELS, OCCUPATIONS, OCCUPATION_LABELS, codeForLabel, type Education, type Occupation } from '../members/member-vocabulary';
import { parseIdNumber } from '../members/id-number';
import type { DevelopmentRuleParams } from './rule-set';

export const DEVELOPMENT_IMPORT_STEPS = [1, 2, 3, 7, 15, 17] as const;
export type DevelopmentImportKey = 'name' | 'gender' | 'ethnicity' | 'birthDate' | 'idNumber' | 'phone' | 'education' | 'occupation' | 'branch' | 'formNumber' | `step${(typeof DEVELOPMENT_IMPORT_STEPS)[number]}`;

export const DEVELOPMENT_IMPORT_COLUMNS: readonly { key: DevelopmentImportKey; title: string; required: boolean; kind: 'text' | 'date' }[] = [
  { key: 'name', title: '姓名', required: true, kind: 'text' },
  { key: 'gender', title: '性别', required: true, kind: 'text' },
  { key: 'ethnicity', title: '民族', required: true, kind: 'text' },
  { key: 'birthDate', title: '出生日期', required: true, kind: 'date' },
  { key: 'idNumber', title: '身份证号', required: true, kind: 'text' },
  { key: 'phone', title: '手机号', required: false, kind: 'text' },
  { key: 'education', title: '学历', required: true, kind: 'text' },
  { key: 'occupation', title: '职业', required: true, kind: 'text' },
  { key: 'branch', title: '所在党支部', required: true, kind: 'text' },
  { key: 'step1', title: '递交入党申请书日期', required: true, kind: 'date' },
  { key: 'step2', title: '谈话日期', required: false, kind: 'date' },
  { key: 'step3', title: '确定入党积极分子日期', required: false, kind: 'date' },
  { key: 'step7', title: '确定发展对象日期', required: false, kind: 'date' },
  { key: 'formNumber', title: '入党志愿书编号', required: false, kind: 'text' },
  { key: 'step15', title: '支部大会讨论日期', required: false, kind: 'date' },
  { key: 'step17', title: '上级党委审批日期', required: false, kind: 'date' },
];

export type ImportedFile = {
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: IsoDate;
  idNumber: string;
  phone: string | null;
  education: Education;
  occupation: Occupation;
  branch: string;
  steps: { step: number; date: IsoDate }[];
  /** The 入党志愿书 number issued before import (一人一号), to be registered in the county's number register. */
  formNumber: { number: string; year: number; seq: number } | null;
};

/**
 * A county form number (一人一号): the county's 6-digit code, the 4-digit year of issue and a 5-digit sequence —
 * the same shape the platform issues. Returns its year and sequence, or why it is not one of this county's numbers.
 */
export function parseFormNumber(number: string, countyCode: string): { ok: true; year: number; seq: number } | { ok: false; message: string } {
  if (!/^\d{15}$/.test(number)) return { ok: false, message: `入党志愿书编号应为15位数字（县代码6位 + 年份4位 + 序号5位），填写的是“${number}”` };
  if (number.slice(0, 6) !== countyCode) return { ok: false, message: `入党志愿书编号应以本县代码 ${countyCode} 开头` };
  const year = Number(number.slice(6, 10));
  const seq = Number(number.slice(10));
  if (year < 1990 || year > 2100) return { ok: false, message: `入党志愿书编号中的年份 ${year} 不正确` };
  if (seq < 1) return { ok: false, message: '入党志愿书编号的序号不能为 00000' };
  return { ok: true, year, seq };
}

type Issue = { key: DevelopmentImportKey; message: string };

/** A sheet row (values as text, dates already normalized to ISO by the reader) → the file to create, or its issues. */
export function parseDevelopmentRow(values: Record<DevelopmentImportKey, string | null>, rules: DevelopmentRuleParams, today: IsoDate, countyCode = ''): { file: ImportedFile | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const v = (k: DevelopmentImportKey) => values[k]?.trim() || null;
  const gender = codeForLabel(GENDER_LABELS, v('gender') ?? '');
  if (!gender) issues.push({ key: 'gender', message: '性别应为“男”或“女”' });
  const ethnicity = v('ethnicity') ?? '';
  if (!(ETHNICITIES as readonly string[]).includes(ethnicity)) issues.push({ key: 'ethnicity', message: `民族“${ethnicity}”不在56个民族名称之内（应填写如“汉族”“回族”）` });
  const education = (EDUCATIONS as readonly string[]).includes(v('education') ?? '') ? (v('education') as Education) : codeForLabel(EDUCATION_LABELS, v('education') ?? '');
  if (!education) issues.push({ key: 'education', message: `学历“${v('education') ?? ''}”不在可选范围内（可选：${Object.values(EDUCATION_LABELS).join('、')}）` });
  const occupation = (OCCUPATIONS as readonly string[]).includes(v('occupation') ?? '') ? (v('occupation') as Occupation) : codeForLabel(OCCUPATION_LABELS, v('occupation') ?? '');
  if (!occupation) issues.push({ key: 'occupation', message: `职业“${v('occupation') ?? ''}”不在可选范围内（可选：${Object.values(OCCUPATION_LABELS).join('、')}）` });
  const birthDate = v('birthDate');
  const idNumber = (v('idNumber') ?? '').toUpperCase();
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) issues.push({ key: 'idNumber', message: parsed.message });
  else if (birthDate && parsed.value.birthDate !== birthDate) issues.push({ key: "birthDate", message: `出生日期与身份证号不一致（身份证号为 ${parsed.value.birthDate}）` });
  const phone = v('phone');
  if (phone && !/^1\d{10}$/.test(phone)) issues.push({ key: 'phone', message: '手机号应为11位' });

  const steps: { step: number; date: IsoDate }[] = [];
  let previous: { step: number; date: IsoDate } | null = null;
  let gap = false;
  for (const step of DEVELOPMENT_IMPORT_STEPS) {
    const key = `step${step}` as DevelopmentImportKey;
    const date = v(key);
    if (!date) {
      gap = true;
      continue;
    }
    if (!isValidIsoDate(date)) {
      issues.push({ key, message: '日期格式不正确' });
      continue;
    }
    if (gap) issues.push({ key, message: '前面的步骤日期未填写，步骤须按顺序办理' });
    if (date > today) issues.push({ key, message: `日期晚于今天（${today}）` });
    if (previous && date < previous.date) issues.push({ key, message: `不能早于上一步日期（${previous.date}）` });
    steps.push({ step, date });
    previous = { step, date };
  }
  const at = (s: number) => steps.find((x) => x.step === s)?.date ?? null;
  if (birthDate && at(1) && yearsBetween(birthDate, at(1)!) < rules.minApplicationAge) {
    issues.push({ key: 'step1', message: `递交入党申请书时须年满${rules.minApplicationAge}周岁，最早 ${nthBirthday(birthDate, rules.minApplicationAge)}` });
  }
  if (at(1) && at(3) && at(3)! < addMonths(at(1)!, rules.activistMinMonthsAfterApplication)) {
    issues.push({ key: 'step3', message: `递交入党申请书满${rules.activistMinMonthsAfterApplication}个月后方可确定为入党积极分子，最早 ${addMonths(at(1)!, rules.activistMinMonthsAfterApplication)}` });
  }
  if (at(3) && at(7) && at(7)! < addMonths(at(3)!, rules.candidateMinMonthsAsActivist)) {
    issues.push({ key: 'step7', message: `列为入党积极分子满一年后方可确定为发展对象，最早 ${addMonths(at(3)!, rules.candidateMinMonthsAsActivist)}` });
  }
  if (at(15) && at(17) && at(17)! > addMonths(at(15)!, rules.approvalSpecialMaxMonths)) {
    issues.push({ key: 'step17', message: `上级党委审批超过支部大会后${rules.approvalSpecialMaxMonths}个月（应不晚于 ${addMonths(at(15)!, rules.approvalSpecialMaxMonths)}）` });
  }
  // 一人一号: a number is issued after the pre-review of a 发展对象, so a file voted on by the branch assembly must carry it.
  const number = v('formNumber');
  let formNumber: ImportedFile['formNumber'] = null;
  if (number) {
    const p = parseFormNumber(number, countyCode);
    if (!p.ok) issues.push({ key: 'formNumber', message: p.message });
    else if (!at(7)) issues.push({ key: 'formNumber', message: '确定为发展对象并经预审后才发放入党志愿书编号，请填写确定发展对象日期或删除编号' });
    else if (p.year > Number(today.slice(0, 4))) issues.push({ key: 'formNumber', message: `入党志愿书编号中的年份 ${p.year} 晚于今年` });
    else formNumber = { number, year: p.year, seq: p.seq };
  } else if (at(15)) {
    issues.push({ key: 'formNumber', message: '已召开支部大会讨论的须填写入党志愿书编号（一人一号）' });
  }
  if (issues.length > 0 || !gender || !education || !occupation || !birthDate) return { file: null, issues };
  return { file: { name: v('name')!, gender, ethnicity, birthDate, idNumber, phone, education, occupation, branch: v('branch')!, steps, formNumber }, issues };
}
