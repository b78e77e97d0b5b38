// /api/dashboard: totals and structure of the members and orgs under one org, for the home page.
import { ZDashboardQuery, ZDashboardSummary } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createDashboardService } from './dashboard.service';

export const dashboardRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createDashboardService(ctx);
  app.addHook('onClose', async () => service.close());
  app.get(
    '/dashboard/summary',
    {
      config: { access: 'dashboard.read' },
      schema: { tags: ['首页'], summary: '党员与组织统计（默认本账号所属组织）', querystring: ZDashboardQuery, response: { 200: ZDashboardSummary } },
    },
    async (req, reply) => reply.type('application/json; charset=utf-8').send((await service.summaryJson(requireActor(req), req.query.orgId)) as never), // a cached JSON string
  );
};
