// Liveness: GET /api/health.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { queryRows } from '../../core/db';
import { sql } from 'drizzle-orm';

export const healthRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['系统'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok'), database: z.string() }) } },
    },
    async () => {
      await queryRows(ctx.db, sql`select 1`);
      return { status: 'ok' as const, database: ctx.database.kind };
    },
  );
};
