// /api/audit: search the audit log. (Being built.)
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../core/context';

export const auditRoutes = (_ctx: AppContext): FastifyPluginAsyncZod => async () => {};
