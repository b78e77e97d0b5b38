// Development use cases: intent register, open a file, record a step (rules from the domain; admission and conversion
// update the roster in the same transaction), close a file, detail with the timeline, lists.
import {
  DomainError,
  checkStep,
  checkFailedVote,
  isFailedVote,
  approvalEntitled,
  conflict,
  invalid,
  birthMonthColumn,
  birthMonthOf,
  idNumberBirthDate,
  maskIdNumber,
  maskPhone,
  parseIdNumber,
  nearRelativeFlags,
  nextDeadline,
  nextSteps,
  notFound,
  parseStepFields,
  probationEnd,
  stageOfStep,
  stepLabel,
  toChinaDate,
  chineseWorkingDays,
  forbidden,
  isOverdue,
  type DevelopmentRuleSet,
  type FileCreate,
  type FileDetail,
  type FileSummary,
  type MemberFields,
  type Official,
  type ProspectInput,
  type RecordedStep,
  type StepFacts,
  type StepRecordInput,
  type FailedVoteInput,
} from '@yanzhen/domain';
import { requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor, Tx } from '../../core/db';
import { orgMerged } from '../../core/member-moves';
import { membersRepository } from '../members/members.repository';
import { membersJoinedRoster } from '../stars/stars.service';
import { memberColumns } from '../members/members.mapper';
import { orgsRepository } from '../orgs/orgs.repository';
import { fileAbilities, fileInScope, mayRecordStep } from './development.policy';
import { developmentRepository as repo, type EventRow, type FileInsert, type FileRow } from './development.repository';
import { ruleSetOn, ruleSetVersion } from './development-rules.service';
import { createDevelopmentPlansService } from './development-plans.service';
import { createFilesService } from '../files/files.service';
import { membersUnderDisciplineProbation } from '../members/member-disciplines.service';
import { dutiesOnMembersLeft } from '../duties/duties-templates.service';

/** The steps done: a recorded failed vote stays on the timeline but is not a step done. */
const toHistory = (events: EventRow[]): RecordedStep[] => events.filter((e) => !isFailedVote(e.fields)).map((e) => ({ step: e.step, date: e.date, fields: e.fields, publicity: e.publicity ?? null }));

/** The denormalized columns that follow from a file's history (stage, key dates, next deadline). */
export function derivedColumns(history: RecordedStep[], rules: DevelopmentRuleSet['params']): Partial<FileInsert> {
  const last = history[history.length - 1];
  const dateOf = (s: number) => [...history].reverse().find((h) => h.step === s)?.date ?? null;
  const deadline = nextDeadline(history, rules);
  return {
    currentStep: last?.step ?? 0,
    stage: stageOfStep(last?.step ?? 0),
    applicationDate: dateOf(1),
    activistDate: dateOf(3),
    candidateDate: dateOf(7),
    assemblyDate: dateOf(15),
    probationEnd: probationEnd(history, rules),
    nextDeadline: deadline?.due ?? null,
    nextDeadlineKind: deadline?.kind ?? null,
    nextDeadlineStep: deadline?.step ?? null,
  };
}

// A merged org's development files and prospects go with its members to the target org (orgs announces the merge).
orgMerged.on('development', (tx, merged) => repo.followOrgMerge(tx, merged.countyId, merged.from.id, merged.into));

export function createDevelopmentService(ctx: AppContext) {
  const today = () => toChinaDate(ctx.clock());
  const plans = createDevelopmentPlansService(ctx);
  const files = createFilesService(ctx);

  async function loadInScope(ex: Executor, actor: Actor, id: string) {
    const found = await repo.findFile(ex, actor.countyId, id);
    if (!found || !fileInScope(actor, found.file)) throw notFound('发展档案');
    return found;
  }

  async function loadBranch(ex: Executor, actor: Actor, orgId: string) {
    const org = await orgsRepository.findById(ex, actor.countyId, orgId);
    if (!org || !fileInScope(actor, { orgPath: org.path })) throw notFound('党支部');
    if (org.type !== 'branch') throw invalid('发展党员工作由党支部进行，请选择党支部', [{ path: 'orgId', message: '请选择党支部' }], 'ORG_NOT_BRANCH');
    return org;
  }

  /** The exact birth date: digits 7–14 of the encrypted ID number (only the month is kept in clear). */
  const birthDateOf = (file: Pick<FileRow, 'idNumberEnc' | 'birthMonth'>): string => idNumberBirthDate(ctx.crypto.decrypt(file.idNumberEnc)) ?? file.birthMonth;

  function summary(file: FileRow, orgName: string, on: string): FileSummary {
    const deadline = file.nextDeadline && file.nextDeadlineKind && file.status === 'active'
      ? { kind: file.nextDeadlineKind as 'talk', step: file.nextDeadlineStep ?? 0, due: file.nextDeadline, overdue: false }
      : null;
    if (deadline) deadline.overdue = isOverdue(deadline, on);
    return {
      id: file.id,
      name: file.name,
      gender: file.gender as FileSummary['gender'],
      birthMonth: birthMonthOf(file.birthMonth),
      idNumberMasked: maskIdNumber(ctx.crypto.decrypt(file.idNumberEnc), 'region'),
      orgId: file.orgId,
      orgName,
      currentStep: file.currentStep,
      stage: file.stage,
      status: file.status as FileSummary['status'],
      nextDeadline: deadline,
      applicationDate: file.applicationDate,
      formNumber: file.formNumber,
      memberId: file.memberId,
    };
  }

  async function detail(ex: Executor, actor: Actor, id: string): Promise<FileDetail> {
    const { file, orgName } = await loadInScope(ex, actor, id);
    const events = await repo.events(ex, file.id);
    const family = await repo.family(ex, file.id);
    const docs = await files.describe(ex, actor.countyId, events.flatMap((e) => e.documentFileIds));
    const next = file.status === 'active' ? nextSteps(toHistory(events)) : [];
    const people: Record<string, string> = {};
    const named = new Set(events.flatMap((e) => [e.fields.mentorMemberIds, e.fields.sponsorMemberIds].flatMap((v) => (Array.isArray(v) ? v.map(String) : []))));
    for (const memberId of named) {
      const m = await membersRepository.findById(ex, actor.countyId, memberId);
      if (m) people[memberId] = m.member.name;
    }
    return {
      ...summary(file, orgName, today()),
      ethnicity: file.ethnicity,
      education: file.education as FileDetail['education'],
      occupation: file.occupation as FileDetail['occupation'],
      phoneMasked: file.phoneMasked,
      ruleSetVersion: file.ruleSetVersion,
      probationEnd: file.probationEnd,
      closedReason: file.closedReason,
      family: family.map((f) => ({ name: f.name, relation: f.relation as FileDetail['family'][number]['relation'], memberId: f.memberId })),
      events: events.map((e) => ({
        id: e.id,
        step: e.step,
        date: e.date,
        fields: e.fields,
        publicity: e.publicity ?? null,
        note: e.note,
        warnings: e.warnings,
        overrideReason: e.overrideReason,
        documentFileIds: e.documentFileIds,
        documents: e.documentFileIds.flatMap((d) => docs.get(d) ?? []),
        failedVote: isFailedVote(e.fields),
        actorName: e.actorName,
        actorOrgName: e.actorOrgName,
        recordedAt: e.recordedAt.toISOString(),
      })),
      people,
      nextSteps: next,
      version: file.version,
      can: fileAbilities(actor, file, next),
    };
  }

  /** Scans attached to a step: the files module's check, and each must belong to the file's branch (uploaded from the
   * file's page), so everyone who may read the file may also download its scans. */
  async function attachable(tx: Tx, actor: Actor, ids: string[], file: FileRow) {
    const rows = await files.requireAttachable(tx, actor, ids, file.orgPath);
    const outside = rows.find((r) => !r.orgPath.startsWith(file.orgPath));
    if (outside) throw invalid(`材料“${outside.originalName}”不属于${file.name}所在的党支部，请在该发展档案页面上传`, [{ path: 'documentFileIds', message: '请在该发展档案页面上传材料' }], 'DEV_DOCUMENT_NOT_IN_BRANCH');
  }

  async function get(actor: Actor, id: string): Promise<FileDetail> {
    requirePermission(actor, 'development.read');
    return detail(ctx.db, actor, id);
  }

  async function createProspect(actor: Actor, input: ProspectInput) {
    requirePermission(actor, 'development.record');
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      const branch = await loadBranch(tx, actor, input.orgId);
      // A prospect has no ID number yet; the birth date is kept to the month (linked to a file later, a full date
      // would rebuild the file's ID number with its region code and gender).
      const { birthDate, ...rest } = input;
      const row = await repo.insertProspect(tx, { ...rest, birthMonth: birthMonthColumn(birthDate), countyId: actor.countyId, orgPath: branch.path, createdBy: actor.accountId, createdAt: now, updatedAt: now });
      await writeAudit(tx, actor, now, { action: 'development.prospect.create', entityType: 'developmentProspect', entityId: row.id, before: null, after: { ...input } });
      return { ...prospectOut(row, branch.name) };
    });
  }

  function prospectOut(p: Awaited<ReturnType<typeof repo.insertProspect>>, orgName: string) {
    return { id: p.id, orgId: p.orgId, orgName, name: p.name, gender: p.gender as 'male', birthMonth: birthMonthOf(p.birthMonth), source: p.source as 'model', note: p.note, fileId: p.fileId, createdAt: p.createdAt.toISOString() };
  }

  async function listProspects(actor: Actor, q: { page: number; pageSize: number; orgId?: string }) {
    requirePermission(actor, 'development.read');
    let pattern = subtreePattern(actor.orgPath);
    if (q.orgId) {
      const org = await orgsRepository.findById(ctx.db, actor.countyId, q.orgId);
      if (!org || !fileInScope(actor, { orgPath: org.path })) throw notFound('组织');
      pattern = subtreePattern(org.path);
    }
    const { rows, total } = await repo.listProspects(ctx.db, actor.countyId, pattern, q);
    return { items: rows.map((r) => prospectOut(r.p, r.orgName)), total, page: q.page, pageSize: q.pageSize };
  }

  async function createFile(actor: Actor, input: FileCreate): Promise<FileDetail> {
    requirePermission(actor, 'development.record');
    const now = ctx.clock();
    const idNumber = input.idNumber.toUpperCase();
    const idNumberHash = ctx.crypto.hash(idNumber);
    // The file keeps the exact birth date only inside the ID number: the two must agree.
    const parsed = parseIdNumber(idNumber, today());
    if (!parsed.ok) throw invalid(parsed.message, [{ path: 'idNumber', message: parsed.message }], 'ID_NUMBER_INVALID');
    if (parsed.value.birthDate !== input.birthDate) {
      throw invalid(`出生日期与身份证号不一致（身份证号为 ${parsed.value.birthDate}）`, [{ path: 'birthDate', message: '出生日期与身份证号不一致' }], 'BIRTH_DATE_MISMATCH');
    }
    const id = await ctx.db.transaction(async (tx) => {
      const branch = await loadBranch(tx, actor, input.orgId);
      if (await repo.findOpenFileByIdHash(tx, actor.countyId, idNumberHash)) throw conflict('该身份证号已有进行中的发展档案，不能重复建档', 'DEV_FILE_EXISTS');
      const [member] = (await membersRepository.findByIdNumberHashes(tx, actor.countyId, [idNumberHash])).filter((m) => !m.leftAt);
      if (member) throw conflict('该身份证号已在本县党员名册中，不能建立发展档案', 'DEV_ALREADY_MEMBER');
      if (input.prospectId) {
        const p = await repo.findProspect(tx, actor.countyId, input.prospectId);
        if (!p || !fileInScope(actor, p)) throw notFound('入党意向人员');
        if (p.fileId) throw conflict(`${p.name}已建立发展档案`, 'DEV_PROSPECT_HAS_FILE');
      }
      const rules = await ruleSetOn(tx, actor.countyId, today());
      const file = await repo.insertFile(tx, {
        countyId: actor.countyId,
        orgId: branch.id,
        orgPath: branch.path,
        prospectId: input.prospectId,
        name: input.name,
        gender: input.gender,
        ethnicity: input.ethnicity,
        birthMonth: birthMonthColumn(input.birthDate),
        idNumberEnc: ctx.crypto.encrypt(idNumber),
        idNumberHash,
        phoneEnc: input.phone ? ctx.crypto.encrypt(input.phone) : null,
        phoneMasked: input.phone ? maskPhone(input.phone) : null,
        education: input.education,
        occupation: input.occupation,
        status: 'active',
        ruleSetVersion: rules.version,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insertFamily(tx, input.family.map((f) => ({ ...f, countyId: actor.countyId, fileId: file.id })));
      if (input.prospectId) await repo.linkProspect(tx, input.prospectId, file.id);
      const { idNumber: _omit, phone: _p, ...audited } = input;
      await writeAudit(tx, actor, now, { action: 'development.file.create', entityType: 'developmentFile', entityId: file.id, before: null, after: { ...audited, idNumberMasked: maskIdNumber(idNumber, 'region'), ruleSetVersion: rules.version } });
      return file.id;
    });
    return get(actor, id);
  }

  /** Roster facts about the people named in a record (mentors, sponsors). */
  async function peopleFacts(tx: Tx, countyId: string, ids: string[], on: string): Promise<NonNullable<StepFacts['people']>> {
    const out: NonNullable<StepFacts['people']> = {};
    const underProbation = await membersUnderDisciplineProbation(tx, countyId, ids, on);
    for (const id of ids) {
      const m = await membersRepository.findById(tx, countyId, id);
      out[id] = m ? { name: m.member.name, status: m.member.status === 'full' ? 'full' : 'probationary', disciplined: underProbation.has(id) } : { name: '', status: 'none', disciplined: false };
    }
    return out;
  }

  async function officialsOf(tx: Tx, countyId: string, orgId: string, role: string): Promise<Official[]> {
    const org = await orgsRepository.findById(tx, countyId, orgId);
    if (!org) return [];
    const out: Official[] = [];
    if (org.secretaryMemberId) {
      const s = await membersRepository.findById(tx, countyId, org.secretaryMemberId);
      if (s) out.push({ memberId: s.member.id, name: s.member.name, role: `${org.name}书记` });
    }
    for (const o of await orgsRepository.officers(tx, org.countyId, org.id)) out.push({ memberId: o.id, name: o.name, role });
    return out;
  }

  async function recordStep(actor: Actor, id: string, input: StepRecordInput): Promise<{ file: FileDetail; warnings: string[] }> {
    requirePermission(actor, 'development.record');
    const parsed = parseStepFields(input.step, input.fields);
    if (!parsed.ok) throw invalid(parsed.issues[0].message, parsed.issues);
    const fields = parsed.value;
    const now = ctx.clock();
    const on = today();
    let warnings: string[] = [];
    await ctx.db.transaction(async (tx) => {
      const { file } = await loadInScope(tx, actor, id);
      await attachable(tx, actor, input.documentFileIds, file);
      if (!mayRecordStep(actor, input.step)) throw forbidden(`${stepLabel(input.step)}应由${input.step === 13 || input.step === 18 ? '县委组织部' : '上级党委'}办理`);
      if (file.status !== 'active') throw conflict('该发展档案已办结或终止，不能再记录', 'DEV_FILE_NOT_ACTIVE');
      if (file.version !== input.version) throw conflict('该发展档案已被他人更新，请刷新后重试', 'STALE_VERSION');
      const ruleSet = await ruleSetVersion(tx, actor.countyId, file.ruleSetVersion);
      const events = await repo.events(tx, file.id);
      const history = toHistory(events);
      const actorOrg = await orgsRepository.findById(tx, actor.countyId, actor.orgId);
      const family = (await repo.family(tx, file.id)).map((f) => ({ name: f.name, relation: f.relation as 'other', memberId: f.memberId }));
      const facts: StepFacts = { today: on, rules: ruleSet.params, calendar: chineseWorkingDays, birthDate: birthDateOf(file), formNumber: file.formNumber };
      let officials: Official[] = [];
      if (input.step === 5) facts.people = await peopleFacts(tx, actor.countyId, fields.mentorMemberIds as string[], input.date);
      if (input.step === 9) {
        const ids = fields.sponsorMemberIds as string[];
        facts.people = await peopleFacts(tx, actor.countyId, ids, input.date);
        officials = [...ids.map((m) => ({ memberId: m, name: facts.people![m].name, role: '入党介绍人' })), ...(await officialsOf(tx, actor.countyId, file.orgId, '支部委员'))];
      }
      if (input.step === 15 || input.step === 23) {
        const branch = await orgsRepository.findById(tx, actor.countyId, file.orgId);
        const full = await membersRepository.search(tx, actor.countyId, { pathPattern: branch!.path, status: 'full' }, { page: 1, pageSize: 1, sort: null });
        facts.branchFullMembers = full.total;
      }
      if (input.step === 17 || input.step === 24) {
        facts.approver = actorOrg ? { type: actorOrg.type, depth: actorOrg.depth, name: actorOrg.name, entitled: approvalEntitled(actorOrg, await repo.approvalGrant(tx, actor.countyId, actorOrg.id)) } : undefined;
        if (input.step === 17) officials = await officialsOf(tx, actor.countyId, actor.orgId, '审批党委委员');
      }
      facts.relativeFlags = nearRelativeFlags(family, officials);
      const check = checkStep(history, { step: input.step, date: input.date, fields, publicity: input.publicity, overrideReason: input.overrideReason }, facts);
      if (!check.ok) {
        throw new DomainError(check.code, check.message, { kind: 'conflict', details: { rule: check.rule, earliestDate: check.earliestDate, step: input.step } });
      }
      warnings = check.warnings;
      if (input.step === 17 && actorOrg) {
        const overQuota = await plans.quotaWarning(tx, actor.countyId, actorOrg, input.date);
        if (overQuota) warnings = [...warnings, overQuota];
      }
      const newHistory = [...history, { step: input.step, date: input.date, fields, publicity: input.publicity }];
      const values: Partial<FileInsert> = { ...derivedColumns(newHistory, ruleSet.params), updatedAt: now };
      await applyEffects(tx, actor, file, input, fields, newHistory, ruleSet, values, now);
      await repo.insertEvent(tx, {
        countyId: actor.countyId,
        fileId: file.id,
        step: input.step,
        date: input.date,
        fields,
        publicity: input.publicity,
        note: input.note,
        warnings,
        overrideReason: input.overrideReason,
        documentFileIds: input.documentFileIds,
        actorId: actor.accountId,
        actorName: actor.displayName,
        actorOrgId: actor.orgId,
        actorOrgName: actorOrg?.name ?? '',
        ruleSetVersion: file.ruleSetVersion,
        recordedAt: now,
      });
      if (!(await repo.updateFileVersioned(tx, file.id, file.version, values))) throw conflict('该发展档案已被他人更新，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, now, {
        action: 'development.step.record',
        entityType: 'developmentFile',
        entityId: file.id,
        changes: { [`step${input.step}`]: { before: null, after: { date: input.date, ...fields, publicity: input.publicity, overrideReason: input.overrideReason } }, currentStep: { before: file.currentStep, after: values.currentStep } },
        note: `${file.name}：${stepLabel(input.step)}${warnings.length ? `（${warnings.join('；')}）` : ''}`,
      });
    });
    return { file: await get(actor, id), warnings };
  }

  /** What a step changes beyond the file: form numbers, the roster on admission and conversion, the file's status. */
  async function applyEffects(tx: Tx, actor: Actor, file: FileRow, input: StepRecordInput, fields: Record<string, unknown>, history: RecordedStep[], ruleSet: DevelopmentRuleSet, values: Partial<FileInsert>, now: Date) {
    switch (input.step) {
      case 13: {
        values.formNumber = await issueFormNumber(tx, actor, file, Number(input.date.slice(0, 4)), now);
        break;
      }
      case 17: {
        const [existing] = (await membersRepository.findByIdNumberHashes(tx, actor.countyId, [file.idNumberHash])).filter((m) => !m.leftAt);
        if (existing) throw conflict('该身份证号已在本县党员名册中，不能再次接收', 'DUPLICATE_ID_NUMBER');
        const memberInput: MemberFields = {
          name: file.name,
          gender: file.gender as MemberFields['gender'],
          ethnicity: file.ethnicity as MemberFields['ethnicity'],
          birthDate: birthDateOf(file),
          idNumber: ctx.crypto.decrypt(file.idNumberEnc),
          education: file.education as MemberFields['education'],
          occupation: file.occupation as MemberFields['occupation'],
          job: null,
          phone: file.phoneEnc ? ctx.crypto.decrypt(file.phoneEnc) : null,
          address: null,
          joinDate: values.assemblyDate!,
          fullMembershipDate: null,
          status: 'probationary',
          categories: [],
          mobileDestination: null,
          mobileSince: null,
          mobileContact: null,
          orgId: file.orgId,
          groupId: null,
        };
        const member = await membersRepository.insert(tx, { ...memberColumns(memberInput, ctx.crypto), countyId: actor.countyId, orgPath: file.orgPath, createdAt: now, updatedAt: now });
        values.memberId = member.id;
        await membersJoinedRoster(ctx, tx, actor.countyId, [member.id]);
        const { idNumber: _i, phone: _p, ...audited } = memberInput;
        await writeAudit(tx, actor, now, { action: 'member.create', entityType: 'member', entityId: member.id, before: null, after: { ...audited }, note: `发展党员：上级党委审批接收为预备党员（发展档案 ${file.id}）` });
        break;
      }
      case 19: {
        const groupId = fields.groupId as string | null;
        if (!groupId || !file.memberId) break;
        const group = await orgsRepository.findById(tx, actor.countyId, groupId);
        if (!group || group.type !== 'group' || group.parentId !== file.orgId) throw invalid('所选党小组不属于该党支部', [{ path: 'fields.groupId', message: '党小组须属于本支部' }], 'GROUP_NOT_IN_BRANCH');
        const m = await membersRepository.findById(tx, actor.countyId, file.memberId);
        if (m) {
          await membersRepository.updateVersioned(tx, m.member.id, m.member.version, { groupId, updatedAt: now });
          await writeAudit(tx, actor, now, { action: 'member.update', entityType: 'member', entityId: m.member.id, changes: { groupId: { before: m.member.groupId, after: groupId } }, note: '发展党员：编入党小组' });
        }
        break;
      }
      case 24: {
        const outcome = [...history].reverse().find((h) => h.step === 23)?.fields.outcome;
        const m = file.memberId ? await membersRepository.findById(tx, actor.countyId, file.memberId) : null;
        if (!m) throw conflict('未找到该预备党员的党员档案（可能已转出或减少），请先核实名册', 'DEV_MEMBER_MISSING');
        if (outcome === 'extend') {
          // The committee approved the extension: the person stays probationary until the extended probation ends.
        } else if (outcome === 'cancel') {
          await membersRepository.updateVersioned(tx, m.member.id, m.member.version, { leftAt: now, leftReason: '取消预备党员资格', updatedAt: now });
          await writeAudit(tx, actor, now, { action: 'member.leave', entityType: 'member', entityId: m.member.id, changes: { leftReason: { before: null, after: '取消预备党员资格' } }, note: '发展党员：上级党委批准取消预备党员资格' });
          await dutiesOnMembersLeft(tx, actor.countyId, [m.member.id], now, actor, '被取消预备党员资格');
          values.status = 'cancelled';
          values.completedOn = input.date;
          values.nextDeadline = null;
        } else {
          const full = values.probationEnd ?? probationEnd(history, ruleSet.params);
          await membersRepository.updateVersioned(tx, m.member.id, m.member.version, { status: 'full', fullMembershipDate: full, updatedAt: now });
          await writeAudit(tx, actor, now, { action: 'member.update', entityType: 'member', entityId: m.member.id, changes: { status: { before: 'probationary', after: 'full' }, fullMembershipDate: { before: null, after: full } }, note: '发展党员：上级党委批准按期转正' });
        }
        break;
      }
      case 25: {
        values.status = 'completed';
        values.completedOn = input.date;
        break;
      }
      default:
        break;
    }
  }

  /**
   * 一人一号: the next county number of `year` (the year of the pre-review, not of the day it is entered); voided numbers
   * stay in the register, so they are never issued again.
   */
  async function issueFormNumber(tx: Tx, actor: Actor, file: FileRow, year: number, now: Date): Promise<string> {
    const seq = await repo.nextFormSeq(tx, actor.countyId, year);
    const number = `${await repo.countyCode(tx, actor.countyId)}${year}${String(seq).padStart(5, '0')}`;
    const row = await repo.insertFormNumber(tx, { countyId: actor.countyId, number, year, seq, fileId: file.id, orgPath: file.orgPath, status: 'issued', issuedAt: now, issuedBy: actor.displayName });
    await writeAudit(tx, actor, now, { action: 'development.formNumber.issue', entityType: 'formNumber', entityId: row.id, before: null, after: { number, fileId: file.id, name: file.name } });
    return number;
  }

  async function closeFile(actor: Actor, id: string, input: { reason: string; version: number }): Promise<FileDetail> {
    requirePermission(actor, 'development.record');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const { file } = await loadInScope(tx, actor, id);
      if (file.status !== 'active') throw conflict('该发展档案已办结或终止', 'DEV_FILE_NOT_ACTIVE');
      if (file.currentStep >= 15) throw conflict('支部大会已讨论接收，不能直接终止；预备期的问题应通过支部大会讨论转正时决定（延长预备期或取消预备党员资格）', 'DEV_FILE_ADMITTED');
      if (file.version !== input.version) throw conflict('该发展档案已被他人更新，请刷新后重试', 'STALE_VERSION');
      await repo.updateFileVersioned(tx, file.id, file.version, { status: 'closed', closedReason: input.reason, nextDeadline: null, updatedAt: now });
      await writeAudit(tx, actor, now, { action: 'development.file.close', entityType: 'developmentFile', entityId: file.id, changes: { status: { before: 'active', after: 'closed' } }, note: input.reason });
    });
    return get(actor, id);
  }

  /** A branch assembly vote that did not pass: recorded with its counts on the timeline; the file stays where it was. */
  async function recordFailedVote(actor: Actor, id: string, input: FailedVoteInput): Promise<{ file: FileDetail; warnings: string[] }> {
    requirePermission(actor, 'development.record');
    const now = ctx.clock();
    let warnings: string[] = [];
    await ctx.db.transaction(async (tx) => {
      const { file } = await loadInScope(tx, actor, id);
      await attachable(tx, actor, input.documentFileIds, file);
      if (file.status !== 'active') throw conflict('该发展档案已办结或终止，不能再记录', 'DEV_FILE_NOT_ACTIVE');
      if (file.version !== input.version) throw conflict('该发展档案已被他人更新，请刷新后重试', 'STALE_VERSION');
      const ruleSet = await ruleSetVersion(tx, actor.countyId, file.ruleSetVersion);
      const history = toHistory(await repo.events(tx, file.id));
      const branch = await orgsRepository.findById(tx, actor.countyId, file.orgId);
      const full = await membersRepository.search(tx, actor.countyId, { pathPattern: branch!.path, status: 'full' }, { page: 1, pageSize: 1, sort: null });
      const facts: StepFacts = { today: today(), rules: ruleSet.params, calendar: chineseWorkingDays, birthDate: birthDateOf(file), formNumber: file.formNumber, branchFullMembers: full.total };
      const fields = { ...input.fields, voteFailed: true };
      const check = checkFailedVote(history, { step: input.step, date: input.date, fields }, facts);
      if (!check.ok) throw new DomainError(check.code, check.message, { kind: 'conflict', details: { rule: check.rule, earliestDate: check.earliestDate, step: input.step } });
      warnings = check.warnings;
      const actorOrg = await orgsRepository.findById(tx, actor.countyId, actor.orgId);
      await repo.insertEvent(tx, {
        countyId: actor.countyId, fileId: file.id, step: input.step, date: input.date, fields, publicity: null, note: input.note, warnings, overrideReason: null,
        documentFileIds: input.documentFileIds, actorId: actor.accountId, actorName: actor.displayName, actorOrgId: actor.orgId, actorOrgName: actorOrg?.name ?? '', ruleSetVersion: file.ruleSetVersion, recordedAt: now,
      });
      if (!(await repo.updateFileVersioned(tx, file.id, file.version, { updatedAt: now }))) throw conflict('该发展档案已被他人更新，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, now, {
        action: 'development.vote.failed',
        entityType: 'developmentFile',
        entityId: file.id,
        changes: { [`step${input.step}Failed`]: { before: null, after: { date: input.date, ...fields } } },
        note: `${file.name}：${stepLabel(input.step)}表决未通过（${warnings.join('；')}）`,
      });
    });
    return { file: await get(actor, id), warnings };
  }

  return { get, createFile, recordStep, recordFailedVote, closeFile, createProspect, listProspects, summary, loadInScope, issueFormNumber };
}
export type DevelopmentService = ReturnType<typeof createDevelopmentService>;
