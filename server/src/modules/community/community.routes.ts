// /api/me/community (register, record service) and /api/community/services (the community confirms).
import { ZCommunityConfirm, ZCommunityOptionQuery, ZCommunityOptions, ZCommunityRegistrationInput, ZCommunityService, ZCommunityServiceInput, ZCommunityServiceList, ZCommunityServiceQuery, ZId, ZMyCommunity } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createCommunityService } from './community.service';

export const communityRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createCommunityService(ctx);
  const tags = ['双报到'];
  app.get('/me/community', { config: { access: 'self.read' }, schema: { tags, summary: '我的社区报到与服务', response: { 200: ZMyCommunity } } }, async (req) => service.mine(requireActor(req)));
  app.get('/me/community/options', { config: { access: 'self.read' }, schema: { tags, summary: '可报到的社区党组织（按名称查找）', querystring: ZCommunityOptionQuery, response: { 200: ZCommunityOptions } } }, async (req) =>
    service.options(requireActor(req), req.query),
  );
  app.put('/me/community/registration', { config: { access: 'self.write' }, schema: { tags, summary: '到居住地社区报到', body: ZCommunityRegistrationInput, response: { 200: ZMyCommunity } } }, async (req) =>
    service.register(requireActor(req), req.body),
  );
  app.post('/me/community/services', { config: { access: 'self.write' }, schema: { tags, summary: '登记在社区的服务', body: ZCommunityServiceInput, response: { 200: ZMyCommunity } } }, async (req) =>
    service.recordService(requireActor(req), req.body),
  );
  app.get('/community/services', { config: { access: 'community.confirm' }, schema: { tags, summary: '待社区确认的服务记录', querystring: ZCommunityServiceQuery, response: { 200: ZCommunityServiceList } } }, async (req) =>
    service.list(requireActor(req), req.query),
  );
  app.post('/community/services/:id/confirm', { config: { access: 'community.confirm' }, schema: { tags, summary: '社区确认服务记录', params: z.object({ id: ZId }), body: ZCommunityConfirm, response: { 200: ZCommunityService } } }, async (req) =>
    service.confirm(requireActor(req), req.params.id, req.body),
  );
};
