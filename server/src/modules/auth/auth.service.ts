// Login with lockout, logout, who-am-I, change my password.
import { DomainError, LOGIN_LOCK_MINUTES, LOGIN_MAX_FAILURES, ROLE_PERMISSIONS, checkPasswordPolicy, type Me, type Role } from '@yanzhen/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import { createSession, destroySession, SESSION_COOKIE, unauthenticated } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { sha256 } from '../../core/crypto';
import { dummyVerify, hashPassword, verifyPassword } from '../../core/passwords';
import { accountsRepository } from '../accounts/accounts.repository';

const fmtTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);

export function createAuthService(ctx: AppContext) {
  async function me(accountId: string, csrfToken: string): Promise<Me> {
    const row = await accountsRepository.findById(ctx.db, accountId);
    if (!row) throw unauthenticated();
    const a = row.account;
    return {
      id: a.id,
      username: a.username,
      displayName: a.displayName,
      role: a.role as Role,
      orgId: a.orgId,
      orgName: row.orgName,
      memberId: a.memberId,
      permissions: [...ROLE_PERMISSIONS[a.role as Role]],
      mustChangePassword: a.mustChangePassword,
      csrfToken,
    };
  }

  async function login(username: string, password: string, request: FastifyRequest, reply: FastifyReply): Promise<Me> {
    const now = ctx.clock();
    const row = await accountsRepository.findByUsername(ctx.db, username.trim());
    const fail = async (note: string, accountId: string | null = null, countyId: string | null = null) =>
      writeAudit(ctx.db, null, now, { action: 'auth.login', entityType: 'account', entityId: accountId, outcome: 'failure', ip: request.ip, countyId, note: `${username}：${note}` });
    if (!row) {
      await dummyVerify(password);
      await fail('用户名不存在');
      throw unauthenticated('用户名或密码错误');
    }
    const a = row.account;
    if (a.disabled) {
      await fail('账号已停用', a.id, a.countyId);
      throw unauthenticated('账号已停用，请联系管理员');
    }
    if (a.lockedUntil && a.lockedUntil > now) {
      await fail('账号锁定中', a.id, a.countyId);
      throw new DomainError('ACCOUNT_LOCKED', `密码错误次数过多，账号已锁定，请于 ${fmtTime(a.lockedUntil)} 后重试`, { kind: 'locked' });
    }
    if (!(await verifyPassword(a.passwordHash, password))) {
      const failures = a.failedLogins + 1;
      if (failures >= LOGIN_MAX_FAILURES) {
        const until = new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000);
        await accountsRepository.update(ctx.db, a.id, { failedLogins: 0, lockedUntil: until });
        await fail(`连续${failures}次密码错误，锁定至 ${fmtTime(until)}`, a.id, a.countyId);
        throw new DomainError('ACCOUNT_LOCKED', `连续${LOGIN_MAX_FAILURES}次密码错误，账号已锁定${LOGIN_LOCK_MINUTES}分钟`, { kind: 'locked' });
      }
      await accountsRepository.update(ctx.db, a.id, { failedLogins: failures });
      await fail(`密码错误（第${failures}次）`, a.id, a.countyId);
      throw unauthenticated(`用户名或密码错误，再错${LOGIN_MAX_FAILURES - failures}次将锁定账号${LOGIN_LOCK_MINUTES}分钟`);
    }
    await accountsRepository.update(ctx.db, a.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    const csrfToken = await createSession(ctx, a.id, request, reply);
    await writeAudit(ctx.db, null, now, { action: 'auth.login', entityType: 'account', entityId: a.id, ip: request.ip, countyId: a.countyId, note: a.username });
    return me(a.id, csrfToken);
  }

  async function logout(actor: Actor | null, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await destroySession(ctx, request, reply);
    if (actor) await writeAudit(ctx.db, actor, ctx.clock(), { action: 'auth.logout', entityType: 'account', entityId: actor.accountId });
  }

  async function changePassword(actor: Actor, currentPassword: string, newPassword: string, request: FastifyRequest): Promise<void> {
    const row = await accountsRepository.findById(ctx.db, actor.accountId);
    if (!row) throw unauthenticated();
    if (!(await verifyPassword(row.account.passwordHash, currentPassword))) {
      throw new DomainError('WRONG_PASSWORD', '当前密码不正确', { kind: 'validation', details: [{ path: 'currentPassword', message: '当前密码不正确' }] });
    }
    const policy = checkPasswordPolicy(newPassword);
    if (!policy.ok) throw new DomainError('PASSWORD_POLICY', policy.message, { kind: 'validation' });
    const now = ctx.clock();
    const passwordHash = await hashPassword(newPassword);
    await ctx.db.transaction(async (tx) => {
      await accountsRepository.update(tx, actor.accountId, { passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now, version: row.account.version + 1 });
      // Other sessions of this account end; this one stays.
      const token = request.cookies[SESSION_COOKIE];
      await accountsRepository.deleteSessions(tx, actor.accountId, token ? sha256(token) : undefined);
      await writeAudit(tx, actor, now, { action: 'account.changePassword', entityType: 'account', entityId: actor.accountId, changes: { password: { before: '（已加密）', after: '（已修改）' } } });
    });
  }

  return { login, logout, me, changePassword };
}
