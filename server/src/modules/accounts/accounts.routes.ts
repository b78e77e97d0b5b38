// /api/accounts: account management. (Being built.)
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../core/context';

export const accountRoutes = (_ctx: AppContext): FastifyPluginAsyncZod => async () => {};
