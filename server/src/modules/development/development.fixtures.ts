// Test helpers: a plausible record for every step, and a walk of a file through the API up to a step.
import { DEFAULT_DEVELOPMENT_RULE_SET, composeIdNumber } from '@yanzhen/domain';
import type { AppContext } from '../../core/context';
import { developmentFiles, formNumbers } from '../../db/schema/index';
import type { Session } from '../../test/test-app';

/** Dates of an on-time file: application 2024-01-10, activist 2024-07-10, candidate 2025-07-10, assembly 2025-09-01. */
export const STEP_DATES: Record<number, string> = {
  1: '2024-01-10', 2: '2024-01-20', 3: '2024-07-10', 4: '2024-07-15', 5: '2024-07-20', 6: '2025-01-10', 7: '2025-07-10', 8: '2025-07-15',
  9: '2025-07-20', 10: '2025-08-01', 11: '2025-08-10', 12: '2025-08-15', 13: '2025-08-20', 14: '2025-08-25', 15: '2025-09-01', 16: '2025-09-10',
  17: '2025-10-01', 18: '2025-10-10', 19: '2025-10-15', 20: '2025-10-20', 21: '2026-03-01', 22: '2026-08-20', 23: '2026-09-01', 24: '2026-09-20', 25: '2026-10-01',
};

const PUBLICITY: Record<number, { start: string; end: string }> = {
  3: { start: '2024-07-01', end: '2024-07-05' },
  7: { start: '2025-07-01', end: '2025-07-07' },
  13: { start: '2025-08-11', end: '2025-08-15' },
  23: { start: '2026-08-24', end: '2026-08-28' },
};

export const vote = (due = 4) => ({ dueFullMembers: due, presentFullMembers: due - 1, writtenYes: 0, yes: due - 1, no: 0, abstain: 0 });

export type People = { mentors: string[]; sponsors: string[]; formNumber?: string };

export function stepFields(step: number, p: People): Record<string, unknown> {
  switch (step) {
    case 1: return { receivedBy: '西官村党支部' };
    case 2: case 16: return { talker: '王书记', summary: '了解入党动机' };
    case 3: return { recommendations: ['memberRecommendation'], committeeMeetingDate: '2024-07-08' };
    case 4: case 8: return { filedWith: '城关镇党委' };
    case 5: return { mentorMemberIds: p.mentors };
    case 6: case 21: return { period: '半年', summary: '表现良好' };
    case 7: return { opinions: '一致同意', committeeMeetingDate: '2025-07-08' };
    case 9: return { sponsorMemberIds: p.sponsors };
    case 10: return { conclusion: '政治审查合格', departmentsConsulted: ['discipline', 'police', 'court'], negativeListHits: [] };
    case 11: return { days: 3, hours: 24, examScore: 88 };
    case 12: return { meetingDate: '2025-08-15', opinion: '同意' };
    case 13: return { opinion: '同意', leavingWithinThreeMonths: false };
    case 14: return { formNumber: p.formNumber ?? '' };
    case 15: return vote();
    case 17: return { decision: '同意接收为预备党员', special: false, specialReason: null };
    case 18: return { filedWith: '县委组织部' };
    case 19: return { groupId: null };
    case 20: return { place: '村党员活动室' };
    case 22: return { summary: '申请按期转正' };
    case 23: return { ...vote(), outcome: 'onTime', extensionMonths: null };
    case 24: return { decision: '同意按期转正' };
    case 25: return { checklist: [...DEFAULT_DEVELOPMENT_RULE_SET.params.archiveChecklist] };
    default: return {};
  }
}

export const stepBody = (step: number, p: People, version: number, over: Record<string, unknown> = {}) => ({
  step,
  date: STEP_DATES[step],
  fields: stepFields(step, p),
  publicity: PUBLICITY[step] ? { ...PUBLICITY[step], result: 'noObjection' } : null,
  version,
  ...over,
});

export const fileBody = (orgId: string, seq: number, over: Record<string, unknown> = {}) => ({
  orgId,
  name: '赵晓明',
  gender: 'male',
  birthDate: '2000-05-20',
  idNumber: composeIdNumber('610102', '2000-05-20', 500 + seq, 'male'),
  phone: '13800001111',
  education: 'bachelor',
  occupation: 'farmer',
  family: [],
  ...over,
});

export type Sessions = { branch: Session; committee: Session; county: Session };

/** Records steps from..upTo with the right session per step; returns the file detail after the last. */
export async function walk(s: Sessions, fileId: string, upTo: number, p: People, from = 1) {
  let detail = (await s.branch.get(`/api/development/files/${fileId}`)).json();
  for (let step = from; step <= upTo; step++) {
    const who = [4, 8, 16, 17, 24].includes(step) ? s.committee : [13, 18].includes(step) ? s.county : s.branch;
    const res = await who.post(`/api/development/files/${fileId}/steps`, stepBody(step, { ...p, formNumber: detail.formNumber ?? undefined }, detail.version));
    if (res.statusCode !== 200) throw new Error(`step ${step}: ${res.statusCode} ${res.body}`);
    detail = res.json().file;
  }
  return detail;
}

/** A development file with an issued form number, inserted directly (for the permission matrix). */
export async function buildDevelopmentFile(ctx: AppContext, countyId: string, org: { id: string; path: string }): Promise<{ devFileId: string; formNumberId: string }> {
  const idNumber = composeIdNumber('610102', '2000-01-01', 900 + Math.floor(Math.random() * 90), 'male');
  const [file] = await ctx.db
    .insert(developmentFiles)
    .values({ countyId, orgId: org.id, orgPath: org.path, name: '矩阵测试', gender: 'male', ethnicity: '汉族', birthMonth: '2000-01-01', idNumberEnc: ctx.crypto.encrypt(idNumber), idNumberHash: ctx.crypto.hash(`${idNumber}:${org.id}`), education: 'bachelor', occupation: 'farmer', status: 'active', ruleSetVersion: 1, currentStep: 13, stage: 4, formNumber: `M${org.id.slice(0, 8)}` })
    .returning();
  const [n] = await ctx.db
    .insert(formNumbers)
    .values({ countyId, number: `M${org.id.slice(0, 8)}`, year: 2026, seq: 90000 + Math.floor(Math.random() * 9999), fileId: file.id, orgPath: org.path, status: 'issued', issuedAt: new Date(), issuedBy: '矩阵测试' })
    .returning();
  return { devFileId: file.id, formNumberId: n.id };
}
