import { describe, expect, it } from 'vitest';
import { composeIdNumber } from './id-number';
import { ZMemberFields, ZMemberListQuery, memberInputSchema, memberRuleIssues, type MemberFields } from './member.schemas';

const TODAY = '2026-06-15';
const ORG = '00000000-0000-4000-8000-000000000001';

function member(overrides: Partial<MemberFields> = {}): MemberFields {
  const birthDate = overrides.birthDate ?? '1985-03-12';
  const gender = overrides.gender ?? 'male';
  return {
    name: '张宏伟',
    gender,
    ethnicity: '汉族',
    birthDate,
    idNumber: composeIdNumber('610102', birthDate, 7, gender),
    education: 'bachelor',
    occupation: 'worker',
    job: null,
    phone: '13812345678',
    address: null,
    joinDate: '2010-07-01',
    fullMembershipDate: '2011-07-01',
    status: 'full',
    categories: ['inService'],
    mobileDestination: null,
    mobileSince: null,
    mobileContact: null,
    orgId: ORG,
    groupId: null,
    ...overrides,
  };
}
const paths = (m: MemberFields) => memberRuleIssues(m, TODAY).map((i) => i.path);

describe('memberRuleIssues', () => {
  it('finds nothing wrong with a consistent record', () => {
    expect(memberRuleIssues(member(), TODAY)).toEqual([]);
  });

  it('reports an invalid ID number on idNumber, with the reason', () => {
    expect(memberRuleIssues(member({ idNumber: '610102198503120071' }), TODAY)).toEqual([
      { path: 'idNumber', message: expect.stringContaining('校验码错误') },
    ]);
  });

  it('reports a birth date that differs from the ID number', () => {
    const m = member({ idNumber: composeIdNumber('610102', '1985-03-13', 7, 'male') });
    expect(memberRuleIssues(m, TODAY)).toEqual([{ path: 'birthDate', message: '出生日期与身份证号不一致（身份证号为 1985-03-13）' }]);
  });

  it('reports a gender that differs from the ID number', () => {
    const m = member({ idNumber: composeIdNumber('610102', '1985-03-12', 7, 'female') });
    expect(memberRuleIssues(m, TODAY)).toEqual([{ path: 'gender', message: '性别与身份证号不一致（身份证号为女）' }]);
  });

  describe('joining at 18', () => {
    it('refuses a join date the day before the 18th birthday', () => {
      const m = member({ birthDate: '2000-06-15', joinDate: '2018-06-14', fullMembershipDate: '2019-06-14' });
      expect(memberRuleIssues(m, TODAY)).toEqual([{ path: 'joinDate', message: '入党时须年满18周岁（最早 2018-06-15）' }]);
    });
    it('accepts a join date on the 18th birthday', () => {
      expect(paths(member({ birthDate: '2000-06-15', joinDate: '2018-06-15', fullMembershipDate: '2019-06-15' }))).toEqual([]);
    });
    it('for a 29 February birth, the 18th birthday in a common year is 1 March', () => {
      const base = { birthDate: '2000-02-29', fullMembershipDate: '2019-03-01' } as const;
      expect(memberRuleIssues(member({ ...base, joinDate: '2018-02-28' }), TODAY)).toEqual([
        { path: 'joinDate', message: '入党时须年满18周岁（最早 2018-03-01）' },
      ]);
      expect(paths(member({ ...base, joinDate: '2018-03-01' }))).toEqual([]);
    });
  });

  it('refuses dates after today; today itself is fine', () => {
    expect(paths(member({ joinDate: '2026-06-16', status: 'probationary', fullMembershipDate: null }))).toEqual(['joinDate']);
    expect(paths(member({ joinDate: '2026-06-15', status: 'probationary', fullMembershipDate: null }))).toEqual([]);
    expect(paths(member({ fullMembershipDate: '2026-06-16' }))).toEqual(['fullMembershipDate']);
    const unborn = member({ birthDate: '2026-06-16', joinDate: '2026-06-15', status: 'probationary', fullMembershipDate: null });
    expect(paths(unborn)).toEqual(expect.arrayContaining(['idNumber', 'birthDate']));
  });

  it('requires a full-membership date of a full member, after the join date', () => {
    expect(memberRuleIssues(member({ fullMembershipDate: null }), TODAY)).toEqual([{ path: 'fullMembershipDate', message: '正式党员须填写转正日期' }]);
    expect(memberRuleIssues(member({ fullMembershipDate: '2010-07-01' }), TODAY)).toEqual([{ path: 'fullMembershipDate', message: '转正日期须晚于入党日期' }]);
  });

  it('refuses a full-membership date on a probationary member', () => {
    expect(memberRuleIssues(member({ status: 'probationary' }), TODAY)).toEqual([{ path: 'fullMembershipDate', message: '预备党员不应有转正日期' }]);
    expect(paths(member({ status: 'probationary', fullMembershipDate: null }))).toEqual([]);
  });

  it('requires destination and since-date of a mobile member', () => {
    expect(memberRuleIssues(member({ categories: ['mobile'] }), TODAY)).toEqual([
      { path: 'mobileDestination', message: '流动党员须填写外出地点' },
      { path: 'mobileSince', message: '流动党员须填写外出时间' },
    ]);
    expect(paths(member({ categories: ['mobile'], mobileDestination: '广东省深圳市', mobileSince: '2024-03-01' }))).toEqual([]);
    expect(paths(member({ categories: ['mobile'], mobileDestination: '广东省深圳市', mobileSince: '2026-07-01' }))).toEqual(['mobileSince']);
  });

  it('refuses duplicate categories', () => {
    expect(memberRuleIssues(member({ categories: ['inService', 'inService'] }), TODAY)).toEqual([{ path: 'categories', message: '党员类别有重复' }]);
  });
});

describe('memberInputSchema', () => {
  it('reports rule issues as zod issues at the field path', () => {
    const r = memberInputSchema(TODAY).safeParse({ ...member(), idNumber: '610102198503120071' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['idNumber', expect.stringContaining('校验码错误')]]);
  });

  it('normalizes the ID number and empty optional text', () => {
    const id = '11010519491231002X';
    const r = memberInputSchema(TODAY).parse({
      ...member({ birthDate: '1949-12-31', gender: 'female', joinDate: '1970-07-01', fullMembershipDate: '1971-07-01' }),
      idNumber: ` ${id.toLowerCase()} `,
      job: '',
      phone: '',
    });
    expect(r).toMatchObject({ idNumber: id, job: null, phone: null });
  });

  it('accepts names with rare characters outside the basic CJK block and transliterated names', () => {
    for (const name of ['王𠇔', '𬌗明', '阿依古丽·买买提', '阿依古丽・买买提']) expect(ZMemberFields.safeParse({ ...member(), name }).success).toBe(true);
    for (const name of ['张3', '张 三', 'Zhang<', '😀😀']) expect(ZMemberFields.safeParse({ ...member(), name }).success).toBe(false);
  });

  it('gives Chinese messages for bad field formats', () => {
    const r = ZMemberFields.safeParse({ ...member(), name: '张', phone: '12345', ethnicity: '火星族' });
    expect(r.error?.issues.map((i) => i.message)).toEqual(['姓名至少2个字', '民族不在56个民族名称之内', '联系电话应为11位手机号或带区号的固定电话']);
  });
});

describe('ZMemberListQuery', () => {
  it('coerces numbers from the query string and defaults the page', () => {
    expect(ZMemberListQuery.parse({ ageMin: '18', joinYearMax: '2000' })).toMatchObject({ ageMin: 18, joinYearMax: 2000, page: 1, pageSize: 20 });
    expect(ZMemberListQuery.safeParse({ sort: 'idNumber' }).success).toBe(false);
  });
});
