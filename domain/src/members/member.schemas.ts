// Member (党员档案) input and output schemas, shared by the server, the Excel import and the web form.
import { z } from 'zod';
import { nthBirthday, type IsoDate } from '../calendar/dates';
import { ZAuditEntry } from '../audit/audit.schemas';
import { ZId, ZIsoDate, ZPageQuery, ZVersion, zList, zOptionalText, zQueryInt, zQueryText, zQueryYear, zStr } from '../core/schemas';
import { parseIdNumber } from './id-number';
import {
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  MEMBER_CATEGORIES,
  MEMBERSHIP_STATUSES,
  OCCUPATIONS,
} from './member-vocabulary';

export const PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

const optionalText = (max: number, label: string) => zOptionalText(label, max);

/** Field-level rules only; `memberInputSchema(today)` adds the rules that tie fields together. */
export const ZMemberFields = z.object({
  name: zStr({ error: '请填写姓名' })
    .trim()
    .min(2, { message: '姓名至少2个字' })
    .max(30, { message: '姓名不能超过30个字' })
    // Rare characters (生僻字) of the CJK extensions B–H and compatibility ideographs are real names too.
    .regex(/^[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{323af}·•・A-Za-z]+$/u, { message: '姓名只能包含汉字、字母和“·”' }),
  gender: z.enum(GENDERS, { error: '性别应为男或女' }),
  ethnicity: z.enum(ETHNICITIES, { error: '民族不在56个民族名称之内' }),
  birthDate: ZIsoDate,
  idNumber: zStr({ error: '请填写身份证号' }).trim().max(30, { message: '身份证号不能超过30位' }).toUpperCase(),
  education: z.enum(EDUCATIONS, { error: '请选择学历' }),
  occupation: z.enum(OCCUPATIONS, { error: '请选择职业类别' }),
  job: optionalText(100, '工作单位及职务'),
  phone: zStr()
    .trim()
    .max(30, { message: '联系电话不能超过30位' })
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || PHONE_RE.test(v), { message: '联系电话应为11位手机号或带区号的固定电话' }),
  address: optionalText(200, '家庭住址'),
  joinDate: ZIsoDate,
  fullMembershipDate: ZIsoDate.nullish().transform((v) => v ?? null),
  status: z.enum(MEMBERSHIP_STATUSES, { error: '党员状态应为预备党员或正式党员' }),
  categories: z.array(z.enum(MEMBER_CATEGORIES)).default([]),
  mobileDestination: optionalText(100, '外出地点'),
  mobileSince: ZIsoDate.nullish().transform((v) => v ?? null),
  mobileContact: optionalText(100, '外出联系方式'),
  orgId: ZId,
  groupId: ZId.nullish().transform((v) => v ?? null),
});
export type MemberFields = z.infer<typeof ZMemberFields>;

export type MemberRuleIssue = { path: keyof MemberFields; message: string };

/** Cross-field rules of a member record; `today` is passed in (no clock reads in the domain). */
export function memberRuleIssues(m: MemberFields, today: IsoDate): MemberRuleIssue[] {
  const issues: MemberRuleIssue[] = [];
  const id = parseIdNumber(m.idNumber, today);
  if (!id.ok) {
    issues.push({ path: 'idNumber', message: id.message });
  } else {
    if (id.value.birthDate !== m.birthDate) {
      issues.push({ path: 'birthDate', message: `出生日期与身份证号不一致（身份证号为 ${id.value.birthDate}）` });
    }
    if (id.value.gender !== m.gender) {
      issues.push({ path: 'gender', message: `性别与身份证号不一致（身份证号为${id.value.gender === 'male' ? '男' : '女'}）` });
    }
  }
  if (m.birthDate > today) issues.push({ path: 'birthDate', message: '出生日期不能晚于今天' });
  if (m.joinDate > today) issues.push({ path: 'joinDate', message: '入党日期不能晚于今天' });
  else if (m.joinDate < nthBirthday(m.birthDate, 18)) {
    issues.push({ path: 'joinDate', message: `入党时须年满18周岁（最早 ${nthBirthday(m.birthDate, 18)}）` });
  }
  if (m.status === 'full') {
    if (!m.fullMembershipDate) issues.push({ path: 'fullMembershipDate', message: '正式党员须填写转正日期' });
    else if (m.fullMembershipDate <= m.joinDate) issues.push({ path: 'fullMembershipDate', message: '转正日期须晚于入党日期' });
    else if (m.fullMembershipDate > today) issues.push({ path: 'fullMembershipDate', message: '转正日期不能晚于今天' });
  } else if (m.fullMembershipDate) {
    issues.push({ path: 'fullMembershipDate', message: '预备党员不应有转正日期' });
  }
  if (new Set(m.categories).size !== m.categories.length) issues.push({ path: 'categories', message: '党员类别有重复' });
  if (m.categories.includes('mobile')) {
    if (!m.mobileDestination) issues.push({ path: 'mobileDestination', message: '流动党员须填写外出地点' });
    if (!m.mobileSince) issues.push({ path: 'mobileSince', message: '流动党员须填写外出时间' });
    else if (m.mobileSince > today) issues.push({ path: 'mobileSince', message: '外出时间不能晚于今天' });
  }
  return issues;
}

export const memberInputSchema = (today: IsoDate) =>
  ZMemberFields.superRefine((m, ctx) => {
    for (const issue of memberRuleIssues(m, today)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type MemberInput = z.input<typeof ZMemberFields>;

export const ZMemberUpdate = ZMemberFields.extend({ version: ZVersion });
export type MemberUpdate = z.infer<typeof ZMemberUpdate>;
export const memberUpdateSchema = (today: IsoDate) =>
  ZMemberUpdate.superRefine((m, ctx) => {
    for (const issue of memberRuleIssues(m, today)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });

export const ZMemberListQuery = ZPageQuery.extend({
  q: zQueryText(40).optional(),
  orgId: ZId.optional(),
  category: z.enum(MEMBER_CATEGORIES).optional(),
  status: z.enum(MEMBERSHIP_STATUSES).optional(),
  gender: z.enum(GENDERS).optional(),
  education: z.enum(EDUCATIONS).optional(),
  ageMin: zQueryInt(0, 150, '年龄').optional(),
  ageMax: zQueryInt(0, 150, '年龄').optional(),
  joinYearMin: zQueryYear(1921, 2100).optional(),
  joinYearMax: zQueryYear(1921, 2100).optional(),
  // birthDate sorts by the birth month (what the lists show), then by name.
  sort: z
    .enum(['name', '-name', 'birthDate', '-birthDate', 'joinDate', '-joinDate', 'createdAt', '-createdAt'])
    .optional(),
});
export type MemberListQuery = z.infer<typeof ZMemberListQuery>;

/**
 * The roster export: the list's filters; masked by default. `full=true` (members.exportSensitive) writes the full ID
 * numbers, phones and birth dates, with the reason typed by the user (audited, and written into the file).
 */
export const ZMemberExportQuery = ZMemberListQuery.omit({ page: true, pageSize: true }).extend({
  full: z
    .enum(['true', 'false'], { error: 'full 应为 true 或 false' })
    .optional()
    .transform((v) => v === 'true'),
  reason: zStr().trim().max(200, { message: '导出事由不能超过200个字' }).optional(),
});
export type MemberExportQuery = z.infer<typeof ZMemberExportQuery>;
export const MIN_EXPORT_REASON = 4;
/** How many members an export with these filters writes (the confirmation says how many people's data leave the system). */
export const ZMemberExportCount = z.object({ count: z.number().int(), mayExportFull: z.boolean() });

/**
 * A member as lists show it, to every role: ID number to its region code, birth date to the month (出生年月), age
 * counted from that month, phones masked (docs/DATA-MODEL.md). An allow-list: new columns never leak by accident.
 */
export const ZMemberSummary = z.object({
  id: ZId,
  name: z.string(),
  gender: z.enum(GENDERS),
  /** `YYYY-MM`. */
  birthMonth: z.string(),
  age: z.number().int(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  education: z.enum(EDUCATIONS),
  joinDate: z.string(),
  status: z.enum(MEMBERSHIP_STATUSES),
  categories: z.array(z.enum(MEMBER_CATEGORIES)),
  orgId: ZId,
  orgName: z.string(),
});
export type MemberSummary = z.infer<typeof ZMemberSummary>;
/**
 * The roster counts its matches exactly up to this many; a broader match (a surname at province scale) answers
 * `total` = the cap (or the end of the page asked for, if further) with `totalCapped: true`, shown as “超过 10,000 人”.
 */
export const MEMBER_TOTAL_CAP = 10_000;
export const ZMemberList = zList(ZMemberSummary).extend({
  /** The total stopped counting at the cap: there are more matches than `total`. */
  totalCapped: z.boolean(),
});

export const ZMemberDetail = ZMemberSummary.extend({
  ethnicity: z.string(),
  occupation: z.enum(OCCUPATIONS),
  job: z.string().nullable(),
  address: z.string().nullable(),
  fullMembershipDate: z.string().nullable(),
  mobileDestination: z.string().nullable(),
  mobileSince: z.string().nullable(),
  /** 外出联系方式 with every phone or ID number in it masked. */
  mobileContactMasked: z.string().nullable(),
  groupId: ZId.nullable(),
  groupName: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ update: z.boolean(), move: z.boolean(), viewSensitive: z.boolean() }),
});
export type MemberDetail = z.infer<typeof ZMemberDetail>;

/** The audited full view (members.viewSensitive): the secret fields and the exact birth date. */
export const ZMemberSensitive = z.object({ idNumber: z.string(), phone: z.string().nullable(), mobileContact: z.string().nullable(), birthDate: z.string() });
export type MemberSensitive = z.infer<typeof ZMemberSensitive>;

export const ZMemberMove = z.object({
  orgId: ZId,
  groupId: ZId.nullish().transform((v) => v ?? null),
  version: ZVersion,
  reason: zStr().trim().min(2, { message: '请填写调整原因' }).max(200),
});
export type MemberMove = z.infer<typeof ZMemberMove>;

/** A member's change history (the audit entries recorded against the record), newest first, a page with the true total. */
export const ZMemberHistory = zList(ZAuditEntry);
export type MemberHistory = z.infer<typeof ZMemberHistory>;
