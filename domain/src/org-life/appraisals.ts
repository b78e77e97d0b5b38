// 民主评议党员 (yearly democratic appraisal): per member of a branch and year, the self-assessment, the branch's grade
// (优秀/合格/基本合格/不合格) decided by vote, the share of 优秀 capped by a county setting, and for 不合格 a follow-up
// (限期改正 / 劝其退党 / 除名) with a due date, tracked to closure. The member's yearly star tier is the starting point.
import { z } from 'zod';
import { MEMBER_TIERS, type MemberTier } from '../stars/star-rules';
import { ZId, ZIsoDate, ZPageQuery, zInt, zOptionalText, zQueryYear, zYear } from '../core/schemas';

/** The grades are the stars module's tiers (same four words), so the star tier reads as the starting point. */
export const APPRAISAL_GRADES = MEMBER_TIERS;
export type AppraisalGrade = MemberTier;
export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, string> = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' };

export const FOLLOW_UP_ACTIONS = ['correct', 'persuade', 'remove'] as const;
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number];
export const FOLLOW_UP_ACTION_LABELS: Record<FollowUpAction, string> = { correct: '限期改正', persuade: '劝其退党', remove: '除名' };

/** Default cap of 优秀 among the members appraised in a branch (county setting `orgLife.appraisal.maxExcellentPercent`). */
export const DEFAULT_MAX_EXCELLENT_PERCENT = 30;

const zVotes = (label: string) => zInt(0, 10_000, `${label}票数`);
export const ZAppraisalVotes = z.object({ excellent: zVotes('优秀'), qualified: zVotes('合格'), basic: zVotes('基本合格'), unqualified: zVotes('不合格') });
export type AppraisalVotes = z.infer<typeof ZAppraisalVotes>;

export const ZFollowUp = z.object({
  action: z.enum(FOLLOW_UP_ACTIONS, { error: '处置方式应为限期改正、劝其退党或除名' }),
  dueOn: ZIsoDate,
  closedOn: ZIsoDate.nullish().transform((v) => v ?? null),
  outcome: zOptionalText('处置结果', 1000),
});
export type FollowUp = z.infer<typeof ZFollowUp>;

export const ZAppraisalInput = z.object({
  memberId: ZId,
  year: zYear(2000, 2100),
  selfAssessment: zOptionalText('自我评价', 4000),
  grade: z.enum(APPRAISAL_GRADES, { error: '评议等次应为优秀、合格、基本合格或不合格' }),
  votes: ZAppraisalVotes,
  followUp: ZFollowUp.nullish().transform((v) => v ?? null),
  /** The version read, when changing a saved appraisal (optimistic lock). */
  version: zInt(1, 1_000_000, '版本号').optional(),
});
export type AppraisalInput = z.infer<typeof ZAppraisalInput>;

export const ZAppraisalQuery = ZPageQuery.extend({ orgId: ZId.optional(), year: zQueryYear(2000, 2100).optional() });
const ZGrade = z.enum(APPRAISAL_GRADES);
export const ZAppraisal = z.object({
  selfAssessment: z.string().nullable(),
  grade: ZGrade,
  votes: ZAppraisalVotes,
  followUp: z.object({ action: z.enum(FOLLOW_UP_ACTIONS), dueOn: z.string(), closedOn: z.string().nullable(), outcome: z.string().nullable() }).nullable(),
  version: z.number().int(),
});
export const ZAppraisalRound = z.object({
  orgId: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  maxExcellentPercent: z.number().int(),
  /** Members appraised in the branch (the live roster) and the most who may be graded 优秀. */
  members: z.number().int(),
  maxExcellent: z.number().int(),
  counts: z.object({ excellent: z.number().int(), qualified: z.number().int(), basic: z.number().int(), unqualified: z.number().int(), pending: z.number().int(), openFollowUps: z.number().int() }),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(z.object({ memberId: z.string(), name: z.string(), starTier: ZGrade.nullable(), appraisal: ZAppraisal.nullable() })),
});
export type AppraisalRound = z.infer<typeof ZAppraisalRound>;

type Issue = { path: string; message: string };

/**
 * The grade must be what the votes decided: the grade has more votes than any other grade and more than half of the
 * votes cast (a tie or no majority means the branch votes again); the votes cast cannot exceed the members voting.
 */
export function gradeVoteIssues(grade: AppraisalGrade, votes: AppraisalVotes, voters: number): Issue[] {
  const cast = APPRAISAL_GRADES.reduce((s, g) => s + votes[g], 0);
  if (cast === 0) return [{ path: 'votes', message: '请填写各等次的得票数' }];
  const issues: Issue[] = [];
  if (cast > voters) issues.push({ path: 'votes', message: `得票合计${cast}票，超过参加表决的党员人数${voters}人` });
  const top = Math.max(...APPRAISAL_GRADES.map((g) => votes[g]));
  const leaders = APPRAISAL_GRADES.filter((g) => votes[g] === top);
  const label = APPRAISAL_GRADE_LABELS[grade];
  if (votes[grade] < top) {
    issues.push({ path: 'grade', message: `评议等次“${label}”与得票不一致：“${label}”${votes[grade]}票，“${APPRAISAL_GRADE_LABELS[leaders[0]]}”${top}票` });
  } else if (leaders.length > 1) {
    issues.push({ path: 'grade', message: `${leaders.map((g) => `“${APPRAISAL_GRADE_LABELS[g]}”`).join('与')}同为${top}票，须重新表决` });
  } else if (votes[grade] * 2 <= cast) {
    issues.push({ path: 'grade', message: `“${label}”${votes[grade]}票，未超过得票合计${cast}票的半数，须重新表决` });
  }
  return issues;
}

/** The most members of a branch who may be graded 优秀 (rounded down). */
export const maxExcellentOf = (members: number, percent: number): number => Math.floor((members * percent) / 100);

/** Refusal when one more 优秀 would exceed the cap: names the cap, the members and the count so far. */
export function excellentShareIssue(excellentOthers: number, members: number, percent: number): Issue | null {
  const max = maxExcellentOf(members, percent);
  if (excellentOthers + 1 <= max) return null;
  return { path: 'grade', message: `评为优秀的党员不能超过参评党员的${percent}%：本支部参评党员${members}人，最多评${max}名优秀，已评${excellentOthers}名` };
}

/** 不合格 needs a follow-up with a due date; the other grades none; closure not in the future, with its outcome. */
export function followUpIssues(grade: AppraisalGrade, followUp: FollowUp | null, today: string): Issue[] {
  if (grade !== 'unqualified') return followUp ? [{ path: 'followUp', message: '只有评为不合格的党员需要组织处置' }] : [];
  if (!followUp) return [{ path: 'followUp', message: '评为不合格的党员须确定处置方式（限期改正、劝其退党或除名）和期限' }];
  const issues: Issue[] = [];
  if (followUp.closedOn && followUp.closedOn > today) issues.push({ path: 'followUp.closedOn', message: '办结日期不能晚于今天' });
  if (followUp.closedOn && !followUp.outcome) issues.push({ path: 'followUp.outcome', message: '办结时须填写处置结果' });
  return issues;
}
