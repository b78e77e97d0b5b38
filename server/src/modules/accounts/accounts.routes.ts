// /api/accounts: account management (list, detail, create, update, reset password, unlock).
import { ZAccount, ZAccountCreate, ZAccountList, ZAccountQuery, ZAccountResetPassword, ZAccountUpdate, ZId, ZPasswordSettings } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createAccountsService } from './accounts.service';
import { createPasswordSettingsService } from './password-settings';

export const accountRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createAccountsService(ctx);
  const tags = ['账号管理'];
  const params = z.object({ id: ZId });
  const passwordSettings = createPasswordSettingsService(ctx);

  app.get('/accounts/password-settings', { config: { access: 'accounts.read' }, schema: { tags, summary: '密码有效期（本县）', response: { 200: ZPasswordSettings } } }, async (req) =>
    passwordSettings.get(requireActor(req)),
  );
  app.put(
    '/accounts/password-settings',
    { config: { access: 'accounts.write' }, schema: { tags, summary: '设置密码有效期（县委组织部管理员；0 为不过期）', body: ZPasswordSettings, response: { 200: ZPasswordSettings } } },
    async (req) => passwordSettings.update(requireActor(req), req.body),
  );

  app.get('/accounts', { config: { access: 'accounts.read' }, schema: { tags, summary: '账号列表（本组织及下级组织）', querystring: ZAccountQuery, response: { 200: ZAccountList } } }, async (req) =>
    service.list(requireActor(req), req.query),
  );
  app.get('/accounts/:id', { config: { access: 'accounts.read' }, schema: { tags, summary: '账号详情', params, response: { 200: ZAccount } } }, async (req) =>
    service.get(requireActor(req), req.params.id),
  );
  app.post('/accounts', { config: { access: 'accounts.write' }, schema: { tags, summary: '新建账号（首次登录须修改密码）', body: ZAccountCreate, response: { 200: ZAccount } } }, async (req) =>
    service.create(requireActor(req), req.body),
  );
  app.put('/accounts/:id', { config: { access: 'accounts.write' }, schema: { tags, summary: '修改账号（姓名、角色、所属组织、停用）', params, body: ZAccountUpdate, response: { 200: ZAccount } } }, async (req) =>
    service.update(requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/accounts/:id/reset-password',
    { config: { access: 'accounts.write' }, schema: { tags, summary: '重置密码（并解除锁定、强制下线）', params, body: ZAccountResetPassword, response: { 200: ZAccount } } },
    async (req) => service.resetPassword(requireActor(req), req.params.id, req.body.password),
  );
  app.post('/accounts/:id/unlock', { config: { access: 'accounts.write' }, schema: { tags, summary: '解除登录锁定', params, response: { 200: ZAccount } } }, async (req) =>
    service.unlock(requireActor(req), req.params.id),
  );
};
