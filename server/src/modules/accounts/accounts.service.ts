// Account management: list, create, update (role, org, disable), reset password, unlock — inside the actor's subtree.
import {
  DomainError,
  ROLE_LABELS,
  accountOrgIssue,
  canManageRole,
  nextPasswordHistory,
  conflict,
  forbidden,
  invalid,
  notFound,
  type Account,
  type AccountCreate,
  type AccountQuery,
  type AccountUpdate,
  type OrgType,
  type Role,
} from '@yanzhen/domain';
import { orgInScope, requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { registerUniqueConflicts } from '../../core/errors';
import { hashPassword } from '../../core/passwords';
import { loginThrottleRepository } from './login-throttle.repository';
import { orgsRepository, type OrgRow } from '../orgs/orgs.repository';
import { accountAbilities } from './accounts.policy';
import { accountsRepository, type AccountRow } from './accounts.repository';

type Loaded = { account: AccountRow; orgPath: string; orgName: string };

const auditable = (a: Pick<AccountRow, 'username' | 'displayName' | 'role' | 'orgId' | 'memberId' | 'disabled'>) => ({
  username: a.username,
  displayName: a.displayName,
  role: a.role,
  orgId: a.orgId,
  memberId: a.memberId,
  disabled: a.disabled,
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// Two administrators creating the same username at once: the unique index decides, the error edge answers the loser 409.
registerUniqueConflicts({ accounts_username_unique: { code: 'USERNAME_TAKEN', message: '该用户名已被使用，请换一个' } });

export function createAccountsService(ctx: AppContext) {
  const present = (actor: Actor, row: Loaded, now: Date): Account => ({
    id: row.account.id,
    username: row.account.username,
    displayName: row.account.displayName,
    role: row.account.role as Role,
    orgId: row.account.orgId,
    orgName: row.orgName,
    memberId: row.account.memberId,
    disabled: row.account.disabled,
    locked: row.account.lockedUntil !== null && row.account.lockedUntil > now,
    mustChangePassword: row.account.mustChangePassword,
    lastLoginAt: row.account.lastLoginAt?.toISOString() ?? null,
    version: row.account.version,
    can: accountAbilities(actor, { id: row.account.id, role: row.account.role, orgPath: row.orgPath, lockedUntil: row.account.lockedUntil }, now),
  });

  /** An account bound to an org inside the actor's subtree (and county), or 404. */
  async function loadInScope(ex: Executor, actor: Actor, id: string): Promise<Loaded> {
    const row = await accountsRepository.findById(ex, id);
    if (!row || row.account.countyId !== actor.countyId || !orgInScope(actor, row.orgPath)) throw notFound('账号');
    return row;
  }

  /** In scope and of a role the actor may manage; otherwise 403 (the account is visible, just not theirs to change). */
  async function loadManageable(ex: Executor, actor: Actor, id: string): Promise<Loaded> {
    const row = await loadInScope(ex, actor, id);
    if (!canManageRole(actor.role, row.account.role as Role)) throw forbidden(`您不能管理${ROLE_LABELS[row.account.role as Role]}账号`);
    return row;
  }

  async function loadOrg(ex: Executor, actor: Actor, orgId: string): Promise<OrgRow> {
    const org = await orgsRepository.findById(ex, actor.countyId, orgId);
    if (!org || !orgInScope(actor, org.path)) throw notFound('组织');
    return org;
  }

  function checkRole(actor: Actor, role: Role) {
    if (!canManageRole(actor.role, role)) throw forbidden(`您不能设置${ROLE_LABELS[role]}账号`);
  }

  function checkOrgFits(role: Role, org: OrgRow) {
    const issue = accountOrgIssue(role, { type: org.type as OrgType, isCountyRoot: org.parentId === null });
    if (issue) throw invalid(issue, [{ path: 'orgId', message: issue }], 'ACCOUNT_ORG_MISMATCH');
  }

  async function list(actor: Actor, query: AccountQuery) {
    requirePermission(actor, 'accounts.read');
    const now = ctx.clock();
    const under = query.orgId ? await loadOrg(ctx.db, actor, query.orgId) : null;
    const { rows, total } = await accountsRepository.list(ctx.db, {
      countyId: actor.countyId,
      orgPath: under?.path ?? actor.orgPath,
      q: query.q ? escapeLike(query.q) : undefined,
      role: query.role,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const items = rows.map((r) => present(actor, r, now));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async function get(actor: Actor, id: string): Promise<Account> {
    requirePermission(actor, 'accounts.read');
    return present(actor, await loadInScope(ctx.db, actor, id), ctx.clock());
  }

  async function create(actor: Actor, input: AccountCreate): Promise<Account> {
    requirePermission(actor, 'accounts.write');
    checkRole(actor, input.role);
    const now = ctx.clock();
    const passwordHash = await hashPassword(input.password);
    const id = await ctx.db.transaction(async (tx) => {
      let orgId = input.orgId;
      if (input.role === 'member' && !input.memberId) throw invalid('党员账号须选择对应的党员', [{ path: 'memberId', message: '请选择党员' }], 'ACCOUNT_MEMBER_REQUIRED');
      if (input.memberId) {
        const member = await accountsRepository.findLiveMember(tx, actor.countyId, input.memberId);
        if (!member || !orgInScope(actor, member.orgPath)) throw notFound('党员');
        const other = await accountsRepository.findByMember(tx, member.id);
        if (other) throw conflict(`党员${member.name}已有账号（${other.username}）`, 'ACCOUNT_MEMBER_TAKEN');
        // A member's own account sits in the branch the member is enrolled in.
        if (input.role === 'member') orgId = member.orgId;
      }
      const org = await loadOrg(tx, actor, orgId);
      checkOrgFits(input.role, org);
      if (await accountsRepository.usernameTaken(tx, input.username)) throw conflict(`用户名“${input.username}”已被使用，请换一个`, 'USERNAME_TAKEN');
      const row = await accountsRepository.insert(tx, {
        countyId: actor.countyId,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        orgId: org.id,
        memberId: input.memberId,
        // The administrator chose the first password: its owner must replace it at first login.
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      });
      await writeAudit(tx, actor, now, { action: 'account.create', entityType: 'account', entityId: row.id, before: null, after: auditable(row) });
      return row.id;
    });
    return get(actor, id);
  }

  async function update(actor: Actor, id: string, input: AccountUpdate): Promise<Account> {
    requirePermission(actor, 'accounts.write');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const { account } = await loadManageable(tx, actor, id);
      if (account.version !== input.version) throw conflict('该账号已被他人修改，请刷新后重试', 'STALE_VERSION');
      const self = account.id === actor.accountId;
      if (self && input.disabled) throw new DomainError('ACCOUNT_SELF_DISABLE', '不能停用本人账号', { kind: 'rule' });
      if (self && (input.role !== account.role || input.orgId !== account.orgId)) {
        throw new DomainError('ACCOUNT_SELF_DEMOTE', '不能修改本人账号的角色或所属组织，请由上级管理员调整', { kind: 'rule' });
      }
      checkRole(actor, input.role);
      let orgId = input.orgId;
      if (input.role === 'member') {
        if (!account.memberId) throw invalid('该账号未关联党员，不能设为党员账号', [{ path: 'role', message: '未关联党员' }], 'ACCOUNT_MEMBER_REQUIRED');
        const member = await accountsRepository.findLiveMember(tx, actor.countyId, account.memberId);
        if (!member || !orgInScope(actor, member.orgPath)) throw invalid('该账号关联的党员已不在册或不在您的管辖范围内', undefined, 'ACCOUNT_MEMBER_GONE');
        orgId = member.orgId;
      }
      const org = await loadOrg(tx, actor, orgId);
      checkOrgFits(input.role, org);
      const next = { ...account, displayName: input.displayName, role: input.role, orgId: org.id, disabled: input.disabled };
      await accountsRepository.update(tx, account.id, {
        displayName: next.displayName,
        role: next.role,
        orgId: next.orgId,
        disabled: next.disabled,
        version: account.version + 1,
        updatedAt: now,
      });
      // A disabled account, or one whose powers changed, is signed out everywhere.
      if ((next.disabled && !account.disabled) || next.role !== account.role || next.orgId !== account.orgId) {
        await accountsRepository.deleteSessions(tx, account.id);
      }
      await writeAudit(tx, actor, now, { action: 'account.update', entityType: 'account', entityId: account.id, before: auditable(account), after: auditable(next) });
    });
    return get(actor, id);
  }

  async function resetPassword(actor: Actor, id: string, password: string): Promise<Account> {
    requirePermission(actor, 'accounts.write');
    const now = ctx.clock();
    const passwordHash = await hashPassword(password);
    await ctx.db.transaction(async (tx) => {
      const { account } = await loadManageable(tx, actor, id);
      if (account.id === actor.accountId) throw new DomainError('ACCOUNT_SELF_RESET', '请在“修改密码”中修改本人密码', { kind: 'rule' });
      await accountsRepository.update(tx, account.id, {
        passwordHash,
        passwordHistory: nextPasswordHistory(account.passwordHash, account.passwordHistory),
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        passwordChangedAt: now,
        version: account.version + 1,
        updatedAt: now,
      });
      await accountsRepository.deleteSessions(tx, account.id);
      await loginThrottleRepository.clearAccount(tx, account.id);
      // The password itself is never logged: only that it was reset.
      await writeAudit(tx, actor, now, {
        action: 'account.resetPassword',
        entityType: 'account',
        entityId: account.id,
        changes: { password: { before: '（已加密）', after: '（已重置）' }, mustChangePassword: { before: account.mustChangePassword, after: true } },
      });
    });
    return get(actor, id);
  }

  async function unlock(actor: Actor, id: string): Promise<Account> {
    requirePermission(actor, 'accounts.write');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const { account } = await loadManageable(tx, actor, id);
      await accountsRepository.update(tx, account.id, { failedLogins: 0, lockedUntil: null, version: account.version + 1, updatedAt: now });
      // Every address that was refused for this account may try again.
      await loginThrottleRepository.clearAccount(tx, account.id);
      await writeAudit(tx, actor, now, {
        action: 'account.unlock',
        entityType: 'account',
        entityId: account.id,
        changes: { lockedUntil: { before: account.lockedUntil?.toISOString() ?? null, after: null }, failedLogins: { before: account.failedLogins, after: 0 } },
      });
    });
    return get(actor, id);
  }

  return { list, get, create, update, resetPassword, unlock };
}

// The face the auth module uses at login: the county's password age limit and the login throttle (accounts owns both).
export { passwordMaxAgeDays } from './password-settings';
export { addressKey, loginThrottleRepository, pairKey } from './login-throttle.repository';
