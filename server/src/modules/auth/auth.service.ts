// Login with per-source throttling, logout, who-am-I, my sessions, change my password (history, commonest, expiry).
import {
  DomainError,
  LOGIN_PAIR_LIMIT,
  LOGIN_BLOCK_MINUTES,
  PASSWORD_HISTORY_SIZE,
  ROLE_PERMISSIONS,
  checkPasswordPolicy,
  loginThrottleVerdict,
  nextPasswordHistory,
  notFound,
  passwordExpired,
  type Me,
  type MySession,
  type Role,
} from '@yanzhen/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import { createSession, destroySession, SESSION_COOKIE, unauthenticated } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { sha256 } from '../../core/crypto';
import { dummyVerify, hashPassword, verifyPassword } from '../../core/passwords';
import { accountsRepository, type AccountRow } from '../accounts/accounts.repository';
import { addressKey, loginThrottleRepository, pairKey, passwordMaxAgeDays } from '../accounts/accounts.service';

const fmtTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
const accountLabel = (a: Pick<AccountRow, 'displayName' | 'username'>) => `${a.displayName}（${a.username}）`;

export function createAuthService(ctx: AppContext) {
  async function me(accountId: string, csrfToken: string): Promise<Me> {
    const row = await accountsRepository.findById(ctx.db, accountId);
    if (!row) throw unauthenticated();
    const a = row.account;
    const maxAge = await passwordMaxAgeDays(ctx.db, a.countyId);
    const expired = passwordExpired(a.passwordChangedAt, a.createdAt, ctx.clock(), maxAge);
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
      mustChangePasswordReason: a.mustChangePassword ? (expired ? 'expired' : 'initial') : null,
      passwordMaxAgeDays: maxAge,
      csrfToken,
    };
  }

  async function login(username: string, password: string, request: FastifyRequest, reply: FastifyReply): Promise<Me> {
    const now = ctx.clock();
    const name = username.trim();
    const ip = request.ip;
    const row = await accountsRepository.findByUsername(ctx.db, name);
    const a = row?.account ?? null;
    // The account tried is named on every entry (an unknown name as typed), so the log never reads “系统” for a login.
    const tried = a ? accountLabel(a) : name.slice(0, 60);
    const fail = async (note: string) =>
      writeAudit(ctx.db, null, now, { action: 'auth.login', entityType: 'account', entityId: a?.id ?? null, outcome: 'failure', ip, countyId: a?.countyId ?? null, actorName: tried, note: `${name.slice(0, 60)}：${note}` });

    // Count first, check after: each attempt of a parallel burst gets its own number, so no more than the limit are checked.
    const pair = pairKey(a?.id ?? `name:${name.toLowerCase()}`, ip);
    const pairCount = await loginThrottleRepository.hit(ctx.db, pair, a?.id ?? null, now);
    const addressCount = await loginThrottleRepository.hit(ctx.db, addressKey(ip), null, now);
    const verdict = loginThrottleVerdict(pairCount, addressCount);
    if (!verdict.allowed) {
      await fail(`来源地址登录受限（该账号第${pairCount}次、该地址第${addressCount}次尝试）`);
      const until = new Date(now.getTime() + LOGIN_BLOCK_MINUTES * 60_000);
      throw new DomainError('LOGIN_THROTTLED', `${verdict.message}（约 ${fmtTime(until)} 后）`, { kind: 'locked' });
    }
    if (!a) {
      await dummyVerify(password);
      await fail('用户名不存在');
      throw unauthenticated('用户名或密码错误');
    }
    if (a.disabled) {
      await dummyVerify(password);
      await fail('账号已停用');
      throw unauthenticated('账号已停用，请联系管理员');
    }
    if (!(await verifyPassword(a.passwordHash, password))) {
      if (pairCount === LOGIN_PAIR_LIMIT) {
        // Shown on the accounts screen (某地址受限); the account stays open to other addresses.
        await accountsRepository.update(ctx.db, a.id, { lockedUntil: new Date(now.getTime() + LOGIN_BLOCK_MINUTES * 60_000) });
        await fail(`密码错误（本地址第${pairCount}次），该地址对本账号暂停登录${LOGIN_BLOCK_MINUTES}分钟`);
        throw new DomainError('LOGIN_THROTTLED', `密码错误次数过多，本地址请${LOGIN_BLOCK_MINUTES}分钟后（约 ${fmtTime(new Date(now.getTime() + LOGIN_BLOCK_MINUTES * 60_000))} 后）再试`, { kind: 'locked' });
      }
      await fail(`密码错误（本地址第${pairCount}次）`);
      throw unauthenticated(`用户名或密码错误，本地址再错${verdict.remaining}次须等待${LOGIN_BLOCK_MINUTES}分钟`);
    }
    await loginThrottleRepository.clear(ctx.db, pair);
    await loginThrottleRepository.refund(ctx.db, addressKey(ip));
    await loginThrottleRepository.purgeQuiet(ctx.db, now); // counters quiet for 15 minutes are forgotten
    const maxAge = await passwordMaxAgeDays(ctx.db, a.countyId);
    const expired = passwordExpired(a.passwordChangedAt, a.createdAt, now, maxAge);
    await accountsRepository.update(ctx.db, a.id, { failedLogins: 0, lastLoginAt: now, ...(expired ? { mustChangePassword: true } : {}) });
    const { csrfToken, ended } = await createSession(ctx, a.id, request, reply);
    const actor: Actor = {
      accountId: a.id,
      username: a.username,
      displayName: a.displayName,
      role: a.role as Role,
      countyId: a.countyId,
      orgId: a.orgId,
      orgPath: row!.orgPath,
      memberId: a.memberId,
      ip,
    };
    const notes = [expired ? `密码已超过${maxAge}天未修改，须先修改` : null, ended > 0 ? `超过同时登录上限，结束最早的${ended}个会话` : null].filter(Boolean);
    await writeAudit(ctx.db, actor, now, { action: 'auth.login', entityType: 'account', entityId: a.id, ip, countyId: a.countyId, note: notes.length ? notes.join('；') : null });
    return me(a.id, csrfToken);
  }

  async function logout(actor: Actor | null, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await destroySession(ctx, request, reply);
    if (actor) await writeAudit(ctx.db, actor, ctx.clock(), { action: 'auth.logout', entityType: 'account', entityId: actor.accountId });
  }

  async function sessions(actor: Actor, request: FastifyRequest): Promise<MySession[]> {
    const token = request.cookies[SESSION_COOKIE];
    const current = token ? sha256(token) : null;
    const rows = await accountsRepository.sessionsOf(ctx.db, actor.accountId);
    const lifetimeMs = ctx.config.sessionMaxHours * 3_600_000;
    return rows.map((s) => ({
      id: s.sid,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: new Date(s.createdAt.getTime() + lifetimeMs).toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.tokenHash === current,
    }));
  }

  async function revokeSession(actor: Actor, sid: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const rows = await accountsRepository.sessionsOf(ctx.db, actor.accountId);
    const target = rows.find((s) => s.sid === sid);
    if (!target) throw notFound('会话');
    await accountsRepository.deleteSession(ctx.db, actor.accountId, target.tokenHash);
    const token = request.cookies[SESSION_COOKIE];
    if (token && sha256(token) === target.tokenHash) await destroySession(ctx, request, reply);
    await writeAudit(ctx.db, actor, ctx.clock(), {
      action: 'auth.session.revoke',
      entityType: 'account',
      entityId: actor.accountId,
      note: `结束会话（${fmtTime(target.createdAt)} 登录，${target.ip ?? '地址未知'}）`,
    });
  }

  async function changePassword(actor: Actor, currentPassword: string, newPassword: string, request: FastifyRequest): Promise<void> {
    const row = await accountsRepository.findById(ctx.db, actor.accountId);
    if (!row) throw unauthenticated();
    if (!(await verifyPassword(row.account.passwordHash, currentPassword))) {
      throw new DomainError('WRONG_PASSWORD', '当前密码不正确', { kind: 'validation', details: [{ path: 'currentPassword', message: '当前密码不正确' }] });
    }
    const policy = checkPasswordPolicy(newPassword);
    if (!policy.ok) throw new DomainError('PASSWORD_POLICY', policy.message, { kind: 'validation', details: [{ path: 'newPassword', message: policy.message }] });
    for (const old of [row.account.passwordHash, ...row.account.passwordHistory]) {
      if (await verifyPassword(old, newPassword)) {
        const message = `新密码不能与最近${PASSWORD_HISTORY_SIZE}次使用过的密码相同`;
        throw new DomainError('PASSWORD_REUSED', message, { kind: 'validation', details: [{ path: 'newPassword', message }] });
      }
    }
    const now = ctx.clock();
    const passwordHash = await hashPassword(newPassword);
    await ctx.db.transaction(async (tx) => {
      await accountsRepository.update(tx, actor.accountId, {
        passwordHash,
        passwordHistory: nextPasswordHistory(row.account.passwordHash, row.account.passwordHistory),
        mustChangePassword: false,
        passwordChangedAt: now,
        updatedAt: now,
        version: row.account.version + 1,
      });
      // Other sessions of this account end; this one stays.
      const token = request.cookies[SESSION_COOKIE];
      await accountsRepository.deleteSessions(tx, actor.accountId, token ? sha256(token) : undefined);
      await writeAudit(tx, actor, now, { action: 'account.changePassword', entityType: 'account', entityId: actor.accountId, changes: { password: { before: '（已加密）', after: '（已修改）' } } });
    });
  }

  return { login, logout, me, sessions, revokeSession, changePassword };
}
