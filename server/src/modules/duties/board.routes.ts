// /api/board/:token — the public quality board: data and its live event stream, reachable without login through a
// revocable read-only link (the token is checked here, so the routes are public).
import { ZBoardData, ZBoardQuery, zStr } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { BoardHub } from './board-hub';
import { createBoardService } from './board.service';

export const boardRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createBoardService(ctx);
  const hub = new BoardHub(ctx.events);
  app.decorate('boardHub', hub);
  app.addHook('preClose', async () => {
    hub.close();
    service.close();
  });
  const tags = ['实时质量图'];
  const params = z.object({ token: zStr().min(8).max(100) });

  app.get(
    '/board/:token',
    { config: { access: 'public' }, schema: { tags, summary: '质量图数据（按镇分组、每月星级、预警、完成率、排名、最新动态）', params, querystring: ZBoardQuery, response: { 200: ZBoardData } } },
    async (req, reply) => {
      const link = await service.resolve(req.params.token);
      reply.header('cache-control', 'no-store');
      // The cached serialized board (a string with a JSON content type is sent as it is, not re-checked and re-stringified).
      const body = await service.json(link.countyId, req.query.year);
      return reply.type('application/json; charset=utf-8').send(body as never); // the typed reply expects the object the string holds
    },
  );

  app.get(
    '/board/:token/stream',
    { config: { access: 'public' }, schema: { tags, summary: '质量图实时事件流（text/event-stream：change / refresh / revoked）', params } },
    async (req, reply) => {
      const link = await service.resolve(req.params.token);
      reply.hijack();
      const last = req.headers['last-event-id'];
      hub.add(reply.raw, link.countyId, link.id, Array.isArray(last) ? last[0] : last);
    },
  );
};

declare module 'fastify' {
  interface FastifyInstance {
    boardHub?: BoardHub;
  }
}
