// 两书一册 (report 2, 严把制度关): the target responsibility letter (目标责任书) and the commitment letter (承诺书) of an
// assignment, rendered from the county's template text with the assignment's facts; each is 未签 until its signed copy
// is uploaded.
import { INSTRUCTOR_DUTIES, INSTRUCTOR_DUTY_LABELS } from './vocabulary';

export const LETTER_KINDS = ['target', 'commitment'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
export const LETTER_KIND_LABELS: Record<LetterKind, string> = { target: '目标责任书', commitment: '承诺书' };
export const LETTER_STATUS_LABELS = { unsigned: '未签', signed: '已签' } as const;

/** The placeholders a template may use, written {指导员} etc. in the county's text. */
export const LETTER_PLACEHOLDERS = ['指导员', '企业', '镇街', '开始日期', '结束日期', '六项职责', '驻企时间'] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];
export type LetterTemplates = Record<LetterKind, string>;
export const LETTER_TEMPLATE_MAX = 4000;

/** Report 2's wording: 两书一册, the monthly 1/3 to 1/2 of the time on site, the six duties, the quarterly callbacks. */
export const DEFAULT_LETTER_TEMPLATES: LetterTemplates = {
  target: [
    '为严格实行“两书一册”管理，压实党建工作指导员工作责任，经县委组织部（县委非公和社会工委）研究，选派{指导员}同志担任{企业}党建工作指导员，签订本目标责任书。',
    '一、指导期限：自{开始日期}起至{结束日期}止。',
    '二、工作时间：每月利用{驻企时间}的时间深入企业指导工作，进场、离场扫描企业驻企二维码，认真填写《工作纪实手册》。',
    '三、工作职责：{六项职责}。',
    '四、工作目标：推动{企业}党的组织覆盖和工作覆盖，开展两新组织党建摸排和组织建设“双同步”，帮助企业解决“急难愁盼”问题，推动“评星晋级、争创双强”“双建双促”活动和国企联建共建。',
    '五、考核监督：县委非公和社会工委通过季度电话回访、座谈交流会等方式了解工作进展，年终考核结果与工作补贴挂钩。',
  ].join('\n'),
  commitment: [
    '本人{指导员}，受县委组织部选派担任{企业}（{镇街}）党建工作指导员，指导期限自{开始日期}起至{结束日期}止。本人郑重承诺：',
    '一、严守政治纪律和政治规矩，认真履行{六项职责}等工作职责。',
    '二、每月利用{驻企时间}的时间深入企业指导工作，如实扫码记录驻企时间，认真填写《工作纪实手册》，不弄虚作假。',
    '三、严守廉洁纪律，不干预企业正常生产经营，不接受企业财物，不谋取私利。',
    '四、自觉接受县委非公和社会工委和企业职工的监督与考核。',
  ].join('\n'),
};

export type LetterFacts = { instructorName: string; enterpriseName: string; townName: string | null; startDate: string; endDate: string | null; duties?: readonly string[] };

const PLACEHOLDER_RE = /\{([^{}\n]{1,20})\}/g;
const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** What is wrong with a template text (empty, too long, an unknown or unclosed placeholder), in Chinese; empty when fine. */
export function checkLetterTemplate(kind: LetterKind, text: string): string[] {
  const label = LETTER_KIND_LABELS[kind];
  const problems: string[] = [];
  if (text.trim().length < 10) problems.push(`${label}模板至少10个字`);
  if (text.length > LETTER_TEMPLATE_MAX) problems.push(`${label}模板不能超过${LETTER_TEMPLATE_MAX}个字`);
  const unknown = [...text.matchAll(PLACEHOLDER_RE)].map((m) => m[1]).filter((p) => !(LETTER_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length) problems.push(`${label}模板中的占位符{${[...new Set(unknown)].join('}、{')}}不认识，可用的有：{${LETTER_PLACEHOLDERS.join('}、{')}}`);
  const stripped = text.replace(PLACEHOLDER_RE, '');
  if (/[{}]/.test(stripped)) problems.push(`${label}模板中有未配对的花括号，占位符应写作{指导员}这样`);
  return problems;
}

/** The letter's paragraphs: the template's lines with the assignment's facts filled in (blank lines dropped). */
export function renderLetter(template: string, f: LetterFacts): string[] {
  const duties = f.duties ?? INSTRUCTOR_DUTIES.map((d) => INSTRUCTOR_DUTY_LABELS[d]);
  const values: Record<LetterPlaceholder, string> = {
    指导员: f.instructorName,
    企业: f.enterpriseName,
    镇街: f.townName ?? '所在镇街',
    开始日期: cnDate(f.startDate),
    结束日期: f.endDate ? cnDate(f.endDate) : '选派期满',
    六项职责: duties.join('、'),
    驻企时间: '1/3至1/2',
  };
  return template
    .split(/\r?\n/)
    .map((line) => line.replace(PLACEHOLDER_RE, (whole, name: string) => (name in values ? values[name as LetterPlaceholder] : whole)).trim())
    .filter((line) => line.length > 0);
}

/** An assignment's letters as the county list shows them: which are still 未签. */
export function missingLetters(signed: Record<LetterKind, boolean>): LetterKind[] {
  return LETTER_KINDS.filter((k) => !signed[k]);
}
