// /api/notices: a branch's notices (post, list with read counts); /api/me/notices: my branch's notices and read state.
import { ZBranchNoticePage, ZBranchNoticeQuery, ZId, ZNotice, ZNoticeInput, ZNoticeList, ZOk, ZPageQuery } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createNoticesService } from './notices.service';

export const noticeRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createNoticesService(ctx);
  const tags = ['支部通知'];
  app.get('/notices', { config: { access: 'notices.read' }, schema: { tags, summary: '党支部的通知（含已读人数，分页）', querystring: ZBranchNoticeQuery, response: { 200: ZBranchNoticePage } } }, async (req) =>
    service.list(requireActor(req), req.query),
  );
  app.post('/notices', { config: { access: 'notices.write' }, schema: { tags, summary: '发布支部通知', body: ZNoticeInput, response: { 200: ZNotice } } }, async (req) => service.post(requireActor(req), req.body));
  app.get('/me/notices', { config: { access: 'self.read' }, schema: { tags, summary: '我所在支部的通知（未读在前，分页）', querystring: ZPageQuery, response: { 200: ZNoticeList } } }, async (req) =>
    service.mine(requireActor(req), req.query),
  );
  app.post('/me/notices/:id/read', { config: { access: 'self.write' }, schema: { tags, summary: '标记通知已读', params: z.object({ id: ZId }) , response: { 200: ZOk } } }, async (req) =>
    service.markRead(requireActor(req), req.params.id),
  );
};
