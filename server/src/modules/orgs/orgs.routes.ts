// /api/orgs: the organization tree and its changes.
import { ZId, ZOk, ZOrgCreate, ZOrgDetail, ZOrgDissolve, ZOrgMerge, ZOrgMove, ZOrgUpdate, zQueryInt } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createOrgsService, ZOrgTree } from './orgs.service';

export const orgRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createOrgsService(ctx);
  app.addHook('onClose', async () => service.closeCaches());
  const tags = ['组织'];
  const params = z.object({ id: ZId });

  app.get(
    '/orgs/tree',
    {
      config: { access: 'orgs.read' },
      schema: {
        tags,
        summary: '组织树（含党员人数）',
        querystring: z.object({ rootId: ZId.optional(), depth: zQueryInt(0, 10, '层级').optional() }),
        response: { 200: ZOrgTree },
      },
    },
    // A cached JSON string (checked against ZOrgTree when it was built).
    async (req, reply) => reply.type('application/json; charset=utf-8').send((await service.treeJson(requireActor(req), req.query)) as never),
  );
  app.get('/orgs/:id', { config: { access: 'orgs.read' }, schema: { tags, summary: '组织详情', params, response: { 200: ZOrgDetail } } }, async (req) =>
    service.get(requireActor(req), req.params.id),
  );
  app.post('/orgs', { config: { access: 'orgs.write' }, schema: { tags, summary: '新建组织', body: ZOrgCreate, response: { 200: ZOrgDetail } } }, async (req) =>
    service.create(requireActor(req), req.body),
  );
  app.put('/orgs/:id', { config: { access: 'orgs.write' }, schema: { tags, summary: '修改组织（名称、领域、书记、委员）', params, body: ZOrgUpdate, response: { 200: ZOrgDetail } } }, async (req) =>
    service.update(requireActor(req), req.params.id, req.body),
  );
  app.post('/orgs/:id/move', { config: { access: 'orgs.write' }, schema: { tags, summary: '调整隶属关系（连同下级组织）', params, body: ZOrgMove, response: { 200: ZOrgDetail } } }, async (req) =>
    service.move(requireActor(req), req.params.id, req.body.newParentId, req.body.version),
  );
  app.post('/orgs/:id/merge', { config: { access: 'orgs.write' }, schema: { tags, summary: '合并到另一组织', params, body: ZOrgMerge, response: { 200: ZOrgDetail } } }, async (req) =>
    service.merge(requireActor(req), req.params.id, req.body.intoId, req.body.version),
  );
  app.post('/orgs/:id/dissolve', { config: { access: 'orgs.write' }, schema: { tags, summary: '撤销组织', params, body: ZOrgDissolve, response: { 200: ZOk } } }, async (req) => {
    await service.dissolve(requireActor(req), req.params.id, req.body.version, req.body.reason);
    return { ok: true as const };
  });
};
