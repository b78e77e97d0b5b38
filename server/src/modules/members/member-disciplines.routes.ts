// /api/members/:id/disciplines: a member's discipline records (党纪处分) — read with the roster, written by committees.
import { ZDisciplineInput, ZDisciplineList, ZDisciplineRevoke, ZId } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createMemberDisciplinesService } from './member-disciplines.service';

export const memberDisciplineRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createMemberDisciplinesService(ctx);
  const tags = ['党员'];
  app.get('/members/:id/disciplines', { config: { access: 'members.read' }, schema: { tags, summary: '党纪处分记录（是否在留党察看期内）', params: z.object({ id: ZId }), response: { 200: ZDisciplineList } } }, async (req) =>
    service.list(requireActor(req), req.params.id),
  );
  app.post(
    '/members/:id/disciplines',
    { config: { access: 'members.discipline' }, schema: { tags, summary: '记录党纪处分（警告、严重警告、撤销党内职务、留党察看、开除党籍）', params: z.object({ id: ZId }), body: ZDisciplineInput, response: { 200: ZDisciplineList } } },
    async (req) => service.create(requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/members/:id/disciplines/:disciplineId/revoke',
    { config: { access: 'members.discipline' }, schema: { tags, summary: '撤销误录的处分记录（保留记录和原因）', params: z.object({ id: ZId, disciplineId: ZId }), body: ZDisciplineRevoke, response: { 200: ZDisciplineList } } },
    async (req) => service.revoke(requireActor(req), req.params.id, req.params.disciplineId, req.body.reason),
  );
};
