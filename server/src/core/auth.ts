// Sessions (HttpOnly SameSite cookie, idle logout, absolute lifetime, concurrent limit), CSRF on writes, and the per-route permission gate.
import { DomainError, forbidden, sessionEnded, sessionsOverLimit, type Permission } from '@yanzhen/domain';
import { and, eq, inArray, lt, ne } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accounts, orgs, sessions } from '../db/schema/index';
import { can, type Actor } from './actor';
import type { AppContext } from './context';
import { randomToken, sha256 } from './crypto';
import { writeAudit } from './audit';
import { COUNTY_WRITTEN } from './read-cache';
import { createSessionCache } from './session-cache';

export const SESSION_COOKIE = 'yz_sid';
export const CSRF_HEADER = 'x-csrf-token';

/** `public`: anyone; `authenticated`: any signed-in account; otherwise the named permission. */
export type RouteAccess = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    mustChangePassword: boolean;
  }
}

export const unauthenticated = (message = '请先登录') => new DomainError('UNAUTHENTICATED', message, { kind: 'unauthenticated' });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Routes a user who must change their password can still reach.
const PASSWORD_CHANGE_ALLOWED = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/password']);

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** A new session; beyond the concurrent-session limit the account's oldest ones end (`ended`: how many). */
export async function createSession(ctx: AppContext, accountId: string, request: FastifyRequest, reply: FastifyReply): Promise<{ csrfToken: string; ended: number }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const now = ctx.clock();
  await ctx.db.insert(sessions).values({
    tokenHash: sha256(token),
    accountId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    ip: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 200) ?? null,
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.secureCookies,
  });
  const tokenHash = sha256(token);
  const others = await ctx.db
    .select({ tokenHash: sessions.tokenHash, createdAt: sessions.createdAt })
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), ne(sessions.tokenHash, tokenHash)));
  const over = sessionsOverLimit(others, ctx.config.maxSessions - 1);
  if (over.length > 0) await ctx.db.delete(sessions).where(inArray(sessions.tokenHash, over.map((s) => s.tokenHash)));
  return { csrfToken, ended: over.length };
}

export async function destroySession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) {
    await ctx.db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
    sessionCaches.get(ctx)?.forgetToken(sha256(token));
  }
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

type SessionLookup = { session: typeof sessions.$inferSelect; account: typeof accounts.$inferSelect; orgPath: string; countyId: string };
const sessionCaches = new WeakMap<AppContext, ReturnType<typeof createSessionCache<SessionLookup>>>();

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  const cache = createSessionCache<SessionLookup>();
  sessionCaches.set(ctx, cache);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);

  // Every API route must say who may call it: a route without `access` is a defect caught at start-up.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return; // the docs UI is public
    if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access permission`);
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const tokenHash = sha256(token);
    let row = cache.get(tokenHash, Date.now());
    if (!row) {
      const gen = cache.generation();
      const [found] = await ctx.db
        .select({ session: sessions, account: accounts, orgPath: orgs.path })
        .from(sessions)
        .innerJoin(accounts, eq(accounts.id, sessions.accountId))
        .innerJoin(orgs, eq(orgs.id, accounts.orgId))
        .where(eq(sessions.tokenHash, tokenHash));
      if (!found) return;
      row = { ...found, countyId: found.account.countyId };
      cache.set(tokenHash, row, Date.now(), gen);
    }
    if (row.account.disabled) return;
    const now = ctx.clock();
    // Idle for 30 minutes, or older than the absolute lifetime (YANZHEN_SESSION_MAX_HOURS) however active.
    if (sessionEnded(row.session, now, ctx.config.sessionMaxHours)) {
      cache.forgetToken(tokenHash);
      await ctx.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
      return;
    }
    // Touch at most once a minute, to keep reads cheap.
    if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
      await ctx.db.update(sessions).set({ lastSeenAt: now }).where(and(eq(sessions.tokenHash, tokenHash), lt(sessions.lastSeenAt, now)));
      row.session = { ...row.session, lastSeenAt: now };
    }
    const a = row.account;
    request.actor = {
      accountId: a.id,
      username: a.username,
      displayName: a.displayName,
      role: a.role as Actor['role'],
      countyId: a.countyId,
      orgId: a.orgId,
      orgPath: row.orgPath,
      memberId: a.memberId,
      ip: request.ip,
    };
    request.csrfToken = row.session.csrfToken;
    request.mustChangePassword = a.mustChangePassword;
  });

  // preValidation, not preHandler: an anonymous or forbidden request is refused before its body or params are
  // validated, so it learns nothing about the route's input (and the answer is 401/403, never 400).
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!request.url.startsWith('/api/') || access === 'public' || access === undefined) return;
    const actor = request.actor;
    if (!actor) throw unauthenticated('登录已失效，请重新登录');
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== request.csrfToken) {
      throw new DomainError('CSRF', '请求校验失败，请刷新页面后重试', { kind: 'forbidden' });
    }
    if (request.mustChangePassword && !PASSWORD_CHANGE_ALLOWED.has(request.routeOptions.url ?? '')) {
      throw new DomainError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码', { kind: 'forbidden' });
    }
    if (access !== 'authenticated' && !can(actor, access)) throw forbidden();
  });

  // Every write that failed is recorded too (the successful ones are recorded by the services, with their changes).
  // The record is written after the response has gone: closing the app waits for those still being written, so none
  // is cut off by a shutdown (or, in tests, runs on into the next test's emptying of the tables and deadlocks it).
  const failureAudits = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...failureAudits]);
  });
  app.addHook('onResponse', async (request, reply) => {
    // A successful write may have changed an account, its org or the org tree: the county's cached sessions and
    // cached reads (tree, dashboard) go.
    if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400 && request.actor) {
      cache.forgetCounty(request.actor.countyId);
      ctx.events.publish({ type: COUNTY_WRITTEN, countyId: request.actor.countyId });
    }
    // A login past the concurrent-session limit ends the account's oldest sessions: none may live on in the cache.
    if (request.method === 'POST' && request.routeOptions.url === '/api/auth/login' && reply.statusCode < 400) cache.forgetAll();
    if (SAFE_METHODS.has(request.method) || reply.statusCode < 400 || !request.url.startsWith('/api/')) return;
    if (request.routeOptions.url === '/api/auth/login') return; // login records its own outcome
    const written = writeAudit(ctx.db, request.actor, ctx.clock(), {
      action: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
      outcome: 'failure',
      ip: request.ip,
      countyId: request.actor?.countyId ?? null,
      note: `HTTP ${reply.statusCode}`,
    }).catch((err) => request.log.error({ err }, 'audit write failed'));
    failureAudits.add(written);
    try {
      await written;
    } finally {
      failureAudits.delete(written);
    }
  });
}
