// /api/members: the member roster. (Being built: list/search, detail, create, update, move, history, import, export.)
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../core/context';

export const memberRoutes = (_ctx: AppContext): FastifyPluginAsyncZod => async () => {};
