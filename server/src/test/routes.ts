// Test helper: records every route a Fastify app registers (with its declared access), for the permission matrix.
import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../core/auth';

export type RegisteredRoute = { method: string; url: string; access: RouteAccess | undefined; hasBody: boolean };

/**
 * Starts recording the routes of every Fastify instance created from now on (Fastify publishes each new instance on
 * the 'fastify.initialization' channel before any plugin registers). Call before createTestEnv; `stop()` after.
 */
export function recordRoutes(): { routes: RegisteredRoute[]; stop: () => void } {
  const routes: RegisteredRoute[] = [];
  const onInit = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const hasBody = !!(route.schema as { body?: unknown } | undefined)?.body;
      for (const method of methods) routes.push({ method, url: route.url, access: route.config?.access, hasBody });
    });
  };
  diagnostics.subscribe('fastify.initialization', onInit);
  return { routes, stop: () => diagnostics.unsubscribe('fastify.initialization', onInit) };
}
