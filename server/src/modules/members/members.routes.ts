// /api/members: the member roster (list/search, detail, sensitive view, create, update, move, history) and /api/me/member.
import {
  ZId,
  ZMemberDetail,
  ZMemberFields,
  ZMemberHistory,
  ZMemberList,
  ZMemberListQuery,
  ZMemberMove,
  ZMemberSensitive,
  ZMemberUpdate,
  ZPageQuery,
} from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createMembersService } from './members.service';

export const memberRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createMembersService(ctx);
  const tags = ['党员'];
  const params = z.object({ id: ZId });

  app.get(
    '/members',
    { config: { access: 'members.read' }, schema: { tags, summary: '党员名册（查询、筛选、分页）', querystring: ZMemberListQuery, response: { 200: ZMemberList } } },
    async (req) => service.list(requireActor(req), req.query),
  );
  app.get('/members/:id', { config: { access: 'members.read' }, schema: { tags, summary: '党员档案详情', params, response: { 200: ZMemberDetail } } }, async (req) =>
    service.get(requireActor(req), req.params.id),
  );
  app.get(
    '/members/:id/sensitive',
    { config: { access: 'members.viewSensitive' }, schema: { tags, summary: '查看完整身份证号和联系电话（记入操作日志）', params, response: { 200: ZMemberSensitive } } },
    async (req) => service.sensitive(requireActor(req), req.params.id),
  );
  app.get(
    '/members/:id/history',
    { config: { access: 'members.read' }, schema: { tags, summary: '党员档案变更记录（分页）', params, querystring: ZPageQuery, response: { 200: ZMemberHistory } } },
    async (req) => service.history(requireActor(req), req.params.id, req.query),
  );
  // The body is checked field by field here; the service adds the cross-field rules, which depend on today's date.
  app.post('/members', { config: { access: 'members.write' }, schema: { tags, summary: '新增党员', body: ZMemberFields, response: { 200: ZMemberDetail } } }, async (req) =>
    service.create(requireActor(req), req.body),
  );
  app.put('/members/:id', { config: { access: 'members.write' }, schema: { tags, summary: '修改党员档案', params, body: ZMemberUpdate, response: { 200: ZMemberDetail } } }, async (req) =>
    service.update(requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/members/:id/move',
    { config: { access: 'members.write' }, schema: { tags, summary: '组织关系调整（转到另一党支部）', params, body: ZMemberMove, response: { 200: ZMemberDetail } } },
    async (req) => service.move(requireActor(req), req.params.id, req.body),
  );
  app.get('/me/member', { config: { access: 'self.read' }, schema: { tags, summary: '本人党员档案', response: { 200: ZMemberDetail } } }, async (req) =>
    service.mine(requireActor(req)),
  );
};
