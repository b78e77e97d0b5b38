// Member roster use cases: search, detail, sensitive view, create, update, move between branches, history.
import {
  conflict,
  forbidden,
  maskIdNumber,
  invalid,
  isPinyinQuery,
  latestBirthDateForAge,
  memberInputSchema,
  memberUpdateSchema,
  notFound,
  SECRET_FIELDS,
  toChinaDate,
  type AuditEntry,
  type MemberDetail,
  type MemberFields,
  type MemberHistory,
  type MemberListQuery,
  type MemberMove,
  type MemberSensitive,
  type MemberSummary,
  type MemberUpdate,
  type PageQuery,
} from '@yanzhen/domain';
import type { z } from 'zod';
import { can, orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { announceMembersMoved } from '../../core/member-moves';
import { registerUniqueConflicts } from '../../core/errors';
import { orgsRepository, type OrgRow } from '../orgs/orgs.repository';
import { followMemberMove, membersJoinedRoster } from '../stars/stars.service';
import { dutiesOnMembersLeft } from '../duties/duties-templates.service';
import { SECRET_COLUMNS, idTailHash, maskedMemberView, maskedMobileContact, memberColumns, memberFields, memberSecrets, type MemberInsert } from './members.mapper';
import { memberAbilities, memberInScope } from './members.policy';
import { membersRepository, type MemberListRow, type MemberSearch, type MemberSort, type MemberWithOrg } from './members.repository';
import { validate } from '../../core/validate';

const ID_NUMBER_RE = /^\d{17}[\dXx]$/;
const TAIL_RE = /^\d{3}[\dXx]$/;
const PHONE_QUERY_RE = /^(\d{11}|0\d{2,3}-\d{7,8})$/;
const CJK_RE = /[\u3400-\u9fff]/;

/** Validates with a schema and answers 400 with every issue as {path, message}, the first one as the message. */
// Two people entering the same ID number at once: the unique index decides, the error edge answers the loser 409.
registerUniqueConflicts({ members_county_id_number_uq: { code: 'DUPLICATE_ID_NUMBER', message: '该身份证号已在本县党员名册中，不能重复录入' } });

export function createMembersService(ctx: AppContext) {
  const today = () => toChinaDate(ctx.clock());

  /** A live member inside the actor's scope, or 404 (never 403: the record's existence is not revealed). */
  async function loadInScope(ex: Executor, actor: Actor, id: string): Promise<MemberWithOrg> {
    const found = await membersRepository.findById(ex, actor.countyId, id);
    if (!found || !memberInScope(actor, found.member)) throw notFound('党员');
    return found;
  }

  /** The branch a member goes into: live, in scope, of type branch; and the party group, if any, of that branch. */
  async function loadPlacement(ex: Executor, actor: Actor, orgId: string, groupId: string | null): Promise<OrgRow> {
    const branch = await orgsRepository.findById(ex, actor.countyId, orgId);
    if (!branch || !orgInScope(actor, branch.path)) throw notFound('党支部');
    if (branch.type !== 'branch') {
      throw invalid('党员须编入党支部（请选择党支部，而不是党委、党总支或党小组）', [{ path: 'orgId', message: '请选择党支部' }], 'ORG_NOT_BRANCH');
    }
    if (groupId) {
      const group = await orgsRepository.findById(ex, actor.countyId, groupId);
      if (!group || group.type !== 'group' || group.parentId !== branch.id) {
        throw invalid(`所选党小组不属于${branch.name}`, [{ path: 'groupId', message: '党小组须属于所选党支部' }], 'GROUP_NOT_IN_BRANCH');
      }
    }
    return branch;
  }

  /** 409 when another record of the county holds this ID number; names it only if the actor may see it. */
  async function assertIdNumberFree(ex: Executor, actor: Actor, idNumberHash: string, exceptId: string | null) {
    const [other] = (await membersRepository.findByIdNumberHashes(ex, actor.countyId, [idNumberHash])).filter((m) => m.id !== exceptId);
    if (!other) return;
    const visible = orgInScope(actor, other.orgPath);
    const message = !visible
      ? '该身份证号已在本县党员名册中（不在您的管辖范围内），不能重复录入；如需转入本支部，请联系上级党组织办理组织关系调整'
      : other.leftAt
        ? `该身份证号已登记为${other.name}（原${other.orgName}）的党员档案（已减少），不能重复录入`
        : `该身份证号已登记为${other.name}（${other.orgName}）的党员档案，不能重复录入`;
    throw conflict(message, 'DUPLICATE_ID_NUMBER');
  }

  function summary(row: MemberListRow, on: string): MemberSummary {
    return {
      id: row.id,
      name: row.name,
      gender: row.gender as MemberSummary['gender'],
      ...maskedMemberView(row, ctx.crypto, on),
      education: row.education as MemberSummary['education'],
      joinDate: row.joinDate,
      status: row.status as MemberSummary['status'],
      categories: row.categories as MemberSummary['categories'],
      orgId: row.orgId,
      orgName: row.orgName,
    };
  }

  function detail(actor: Actor, found: MemberWithOrg): MemberDetail {
    const m = found.member;
    return {
      ...summary({ ...m, orgName: found.orgName }, today()),
      ethnicity: m.ethnicity,
      occupation: m.occupation as MemberDetail['occupation'],
      job: m.job,
      address: m.address,
      fullMembershipDate: m.fullMembershipDate,
      mobileDestination: m.mobileDestination,
      mobileSince: m.mobileSince,
      mobileContactMasked: maskedMobileContact(m, ctx.crypto),
      groupId: m.groupId,
      groupName: found.groupName,
      version: m.version,
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
      can: memberAbilities(actor, m),
    };
  }

  /**
   * What the search text means: Chinese → name; letters → pinyin; 18 chars → ID number; 4 → ID/phone tail; 11 digits
   * (or a landline with area code) → phone. Looking up by ID number or phone is for roles that may see them: to any
   * other role each answer would confirm a guessed number (an oracle that undoes the masks).
   */
  function textFilter(actor: Actor, q: string): MemberSearch['text'] {
    const t = q.trim();
    if (!t) return undefined;
    const secret = ID_NUMBER_RE.test(t) || PHONE_QUERY_RE.test(t) || TAIL_RE.test(t);
    if (secret && !can(actor, 'members.viewSensitive')) {
      throw forbidden('按身份证号或联系电话查询党员须有查看完整身份证号的权限，请按姓名或拼音查询');
    }
    if (ID_NUMBER_RE.test(t)) return { kind: 'idHash', value: ctx.crypto.hash(t.toUpperCase()) };
    if (PHONE_QUERY_RE.test(t)) return { kind: 'phoneHash', value: ctx.crypto.hash(t) };
    if (TAIL_RE.test(t)) return { kind: 'tail', value: t.toUpperCase(), idTailHash: idTailHash(ctx.crypto, t) };
    if (isPinyinQuery(t)) return { kind: 'pinyin', value: t.toLowerCase() };
    if (CJK_RE.test(t)) return { kind: 'name', value: t };
    return { kind: 'name', value: t };
  }

  async function list(actor: Actor, query: MemberListQuery) {
    requirePermission(actor, 'members.read');
    const on = today();
    const search: MemberSearch = { pathPattern: subtreePattern(actor.orgPath) };
    if (query.orgId) {
      const org = await orgsRepository.findById(ctx.db, actor.countyId, query.orgId);
      if (!org || !orgInScope(actor, org.path)) throw notFound('组织');
      // Members carry their branch's path; a party group is matched by group_id.
      if (org.type === 'group') search.groupId = org.id;
      else search.pathPattern = subtreePattern(org.path);
    }
    if (query.q) search.text = textFilter(actor, query.q);
    search.category = query.category;
    search.status = query.status;
    search.gender = query.gender;
    search.education = query.education;
    // Ages become birth-date bounds, so the index on birth dates (not a computed age) does the work.
    if (query.ageMin !== undefined) search.bornOnOrBefore = latestBirthDateForAge(on, query.ageMin);
    if (query.ageMax !== undefined) search.bornAfter = latestBirthDateForAge(on, query.ageMax + 1);
    if (query.joinYearMin !== undefined) search.joinedOnOrAfter = `${query.joinYearMin}-01-01`;
    if (query.joinYearMax !== undefined) search.joinedOnOrBefore = `${query.joinYearMax}-12-31`;
    const sort = query.sort ? { key: query.sort.replace(/^-/, '') as MemberSort, desc: query.sort.startsWith('-') } : null;
    const { rows, total, totalCapped } = await membersRepository.search(ctx.db, actor.countyId, search, { page: query.page, pageSize: query.pageSize, sort });
    return { items: rows.map((r) => summary(r, on)), total, totalCapped, page: query.page, pageSize: query.pageSize };
  }

  async function get(actor: Actor, id: string): Promise<MemberDetail> {
    requirePermission(actor, 'members.read');
    return detail(actor, await loadInScope(ctx.db, actor, id));
  }

  /** The actor's own member record (any role bound to a member). */
  async function mine(actor: Actor): Promise<MemberDetail> {
    requirePermission(actor, 'self.read');
    const found = actor.memberId ? await membersRepository.findById(ctx.db, actor.countyId, actor.memberId) : null;
    if (!found) throw notFound('本人党员档案');
    return detail(actor, found);
  }

  /** The unmasked ID number, phone, 外出联系方式 and exact birth date; every view is written to the audit log. */
  async function sensitive(actor: Actor, id: string): Promise<MemberSensitive> {
    requirePermission(actor, 'members.viewSensitive');
    return ctx.db.transaction(async (tx) => {
      const { member } = await loadInScope(tx, actor, id);
      await writeAudit(tx, actor, ctx.clock(), { action: 'member.viewSensitive', entityType: 'member', entityId: id, note: `查看${member.name}的完整身份证号、联系电话和出生日期` });
      return memberSecrets(member, ctx.crypto);
    });
  }

  async function create(actor: Actor, body: unknown): Promise<MemberDetail> {
    requirePermission(actor, 'members.write');
    const input: MemberFields = validate(memberInputSchema(today()), body);
    const now = ctx.clock();
    const id = await ctx.db.transaction(async (tx) => {
      const branch = await loadPlacement(tx, actor, input.orgId, input.groupId);
      const columns = memberColumns(input, ctx.crypto);
      await assertIdNumberFree(tx, actor, columns.idNumberHash, null);
      const row = await membersRepository.insert(tx, { ...columns, countyId: actor.countyId, orgPath: branch.path, createdAt: now, updatedAt: now });
      await membersJoinedRoster(ctx, tx, actor.countyId, [row.id]);
      await writeAudit(tx, actor, now, { action: 'member.create', entityType: 'member', entityId: row.id, before: null, after: { ...input } });
      return row.id;
    });
    return get(actor, id);
  }

  async function update(actor: Actor, id: string, body: unknown): Promise<MemberDetail> {
    requirePermission(actor, 'members.write');
    const { version, ...input }: MemberUpdate = validate(memberUpdateSchema(today()), body);
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const { member } = await loadInScope(tx, actor, id);
      if (member.version !== version) throw conflict('该党员档案已被他人修改，请刷新后重试', 'STALE_VERSION');
      if (input.orgId !== member.orgId) {
        throw invalid('修改档案不能变更所在党支部，请使用“组织关系调整”操作转移该党员', [{ path: 'orgId', message: '请使用组织关系调整操作' }], 'USE_MOVE');
      }
      await loadPlacement(tx, actor, member.orgId, input.groupId);
      const before = memberFields(member, ctx.crypto);
      const columns = memberColumns(input, ctx.crypto);
      if (columns.idNumberHash !== member.idNumberHash) await assertIdNumberFree(tx, actor, columns.idNumberHash, member.id);
      const changed = (Object.keys(input) as (keyof MemberFields)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input[k]));
      if (changed.length === 0) return;
      // Unchanged secret fields keep their ciphertext (a fresh IV would look like a change).
      const values: Partial<MemberInsert> = { ...columns, updatedAt: now };
      for (const f of SECRET_FIELDS) if (!changed.includes(f)) Object.assign(values, { [SECRET_COLUMNS[f]]: member[SECRET_COLUMNS[f]] });
      if (!(await membersRepository.updateVersioned(tx, member.id, version, values))) {
        throw conflict('该党员档案已被他人修改，请刷新后重试', 'STALE_VERSION');
      }
      const pick = (f: MemberFields) => Object.fromEntries(changed.map((k) => [k, f[k]]));
      await writeAudit(tx, actor, now, { action: 'member.update', entityType: 'member', entityId: member.id, before: pick(before), after: pick(input) });
    });
    return get(actor, id);
  }

  /** 组织关系调整: to another branch inside the scope; the record (and its history) keeps its id. */
  async function move(actor: Actor, id: string, input: MemberMove): Promise<MemberDetail> {
    requirePermission(actor, 'members.write');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const { member, orgName } = await loadInScope(tx, actor, id);
      if (!memberAbilities(actor, member).move) throw forbidden('支部书记不能把党员转出本支部，请联系上级党组织办理');
      if (member.version !== input.version) throw conflict('该党员档案已被他人修改，请刷新后重试', 'STALE_VERSION');
      if (input.orgId === member.orgId) {
        throw invalid(`该党员已在${orgName}，如需调整党小组请修改档案`, [{ path: 'orgId', message: '请选择另一个党支部' }], 'MEMBER_MOVE_SAME');
      }
      const target = await loadPlacement(tx, actor, input.orgId, input.groupId);
      const ok = await membersRepository.updateVersioned(tx, member.id, input.version, { orgId: target.id, orgPath: target.path, groupId: input.groupId, updatedAt: now });
      if (!ok) throw conflict('该党员档案已被他人修改，请刷新后重试', 'STALE_VERSION');
      const changes: Record<string, { before: unknown; after: unknown }> = {
        orgId: { before: member.orgId, after: target.id },
        orgName: { before: orgName, after: target.name },
      };
      if (member.groupId !== input.groupId) changes.groupId = { before: member.groupId, after: input.groupId };
      // Records that go with the member (dues bases, the running month's stars); closed months stay with the old branch.
      await announceMembersMoved(tx, { countyId: actor.countyId, memberIds: [member.id], targetOrgPath: target.path });
      await followMemberMove(ctx, tx, actor.countyId, [member.id]);
      // A secretary moved out of their org leaves the post vacant (the duty items falling due from today are cancelled).
      await dutiesOnMembersLeft(tx, actor.countyId, [member.id], now, actor, `转至${target.name}`);
      await writeAudit(tx, actor, now, { action: 'member.move', entityType: 'member', entityId: member.id, changes, note: input.reason });
    });
    return get(actor, id);
  }

  /**
   * The member leaves the county's roster (a relationship transferred out of the county, issue #13): inside the
   * caller's transaction, in scope, audited; the record and its history stay, marked left with the reason.
   */
  async function leaveRoster(tx: Executor, actor: Actor, id: string, reason: string): Promise<void> {
    const { member } = await loadInScope(tx, actor, id);
    const now = ctx.clock();
    const ok = await membersRepository.updateVersioned(tx, member.id, member.version, { leftAt: now, leftReason: reason, updatedAt: now });
    if (!ok) throw conflict('该党员档案已被他人修改，请刷新后重试', 'STALE_VERSION');
    await dutiesOnMembersLeft(tx, actor.countyId, [member.id], now, actor, reason);
    await writeAudit(tx, actor, now, { action: 'member.leave', entityType: 'member', entityId: member.id, changes: { leftReason: { before: null, after: reason } }, note: reason });
  }

  /** 政治生日: members of the caller's subtree (or `pathPattern` inside it) whose party anniversary falls in `month`. */
  async function politicalBirthdays(actor: Actor, pathPattern: string, month: string, page: { page: number; pageSize: number }) {
    if (!pathPattern.startsWith(actor.orgPath)) throw notFound('组织');
    return membersRepository.joinedInMonth(ctx.db, actor.countyId, pathPattern, month.slice(5, 7), Number(month.slice(0, 4)), page);
  }

  /** Live members of each subtree path (inside the caller's scope) carrying any of the categories, e.g. the 节日慰问 eligible. */
  async function countWithCategories(ex: Executor, actor: Actor, paths: string[], categories: string[]): Promise<Map<string, number>> {
    return membersRepository.countWithCategories(ex, actor.countyId, paths, categories);
  }

  /** How many live members of each org have their party anniversary in `month` (政治生日, for the theme-day topic). */
  async function anniversaryCounts(ex: Executor, countyId: string, orgIds: string[], month: string): Promise<Map<string, number>> {
    return membersRepository.anniversaryCounts(ex, countyId, orgIds, month.slice(5, 7), Number(month.slice(0, 4)));
  }

  /** Masked ID numbers (region code and tail kept) of members, by id, for another module's ledger export. */
  async function maskedIdNumbers(ex: Executor, actor: Actor, ids: string[]): Promise<Map<string, string>> {
    const rows = await membersRepository.idNumbersEncOf(ex, actor.countyId, ids);
    return new Map(rows.map((r) => [r.id, maskIdNumber(ctx.crypto.decrypt(r.idNumberEnc), 'region')]));
  }

  /** 流动党员: the mobile members of the caller's subtree (or `pathPattern` inside it), for the care module's contact ledger. */
  async function mobileMembers(actor: Actor, pathPattern: string, f: Parameters<typeof membersRepository.mobileMembers>[3], page: { page: number; pageSize: number }) {
    if (!pathPattern.startsWith(actor.orgPath)) throw notFound('组织');
    return membersRepository.mobileMembers(ctx.db, actor.countyId, pathPattern, f, page);
  }

  async function history(actor: Actor, id: string, page: PageQuery): Promise<MemberHistory> {
    requirePermission(actor, 'members.read');
    await loadInScope(ctx.db, actor, id);
    const { rows, total } = await membersRepository.history(ctx.db, actor.countyId, id, page);
    const items = rows.map((r): AuditEntry => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      outcome: r.outcome as AuditEntry['outcome'],
      ip: r.ip,
      changes: r.changes ?? null,
      note: r.note,
    }));
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  return { list, get, mine, sensitive, create, update, move, history, loadInScope, leaveRoster, politicalBirthdays, mobileMembers, countWithCategories, maskedIdNumbers, anniversaryCounts };
}
export type MembersService = ReturnType<typeof createMembersService>;

/** A live member of the roster as other modules see it (no sensitive field); `cadre`: secretary or 委员 of their branch. */
export type RosterEntry = { id: string; name: string; orgId: string; orgPath: string; orgName: string; status: string; cadre: boolean };

/**
 * The live roster of one branch or of a subtree for org life (meetings, talks, training hours), with who is on the
 * branch's committee: the module reads members only through here.
 */
export async function rosterForOrgLife(ex: Executor, countyId: string, where: { orgId: string; orgPath: string } | { pathPattern: string }): Promise<RosterEntry[]> {
  const rows = await membersRepository.liveRoster(ex, countyId, 'orgId' in where ? { orgId: where.orgId } : where);
  const cadres = await orgsRepository.cadres(ex, countyId, 'orgId' in where ? where.orgPath : where.pathPattern);
  const key = new Set(cadres.map((c) => `${c.orgId}:${c.memberId}`));
  return rows.map((r) => ({ ...r, cadre: key.has(`${r.orgId}:${r.id}`) }));
}

/** A live member by id (any branch of the county) for org life's checks and the member's own page, or null. */
export async function findRosterMember(ex: Executor, countyId: string, id: string): Promise<{ id: string; name: string; orgId: string; orgPath: string; orgName: string } | null> {
  const found = await membersRepository.findById(ex, countyId, id);
  return found ? { id: found.member.id, name: found.member.name, orgId: found.member.orgId, orgPath: found.member.orgPath, orgName: found.orgName } : null;
}
