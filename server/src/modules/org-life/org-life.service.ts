// 组织生活 (issue 12): meeting records with attendance from the branch roster and the quorum rules, minutes as a Word
// document, frequency compliance per branch and town, heart-to-heart talks with their coverage, and training hours.
// Members and orgs are read through their modules' services; the theme days through theirs.
import {
  COMPLIANCE_KINDS,
  DEFAULT_FREQUENCIES,
  DEFAULT_HOUR_REQUIREMENTS,
  DEFAULT_HOURS_PER_KIND,
  DEFAULT_MAX_EXCELLENT_PERCENT,
  DomainError,
  MEETING_KIND_LABELS,
  ATTENDANCE_STATUS_LABELS,
  ZMeetingCreate,
  ZMeetingUpdate,
  ZOrgLifeSettings,
  ZTalkCreate,
  ZTrainingEntryCreate,
  ZCheckupInput,
  checkupIssues,
  dutyEvidenceOf,
  ZAppraisalInput,
  APPRAISAL_GRADE_LABELS,
  FOLLOW_UP_ACTION_LABELS,
  excellentShareIssue,
  followUpIssues,
  gradeVoteIssues,
  maxExcellentOf,
  staleVersion,
  type AppraisalRound,
  type AppraisalGrade,
  type CheckupInput,
  attendanceIssues,
  checkMeetingVote,
  complianceFigures,
  conflict,
  futureDateIssue,
  hoursProgress,
  invalid,
  notFound,
  periodCompliance,
  quorum,
  quorumRefusal,
  sumFigures,
  talkCoverage,
  toChinaDate,
  type AttendanceMark,
  type ComplianceKind,
  type ComplianceReport,
  type MeetingDetail,
  type MeetingKind,
  type MeetingListQuery,
  type MeetingSummary,
  type MyOrgLife,
  type OrgLifeSettings,
  type RosterMember,
  ZLifeMeetingCreate,
  ZLifeMeetingUpdate,
  LIFE_MEETING_STEPS,
  LIFE_MEETING_STEP_LABELS,
  LIFE_MEETING_TYPE_LABELS,
  lifeMeetingIssues,
  lifeMeetingState,
  missingSteps,
  notReadyMessage,
  rectificationFigures,
  withDueMonth,
  type LifeMeetingDetail,
  type LifeMeetingSteps,
  type LifeMeetingType,
  DEFAULT_CHECKUP_ITEMS,
  ZCheckupItemsInput,
  checkupFollowUpState,
  checkupItemIssues,
  type CheckupFollowUpState,
  type CheckupItemResult,
  type CheckupItems,
} from '@yanzhen/domain';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { can, orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { registerUniqueConflicts } from '../../core/errors';
import { contentDisposition } from '../../core/excel';
import { readSetting, writeSetting } from '../../core/settings';
import { findRosterMember, rosterForOrgLife, type RosterEntry } from '../members/members.service';
import { findOrgInScope, subtreeOrgs } from '../orgs/orgs.service';
import { themeDayDatesInYear, themeDaysAttendedInYear } from '../theme-days/theme-days.service';
import { acceptDutyByEvidence } from '../duties/duties-evidence.service';
import { createFilesService } from '../files/files.service';
import { yearTiersOfBranch } from '../stars/stars.service';
import { CHECKUP_WARNING_KIND, orgLifeRepository as repo, type AppraisalRow, type LifeMeetingRow, type MeetingRow } from './org-life.repository';
import { validate } from '../../core/validate';

registerUniqueConflicts({
  org_life_meetings_slot_uq: { code: 'MEETING_EXISTS', message: '该党支部当天已记录过同类会议，请修改原记录' },
  org_life_life_meetings_annual_uq: { code: 'LIFE_MEETING_EXISTS', message: '该党支部本年度已有年度组织生活会记录，请在原记录中填写' },
});

export const ORG_LIFE_SETTINGS_KEY = 'orgLife';
export const DEFAULT_ORG_LIFE_SETTINGS: OrgLifeSettings = { frequencies: DEFAULT_FREQUENCIES, hoursPerKind: DEFAULT_HOURS_PER_KIND, requirements: DEFAULT_HOUR_REQUIREMENTS, appraisal: { maxExcellentPercent: DEFAULT_MAX_EXCELLENT_PERCENT }, lifeMeeting: { dueMonth: 12 } };
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function loadOrgLifeSettings(ex: Executor, countyId: string): Promise<OrgLifeSettings> {
  const stored = (await readSetting(ex, countyId, ORG_LIFE_SETTINGS_KEY)) as Partial<OrgLifeSettings> | undefined;
  if (!stored) return DEFAULT_ORG_LIFE_SETTINGS;
  const merged = {
    frequencies: { ...DEFAULT_FREQUENCIES, ...stored.frequencies },
    hoursPerKind: { ...DEFAULT_HOURS_PER_KIND, ...stored.hoursPerKind },
    requirements: { ...DEFAULT_HOUR_REQUIREMENTS, ...stored.requirements },
    appraisal: { maxExcellentPercent: DEFAULT_MAX_EXCELLENT_PERCENT, ...stored.appraisal },
    lifeMeeting: { dueMonth: 12, ...stored.lifeMeeting },
  };
  const parsed = ZOrgLifeSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_ORG_LIFE_SETTINGS;
}

export const CHECKUP_ITEMS_KEY = 'orgLife.checkupItems';
/** The county's check-up items (a versioned setting; version 0 = the defaults, never saved). */
export async function loadCheckupItems(ex: Executor, countyId: string): Promise<CheckupItems> {
  const stored = (await readSetting(ex, countyId, CHECKUP_ITEMS_KEY)) as CheckupItems | undefined;
  return stored?.items?.length ? stored : { version: 0, items: DEFAULT_CHECKUP_ITEMS, updatedAt: null };
}

/** What the encrypted column holds (older records have no items, item version or deadline). */
export type StoredCheckup = Omit<CheckupInput, 'memberId' | 'year' | 'items' | 'dueOn'> & { dueOn?: string | null; itemsVersion?: number; items?: { key: string; label: string; result: CheckupItemResult; note: string | null }[] };

/** The overdue 党性体检 follow-ups of a county (this year's and last year's records), as warnings to raise. */
export async function overdueCheckupWarnings(ex: Executor, crypto: AppContext['crypto'], countyId: string, day: string, now: Date) {
  const year = Number(day.slice(0, 4));
  const rows = [...(await repo.checkupsOfYear(ex, countyId, '/%', year - 1)), ...(await repo.checkupsOfYear(ex, countyId, '/%', year))];
  const out: { countyId: string; orgId: string; orgPath: string; kind: string; period: string; raisedAt: Date }[] = [];
  for (const r of rows) {
    const d = JSON.parse(crypto.decrypt(r.dataEnc)) as StoredCheckup;
    if (checkupFollowUpState(d, day) !== 'overdue') continue;
    const m = await findRosterMember(ex, countyId, r.memberId);
    if (m) out.push({ countyId, orgId: m.orgId, orgPath: r.orgPath, kind: CHECKUP_WARNING_KIND, period: `${r.year}/${r.memberId}`, raisedAt: now });
  }
  return out;
}

const toRoster = (r: RosterEntry): RosterMember => ({ memberId: r.id, name: r.name, status: r.status, committee: r.cadre });
const ruleError = (code: string, message: string, details?: unknown) => new DomainError(code, message, { kind: 'rule', details });

type OrgRef = { id: string; name: string; path: string; type: string; parentId: string | null; seq: number; depth: number; foundedOn: string | null };

/** Each branch of a subtree with its town (the ancestor just below the county's root) and whether it has party groups. */
function branchesOf(orgs: OrgRef[]) {
  const bySeq = new Map(orgs.map((o) => [String(o.seq), o]));
  const withGroups = new Set(orgs.filter((o) => o.type === 'group').map((o) => o.parentId));
  return orgs
    .filter((o) => o.type === 'branch')
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((b) => {
      const segments = b.path.split('/').filter(Boolean);
      const town = (segments.length > 2 ? bySeq.get(segments[1]) : null) ?? b;
      return { ...b, town, hasGroups: withGroups.has(b.id) };
    });
}

/** The compliance of every branch of a subtree in a year, as of `today` (pure over the loaded dates). */
export async function computeCompliance(ex: Executor, countyId: string, rootPath: string, year: number, today: string, settings: OrgLifeSettings) {
  const pattern = subtreePattern(rootPath);
  const orgs = (await subtreeOrgs(ex, countyId, rootPath)) as OrgRef[];
  const branches = branchesOf(orgs);
  const dates = new Map<string, string[]>();
  const add = (orgId: string, kind: string, date: string) => {
    const key = `${orgId}|${kind}`;
    const list = dates.get(key) ?? [];
    list.push(date);
    dates.set(key, list);
  };
  for (const m of await repo.meetingDates(ex, countyId, pattern, year)) add(m.orgId, m.kind, m.date);
  for (const t of await themeDayDatesInYear(ex, countyId, pattern, year)) add(t.orgId, 'themeDay', t.date);
  return branches.map((b) => {
    // Party-group meetings are due only in branches that have party groups.
    const kinds = COMPLIANCE_KINDS.filter((k) => k !== 'groupMeeting' || b.hasGroups).map((kind) => {
      const frequency = settings.frequencies[kind];
      const held = periodCompliance(frequency, year, dates.get(`${b.id}|${kind}`) ?? [], today, b.foundedOn);
      // The 组织生活会's due month is a county setting (the 条例 names none): overdue after that month, default December.
      const periods = kind === 'lifeMeeting' ? withDueMonth(held, frequency, settings.lifeMeeting.dueMonth, today) : held;
      return { kind, frequency, periods, figures: complianceFigures(periods) };
    });
    return { orgId: b.id, orgName: b.name, orgPath: b.path, townId: b.town.id, townName: b.town.name, kinds, figures: sumFigures(kinds.map((k) => k.figures)) };
  });
}

export function createOrgLifeService(ctx: AppContext) {
  const today = () => toChinaDate(ctx.clock());
  const files = createFilesService(ctx);
  const fileIdsOf = (m: { photoFileIds: string[]; signInFileId: string | null }) => [...m.photoFileIds, ...(m.signInFileId ? [m.signInFileId] : [])];
  const thisYear = () => Number(today().slice(0, 4));

  async function loadMeeting(ex: Executor, actor: Actor, id: string): Promise<MeetingRow> {
    const m = await repo.findMeeting(ex, actor.countyId, id);
    if (!m || actor.role === 'member' || !orgInScope(actor, m.orgPath)) throw notFound('会议记录');
    return m;
  }

  async function loadBranch(ex: Executor, actor: Actor, orgId: string | undefined) {
    const org = await findOrgInScope(ex, actor, orgId);
    if (org.type !== 'branch') throw invalid(`${org.name}不是党支部：三会一课以党支部为单位记录，请选择党支部`, [{ path: 'orgId', message: '请选择党支部' }], 'ORG_NOT_BRANCH');
    return org;
  }

  async function orgNames(ex: Executor, actor: Actor): Promise<Map<string, string>> {
    const orgs = await subtreeOrgs(ex, actor.countyId, actor.orgPath);
    return new Map(orgs.map((o) => [o.id, o.name]));
  }

  const summaryOf = (m: MeetingRow, orgName: string): MeetingSummary => ({
    id: m.id,
    orgId: m.orgId,
    orgName,
    kind: m.kind as MeetingKind,
    date: m.date,
    topic: m.topic,
    place: m.place,
    present: m.present,
    expected: m.expected,
    resolutions: m.resolutions.length,
    version: m.version,
  });

  async function list(actor: Actor, q: MeetingListQuery) {
    requirePermission(actor, 'orgLife.read');
    const org = await findOrgInScope(ctx.db, actor, q.orgId);
    const { rows, total } = await repo.listMeetings(ctx.db, actor.countyId, subtreePattern(org.path), { month: q.month, year: q.year, kind: q.kind }, q);
    const names = await orgNames(ctx.db, actor);
    return { items: rows.map((r) => summaryOf(r, names.get(r.orgId) ?? '')), total, page: q.page, pageSize: q.pageSize };
  }

  async function roster(actor: Actor, orgId: string | undefined) {
    requirePermission(actor, 'orgLife.read');
    const org = await loadBranch(ctx.db, actor, orgId);
    const rows = await rosterForOrgLife(ctx.db, actor.countyId, { orgId: org.id, orgPath: org.path });
    return { orgId: org.id, orgName: org.name, items: rows.map((r) => ({ memberId: r.id, name: r.name, status: r.status, committee: r.cadre })), total: rows.length, page: 1, pageSize: Math.max(rows.length, 1) };
  }

  async function detail(ex: Executor, actor: Actor, m: MeetingRow): Promise<MeetingDetail> {
    const org = await findOrgInScope(ex, actor, m.orgId);
    const members = (await rosterForOrgLife(ex, actor.countyId, { orgId: org.id, orgPath: org.path })).map(toRoster);
    const att = await repo.attendance(ex, actor.countyId, m.id);
    const byMember = new Map(att.map((a) => [a.memberId, a]));
    const marks: AttendanceMark[] = att.map((a) => ({ memberId: a.memberId, status: a.status as AttendanceMark['status'], reason: a.reason }));
    const stored = await files.describe(ex, actor.countyId, fileIdsOf(m));
    return {
      ...summaryOf(m, org.name),
      photos: m.photoFileIds.flatMap((id) => stored.get(id) ?? []),
      signInFile: (m.signInFileId && stored.get(m.signInFileId)) || null,
      chair: m.chair,
      recorder: m.recorder,
      agenda: m.agenda,
      minutes: m.minutes,
      writtenOpinions: m.writtenOpinions,
      photoFileIds: m.photoFileIds,
      signInFileId: m.signInFileId,
      resolutionItems: m.resolutions,
      roster: members.map((r) => ({ memberId: r.memberId, name: r.name, status: r.status, committee: r.committee, attendance: (byMember.get(r.memberId)?.status as AttendanceMark['status'] | undefined) ?? null, reason: byMember.get(r.memberId)?.reason ?? null })),
      quorum: quorum(m.kind as MeetingKind, members, marks),
      can: { update: can(actor, 'orgLife.write') },
    };
  }

  async function get(actor: Actor, id: string): Promise<MeetingDetail> {
    requirePermission(actor, 'orgLife.read');
    return detail(ctx.db, actor, await loadMeeting(ctx.db, actor, id));
  }

  /** The checks every save runs: date not in the future, attendees of the branch, quorum for decisions, votes. */
  async function checked(ex: Executor, actor: Actor, org: { id: string; path: string; name: string }, kind: MeetingKind, input: z.infer<typeof ZMeetingUpdate>) {
    const future = futureDateIssue(input.date, today());
    if (future) throw invalid(future, [{ path: 'date', message: '会议日期不能晚于今天' }], 'MEETING_IN_FUTURE');
    const roster = (await rosterForOrgLife(ex, actor.countyId, { orgId: org.id, orgPath: org.path })).map(toRoster);
    const inRoster = new Set(roster.map((r) => r.memberId));
    const names = new Map<string, string>();
    for (const a of input.attendance) {
      if (inRoster.has(a.memberId) || names.has(a.memberId)) continue;
      const other = await findRosterMember(ex, actor.countyId, a.memberId);
      // Someone outside the actor's scope is not named (their existence is not revealed).
      if (other && orgInScope(actor, other.orgPath)) names.set(a.memberId, `${other.name}（${other.orgName}）`);
    }
    const issues = attendanceIssues(roster, input.attendance, (id) => names.get(id) ?? null);
    if (issues.length > 0) throw invalid(issues.length > 1 ? `${issues[0].message}（共${issues.length}处错误）` : issues[0].message, issues, 'ATTENDANCE_INVALID');
    const marks: AttendanceMark[] = input.attendance.map((a) => ({ memberId: a.memberId, status: a.status, reason: a.status === 'leave' ? a.reason : null }));
    const q = quorum(kind, roster, marks);
    const resolutions = input.resolutions.map((r, i) => {
      const hasVote = r.yes !== null || r.no !== null || r.abstain !== null;
      if (!hasVote) return { ...r, passed: null };
      const v = checkMeetingVote(kind, q, { yes: r.yes ?? 0, no: r.no ?? 0, abstain: r.abstain ?? 0 });
      if (!v.ok) throw ruleError('VOTE_INVALID', `第${i + 1}项决议：${v.message}`, [{ path: `resolutions.${i}.yes`, message: v.message }]);
      return { ...r, passed: q.required ? v.passed : null };
    });
    if (resolutions.length > 0 && q.required && !q.met) {
      throw ruleError('QUORUM_NOT_MET', `${MEETING_KIND_LABELS[kind]}${quorumRefusal(kind, q)}`, [{ path: 'resolutions', message: quorumRefusal(kind, q) }]);
    }
    const present = marks.filter((m) => m.status === 'present').length;
    return { marks, resolutions, expected: roster.length, present, q, rosterIds: inRoster };
  }

  const auditable = (m: { kind: string; date: string; topic: string; place: string; chair: string; recorder: string }, c: { present: number; expected: number; resolutions: unknown[] }) => ({
    kind: MEETING_KIND_LABELS[m.kind as MeetingKind],
    date: m.date,
    topic: m.topic,
    place: m.place,
    chair: m.chair,
    recorder: m.recorder,
    present: c.present,
    expected: c.expected,
    resolutions: c.resolutions.length,
  });

  /** A 组织生活会 is held only after its preparation: every step done by the meeting's date, in the record's year. */
  function readyFor(life: LifeMeetingRow, date: string) {
    if (Number(date.slice(0, 4)) !== life.year) throw invalid(`${life.title}是${life.year}年度的组织生活会，会议日期须在${life.year}年内`, [{ path: 'date', message: `会议日期须在${life.year}年内` }], 'LIFE_MEETING_YEAR');
    const missing = missingSteps(life.steps as LifeMeetingSteps, date);
    if (missing.length > 0) throw ruleError('LIFE_MEETING_NOT_READY', notReadyMessage(missing), missing.map((m) => ({ path: 'lifeMeetingId', message: `尚未完成“${m}”` })));
  }

  /** The 组织生活会 record a new meeting of kind `lifeMeeting` is the meeting of (locked; checked ready); none for the other kinds. */
  async function lifeMeetingFor(ex: Executor, actor: Actor, orgId: string, kind: MeetingKind, id: string | null, date: string): Promise<LifeMeetingRow | null> {
    if (kind !== 'lifeMeeting') {
      if (id) throw invalid('只有组织生活会才能关联组织生活会准备记录', [{ path: 'lifeMeetingId', message: '请去掉组织生活会记录' }]);
      return null;
    }
    if (!id) throw invalid('组织生活会须在其准备记录中登记召开（先完成学习研讨、征求意见、谈心谈话、撰写对照检查材料）', [{ path: 'lifeMeetingId', message: '请选择组织生活会' }], 'LIFE_MEETING_REQUIRED');
    const life = await repo.findLifeMeeting(ex, actor.countyId, id, true);
    if (!life || life.orgId !== orgId || !orgInScope(actor, life.orgPath)) throw notFound('组织生活会');
    if (life.meetingId) throw conflict(`${life.title}已于${life.heldOn}召开并记录，请修改原会议记录`, 'LIFE_MEETING_HELD');
    readyFor(life, date);
    return life;
  }

  async function create(actor: Actor, body: unknown): Promise<MeetingDetail> {
    requirePermission(actor, 'orgLife.write');
    const input = validate(ZMeetingCreate, body);
    return ctx.db.transaction(async (tx) => {
      const org = await loadBranch(tx, actor, input.orgId);
      const life = await lifeMeetingFor(tx, actor, org.id, input.kind, input.lifeMeetingId, input.date);
      const c = await checked(tx, actor, org, input.kind, { ...input, version: 1 });
      // Photos and the sign-in sheet are files uploaded through /api/files (the files module checks they may be attached).
      await files.requireAttachable(tx, actor, fileIdsOf(input), org.path);
      const existing = await repo.findSlot(tx, actor.countyId, org.id, input.kind, input.date);
      if (existing) throw conflict(`${org.name} ${input.date} 已记录过${MEETING_KIND_LABELS[input.kind]}（${existing.topic}），同一天同类会议只能记录一次，请修改原记录`, 'MEETING_EXISTS');
      const now = ctx.clock();
      const row = await repo.insertMeeting(tx, {
        countyId: actor.countyId, orgId: org.id, orgPath: org.path, kind: input.kind, date: input.date, place: input.place, chair: input.chair, recorder: input.recorder,
        topic: input.topic, agenda: input.agenda, minutes: input.minutes, writtenOpinions: input.writtenOpinions, resolutions: c.resolutions, photoFileIds: input.photoFileIds,
        signInFileId: input.signInFileId, expected: c.expected, present: c.present, createdBy: actor.accountId, createdAt: now, updatedAt: now,
      });
      await repo.replaceAttendance(tx, row, c.marks);
      if (life) await repo.linkLifeMeeting(tx, actor.countyId, life.id, row.id, row.date, now);
      await writeAudit(tx, actor, now, { action: 'orgLife.meeting.create', entityType: 'orgLifeMeeting', entityId: row.id, after: { orgName: org.name, ...auditable(row, { ...c, resolutions: c.resolutions }) } });
      // The meeting is the evidence of its duty-list item (no double entry): accepted through the duties module.
      const evidence = dutyEvidenceOf(input.kind, input.date);
      for (const month of evidence?.months ?? []) {
        const text = `${input.date} ${MEETING_KIND_LABELS[input.kind]}：${input.topic}（应到${c.expected}人，实到${c.present}人）`;
        const source = input.kind === 'lifeMeeting' ? '组织生活会会议记录' : `三会一课会议记录（${MEETING_KIND_LABELS[input.kind]}）`;
        if (await acceptDutyByEvidence(ctx, tx, actor, { orgId: org.id, orgPath: org.path, month, templateKey: evidence!.templateKey, text, source })) break;
      }
      return detail(tx, actor, row);
    });
  }

  async function update(actor: Actor, id: string, body: unknown): Promise<MeetingDetail> {
    requirePermission(actor, 'orgLife.write');
    const input = validate(ZMeetingUpdate, body);
    return ctx.db.transaction(async (tx) => {
      const m = await loadMeeting(tx, actor, id);
      const org = await loadBranch(tx, actor, m.orgId);
      const life = m.kind === 'lifeMeeting' ? await repo.lifeMeetingOfMeeting(tx, actor.countyId, m.id) : null;
      if (life) readyFor(life, input.date);
      const c = await checked(tx, actor, org, m.kind as MeetingKind, input);
      const attached = new Set(fileIdsOf(m));
      await files.requireAttachable(tx, actor, fileIdsOf(input).filter((f) => !attached.has(f)), org.path);
      if (input.date !== m.date) {
        const clash = await repo.findSlot(tx, actor.countyId, org.id, m.kind, input.date);
        if (clash) throw conflict(`${org.name} ${input.date} 已记录过${MEETING_KIND_LABELS[m.kind as MeetingKind]}（${clash.topic}），同一天同类会议只能记录一次`, 'MEETING_EXISTS');
      }
      const now = ctx.clock();
      const values = {
        date: input.date, place: input.place, chair: input.chair, recorder: input.recorder, topic: input.topic, agenda: input.agenda, minutes: input.minutes,
        writtenOpinions: input.writtenOpinions, resolutions: c.resolutions, photoFileIds: input.photoFileIds, signInFileId: input.signInFileId, expected: c.expected, present: c.present, updatedAt: now,
      };
      if (!(await repo.updateMeetingVersioned(tx, actor.countyId, id, input.version, values))) throw conflict('该会议记录已被他人修改，请刷新后重试', 'STALE_VERSION');
      const saved = (await repo.findMeeting(tx, actor.countyId, id))!;
      // Attendance of members who have since left the branch (transferred) is kept: it is their record, and their 学时.
      const kept = (await repo.attendance(tx, actor.countyId, id)).filter((a) => !c.rosterIds.has(a.memberId)).map((a) => ({ memberId: a.memberId, status: a.status, reason: a.reason }));
      await repo.replaceAttendance(tx, saved, [...c.marks, ...kept]);
      if (life && life.heldOn !== saved.date) await repo.linkLifeMeeting(tx, actor.countyId, life.id, saved.id, saved.date, now);
      await writeAudit(tx, actor, now, { action: 'orgLife.meeting.update', entityType: 'orgLifeMeeting', entityId: id, before: auditable(m, m), after: auditable(saved, saved) });
      return detail(tx, actor, saved);
    });
  }

  /** 会议记录 as a Word document: the heading, attendance, agenda, minutes and resolutions. */
  async function minutes(actor: Actor, id: string, reply: FastifyReply) {
    requirePermission(actor, 'orgLife.read');
    const d = await get(actor, id);
    const FONT = '仿宋';
    const para = (label: string, text: string | null) =>
      new Paragraph({ spacing: { after: 120, line: 460 }, children: [new TextRun({ text: `${label}：`, bold: true, size: 30, font: FONT }), new TextRun({ text: text ?? '（无）', size: 30, font: FONT })] });
    const by = (s: string) => d.roster.filter((r) => r.attendance === s);
    const leave = by('leave').map((r) => `${r.name}（${r.reason ?? ''}）`).join('、');
    const rows = [['姓名', '身份', '出席情况', '请假事由'], ...d.roster.map((r) => [r.name, `${r.status === 'probationary' ? '预备党员' : '正式党员'}${r.committee ? '·支委' : ''}`, r.attendance ? ATTENDANCE_STATUS_LABELS[r.attendance] : '未登记', r.reason ?? ''])];
    const children: (Paragraph | Table)[] = [
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: `${d.orgName}${MEETING_KIND_LABELS[d.kind]}会议记录`, bold: true, size: 36, font: '方正小标宋简体' })] }),
      para('会议时间', d.date),
      para('会议地点', d.place),
      para('主持人', d.chair),
      para('记录人', d.recorder),
      para('会议主题', d.topic),
      para('应到人数', `${d.expected}人；实到${d.present}人；请假${by('leave').length}人；缺席${by('absent').length}人`),
      para('出席人员', by('present').map((r) => r.name).join('、') || '（无）'),
      para('请假人员', leave || '（无）'),
      para('会议议程', d.agenda),
      para('会议记录', d.minutes),
      para('书面意见', d.writtenOpinions),
      ...(d.resolutionItems.length === 0
        ? [para('会议决议', null)]
        : d.resolutionItems.map((r, i) => para(`决议${i + 1}`, `${r.text}${r.yes !== null ? `（赞成${r.yes}票，反对${r.no ?? 0}票，弃权${r.abstain ?? 0}票${r.passed === null ? '' : r.passed ? '，通过' : '，未通过'}）` : ''}`))),
      new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: rows.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: cell, size: 26, font: FONT })] })] })) })) }),
    ];
    const buffer = await Packer.toBuffer(new Document({ creator: '雁阵党建工作管理平台', title: `${d.orgName}${MEETING_KIND_LABELS[d.kind]}会议记录`, sections: [{ children }] }));
    const name = `${d.orgName}-${MEETING_KIND_LABELS[d.kind]}-${d.date}.docx`;
    return reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(name, `minutes-${d.date}.docx`)).header('cache-control', 'no-store').send(buffer);
  }

  // ---- settings
  async function getSettings(actor: Actor): Promise<OrgLifeSettings> {
    requirePermission(actor, 'orgLife.read');
    return loadOrgLifeSettings(ctx.db, actor.countyId);
  }
  async function putSettings(actor: Actor, body: unknown): Promise<OrgLifeSettings> {
    requirePermission(actor, 'orgLife.settings');
    const input = validate(ZOrgLifeSettings, body);
    await ctx.db.transaction(async (tx) => {
      const before = await loadOrgLifeSettings(tx, actor.countyId);
      await writeSetting(tx, actor.countyId, ORG_LIFE_SETTINGS_KEY, input, actor.accountId, ctx.clock());
      await writeAudit(tx, actor, ctx.clock(), { action: 'orgLife.settings.update', entityType: 'settings', entityId: null, before, after: input });
    });
    return input;
  }

  // ---- compliance
  async function compliance(actor: Actor, q: { orgId?: string; year?: number; page: number; pageSize: number }): Promise<ComplianceReport> {
    requirePermission(actor, 'orgLife.read');
    const org = await findOrgInScope(ctx.db, actor, q.orgId);
    const year = q.year ?? thisYear();
    const settings = await loadOrgLifeSettings(ctx.db, actor.countyId);
    const branches = await computeCompliance(ctx.db, actor.countyId, org.path, year, today(), settings);
    const towns = new Map<string, { townId: string; townName: string; list: typeof branches }>();
    for (const b of branches) {
      const t = towns.get(b.townId) ?? { townId: b.townId, townName: b.townName, list: [] };
      t.list.push(b);
      towns.set(b.townId, t);
    }
    const start = (q.page - 1) * q.pageSize;
    return {
      year,
      today: today(),
      total: branches.length,
      page: q.page,
      pageSize: q.pageSize,
      items: branches.slice(start, start + q.pageSize).map(({ orgPath: _p, townId: _t, ...b }) => b),
      towns: [...towns.values()].map((t) => ({
        townId: t.townId,
        townName: t.townName,
        branches: t.list.length,
        figures: sumFigures(t.list.map((b) => b.figures)),
        byKind: COMPLIANCE_KINDS.map((kind) => ({ kind, figures: sumFigures(t.list.flatMap((b) => b.kinds.filter((k) => k.kind === kind).map((k) => k.figures))) })),
      })),
      county: sumFigures(branches.map((b) => b.figures)),
    };
  }

  async function warnings(actor: Actor, q: { orgId?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'orgLife.read');
    const org = await findOrgInScope(ctx.db, actor, q.orgId);
    const { rows, total } = await repo.listWarnings(ctx.db, actor.countyId, subtreePattern(org.path), q);
    const names = await orgNames(ctx.db, actor);
    return {
      items: rows.map((w) => ({ orgId: w.orgId, orgName: names.get(w.orgId) ?? '', kind: w.kind as ComplianceKind, period: w.period, raisedAt: w.raisedAt.toISOString(), message: `${names.get(w.orgId) ?? ''} ${w.period} 未召开${MEETING_KIND_LABELS[w.kind as ComplianceKind]}` })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  // ---- talks
  async function createTalk(actor: Actor, body: unknown) {
    requirePermission(actor, 'orgLife.write');
    const input = validate(ZTalkCreate, body);
    return ctx.db.transaction(async (tx) => {
      const org = await loadBranch(tx, actor, input.orgId);
      const future = futureDateIssue(input.talkedOn, today());
      if (future) throw invalid(future.replace('会议', '谈话').replace('尚未召开的会议', '尚未进行的谈话'), [{ path: 'talkedOn', message: '谈话日期不能晚于今天' }]);
      const roster = await rosterForOrgLife(tx, actor.countyId, { orgId: org.id, orgPath: org.path });
      const talker = roster.find((r) => r.id === input.talkerMemberId);
      if (!talker || !talker.cadre) throw invalid(`谈话人须为${org.name}的支部书记或委员`, [{ path: 'talkerMemberId', message: '请选择本支部的书记或委员' }], 'TALKER_NOT_COMMITTEE');
      const member = roster.find((r) => r.id === input.memberId);
      if (!member) throw invalid(`谈话对象须为${org.name}的党员`, [{ path: 'memberId', message: '请选择本支部党员' }], 'MEMBER_NOT_IN_BRANCH');
      if (member.id === talker.id) throw invalid('谈话人和谈话对象不能是同一人', [{ path: 'memberId', message: '请选择另一名党员' }]);
      const row = await repo.insertTalk(tx, { countyId: actor.countyId, orgId: org.id, orgPath: org.path, talkerMemberId: talker.id, talkerName: talker.name, memberId: member.id, memberName: member.name, talkedOn: input.talkedOn, topics: input.topics, createdBy: actor.accountId });
      await writeAudit(tx, actor, ctx.clock(), { action: 'orgLife.talk.create', entityType: 'orgLifeTalk', entityId: row.id, after: { orgName: org.name, talker: talker.name, member: member.name, talkedOn: input.talkedOn } });
      return { id: row.id, orgId: org.id, orgName: org.name, talkerName: talker.name, memberName: member.name, talkedOn: row.talkedOn, topics: row.topics };
    });
  }

  async function talks(actor: Actor, q: { orgId?: string; year?: number; page: number; pageSize: number }) {
    requirePermission(actor, 'orgLife.read');
    const org = await findOrgInScope(ctx.db, actor, q.orgId);
    const { rows, total } = await repo.listTalks(ctx.db, actor.countyId, subtreePattern(org.path), q.year, q);
    const names = await orgNames(ctx.db, actor);
    return { items: rows.map((t) => ({ id: t.id, orgId: t.orgId, orgName: names.get(t.orgId) ?? '', talkerName: t.talkerName, memberName: t.memberName, talkedOn: t.talkedOn, topics: t.topics })), total, page: q.page, pageSize: q.pageSize };
  }

  async function talkCoverageOf(actor: Actor, q: { orgId?: string; year?: number; page: number; pageSize: number }) {
    requirePermission(actor, 'orgLife.read');
    const org = await loadBranch(ctx.db, actor, q.orgId);
    const year = q.year ?? thisYear();
    const roster = await rosterForOrgLife(ctx.db, actor.countyId, { orgId: org.id, orgPath: org.path });
    const c = talkCoverage(roster.map((r) => r.id), await repo.talksWith(ctx.db, actor.countyId, roster.map((r) => r.id), year), year);
    const names = new Map(roster.map((r) => [r.id, r.name]));
    const start = (q.page - 1) * q.pageSize;
    return {
      orgId: org.id, orgName: org.name, year, covered: c.covered, members: c.total, ratePermille: c.ratePermille,
      items: c.uncovered.slice(start, start + q.pageSize).map((id) => ({ memberId: id, name: names.get(id)! })),
      total: c.uncovered.length, page: q.page, pageSize: q.pageSize,
    };
  }

  // ---- training hours
  async function createTrainingEntry(actor: Actor, body: unknown) {
    requirePermission(actor, 'orgLife.write');
    const input = validate(ZTrainingEntryCreate, body);
    return ctx.db.transaction(async (tx) => {
      const m = actor.role === 'member' ? null : await findRosterMember(tx, actor.countyId, input.memberId);
      if (!m || !orgInScope(actor, m.orgPath)) throw notFound('党员');
      const future = futureDateIssue(input.studiedOn, today());
      if (future) throw invalid(`学习日期 ${input.studiedOn} 晚于今天，不能登记尚未进行的学习`, [{ path: 'studiedOn', message: '学习日期不能晚于今天' }]);
      const row = await repo.insertTrainingEntry(tx, { countyId: actor.countyId, memberId: m.id, orgPath: m.orgPath, source: input.source, studiedOn: input.studiedOn, hours: input.hours, title: input.title, createdBy: actor.accountId });
      await writeAudit(tx, actor, ctx.clock(), { action: 'orgLife.training.create', entityType: 'orgLifeTraining', entityId: row.id, after: { member: m.name, source: input.source, studiedOn: input.studiedOn, hours: input.hours, title: input.title } });
      return { id: row.id };
    });
  }

  const meetingHours = (attended: { kind: string; n: number }[], settings: OrgLifeSettings) => attended.reduce((s, a) => s + a.n * (settings.hoursPerKind[a.kind as ComplianceKind] ?? 0), 0);

  async function hours(actor: Actor, q: { orgId?: string; year?: number; shortfall?: 'true' | 'false'; page: number; pageSize: number }) {
    requirePermission(actor, 'orgLife.read');
    const org = await findOrgInScope(ctx.db, actor, q.orgId);
    const year = q.year ?? thisYear();
    const settings = await loadOrgLifeSettings(ctx.db, actor.countyId);
    const pattern = subtreePattern(org.path);
    const roster = await rosterForOrgLife(ctx.db, actor.countyId, { pathPattern: pattern });
    // Hours follow the member: a member transferred in keeps what they earned in the old branch.
    const ids = roster.map((r) => r.id);
    const h = await repo.hoursByMember(ctx.db, actor.countyId, year, { memberIds: ids });
    const att = new Map<string, { kind: string; n: number }[]>();
    for (const a of [...h.attended, ...(await themeDaysAttendedInYear(ctx.db, actor.countyId, ids, year)).map((t) => ({ ...t, kind: 'themeDay' }))]) att.set(a.memberId, [...(att.get(a.memberId) ?? []), a]);
    const other = new Map(h.other.map((o) => [o.memberId, o.hours]));
    let rows = roster.map((r) => {
      const mh = meetingHours(att.get(r.id) ?? [], settings);
      const oh = other.get(r.id) ?? 0;
      const p = hoursProgress([{ hours: mh }, { hours: oh }], r.cadre, settings.requirements);
      return { memberId: r.id, name: r.name, orgName: r.orgName, cadre: r.cadre, total: p.total, required: p.required, shortfall: p.shortfall, meetingHours: mh, otherHours: oh };
    });
    if (q.shortfall === 'true') rows = rows.filter((r) => r.shortfall > 0).sort((a, b) => b.shortfall - a.shortfall);
    const start = (q.page - 1) * q.pageSize;
    return { items: rows.slice(start, start + q.pageSize), total: rows.length, page: q.page, pageSize: q.pageSize };
  }

  async function mine(actor: Actor, q: { year?: number }): Promise<MyOrgLife> {
    requirePermission(actor, 'self.read');
    const me = actor.memberId ? await findRosterMember(ctx.db, actor.countyId, actor.memberId) : null;
    if (!me) throw notFound('本人党员档案');
    const year = q.year ?? thisYear();
    const settings = await loadOrgLifeSettings(ctx.db, actor.countyId);
    const roster = await rosterForOrgLife(ctx.db, actor.countyId, { orgId: me.orgId, orgPath: me.orgPath });
    const cadre = roster.find((r) => r.id === me.id)?.cadre ?? false;
    const h = await repo.hoursByMember(ctx.db, actor.countyId, year, { memberIds: [me.id] });
    const themeDays = (await themeDaysAttendedInYear(ctx.db, actor.countyId, [me.id], year)).map((t) => ({ ...t, kind: 'themeDay' }));
    const mh = meetingHours([...h.attended, ...themeDays], settings);
    const oh = h.other[0]?.hours ?? 0;
    const p = hoursProgress([{ hours: mh }, { hours: oh }], cadre, settings.requirements);
    const page = { page: 1, pageSize: 200 };
    const list = await repo.memberAttendance(ctx.db, actor.countyId, me.id, year, page);
    return {
      year,
      orgName: me.orgName,
      hours: { total: p.total, required: p.required, shortfall: p.shortfall, permille: p.permille, meetingHours: mh, otherHours: oh },
      meetings: {
        items: list.rows.map((r) => ({ id: r.id, kind: r.kind as MeetingKind, date: r.date, topic: r.topic, attendance: r.status as AttendanceMark['status'], hours: r.status === 'present' ? settings.hoursPerKind[r.kind as ComplianceKind] ?? 0 : 0 })),
        total: list.total,
        page: page.page,
        pageSize: page.pageSize,
      },
    };
  }

  // ---- 党性（政治）体检: encrypted, only the organization department and the committees above see it, every view audited.
  async function saveCheckup(actor: Actor, body: unknown) {
    requirePermission(actor, 'orgLife.checkups');
    const input = validate(ZCheckupInput, body);
    const issues = checkupIssues(input, today());
    if (issues.length > 0) throw invalid(issues[0].message, issues, 'CHECKUP_INVALID');
    return ctx.db.transaction(async (tx) => {
      const m = await findRosterMember(tx, actor.countyId, input.memberId);
      if (!m || !orgInScope(actor, m.orgPath)) throw notFound('党员');
      const list = await loadCheckupItems(tx, actor.countyId);
      const itemIssues = checkupItemIssues(input.items, list.items);
      if (itemIssues.length > 0) throw invalid(itemIssues[0].message, itemIssues, 'CHECKUP_INVALID');
      const labels = new Map(list.items.map((i) => [i.key, i.label]));
      const { memberId: _m, year: _y, ...rest } = input;
      // The record keeps the item names and the list's version it was made with.
      const data: StoredCheckup = { ...rest, itemsVersion: list.version, items: input.items.map((i) => ({ ...i, label: labels.get(i.key)! })) };
      await repo.upsertCheckup(tx, { countyId: actor.countyId, memberId: m.id, orgPath: m.orgPath, year: input.year, dataEnc: ctx.crypto.encrypt(JSON.stringify(data)), updatedAt: ctx.clock() });
      // The result and the notes are confidential: the log names who and which year, never the content.
      await writeAudit(tx, actor, ctx.clock(), { action: 'orgLife.checkup.save', entityType: 'orgLifeCheckup', entityId: m.id, note: `${m.name} ${input.year}年党性体检（内容保密）` });
      return { ok: true as const };
    });
  }

  async function viewCheckup(actor: Actor, q: { memberId: string; year: number }) {
    requirePermission(actor, 'orgLife.checkups');
    return ctx.db.transaction(async (tx) => {
      const m = await findRosterMember(tx, actor.countyId, q.memberId);
      if (!m || !orgInScope(actor, m.orgPath)) throw notFound('党员');
      const row = await repo.findCheckup(tx, actor.countyId, m.id, q.year);
      if (!row) throw notFound(`${q.year}年党性体检记录`);
      await writeAudit(tx, actor, ctx.clock(), { action: 'orgLife.checkup.view', entityType: 'orgLifeCheckup', entityId: m.id, note: `查看${m.name} ${q.year}年党性体检结果` });
      const data = JSON.parse(ctx.crypto.decrypt(row.dataEnc)) as StoredCheckup;
      return { ...data, dueOn: data.dueOn ?? null, itemsVersion: data.itemsVersion ?? null, items: data.items ?? [], memberId: m.id, year: q.year, memberName: m.name, orgName: m.orgName };
    });
  }

  async function checkupCounts(actor: Actor, q: { orgId?: string; year?: number }) {
    requirePermission(actor, 'orgLife.checkups');
    const org = await findOrgInScope(ctx.db, actor, q.orgId);
    const year = q.year ?? thisYear();
    const orgs = (await subtreeOrgs(ctx.db, actor.countyId, org.path)) as OrgRef[];
    const bySeq = new Map(orgs.map((o) => [String(o.seq), o]));
    const towns = new Map<string, { townName: string; healthy: number; subHealthy: number; unhealthy: number; assigned: number; completed: number; overdue: number }>();
    for (const r of await repo.checkupsOfYear(ctx.db, actor.countyId, subtreePattern(org.path), year)) {
      const seg = r.orgPath.split('/').filter(Boolean);
      const town = (seg.length > 2 ? bySeq.get(seg[1]) : null) ?? org;
      const t = towns.get(town.id) ?? { townName: town.name, healthy: 0, subHealthy: 0, unhealthy: 0, assigned: 0, completed: 0, overdue: 0 };
      const d = JSON.parse(ctx.crypto.decrypt(r.dataEnc)) as StoredCheckup;
      t[d.result] += 1;
      if (checkupFollowUpState(d, today()) === 'overdue') t.overdue += 1;
      if (d.baseSessionOn) t.assigned += 1;
      if (d.completedOn) t.completed += 1;
      towns.set(town.id, t);
    }
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'orgLife.checkup.counts', entityType: 'orgLifeCheckup', entityId: null, note: `${org.name} ${year}年党性体检统计（仅人数）` });
    return { year, towns: [...towns.values()] };
  }

  async function checkupItems(actor: Actor): Promise<CheckupItems> {
    requirePermission(actor, 'orgLife.checkups');
    return loadCheckupItems(ctx.db, actor.countyId);
  }

  async function putCheckupItems(actor: Actor, body: unknown): Promise<CheckupItems> {
    requirePermission(actor, 'orgLife.settings');
    const input = validate(ZCheckupItemsInput, body);
    return ctx.db.transaction(async (tx) => {
      await repo.lockCheckupItems(tx, actor.countyId);
      const before = await loadCheckupItems(tx, actor.countyId);
      if (input.version !== before.version) throw staleVersion('体检项目已被他人修改，请刷新后重试');
      const now = ctx.clock();
      const next: CheckupItems = { version: before.version + 1, items: input.items, updatedAt: now.toISOString() };
      await writeSetting(tx, actor.countyId, CHECKUP_ITEMS_KEY, next, actor.accountId, now);
      await writeAudit(tx, actor, now, { action: 'orgLife.checkupItems.update', entityType: 'settings', entityId: null, before: { version: before.version, items: before.items.map((i) => i.label) }, after: { version: next.version, items: next.items.map((i) => i.label) }, note: `党性体检项目第${next.version}版` });
      return next;
    });
  }

  /** The 亚健康/不健康 follow-ups of a scope and year, with their deadlines (names: orgLife.checkups only, audited). */
  async function checkupFollowUps(actor: Actor, q: { orgId?: string; year?: number; state?: CheckupFollowUpState; page: number; pageSize: number }) {
    requirePermission(actor, 'orgLife.checkups');
    const org = await findOrgInScope(ctx.db, actor, q.orgId);
    const year = q.year ?? thisYear();
    const day = today();
    const rows = (await repo.checkupsOfYear(ctx.db, actor.countyId, subtreePattern(org.path), year))
      .map((r) => ({ ...r, d: JSON.parse(ctx.crypto.decrypt(r.dataEnc)) as StoredCheckup }))
      .map((r) => ({ ...r, state: checkupFollowUpState(r.d, day) }))
      .filter((r): r is typeof r & { state: CheckupFollowUpState } => r.state !== null && (!q.state || r.state === q.state))
      .sort((a, b) => ((a.d.dueOn ?? a.d.baseSessionOn ?? '') < (b.d.dueOn ?? b.d.baseSessionOn ?? '') ? -1 : 1) || (a.memberId < b.memberId ? -1 : 1));
    const start = (q.page - 1) * q.pageSize;
    const pageRows = rows.slice(start, start + q.pageSize);
    const warned = await repo.checkupWarnings(ctx.db, actor.countyId, pageRows.map((r) => `${r.year}/${r.memberId}`));
    const items = [];
    for (const r of pageRows) {
      const m = await findRosterMember(ctx.db, actor.countyId, r.memberId);
      items.push({
        memberId: r.memberId, memberName: m?.name ?? '（已离开）', orgName: m?.orgName ?? '', year: r.year, result: r.d.result, baseSessionOn: r.d.baseSessionOn, dueOn: r.d.dueOn ?? null,
        completedOn: r.d.completedOn, recheckResult: r.d.recheckResult, state: r.state, warnedAt: warned.get(`${r.year}/${r.memberId}`)?.toISOString() ?? null,
      });
    }
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'orgLife.checkup.followUps', entityType: 'orgLifeCheckup', entityId: null, note: `查看${org.name} ${year}年党性体检整改跟踪名单（第${q.page}页，${items.length}人）` });
    return { items, total: rows.length, page: q.page, pageSize: q.pageSize };
  }

  // ---- 民主评议党员: the round of a branch and year (the live roster with each member's star tier and appraisal).
  const appraisalOf = (r: AppraisalRow) => ({
    selfAssessment: r.selfAssessment,
    grade: r.grade as AppraisalGrade,
    votes: r.votes,
    followUp: r.followUpAction ? { action: r.followUpAction as keyof typeof FOLLOW_UP_ACTION_LABELS, dueOn: r.followUpDueOn!, closedOn: r.followUpClosedOn, outcome: r.followUpOutcome } : null,
    version: r.version,
  });

  async function appraisalRound(actor: Actor, q: { orgId?: string; year?: number; page: number; pageSize: number }): Promise<AppraisalRound> {
    requirePermission(actor, 'orgLife.read');
    const org = await loadBranch(ctx.db, actor, q.orgId);
    const year = q.year ?? thisYear();
    const [roster, rows, tiers, settings] = await Promise.all([
      rosterForOrgLife(ctx.db, actor.countyId, { orgId: org.id, orgPath: org.path }),
      repo.appraisalsOfBranch(ctx.db, actor.countyId, org.id, year),
      yearTiersOfBranch(ctx.db, actor.countyId, org.path, year),
      loadOrgLifeSettings(ctx.db, actor.countyId),
    ]);
    const byMember = new Map(rows.map((r) => [r.memberId, r]));
    const live = new Set(roster.map((m) => m.id));
    const counts = { excellent: 0, qualified: 0, basic: 0, unqualified: 0, pending: 0, openFollowUps: 0 };
    for (const m of roster) {
      const r = byMember.get(m.id);
      if (!r) counts.pending += 1;
      else counts[r.grade as AppraisalGrade] += 1;
    }
    // A follow-up stays open after the member left the branch's roster only if it is still this branch's row.
    for (const r of rows) if (r.followUpAction && !r.followUpClosedOn && live.has(r.memberId)) counts.openFollowUps += 1;
    const percent = settings.appraisal.maxExcellentPercent;
    const start = (q.page - 1) * q.pageSize;
    return {
      orgId: org.id,
      orgName: org.name,
      year,
      maxExcellentPercent: percent,
      members: roster.length,
      maxExcellent: maxExcellentOf(roster.length, percent),
      counts,
      total: roster.length,
      page: q.page,
      pageSize: q.pageSize,
      items: roster.slice(start, start + q.pageSize).map((m) => {
        const r = byMember.get(m.id);
        return { memberId: m.id, name: m.name, starTier: tiers.get(m.id) ?? null, appraisal: r ? appraisalOf(r) : null };
      }),
    };
  }

  async function saveAppraisal(actor: Actor, body: unknown) {
    requirePermission(actor, 'orgLife.write');
    const input = validate(ZAppraisalInput, body);
    return ctx.db.transaction(async (tx) => {
      const m = await findRosterMember(tx, actor.countyId, input.memberId);
      if (!m || !orgInScope(actor, m.orgPath)) throw notFound('党员');
      const org = await loadBranch(tx, actor, m.orgId);
      // One save per branch and year at a time, so two saves cannot both take the last 优秀 place.
      await repo.lockAppraisalRound(tx, org.id, input.year);
      const roster = await rosterForOrgLife(tx, actor.countyId, { orgId: org.id, orgPath: org.path });
      const voters = roster.filter((r) => r.status === 'full').length;
      const issues = [...gradeVoteIssues(input.grade, input.votes, voters), ...followUpIssues(input.grade, input.followUp, today())];
      if (issues.length > 0) throw invalid(`${m.name}：${issues[0].message}`, issues, 'APPRAISAL_INVALID');
      const rows = await repo.appraisalsOfBranch(tx, actor.countyId, org.id, input.year);
      const live = new Set(roster.map((r) => r.id));
      if (input.grade === 'excellent') {
        const others = rows.filter((r) => r.grade === 'excellent' && r.memberId !== m.id && live.has(r.memberId)).length;
        const settings = await loadOrgLifeSettings(tx, actor.countyId);
        const share = excellentShareIssue(others, roster.length, settings.appraisal.maxExcellentPercent);
        if (share) throw ruleError('EXCELLENT_SHARE_EXCEEDED', `${m.name}不能评为优秀：${share.message}`, [share]);
      }
      const existing = await repo.findAppraisal(tx, actor.countyId, m.id, input.year);
      const f = input.followUp;
      const values = {
        orgId: org.id,
        orgPath: org.path,
        selfAssessment: input.selfAssessment,
        grade: input.grade,
        votes: input.votes,
        followUpAction: f?.action ?? null,
        followUpDueOn: f?.dueOn ?? null,
        followUpClosedOn: f?.closedOn ?? null,
        followUpOutcome: f?.outcome ?? null,
        updatedAt: ctx.clock(),
      };
      let row: AppraisalRow | null;
      if (existing) {
        if (input.version !== existing.version) throw staleVersion(`${m.name}的${input.year}年评议已被他人修改，请刷新后重试`);
        row = await repo.updateAppraisal(tx, existing.id, existing.version, values);
        if (!row) throw staleVersion();
      } else {
        row = await repo.insertAppraisal(tx, { countyId: actor.countyId, memberId: m.id, year: input.year, ...values });
      }
      const note = `${m.name} ${input.year}年民主评议：${APPRAISAL_GRADE_LABELS[input.grade]}${f ? `，${FOLLOW_UP_ACTION_LABELS[f.action]}（期限${f.dueOn}${f.closedOn ? `，${f.closedOn}办结` : ''}）` : ''}`;
      await writeAudit(tx, actor, ctx.clock(), { action: 'orgLife.appraisal.save', entityType: 'orgLifeAppraisal', entityId: row.id, before: existing ? appraisalOf(existing) : null, after: appraisalOf(row), note });
      return { memberId: m.id, name: m.name, starTier: null, appraisal: appraisalOf(row) };
    });
  }

  // ---- 组织生活会: the record (preparation steps, 整改清单, 通报) of a branch's yearly or special organizational-life meeting.
  async function loadLifeMeeting(ex: Executor, actor: Actor, id: string, forUpdate = false): Promise<LifeMeetingRow> {
    const row = await repo.findLifeMeeting(ex, actor.countyId, id, forUpdate);
    if (!row || actor.role === 'member' || !orgInScope(actor, row.orgPath)) throw notFound('组织生活会');
    return row;
  }

  const lifeSummary = (r: LifeMeetingRow, orgName: string, meeting: MeetingRow | undefined) => ({
    id: r.id,
    orgId: r.orgId,
    orgName,
    year: r.year,
    type: r.type as LifeMeetingType,
    title: r.title,
    state: lifeMeetingState(r.steps as LifeMeetingSteps, r.heldOn, today()),
    missing: r.heldOn ? [] : missingSteps(r.steps as LifeMeetingSteps, today()),
    meeting: meeting ? { id: meeting.id, date: meeting.date, topic: meeting.topic, present: meeting.present, expected: meeting.expected } : null,
    rectifications: rectificationFigures(r.rectifications, today()),
    notifiedOn: r.noticeOn,
    version: r.version,
  });

  async function lifeDetail(ex: Executor, actor: Actor, r: LifeMeetingRow): Promise<LifeMeetingDetail> {
    const org = await findOrgInScope(ex, actor, r.orgId);
    const [meeting] = r.meetingId ? await repo.meetingsByIds(ex, actor.countyId, [r.meetingId]) : [];
    let appraisal: LifeMeetingDetail['appraisal'] = null;
    if (r.type === 'annual') {
      // The branch's 民主评议党员 round of the year attaches to its yearly 组织生活会 (counts only).
      const [roster, rows] = await Promise.all([rosterForOrgLife(ex, actor.countyId, { orgId: org.id, orgPath: org.path }), repo.appraisalsOfBranch(ex, actor.countyId, org.id, r.year)]);
      const live = new Set(roster.map((m) => m.id));
      const graded = rows.filter((a) => live.has(a.memberId));
      const n = (g: string) => graded.filter((a) => a.grade === g).length;
      appraisal = { members: roster.length, appraised: graded.length, excellent: n('excellent'), qualified: n('qualified'), basic: n('basic'), unqualified: n('unqualified') };
    }
    const steps = r.steps as LifeMeetingSteps;
    return {
      ...lifeSummary(r, org.name, meeting),
      steps: LIFE_MEETING_STEPS.map((k) => ({ key: k, label: LIFE_MEETING_STEP_LABELS[k], doneOn: steps[k]?.doneOn ?? null, note: steps[k]?.note ?? null })),
      rectificationItems: r.rectifications,
      notice: r.noticeOn ? { notifiedOn: r.noticeOn, text: r.noticeText ?? '' } : null,
      appraisal,
      can: { update: can(actor, 'orgLife.write') },
    };
  }

  const lifeAuditable = (r: { title: string; year: number; steps: LifeMeetingSteps; rectifications: unknown[]; noticeOn: string | null }) => ({
    title: r.title,
    year: r.year,
    steps: Object.fromEntries(LIFE_MEETING_STEPS.map((k) => [LIFE_MEETING_STEP_LABELS[k], r.steps[k]?.doneOn ?? null])),
    rectifications: r.rectifications.length,
    notifiedOn: r.noticeOn,
  });

  async function lifeMeetings(actor: Actor, q: { orgId?: string; year?: number; page: number; pageSize: number }) {
    requirePermission(actor, 'orgLife.read');
    const org = await findOrgInScope(ctx.db, actor, q.orgId);
    const year = q.year ?? thisYear();
    const { rows, total } = await repo.listLifeMeetings(ctx.db, actor.countyId, subtreePattern(org.path), year, q);
    const names = await orgNames(ctx.db, actor);
    const meetings = new Map((await repo.meetingsByIds(ctx.db, actor.countyId, rows.flatMap((r) => (r.meetingId ? [r.meetingId] : [])))).map((m) => [m.id, m]));
    return { items: rows.map((r) => lifeSummary(r, names.get(r.orgId) ?? '', r.meetingId ? meetings.get(r.meetingId) : undefined)), total, page: q.page, pageSize: q.pageSize };
  }

  async function lifeMeeting(actor: Actor, id: string) {
    requirePermission(actor, 'orgLife.read');
    return lifeDetail(ctx.db, actor, await loadLifeMeeting(ctx.db, actor, id));
  }

  const lifeIssues = (v: { year: number; steps: LifeMeetingSteps; rectifications: z.infer<typeof ZLifeMeetingCreate>['rectifications']; notice: { notifiedOn: string } | null }, heldOn: string | null) => {
    const issues = lifeMeetingIssues(v, heldOn, today());
    if (issues.length > 0) throw invalid(issues.length > 1 ? `${issues[0].message}（共${issues.length}处错误）` : issues[0].message, issues, 'LIFE_MEETING_INVALID');
  };

  async function createLifeMeeting(actor: Actor, body: unknown) {
    requirePermission(actor, 'orgLife.write');
    const input = validate(ZLifeMeetingCreate, body);
    lifeIssues(input, null);
    return ctx.db.transaction(async (tx) => {
      const org = await loadBranch(tx, actor, input.orgId);
      if (input.type === 'annual') {
        const { rows } = await repo.listLifeMeetings(tx, actor.countyId, org.path, input.year, { page: 1, pageSize: 50 });
        if (rows.some((r) => r.orgId === org.id && r.type === 'annual')) throw conflict(`${org.name}已有${input.year}年度组织生活会记录，请在原记录中填写`, 'LIFE_MEETING_EXISTS');
      }
      const now = ctx.clock();
      const row = await repo.insertLifeMeeting(tx, {
        countyId: actor.countyId, orgId: org.id, orgPath: org.path, year: input.year, type: input.type, title: input.title, steps: input.steps,
        rectifications: [], noticeOn: null, noticeText: null, createdBy: actor.accountId, createdAt: now, updatedAt: now,
      });
      await writeAudit(tx, actor, now, { action: 'orgLife.lifeMeeting.create', entityType: 'orgLifeLifeMeeting', entityId: row.id, after: { orgName: org.name, type: LIFE_MEETING_TYPE_LABELS[input.type], ...lifeAuditable(row as typeof row & { steps: LifeMeetingSteps }) } });
      return lifeDetail(tx, actor, row);
    });
  }

  async function updateLifeMeeting(actor: Actor, id: string, body: unknown) {
    requirePermission(actor, 'orgLife.write');
    const input = validate(ZLifeMeetingUpdate, body);
    return ctx.db.transaction(async (tx) => {
      const r = await loadLifeMeeting(tx, actor, id, true);
      lifeIssues({ ...input, year: r.year }, r.heldOn);
      if (input.version !== r.version) throw staleVersion('该组织生活会记录已被他人修改，请刷新后重试');
      const now = ctx.clock();
      const saved = await repo.updateLifeMeeting(tx, actor.countyId, id, r.version, {
        title: input.title, steps: input.steps, rectifications: input.rectifications, noticeOn: input.notice?.notifiedOn ?? null, noticeText: input.notice?.text ?? null, updatedAt: now,
      });
      if (!saved) throw staleVersion();
      await writeAudit(tx, actor, now, { action: 'orgLife.lifeMeeting.update', entityType: 'orgLifeLifeMeeting', entityId: id, before: lifeAuditable(r as typeof r & { steps: LifeMeetingSteps }), after: lifeAuditable(saved as typeof saved & { steps: LifeMeetingSteps }) });
      return lifeDetail(tx, actor, saved);
    });
  }

  return { list, roster, get, create, update, minutes, getSettings, putSettings, compliance, warnings, createTalk, talks, talkCoverageOf, createTrainingEntry, hours, mine, saveCheckup, viewCheckup, checkupCounts, appraisalRound, saveAppraisal, lifeMeetings, lifeMeeting, createLifeMeeting, updateLifeMeeting, checkupItems, putCheckupItems, checkupFollowUps };
}
