// Request and response shapes of /api/org-life (meetings, compliance, talks, training hours) and /api/me/org-life.
import { z } from 'zod';
import { ZId, ZIsoDate, ZPageQuery, ZVersion, ZYearMonth, zInt, zList, zOptionalText, zQueryYear, zText } from '../core/schemas';
import { ZStoredFile } from '../files/file.schemas';
import { FREQUENCIES } from './frequency';
import { TRAINING_SOURCES } from './hours';
import { ATTENDANCE_STATUSES, COMPLIANCE_KINDS, MEETING_KINDS } from './meetings';

export const ZMeetingKind = z.enum(MEETING_KINDS, { error: '会议类型应为支部党员大会、支部委员会、党小组会、党课或组织生活会' });
export const ZAttendanceStatus = z.enum(ATTENDANCE_STATUSES, { error: '出席情况应为出席、请假或缺席' });

export const ZAttendanceInput = z.object({ memberId: ZId, status: ZAttendanceStatus, reason: zOptionalText('请假事由', 200) });
export const ZResolutionInput = z.object({
  text: zText('决议内容', 1, 1000),
  yes: zInt(0, 10_000, '赞成票').nullish().transform((v) => v ?? null),
  no: zInt(0, 10_000, '反对票').nullish().transform((v) => v ?? null),
  abstain: zInt(0, 10_000, '弃权票').nullish().transform((v) => v ?? null),
});

const meetingFields = {
  date: ZIsoDate,
  place: zText('会议地点', 1, 100),
  chair: zText('主持人', 1, 40),
  recorder: zText('记录人', 1, 40),
  topic: zText('会议主题', 1, 200),
  agenda: zOptionalText('会议议程', 2000),
  minutes: zOptionalText('会议记录', 20_000),
  writtenOpinions: zOptionalText('书面意见', 5000),
  attendance: z.array(ZAttendanceInput).max(500, { message: '出席名单不能超过500人' }).default([]),
  resolutions: z.array(ZResolutionInput).max(50, { message: '决议不能超过50项' }).default([]),
  photoFileIds: z.array(ZId).max(20, { message: '照片不能超过20张' }).default([]),
  signInFileId: ZId.nullish().transform((v) => v ?? null),
};
export const ZMeetingCreate = z.object({
  orgId: ZId,
  kind: ZMeetingKind,
  ...meetingFields,
  /** For a 组织生活会: the preparation record it is the meeting of (its steps must be done by the meeting's date). */
  lifeMeetingId: ZId.nullish().transform((v) => v ?? null),
});
export type MeetingCreate = z.infer<typeof ZMeetingCreate>;
export const ZMeetingUpdate = z.object({ ...meetingFields, version: ZVersion });
export type MeetingUpdate = z.infer<typeof ZMeetingUpdate>;

export const ZMeetingListQuery = ZPageQuery.extend({ orgId: ZId.optional(), month: ZYearMonth.optional(), year: zQueryYear(2000, 2100).optional(), kind: ZMeetingKind.optional() });
export type MeetingListQuery = z.infer<typeof ZMeetingListQuery>;

export const ZMeetingSummary = z.object({
  id: ZId,
  orgId: ZId,
  orgName: z.string(),
  kind: ZMeetingKind,
  date: z.string(),
  topic: z.string(),
  place: z.string(),
  present: z.number().int(),
  expected: z.number().int(),
  resolutions: z.number().int(),
  version: z.number().int(),
});
export type MeetingSummary = z.infer<typeof ZMeetingSummary>;
export const ZMeetingList = zList(ZMeetingSummary);

export const ZQuorumView = z.object({ required: z.boolean(), due: z.number().int(), present: z.number().int(), needed: z.number().int(), met: z.boolean(), rule: z.string().nullable() });
export const ZMeetingDetail = ZMeetingSummary.extend({
  chair: z.string(),
  recorder: z.string(),
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  writtenOpinions: z.string().nullable(),
  photoFileIds: z.array(z.string()),
  signInFileId: z.string().nullable(),
  /** The stored files behind those ids (name, type, download address). */
  photos: z.array(ZStoredFile),
  signInFile: ZStoredFile.nullable(),
  resolutionItems: z.array(z.object({ text: z.string(), yes: z.number().int().nullable(), no: z.number().int().nullable(), abstain: z.number().int().nullable(), passed: z.boolean().nullable() })),
  roster: z.array(z.object({ memberId: z.string(), name: z.string(), status: z.string(), committee: z.boolean(), attendance: ZAttendanceStatus.nullable(), reason: z.string().nullable() })),
  quorum: ZQuorumView,
  can: z.object({ update: z.boolean() }),
});
export type MeetingDetail = z.infer<typeof ZMeetingDetail>;

/** The branch roster the meeting form shows before the meeting exists (tap names for attendance). */
export const ZBranchRoster = z.object({
  orgId: z.string(),
  orgName: z.string(),
  items: z.array(z.object({ memberId: z.string(), name: z.string(), status: z.string(), committee: z.boolean() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

// ---- settings
export const ZOrgLifeSettings = z.object({
  frequencies: z.object(Object.fromEntries(COMPLIANCE_KINDS.map((k) => [k, z.enum(FREQUENCIES)])) as Record<(typeof COMPLIANCE_KINDS)[number], z.ZodEnum<{ [K in (typeof FREQUENCIES)[number]]: K }>>),
  hoursPerKind: z.object(Object.fromEntries(COMPLIANCE_KINDS.map((k) => [k, zInt(0, 24, '学时')])) as Record<(typeof COMPLIANCE_KINDS)[number], ReturnType<typeof zInt>>),
  requirements: z.object({ member: zInt(0, 500, '党员学时要求'), cadre: zInt(0, 500, '书记和委员学时要求') }),
  /** 民主评议党员: the most 优秀 as a percentage of the members appraised in a branch (default 30). */
  appraisal: z.object({ maxExcellentPercent: zInt(0, 100, '优秀比例上限') }).default({ maxExcellentPercent: 30 }),
  /** 组织生活会: the month of the year by which it is due (the 条例 names none; default 12: overdue once the year closed). */
  lifeMeeting: z.object({ dueMonth: zInt(1, 12, '组织生活会截止月份') }).default({ dueMonth: 12 }),
});
export type OrgLifeSettings = z.infer<typeof ZOrgLifeSettings>;

// ---- compliance
export const ZComplianceQuery = ZPageQuery.extend({ orgId: ZId.optional(), year: zQueryYear(2000, 2100).optional() });
const ZFigures = z.object({ held: z.number().int(), open: z.number().int(), overdue: z.number().int(), due: z.number().int(), ratePermille: z.number().int().nullable() });
export const ZComplianceKindFigures = z.object({ kind: z.enum(COMPLIANCE_KINDS), frequency: z.enum(FREQUENCIES), periods: z.array(z.object({ period: z.string(), state: z.string(), count: z.number().int() })), figures: ZFigures });
export const ZBranchCompliance = z.object({ orgId: z.string(), orgName: z.string(), townName: z.string(), kinds: z.array(ZComplianceKindFigures), figures: ZFigures });
export const ZComplianceReport = z.object({
  year: z.number().int(),
  today: z.string(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(ZBranchCompliance),
  /** One row per town (党委) of the scope, every kind together: a bounded list of the tree's second level. */
  towns: z.array(z.object({ townId: z.string(), townName: z.string(), branches: z.number().int(), figures: ZFigures, byKind: z.array(z.object({ kind: z.enum(COMPLIANCE_KINDS), figures: ZFigures })) })),
  county: ZFigures,
});
export type ComplianceReport = z.infer<typeof ZComplianceReport>;

// ---- talks
export const ZTalkCreate = z.object({
  orgId: ZId,
  talkerMemberId: ZId,
  memberId: ZId,
  talkedOn: ZIsoDate,
  topics: zText('谈话内容', 1, 1000),
});
export const ZTalkListQuery = ZPageQuery.extend({ orgId: ZId.optional(), year: zQueryYear(2000, 2100).optional() });
export const ZTalk = z.object({ id: z.string(), orgId: z.string(), orgName: z.string(), talkerName: z.string(), memberName: z.string(), talkedOn: z.string(), topics: z.string() });
export const ZTalkList = zList(ZTalk);
export const ZTalkCoverage = z.object({
  orgId: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  covered: z.number().int(),
  /** Members of the branch nobody talked with this year (paged; `total` is their true number). */
  items: z.array(z.object({ memberId: z.string(), name: z.string() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  members: z.number().int(),
  ratePermille: z.number().int().nullable(),
});

// ---- training hours
export const ZTrainingEntryCreate = z.object({
  memberId: ZId,
  source: z.enum(TRAINING_SOURCES, { error: '学习来源应为三会一课、党校培训、网络学习或其他学习' }).refine((s) => s !== 'meeting', { message: '三会一课的学时由会议出席自动计入，不能手工登记' }),
  studiedOn: ZIsoDate,
  hours: zInt(1, 200, '学时'),
  title: zText('学习内容', 1, 200),
});
export const ZHoursQuery = ZPageQuery.extend({ orgId: ZId.optional(), year: zQueryYear(2000, 2100).optional(), shortfall: z.enum(['true', 'false']).optional() });
export const ZHoursRow = z.object({ memberId: z.string(), name: z.string(), orgName: z.string(), cadre: z.boolean(), total: z.number().int(), required: z.number().int(), shortfall: z.number().int(), meetingHours: z.number().int(), otherHours: z.number().int() });
export const ZHoursList = zList(ZHoursRow);

export const ZMyOrgLife = z.object({
  year: z.number().int(),
  orgName: z.string(),
  hours: z.object({ total: z.number().int(), required: z.number().int(), shortfall: z.number().int(), permille: z.number().int(), meetingHours: z.number().int(), otherHours: z.number().int() }),
  /** The member's meetings this year (at most one per meeting of the branch: bounded by the year's meetings). */
  meetings: z.object({ items: z.array(z.object({ id: z.string(), kind: ZMeetingKind, date: z.string(), topic: z.string(), attendance: ZAttendanceStatus.nullable(), hours: z.number().int() })), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
});
export type MyOrgLife = z.infer<typeof ZMyOrgLife>;
export const ZOrgLifeYearQuery = z.object({ year: zQueryYear(2000, 2100).optional() });


export const ZComplianceWarningList = zList(z.object({ orgId: z.string(), orgName: z.string(), kind: z.enum(COMPLIANCE_KINDS), period: z.string(), raisedAt: z.string(), message: z.string() }));
export const ZOrgLifeScopeQuery = ZPageQuery.extend({ orgId: ZId.optional() });
