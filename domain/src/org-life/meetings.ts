// 三会一课: the meeting kinds, attendance from the branch roster, the quorum rules (支部工作条例 2018) and the checks on
// a meeting's date and attendees. Pure functions: the server loads the roster and calls these.
import type { IsoDate } from '../calendar/dates';

/** The fifth, `lifeMeeting`, is the 组织生活会 (yearly, or a special one): held only after its preparation steps (life-meetings.ts). */
export const MEETING_KINDS = ['branchAssembly', 'branchCommittee', 'groupMeeting', 'partyLecture', 'lifeMeeting'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
/** The kinds whose frequency is checked: the four meetings and the theme day (recorded by the theme-day module). */
export const COMPLIANCE_KINDS = [...MEETING_KINDS, 'themeDay'] as const;
export type ComplianceKind = (typeof COMPLIANCE_KINDS)[number];

export const MEETING_KIND_LABELS: Record<ComplianceKind, string> = {
  branchAssembly: '支部党员大会',
  branchCommittee: '支部委员会',
  groupMeeting: '党小组会',
  partyLecture: '党课',
  lifeMeeting: '组织生活会',
  themeDay: '主题党日',
};

export const ATTENDANCE_STATUSES = ['present', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = { present: '出席', leave: '请假', absent: '缺席' };

/** A live member of the branch as the meeting sees them: full or probationary, on the committee or not. */
export type RosterMember = { memberId: string; name: string; status: 'full' | 'probationary' | string; committee: boolean };
export type AttendanceMark = { memberId: string; status: AttendanceStatus; reason: string | null };

export const QUORUM_RULES: Record<'branchAssembly' | 'branchCommittee', string> = {
  branchCommittee: '支部委员会会议须有半数以上委员到会方可召开（《中国共产党支部工作条例（试行）》）',
  branchAssembly: '支部党员大会须有半数以上有表决权的党员到会方可召开，预备党员没有表决权（《中国共产党支部工作条例（试行）》）',
};

export type Quorum = {
  /** Whether this kind needs a quorum to decide anything. */
  required: boolean;
  /** 应到: committee members, or full members (those with the vote). */
  due: number;
  /** 实到 among those counted. */
  present: number;
  /** The smallest number present that is more than half of `due`. */
  needed: number;
  met: boolean;
  rule: string | null;
};

/** More than half: 5 → 3, 4 → 3, 1 → 1. */
export const moreThanHalf = (n: number): number => Math.floor(n / 2) + 1;

export function quorum(kind: MeetingKind, roster: readonly RosterMember[], marks: readonly AttendanceMark[]): Quorum {
  if (kind !== 'branchAssembly' && kind !== 'branchCommittee') return { required: false, due: 0, present: 0, needed: 0, met: true, rule: null };
  const present = new Set(marks.filter((m) => m.status === 'present').map((m) => m.memberId));
  const counted = roster.filter((r) => (kind === 'branchCommittee' ? r.committee : r.status === 'full'));
  const due = counted.length;
  const here = counted.filter((r) => present.has(r.memberId)).length;
  const needed = moreThanHalf(due);
  return { required: true, due, present: here, needed, met: due > 0 && here >= needed, rule: QUORUM_RULES[kind] };
}

/** The Chinese refusal of a decision taken without quorum, naming the rule and the figures. */
export function quorumRefusal(kind: MeetingKind, q: Quorum): string {
  const who = kind === 'branchCommittee' ? '支部委员' : '有表决权的正式党员';
  if (q.due === 0) return `不能形成决议：本支部没有${who}，${q.rule}`;
  return `不能形成决议：${q.rule}。应到${who}${q.due}人，实到${q.present}人，至少须${q.needed}人到会`;
}

export type MeetingVote = { yes: number; no: number; abstain: number };

/**
 * A resolution's vote at a branch assembly: only full members present vote (probationary members have no vote), so
 * the votes cast cannot exceed them; it passes with yes votes more than half of the full members due (应到).
 */
export function checkMeetingVote(kind: MeetingKind, q: Quorum, v: MeetingVote): { ok: true; passed: boolean } | { ok: false; message: string } {
  const cast = v.yes + v.no + v.abstain;
  if (kind === 'branchAssembly' && cast > q.present) {
    return { ok: false, message: `表决票数${cast}超过到会的正式党员${q.present}人：预备党员没有表决权，不能参加表决` };
  }
  if (kind === 'branchCommittee' && cast > q.present) return { ok: false, message: `表决票数${cast}超过到会委员${q.present}人` };
  return { ok: true, passed: v.yes >= moreThanHalf(q.due) };
}

export type AttendanceIssue = { path: string; message: string };

/** Attendance must name members of the branch's roster, each once; a leave needs its reason. */
export function attendanceIssues(roster: readonly RosterMember[], marks: readonly AttendanceMark[], nameOf: (memberId: string) => string | null): AttendanceIssue[] {
  const inRoster = new Map(roster.map((r) => [r.memberId, r]));
  const seen = new Set<string>();
  const issues: AttendanceIssue[] = [];
  marks.forEach((m, i) => {
    const r = inRoster.get(m.memberId);
    if (!r) {
      const name = nameOf(m.memberId);
      issues.push({ path: `attendance.${i}.memberId`, message: `${name ?? '所选人员'}不是本支部党员，不能登记出席` });
      return;
    }
    if (seen.has(m.memberId)) issues.push({ path: `attendance.${i}.memberId`, message: `${r.name}重复登记` });
    seen.add(m.memberId);
    if (m.status === 'leave' && !m.reason) issues.push({ path: `attendance.${i}.reason`, message: `请填写${r.name}的请假事由` });
  });
  return issues;
}

/** A meeting cannot be recorded before it is held. */
export function futureDateIssue(date: IsoDate, today: IsoDate): string | null {
  return date > today ? `会议日期 ${date} 晚于今天（${today}），不能记录尚未召开的会议` : null;
}

/**
 * The duty-list item (书记履职清单, by its template key) a recorded meeting is the evidence of, and the months its item
 * may count for: the monthly 党建工作例会 by the branch committee meeting of that month; the quarterly 专题党课 by a party
 * lecture in any month of its quarter (one item per quarter, so the match is unambiguous); the yearly 组织生活会 item
 * by the 组织生活会 of that year. Other kinds: none.
 */
export function dutyEvidenceOf(kind: MeetingKind, date: string): { templateKey: string; months: string[] } | null {
  const month = date.slice(0, 7);
  if (kind === 'branchCommittee') return { templateKey: 'monthlyMeeting', months: [month] };
  if (kind === 'partyLecture') {
    const m = Number(date.slice(5, 7));
    const first = m - ((m - 1) % 3);
    return { templateKey: 'partyLecture', months: [0, 1, 2].map((i) => `${date.slice(0, 4)}-${String(first + i).padStart(2, '0')}`) };
  }
  // The yearly 召开一次组织生活会 item (due in December by the default template, but any month of the year matches).
  if (kind === 'lifeMeeting') return { templateKey: 'lifeMeeting', months: Array.from({ length: 12 }, (_, i) => `${date.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`) };
  return null;
}
