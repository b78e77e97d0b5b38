// /api/members/import… and /api/members/export: the roster in and out of Excel. (Being built.)
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../core/context';

export const memberExcelRoutes = (_ctx: AppContext): FastifyPluginAsyncZod => async () => {};
