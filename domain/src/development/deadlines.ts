// Deadlines of an open file (talk, half-yearly assessment, approval, conversion) and whether they are overdue.
import { addMonths, type IsoDate } from '../calendar/dates';
import type { DevelopmentRuleParams } from './rule-set';
import { lastOf, nextSteps, probationEnd, type RecordedStep } from './step-rules';

export const DEADLINE_KINDS = ['talk', 'assessment', 'approval', 'conversion', 'conversionApproval'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  talk: '入党申请谈话（1个月内）',
  assessment: '半年培养考察',
  approval: '上级党委审批（3个月内）',
  conversion: '预备期满讨论转正',
  conversionApproval: '上级党委审批转正（3个月内）',
};

export type Deadline = { kind: DeadlineKind; step: number; due: IsoDate };

/** The one open deadline of a file after `history` (at most one applies at a time), or null. */
export function nextDeadline(history: readonly RecordedStep[], rules: DevelopmentRuleParams): Deadline | null {
  const next = nextSteps(history);
  if (next.length === 0) return null;
  const last = history[history.length - 1];
  if (!last) return null;
  const s = last.step;
  if (s === 1) return { kind: 'talk', step: 2, due: addMonths(last.date, rules.talkWithinMonths) };
  // The half-yearly assessment clock starts when the person becomes an activist (细则第十一条), not when the mentors
  // are named: a file left at step 3 or 4 is overdue just the same.
  if (s >= 3 && s <= 6) {
    const since = lastOf(history, 6) ?? lastOf(history, 3)!;
    return { kind: 'assessment', step: 6, due: addMonths(since.date, rules.assessmentIntervalMonths) };
  }
  if (s >= 15 && s < 17) return { kind: 'approval', step: 17, due: addMonths(lastOf(history, 15)!.date, rules.approvalWithinMonths) };
  if ((s >= 17 && s < 23) || (s === 24 && lastOf(history, 23)?.fields.outcome === 'extend')) {
    return { kind: 'conversion', step: 23, due: probationEnd(history, rules)! };
  }
  if (s === 23) return { kind: 'conversionApproval', step: 24, due: addMonths(last.date, rules.conversionApprovalWithinMonths) };
  return null;
}

export const isOverdue = (d: Deadline | null, today: IsoDate): boolean => !!d && d.due < today;
