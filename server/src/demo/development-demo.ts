// The demo county's development pipeline: a few hundred files spread over all 25 steps, with step histories on
// plausible dates (some deadlines missed), form numbers from step 13 and roster members from step 17.
import { randomUUID } from 'node:crypto';
import { DEFAULT_DEVELOPMENT_RULE_SET, DEVELOPMENT_STEPS, addDays, birthMonthColumn, composeIdNumber, maskIdNumber, type MemberFields, type ProspectSource, type RecordedStep } from '@yanzhen/domain';
import type { AppContext } from '../core/context';
import type { Tx } from '../core/db';
import { developmentEvents, developmentFiles, developmentProspects, formNumbers, members } from '../db/schema/index';
import { memberColumns } from '../modules/members/members.mapper';
import { derivedColumns } from '../modules/development/development.service';
import { bulkInsert } from './bulk-insert';
import { personName } from './names';
import { createRng } from './random';

/** Days after the application on which each step is usually done (an on-time file). */
const OFFSETS = [0, 0, 12, 185, 190, 196, 370, 552, 557, 562, 575, 585, 590, 596, 602, 610, 620, 640, 650, 655, 660, 800, 960, 972, 990, 1000];
const VOTE = { dueFullMembers: 12, presentFullMembers: 10, writtenYes: 1, yes: 10, no: 0, abstain: 0 };

/** Two full members of the branch cultivate the activist and, as the rule usually has it (入党介绍人一般由培养联系人担任,
 * 细则第十四条), are the candidate's two sponsors: two distinct people, never fewer. */
function demoFields(step: number, mentors: string[]): Record<string, unknown> {
  switch (step) {
    case 1: return { receivedBy: '所在党支部' };
    case 2: case 16: return { talker: '支部书记', summary: '了解入党动机和对党的认识' };
    case 3: return { recommendations: ['memberRecommendation'], committeeMeetingDate: null };
    case 4: case 8: return { filedWith: '所属党委' };
    case 5: return { mentorMemberIds: mentors };
    case 6: case 21: return { period: '半年', summary: '表现良好' };
    case 7: return { opinions: '一致同意列为发展对象', committeeMeetingDate: null };
    case 9: return { sponsorMemberIds: mentors };
    case 10: return { conclusion: '政治审查合格', departmentsConsulted: ['discipline', 'police', 'court'], negativeListHits: [] };
    case 11: return { days: 3, hours: 24, examScore: 85 };
    case 12: return { meetingDate: null, opinion: '同意' };
    case 13: return { opinion: '同意', leavingWithinThreeMonths: false };
    case 15: return VOTE;
    case 17: return { decision: '同意接收为预备党员', special: false, specialReason: null };
    case 18: return { filedWith: '县委组织部' };
    case 19: return { groupId: null };
    case 20: return { place: '党员活动室' };
    case 22: return { summary: '申请按期转正' };
    case 23: return { ...VOTE, outcome: 'onTime', extensionMonths: null };
    case 24: return { decision: '同意按期转正' };
    case 25: return { checklist: [...DEFAULT_DEVELOPMENT_RULE_SET.params.archiveChecklist] };
    default: return {};
  }
}

export type DevelopmentDemoBranch = {
  id: string;
  path: string;
  name: string;
  secretaryMemberId: string | null;
  secretaryName: string | null;
  /** Full members other than the secretary (mentors and sponsors are chosen from them). */
  fullMemberIds: string[];
  /** The 党委 above the branch, which files the activists and candidates and pre-reviews. */
  committee: { id: string; name: string } | null;
};

export type DevelopmentDemoOptions = {
  countyId: string;
  countyCode: string;
  countyName: string;
  branches: DevelopmentDemoBranch[];
  today: string;
  now: Date;
  /** Stands in for the recording account (the county root: demo steps were recorded by no real account). */
  actor: { id: string; orgId: string };
  files?: number;
  seed?: string | number;
};

function pickDistinct(rng: ReturnType<typeof createRng>, ids: string[], n: number): string[] {
  const pool = [...ids];
  const out: string[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  return out;
}

/** Who recorded a step, as the timeline shows it: the branch secretary, the 党委's organizer, or the county department. */
function recorder(step: number, branch: DevelopmentDemoBranch, opts: DevelopmentDemoOptions) {
  const actor = DEVELOPMENT_STEPS[step - 1].actor;
  if (actor === 'branch') return { actorId: opts.actor.id, actorName: `${branch.secretaryName}（支部书记）`, actorOrgId: branch.id, actorOrgName: branch.name };
  if (actor === 'committee') return { actorId: opts.actor.id, actorName: '组织委员', actorOrgId: branch.committee!.id, actorOrgName: branch.committee!.name };
  return { actorId: opts.actor.id, actorName: '组织科', actorOrgId: opts.actor.orgId, actorOrgName: `中共${opts.countyName}委组织部` };
}

export async function loadDevelopmentDemo(tx: Tx, ctx: AppContext, opts: DevelopmentDemoOptions): Promise<number> {
  const rng = createRng(`${opts.seed ?? 42}/development`);
  const rules = DEFAULT_DEVELOPMENT_RULE_SET.params;
  const branches = opts.branches.filter((b) => b.secretaryMemberId && b.secretaryName && b.fullMemberIds.length >= rules.sponsorsRequired && b.committee);
  if (branches.length === 0) return 0;
  const total = opts.files ?? 300;
  const fileRows: (typeof developmentFiles.$inferInsert)[] = [];
  const eventRows: (typeof developmentEvents.$inferInsert)[] = [];
  const numberRows: (typeof formNumbers.$inferInsert)[] = [];
  const memberRows: (typeof members.$inferInsert)[] = [];
  const year = Number(opts.today.slice(0, 4));
  const seqByYear = new Map<number, number>();
  for (let i = 0; i < total; i++) {
    // Early steps hold more people than late ones (the funnel narrows).
    // Every sixth file is late on an open deadline (no talk, a missed assessment, approval or conversion).
    const late = i % 6 === 0;
    const target = late ? ([1, 6, 15, 22] as const)[(i / 6) % 4] : rng.weighted([[1, 14], [2, 12], [3, 6], [5, 8], [6, 20], [7, 6], [9, 6], [11, 6], [13, 4], [14, 3], [15, 4], [17, 4], [20, 6], [21, 14], [22, 4], [25, 6]] as const);
    const branch = branches[i % branches.length];
    const slack = late ? rng.int(200, 300) : rng.int(0, 25);
    const application = addDays(opts.today, -(OFFSETS[target] + slack + 1));
    const gender = rng.chance(0.4) ? 'female' : 'male';
    const birthDate = addDays(rng.chance(0.3) ? '1982-01-01' : '1994-01-01', i * 3 + rng.int(0, 2));
    const idNumber = composeIdNumber('610529', birthDate, i, gender);
    const id = randomUUID();
    const history: RecordedStep[] = [];
    const mentors = pickDistinct(rng, branch.fullMemberIds, rules.sponsorsRequired);
    for (let s = 1; s <= target; s++) history.push({ step: s, date: addDays(application, OFFSETS[s]), fields: demoFields(s, mentors), publicity: null });
    const derived = derivedColumns(history, rules);
    let formNumber: string | null = null;
    if (target >= 13) {
      // Numbered in the year of the pre-review (step 13), each year counting from 1.
      const numberYear = Number(history[12].date.slice(0, 4));
      const seq = (seqByYear.get(numberYear) ?? 0) + 1;
      seqByYear.set(numberYear, seq);
      formNumber = `${opts.countyCode}${numberYear}${String(seq).padStart(5, '0')}`;
      numberRows.push({ countyId: opts.countyId, number: formNumber, year: numberYear, seq, fileId: id, orgPath: branch.path, status: 'issued', issuedAt: opts.now, issuedBy: '县委组织部（演示）' });
      const h14 = history.find((h) => h.step === 14);
      if (h14) h14.fields = { formNumber };
    }
    for (const h of history) {
      if ([3, 7, 13, 23].includes(h.step)) h.publicity = { start: addDays(h.date, -9), end: addDays(h.date, -1), result: 'noObjection' };
    }
    const name = personName(rng, gender, Number(birthDate.slice(0, 4)));
    let memberId: string | null = null;
    if (target >= 17) {
      memberId = randomUUID();
      const assembly = derived.assemblyDate!;
      const converted = target >= 24;
      const fields: MemberFields = {
        name, gender, ethnicity: '汉族', birthDate, idNumber, education: 'bachelor', occupation: 'farmer', job: null, phone: null, address: null,
        joinDate: assembly, fullMembershipDate: converted ? derived.probationEnd ?? null : null, status: converted ? 'full' : 'probationary', categories: [],
        mobileDestination: null, mobileSince: null, mobileContact: null, orgId: branch.id, groupId: null,
      };
      memberRows.push({ ...memberColumns(fields, ctx.crypto), id: memberId, countyId: opts.countyId, orgPath: branch.path, createdAt: opts.now, updatedAt: opts.now });
    }
    const done = target === 25;
    fileRows.push({
      id, countyId: opts.countyId, orgId: branch.id, orgPath: branch.path, name, gender, ethnicity: '汉族', birthMonth: birthMonthColumn(birthDate),
      idNumberEnc: ctx.crypto.encrypt(idNumber), idNumberHash: ctx.crypto.hash(idNumber),
      education: 'bachelor', occupation: rng.pick(['farmer', 'worker', 'professional', 'student']), status: done ? 'completed' : 'active',
      ruleSetVersion: 1, ...derived, ...(done ? { nextDeadline: null, nextDeadlineKind: null, nextDeadlineStep: null, completedOn: history[24].date } : {}),
      formNumber, memberId, createdAt: opts.now, updatedAt: opts.now,
    });
    history.forEach((h, k) =>
      eventRows.push({
        countyId: opts.countyId, fileId: id, step: h.step, date: h.date, fields: h.fields, publicity: h.publicity, note: null, warnings: [], overrideReason: null,
        ...recorder(h.step, branch, opts), ruleSetVersion: 1,
        recordedAt: new Date(opts.now.getTime() - (history.length - k) * 1000),
      }),
    );
  }
  // 入党意向人员名册: people the branches registered early and follow before they apply (about one for every eight files).
  const prospectRows: (typeof developmentProspects.$inferInsert)[] = [];
  const prospectNotes: Record<ProspectSource, string[]> = {
    model: ['县级劳动模范', '市级优秀志愿者'], youngTalent: ['返乡大学生', '村级后备干部'], industry: ['种植大户', '个体工商户代表'],
    returnee: ['外出务工返乡创业', '返乡开办农家乐'], other: ['本人多次表达入党意愿'],
  };
  for (let i = 0; i < Math.max(12, Math.round(total / 8)); i++) {
    const branch = branches[(i * 7) % branches.length];
    const gender = rng.chance(0.45) ? 'female' : 'male';
    const birthDate = addDays('1992-01-01', rng.int(0, 4000));
    const source = rng.weighted([['youngTalent', 5], ['returnee', 3], ['industry', 2], ['model', 1], ['other', 1]] as const);
    prospectRows.push({ countyId: opts.countyId, orgId: branch.id, orgPath: branch.path, name: personName(rng, gender, Number(birthDate.slice(0, 4))), gender, birthMonth: birthMonthColumn(birthDate), source, note: rng.pick(prospectNotes[source]), fileId: null, createdBy: null, createdAt: opts.now, updatedAt: opts.now });
  }
  await tx.insert(developmentProspects).values(prospectRows);
  // Plain inserts in chunks: events carry JSON, which the unnest bulk insert does not take.
  for (let i = 0; i < fileRows.length; i += 500) await tx.insert(developmentFiles).values(fileRows.slice(i, i + 500));
  for (let i = 0; i < eventRows.length; i += 500) await tx.insert(developmentEvents).values(eventRows.slice(i, i + 500));
  if (numberRows.length) await bulkInsert(tx, formNumbers, numberRows);
  if (memberRows.length) await bulkInsert(tx, members, memberRows);
  return fileRows.length;
}
