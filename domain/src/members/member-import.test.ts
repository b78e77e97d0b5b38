import { describe, expect, it } from 'vitest';
import {
  MEMBER_SHEET_COLUMNS,
  memberDifferences,
  memberInputFromSheet,
  memberSheetTitle,
  memberSheetValues,
  parseCategories,
  type MemberSheetValues,
} from './member-import';
import { memberInputSchema, type MemberFields } from './member.schemas';

const ORG = '11111111-1111-4111-8111-111111111111';

const fields: MemberFields = {
  name: '张宏伟',
  gender: 'male',
  ethnicity: '汉族',
  birthDate: '1985-03-12',
  idNumber: '610102198503120011',
  education: 'bachelor',
  occupation: 'worker',
  job: null,
  phone: '13800000001',
  address: null,
  joinDate: '2010-07-01',
  fullMembershipDate: '2011-07-01',
  status: 'full',
  categories: ['inService', 'mobile'],
  mobileDestination: '西安市',
  mobileSince: '2020-01-01',
  mobileContact: null,
  orgId: ORG,
  groupId: null,
};

describe('parseCategories', () => {
  it('splits on every accepted separator', () => {
    for (const text of ['在职党员、流动党员', '在职党员,流动党员', '在职党员，流动党员', '在职党员;流动党员', '在职党员；流动党员', ' 在职党员 、 流动党员 ']) {
      expect(parseCategories(text)).toEqual({ categories: ['inService', 'mobile'], issues: [] });
    }
  });
  it('is empty for an empty cell', () => {
    expect(parseCategories(null)).toEqual({ categories: [], issues: [] });
    expect(parseCategories('')).toEqual({ categories: [], issues: [] });
  });
  it('names an unknown category and keeps the known ones', () => {
    const r = parseCategories('在职党员、优秀党员');
    expect(r.categories).toEqual(['inService']);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].message).toContain('党员类别“优秀党员”不在可选范围内');
  });
});

describe('memberInputFromSheet', () => {
  it('round-trips the export values to the same fields', () => {
    const values = memberSheetValues(fields, '西官村党支部', null);
    expect(values.gender).toBe('男');
    expect(values.education).toBe('大学本科');
    expect(values.categories).toBe('在职党员、流动党员');
    const { input, issues } = memberInputFromSheet(values);
    expect(issues).toEqual([]);
    const parsed = memberInputSchema('2026-06-15').parse({ ...input, orgId: ORG, groupId: null });
    expect(parsed).toEqual(fields);
  });
  it('reports labels outside the closed lists, by column, and leaves those fields out', () => {
    const values: MemberSheetValues = { ...memberSheetValues(fields, '西官村党支部', null), gender: '未知', education: '本科', status: '党员' };
    const { input, issues } = memberInputFromSheet(values);
    expect(issues.map((i) => i.key)).toEqual(['gender', 'education', 'status']);
    expect(issues[1].message).toBe('学历“本科”不在可选范围内（可选：研究生、大学本科、大学专科、中专、高中、初中及以下）');
    expect(input.gender).toBeUndefined();
  });
  it('turns empty required cells into missing values so the form schema asks for them', () => {
    const values: MemberSheetValues = { ...memberSheetValues(fields, '西官村党支部', null), name: null };
    const { input } = memberInputFromSheet(values);
    const r = memberInputSchema('2026-06-15').safeParse({ ...input, orgId: ORG });
    expect(r.success).toBe(false);
    expect(r.error?.issues.find((i) => i.path[0] === 'name')?.message).toBe('请填写姓名');
  });
});

describe('memberDifferences', () => {
  it('is empty for the same record, whatever the category order', () => {
    expect(memberDifferences(fields, { ...fields, categories: ['mobile', 'inService'] })).toEqual([]);
  });
  it('names each differing column in Chinese', () => {
    expect(memberDifferences(fields, { ...fields, name: '张宏', phone: null, orgId: '22222222-2222-4222-8222-222222222222' })).toEqual([
      '姓名',
      '联系电话',
      '所属支部',
    ]);
  });
});

describe('sheet columns', () => {
  it('has the nineteen template titles in order', () => {
    expect(MEMBER_SHEET_COLUMNS.map((c) => c.title).join(',')).toBe(
      '姓名,性别,民族,出生日期,身份证号,学历,职业类别,工作单位及职务,联系电话,家庭住址,入党日期,转正日期,党员状态,党员类别,外出地点,外出时间,外出联系方式,所属支部,党小组',
    );
    expect(memberSheetTitle('orgId')).toBe('所属支部');
    expect(memberSheetTitle('fullMembershipDate')).toBe('转正日期');
  });
});
