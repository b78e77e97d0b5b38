// /api/audit: search the audit log (read only: there is deliberately no route that changes or deletes an entry).
import { ZAuditList, ZAuditQuery } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createAuditService } from './audit.service';

export const auditRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createAuditService(ctx);
  const tags = ['操作日志'];

  app.get('/audit', { config: { access: 'audit.read' }, schema: { tags, summary: '查询操作日志（最新在前）', querystring: ZAuditQuery, response: { 200: ZAuditList } } }, async (req) =>
    service.search(requireActor(req), req.query),
  );
  app.get(
    '/audit/actions',
    { config: { access: 'audit.read' }, schema: { tags, summary: '操作类型（筛选用）', response: { 200: z.object({ items: z.array(z.string()) }) } } },
    async (req) => ({ items: await service.actions(requireActor(req)) }),
  );
};
