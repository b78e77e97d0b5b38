// /api/dashboard: county totals for the home page. (Being built.)
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../core/context';

export const dashboardRoutes = (_ctx: AppContext): FastifyPluginAsyncZod => async () => {};
