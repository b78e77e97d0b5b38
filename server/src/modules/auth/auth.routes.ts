// POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, POST /api/auth/password.
import { ZChangePassword, ZId, ZLogin, ZMe, ZMySession, ZOk } from '@yanzhen/domain';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createAuthService } from './auth.service';

export const authRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createAuthService(ctx);
  const tags = ['登录与会话'];

  app.post('/auth/login', { config: { access: 'public' }, schema: { tags, summary: '登录', body: ZLogin, response: { 200: ZMe } } }, async (req, reply) =>
    service.login(req.body.username, req.body.password, req, reply),
  );
  app.post('/auth/logout', { config: { access: 'public' }, schema: { tags, summary: '退出登录', response: { 200: ZOk } } }, async (req, reply) => {
    await service.logout(req.actor, req, reply);
    return { ok: true as const };
  });
  app.get('/auth/me', { config: { access: 'authenticated' }, schema: { tags, summary: '当前用户', response: { 200: ZMe } } }, async (req) =>
    service.me(requireActor(req).accountId, req.csrfToken ?? ''),
  );
  app.get('/auth/sessions', { config: { access: 'authenticated' }, schema: { tags, summary: '我的登录会话（最新在前）', response: { 200: z.object({ items: z.array(ZMySession) }) } } }, async (req) => ({
    items: await service.sessions(requireActor(req), req),
  }));
  app.delete(
    '/auth/sessions/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '结束我的一个会话（强制该设备下线）', params: z.object({ id: ZId }), response: { 200: ZOk } } },
    async (req, reply) => {
      await service.revokeSession(requireActor(req), req.params.id, req, reply);
      return { ok: true as const };
    },
  );
  app.post(
    '/auth/password',
    { config: { access: 'authenticated' }, schema: { tags, summary: '修改我的密码', body: ZChangePassword, response: { 200: ZOk } } },
    async (req) => {
      await service.changePassword(requireActor(req), req.body.currentPassword, req.body.newPassword, req);
      return { ok: true as const };
    },
  );
};
