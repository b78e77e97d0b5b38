// Weak organizations (软弱涣散党组织, DOMAIN.md §10, issue #15 item 5): the criteria list, the ones the records can show
// (found automatically at identification), the rectification's status machine (identified → rectifying with 四个一 →
// accepted → removed from the list), and the thresholds as county settings.
import { addMonths, addYears, type IsoDate } from '../calendar/dates';
import { DomainError } from '../core/errors';

export const WEAK_CRITERIA = [
  'secretaryVacant',
  'incompleteTeam',
  'unfitSecretary',
  'disunity',
  'rulesOnPaper',
  'voteBuying',
  'interference',
  'affairsNotPublic',
  'petitions',
  'noVenue',
  'poorService',
  'noNewMember',
  'meetingsNotHeld',
  'lowDutyStars',
  'lowSatisfaction',
] as const;
export type WeakCriterion = (typeof WEAK_CRITERIA)[number];
export const WEAK_CRITERION_LABELS: Record<WeakCriterion, string> = {
  secretaryVacant: '书记长期空缺（超过3个月）',
  incompleteTeam: '班子不健全',
  unfitSecretary: '书记不胜任现职',
  disunity: '班子不团结、内耗严重',
  rulesOnPaper: '组织制度形同虚设',
  voteBuying: '拉票贿选问题突出',
  interference: '宗族宗教、黑恶势力干扰渗透',
  affairsNotPublic: '村务居务不公开',
  petitions: '信访矛盾集中',
  noVenue: '无固定活动场所',
  poorService: '服务群众意识差',
  noNewMember: '两年以上未发展党员',
  meetingsNotHeld: '组织生活不正常（三会一课未按期召开）',
  lowDutyStars: '书记抓党建履职星级持续偏低',
  lowSatisfaction: '群众满意度低于60%',
};
/** The criteria the records can show; the rest are entered by the town. */
export const AUTO_CRITERIA: readonly WeakCriterion[] = ['secretaryVacant', 'noNewMember', 'meetingsNotHeld', 'lowDutyStars', 'lowSatisfaction'];

export type WeakOrgSettings = { vacancyMonths: number; noNewMemberYears: number; meetingRateBelowPermille: number; lowStarMonths: number; lowStarsAtMost: number; satisfactionBelowPercent: number };
export const DEFAULT_WEAK_ORG_SETTINGS: WeakOrgSettings = { vacancyMonths: 3, noNewMemberYears: 2, meetingRateBelowPermille: 600, lowStarMonths: 3, lowStarsAtMost: 1, satisfactionBelowPercent: 60 };

/** Vacant MORE than `months` months as of a date: exactly 3 months is not yet. No known start → not found. */
export const vacancyTooLong = (vacantSince: IsoDate | null, asOf: IsoDate, months = DEFAULT_WEAK_ORG_SETTINGS.vacancyMonths): boolean => vacantSince !== null && asOf > addMonths(vacantSince, months);

/** No new member for `years` years or more (exactly two years counts); a branch never admitting anyone counts. */
export const noNewMemberFor = (lastJoinDate: IsoDate | null, asOf: IsoDate, years = DEFAULT_WEAK_ORG_SETTINGS.noNewMemberYears): boolean => lastJoinDate === null || addYears(lastJoinDate, years) <= asOf;

/** The last `months` closed months (in order) each earned at most `atMost` stars; fewer closed months → not found. */
export function dutyStarsPersistentlyLow(closedStars: readonly number[], months = DEFAULT_WEAK_ORG_SETTINGS.lowStarMonths, atMost = DEFAULT_WEAK_ORG_SETTINGS.lowStarsAtMost): boolean {
  if (closedStars.length < months) return false;
  return closedStars.slice(-months).every((s) => s <= atMost);
}

export type WeakFacts = {
  secretaryVacantSince: IsoDate | null;
  lastJoinDate: IsoDate | null;
  /** Meetings held on time ÷ due (‰); null: nothing due yet. */
  meetingRatePermille: number | null;
  /** Stars of the closed months, in month order. */
  closedStars: readonly number[];
  /** Satisfaction (%) where a survey recorded one; null: no data (the criterion is then entered by hand). */
  satisfactionPercent: number | null;
};
export type FoundCriterion = { key: WeakCriterion; auto: true; detail: string };

/** The criteria the records show for one org as of a date, each with what showed it. */
export function autoCriteria(f: WeakFacts, asOf: IsoDate, s: WeakOrgSettings = DEFAULT_WEAK_ORG_SETTINGS): FoundCriterion[] {
  const out: FoundCriterion[] = [];
  if (vacancyTooLong(f.secretaryVacantSince, asOf, s.vacancyMonths)) out.push({ key: 'secretaryVacant', auto: true, detail: `书记自 ${f.secretaryVacantSince} 起空缺，超过${s.vacancyMonths}个月` });
  if (noNewMemberFor(f.lastJoinDate, asOf, s.noNewMemberYears)) out.push({ key: 'noNewMember', auto: true, detail: f.lastJoinDate ? `最近一次发展党员在 ${f.lastJoinDate}，已满${s.noNewMemberYears}年` : '没有发展党员的记录' });
  if (f.meetingRatePermille !== null && f.meetingRatePermille < s.meetingRateBelowPermille) out.push({ key: 'meetingsNotHeld', auto: true, detail: `三会一课按期召开率 ${(f.meetingRatePermille / 10).toFixed(1)}%，低于${s.meetingRateBelowPermille / 10}%` });
  if (dutyStarsPersistentlyLow(f.closedStars, s.lowStarMonths, s.lowStarsAtMost)) out.push({ key: 'lowDutyStars', auto: true, detail: `最近${s.lowStarMonths}个月履职贴星均不超过${s.lowStarsAtMost}颗（${f.closedStars.slice(-s.lowStarMonths).join('、')}）` });
  if (f.satisfactionPercent !== null && f.satisfactionPercent < s.satisfactionBelowPercent) out.push({ key: 'lowSatisfaction', auto: true, detail: `群众满意度 ${f.satisfactionPercent}%，低于${s.satisfactionBelowPercent}%` });
  return out;
}

export const WEAK_STATUSES = ['identified', 'rectifying', 'accepted', 'removed'] as const;
export type WeakStatus = (typeof WEAK_STATUSES)[number];
export const WEAK_STATUS_LABELS: Record<WeakStatus, string> = { identified: '已列入', rectifying: '整顿中', accepted: '已验收', removed: '已销号' };
export type WeakAction = 'plan' | 'progress' | 'accept' | 'remove';

const rule = (message: string) => new DomainError('WEAK_ORG_STATE', message, { kind: 'rule' });

/** What a step of the rectification needs and the status it leads to; a step out of order is refused in Chinese. */
export function nextWeakStatus(current: WeakStatus, action: WeakAction): WeakStatus {
  switch (action) {
    case 'plan':
      if (current === 'identified' || current === 'rectifying') return 'rectifying';
      throw rule('整顿已验收或销号，不能再修改“四个一”');
    case 'progress':
      if (current === 'rectifying') return 'rectifying';
      throw rule(current === 'identified' ? '请先落实“四个一”（联系县领导、工作组、整顿方案、完成时限），再报告整顿进展' : '整顿已验收或销号，不能再报告进展');
    case 'accept':
      if (current === 'rectifying') return 'accepted';
      throw rule(current === 'identified' ? '尚未开始整顿，不能验收' : '整顿已验收或销号');
    case 'remove':
      if (current === 'accepted') return 'removed';
      throw rule(current === 'removed' ? '已销号' : '整顿验收合格后才能销号');
  }
}
