// Warnings the daily job `development.daily` marks on open files: an overdue step (talk beyond 1 month, half-yearly
// assessment, approval beyond 3 months, conversion discussion, conversion approval) and a probation about to end.
// Pure: from a file's denormalized deadline columns and today's date.
import { addDays, type IsoDate } from '../calendar/dates';
import { DEADLINE_KIND_LABELS, type DeadlineKind } from './deadlines';

export const WARNING_KINDS = ['talk', 'assessment', 'approval', 'conversion', 'conversionApproval', 'probationEnding'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
export const WARNING_KIND_LABELS: Record<WarningKind, string> = {
  talk: '入党申请谈话超期（1个月内）',
  assessment: '半年培养考察超期',
  approval: '上级党委审批超期（3个月内）',
  conversion: '预备期已满未讨论转正',
  conversionApproval: '转正审批超期（3个月内）',
  probationEnding: '预备期即将届满',
};

/** How many days ahead a probation's end is flagged, so the branch prepares the conversion. */
export const PROBATION_ENDING_DAYS = 30;

export type WarningFacts = {
  status: string;
  currentStep: number;
  nextDeadline: IsoDate | null;
  nextDeadlineKind: string | null;
  nextDeadlineStep: number | null;
  probationEnd: IsoDate | null;
};
export type FileWarning = { kind: WarningKind; step: number; due: IsoDate; message: string };

export function fileWarnings(f: WarningFacts, today: IsoDate): FileWarning[] {
  if (f.status !== 'active') return [];
  const out: FileWarning[] = [];
  if (f.nextDeadline && f.nextDeadlineKind && f.nextDeadline < today) {
    const kind = f.nextDeadlineKind as DeadlineKind;
    out.push({ kind, step: f.nextDeadlineStep ?? 0, due: f.nextDeadline, message: `${WARNING_KIND_LABELS[kind]}：应于 ${f.nextDeadline} 前办理（${DEADLINE_KIND_LABELS[kind]}）` });
  }
  if (f.probationEnd && f.currentStep >= 17 && f.currentStep < 23 && f.probationEnd >= today && f.probationEnd <= addDays(today, PROBATION_ENDING_DAYS)) {
    out.push({ kind: 'probationEnding', step: 23, due: f.probationEnd, message: `预备期将于 ${f.probationEnd} 届满，请准备转正申请和支部大会讨论` });
  }
  return out;
}

export const warningKey = (w: { kind: string; due: string }, fileId: string) => `${fileId}|${w.kind}|${w.due}`;
