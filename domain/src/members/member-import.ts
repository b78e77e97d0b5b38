// The member roster as an Excel sheet: its columns, Chinese labels ↔ codes, and the "same record?" comparison for re-imports.
import {
  EDUCATION_LABELS,
  GENDERS,
  GENDER_LABELS,
  MEMBER_CATEGORY_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  OCCUPATION_LABELS,
  codeForLabel,
  type MemberCategory,
} from './member-vocabulary';
import { z } from 'zod';
import type { MemberFields } from './member.schemas';

export type SheetColumnKind = 'text' | 'date';
export type MemberSheetColumn = { key: MemberSheetKey; title: string; required: boolean; kind: SheetColumnKind; width: number };

/** The roster sheet's columns, in template order. `required`: the column must be present in an imported file. */
export const MEMBER_SHEET_COLUMNS = [
  { key: 'name', title: '姓名', required: true, kind: 'text', width: 10 },
  { key: 'gender', title: '性别', required: true, kind: 'text', width: 6 },
  { key: 'ethnicity', title: '民族', required: true, kind: 'text', width: 10 },
  { key: 'birthDate', title: '出生日期', required: true, kind: 'date', width: 12 },
  { key: 'idNumber', title: '身份证号', required: true, kind: 'text', width: 21 },
  { key: 'education', title: '学历', required: true, kind: 'text', width: 12 },
  { key: 'occupation', title: '职业类别', required: true, kind: 'text', width: 18 },
  { key: 'job', title: '工作单位及职务', required: false, kind: 'text', width: 24 },
  { key: 'phone', title: '联系电话', required: false, kind: 'text', width: 14 },
  { key: 'address', title: '家庭住址', required: false, kind: 'text', width: 28 },
  { key: 'joinDate', title: '入党日期', required: true, kind: 'date', width: 12 },
  { key: 'fullMembershipDate', title: '转正日期', required: false, kind: 'date', width: 12 },
  { key: 'status', title: '党员状态', required: true, kind: 'text', width: 10 },
  { key: 'categories', title: '党员类别', required: false, kind: 'text', width: 20 },
  { key: 'mobileDestination', title: '外出地点', required: false, kind: 'text', width: 16 },
  { key: 'mobileSince', title: '外出时间', required: false, kind: 'date', width: 12 },
  { key: 'mobileContact', title: '外出联系方式', required: false, kind: 'text', width: 16 },
  { key: 'branch', title: '所属支部', required: true, kind: 'text', width: 24 },
  { key: 'group', title: '党小组', required: false, kind: 'text', width: 14 },
] as const satisfies readonly { key: string; title: string; required: boolean; kind: SheetColumnKind; width: number }[];

export type MemberSheetKey =
  | Exclude<keyof MemberFields, 'orgId' | 'groupId'>
  | 'branch'
  | 'group';
export type MemberSheetValues = Record<MemberSheetKey, string | null>;

export const MEMBER_SHEET_TITLES = Object.fromEntries(MEMBER_SHEET_COLUMNS.map((c) => [c.key, c.title])) as Record<MemberSheetKey, string>;

/** The column title for a member field (orgId → 所属支部, groupId → 党小组). */
export function memberSheetTitle(field: string): string {
  if (field === 'orgId') return MEMBER_SHEET_TITLES.branch;
  if (field === 'groupId') return MEMBER_SHEET_TITLES.group;
  return (MEMBER_SHEET_TITLES as Record<string, string>)[field] ?? field;
}

/** Separators accepted between categories in one cell: 、 , ， ; ； and spaces. */
const CATEGORY_SEPARATORS = /[、,，;；\s]+/;

export type SheetIssue = { key: MemberSheetKey; message: string };

export function parseCategories(text: string | null): { categories: MemberCategory[]; issues: SheetIssue[] } {
  const categories: MemberCategory[] = [];
  const issues: SheetIssue[] = [];
  for (const part of (text ?? '').split(CATEGORY_SEPARATORS).filter(Boolean)) {
    const code = codeForLabel(MEMBER_CATEGORY_LABELS, part);
    if (code) categories.push(code);
    else issues.push({ key: 'categories', message: `党员类别“${part}”不在可选范围内（可选：${Object.values(MEMBER_CATEGORY_LABELS).join('、')}）` });
  }
  return { categories, issues };
}

function labelToCode<K extends string>(labels: Record<K, string>, key: MemberSheetKey, value: string | null, issues: SheetIssue[]): K | undefined {
  if (value === null) return undefined;
  const code = codeForLabel(labels, value);
  if (!code) issues.push({ key, message: `${MEMBER_SHEET_TITLES[key]}“${value}”不在可选范围内（可选：${Object.values<string>(labels).join('、')}）` });
  return code;
}

/**
 * A sheet row's cells (already trimmed text or ISO dates) → the member form's input, labels turned into codes.
 * Branch and party group stay names here (the server resolves them within the user's scope). Label errors are
 * returned as issues; the fields they concern are left out, so the form schema's own message does not repeat them.
 */
export function memberInputFromSheet(values: MemberSheetValues): { input: Record<string, unknown>; issues: SheetIssue[] } {
  const issues: SheetIssue[] = [];
  const cats = parseCategories(values.categories);
  issues.push(...cats.issues);
  const input: Record<string, unknown> = {
    name: values.name ?? undefined,
    gender: labelToCode(GENDER_LABELS, 'gender', values.gender, issues),
    ethnicity: values.ethnicity ?? undefined,
    birthDate: values.birthDate ?? undefined,
    idNumber: values.idNumber ?? undefined,
    education: labelToCode(EDUCATION_LABELS, 'education', values.education, issues),
    occupation: labelToCode(OCCUPATION_LABELS, 'occupation', values.occupation, issues),
    job: values.job,
    phone: values.phone,
    address: values.address,
    joinDate: values.joinDate ?? undefined,
    fullMembershipDate: values.fullMembershipDate,
    status: labelToCode(MEMBERSHIP_STATUS_LABELS, 'status', values.status, issues),
    categories: cats.categories,
    mobileDestination: values.mobileDestination,
    mobileSince: values.mobileSince,
    mobileContact: values.mobileContact,
  };
  return { input, issues };
}

/** A member's fields → the sheet's cells (codes back to labels); the export and the template's example use it. */
export function memberSheetValues(m: Omit<MemberFields, 'orgId' | 'groupId'>, branch: string, group: string | null): MemberSheetValues {
  return {
    name: m.name,
    gender: GENDER_LABELS[m.gender],
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    idNumber: m.idNumber,
    education: EDUCATION_LABELS[m.education],
    occupation: OCCUPATION_LABELS[m.occupation],
    job: m.job,
    phone: m.phone,
    address: m.address,
    joinDate: m.joinDate,
    fullMembershipDate: m.fullMembershipDate,
    status: MEMBERSHIP_STATUS_LABELS[m.status],
    categories: m.categories.length ? m.categories.map((c) => MEMBER_CATEGORY_LABELS[c]).join('、') : null,
    mobileDestination: m.mobileDestination,
    mobileSince: m.mobileSince,
    mobileContact: m.mobileContact,
    branch,
    group,
  };
}

const COMPARED_FIELDS = [
  'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'education', 'occupation', 'job', 'phone', 'address', 'joinDate',
  'fullMembershipDate', 'status', 'categories', 'mobileDestination', 'mobileSince', 'mobileContact', 'orgId', 'groupId',
] as const satisfies readonly (keyof MemberFields)[];

/**
 * The column titles on which an imported row differs from the stored record (empty: the same member, unchanged).
 * Categories compare as a set; the order typed in the cell does not matter.
 */
export function memberDifferences(stored: MemberFields, imported: MemberFields): string[] {
  const differs: string[] = [];
  for (const f of COMPARED_FIELDS) {
    const a = stored[f];
    const b = imported[f];
    const same = Array.isArray(a) && Array.isArray(b) ? [...a].sort().join(',') === [...b].sort().join(',') : (a ?? null) === (b ?? null);
    if (!same) differs.push(memberSheetTitle(f));
  }
  return differs;
}

/** The options of the closed-list columns, as the template's drop-downs offer them. */
export const MEMBER_SHEET_CHOICES = {
  gender: GENDERS.map((g) => GENDER_LABELS[g]),
  education: Object.values(EDUCATION_LABELS),
  occupation: Object.values(OCCUPATION_LABELS),
  status: Object.values(MEMBERSHIP_STATUS_LABELS),
  categories: Object.values(MEMBER_CATEGORY_LABELS),
} as const;

export const MEMBER_IMPORT_STATUSES = ['validating', 'validated', 'failed', 'importing', 'done'] as const;
export type MemberImportStatus = (typeof MEMBER_IMPORT_STATUSES)[number];

/** An import job as the API returns it: progress, the first 1,000 errors (row, column, message) and the counts. */
export const ZMemberImportJob = z.object({
  id: z.string(),
  status: z.enum(MEMBER_IMPORT_STATUSES),
  fileName: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
  errorCount: z.number().int(),
  warnings: z.array(z.string()),
  summary: z.object({ toInsert: z.number().int(), unchanged: z.number().int() }).nullable(),
  result: z.object({ inserted: z.number().int(), unchanged: z.number().int() }).nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type MemberImportJob = z.infer<typeof ZMemberImportJob>;
