// The member roster's closed lists (categories, statuses, education, occupation, ethnicity) with Chinese labels.
export const MEMBERSHIP_STATUSES = ['probationary', 'full'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = { probationary: '预备党员', full: '正式党员' };

export const MEMBER_CATEGORIES = ['inService', 'hardship', 'mobile', 'elderly', 'frail'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = {
  inService: '在职党员',
  hardship: '困难党员',
  mobile: '流动党员',
  elderly: '老党员',
  frail: '年老体弱党员',
};

export const GENDERS = ['male', 'female'] as const;
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { male: '男', female: '女' };

export const EDUCATIONS = ['postgraduate', 'bachelor', 'college', 'secondaryVocational', 'highSchool', 'juniorOrBelow'] as const;
export type Education = (typeof EDUCATIONS)[number];
export const EDUCATION_LABELS: Record<Education, string> = {
  postgraduate: '研究生',
  bachelor: '大学本科',
  college: '大学专科',
  secondaryVocational: '中专',
  highSchool: '高中',
  juniorOrBelow: '初中及以下',
};
/** College-educated (大专及以上), for structure statistics. */
export const COLLEGE_EDUCATIONS: readonly Education[] = ['postgraduate', 'bachelor', 'college'];

export const OCCUPATIONS = [
  'worker',
  'farmer',
  'manager',
  'professional',
  'civilServant',
  'student',
  'retired',
  'military',
  'other',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];
export const OCCUPATION_LABELS: Record<Occupation, string> = {
  worker: '工人',
  farmer: '农牧渔民',
  manager: '企事业单位管理人员',
  professional: '专业技术人员',
  civilServant: '党政机关工作人员',
  student: '学生',
  retired: '离退休人员',
  military: '军人、武警',
  other: '其他职业人员',
};
/** Frontline occupations (一线), for structure statistics. */
export const FRONTLINE_OCCUPATIONS: readonly Occupation[] = ['worker', 'farmer', 'professional'];

export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

/** Reverse lookup: a Chinese label (as typed in Excel) → its code. */
export function codeForLabel<K extends string>(labels: Record<K, string>, label: string): K | undefined {
  const t = label.trim();
  return (Object.keys(labels) as K[]).find((k) => labels[k] === t);
}
