// Builds the Fastify app from the core plugins and the module route sets (the tests build it the same way).
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAuth } from './core/auth';
import type { AppContext } from './core/context';
import { registerErrorHandler } from './core/errors';
import { accountRoutes } from './modules/accounts/accounts.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { boardRoutes } from './modules/duties/board.routes';
import { dutyRoutes } from './modules/duties/duties.routes';
import { fileRoutes } from './modules/files/files.routes';
import { healthRoutes } from './modules/health/health.routes';
import { memberExcelRoutes } from './modules/members/members-excel.routes';
import { memberRoutes } from './modules/members/members.routes';
import { memberDisciplineRoutes } from './modules/members/member-disciplines.routes';
import { orgRoutes } from './modules/orgs/orgs.routes';
import { developmentRoutes } from './modules/development/development.routes';
import { communityRoutes } from './modules/community/community.routes';
import { duesRoutes } from './modules/dues/dues.routes';
import { noticeRoutes } from './modules/notices/notices.routes';
import { reportRoutes } from './modules/reports/reports.routes';
import { starRoutes } from './modules/stars/stars.routes';
import { themeDayRoutes } from './modules/theme-days/theme-days.routes';
import { jobRoutes } from './modules/jobs/jobs.routes';
import { publicityRoutes } from './modules/publicity/publicity.routes';
import { careRoutes } from './modules/care/care.routes';
import { instructorRoutes } from './modules/instructors/instructors.routes';
import { orgLifeRoutes } from './modules/org-life/org-life.routes';
import { assessmentRoutes } from './modules/assessment/assessment.routes';

export type BuildAppOptions = { logger?: boolean; serveWeb?: boolean };

/** Every module's route set; a new module adds one line here. */
const MODULES = [healthRoutes, authRoutes, orgRoutes, memberRoutes, memberDisciplineRoutes, memberExcelRoutes, accountRoutes, auditRoutes, dashboardRoutes, developmentRoutes, fileRoutes, dutyRoutes, boardRoutes, jobRoutes];
MODULES.push(themeDayRoutes, duesRoutes, starRoutes, reportRoutes, communityRoutes, noticeRoutes);
MODULES.push(publicityRoutes);
MODULES.push(careRoutes);
MODULES.push(instructorRoutes);
MODULES.push(orgLifeRoutes);
MODULES.push(assessmentRoutes);

export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    // false, a hop count or a list of proxy addresses (the union type confuses the overloads of Fastify()).
    trustProxy: ctx.config.trustProxy as unknown as string,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array' } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 30 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '雁阵 党建工作管理平台 API', version: '0.1.0', description: '所有接口位于 /api 下；写操作须携带 x-csrf-token 请求头。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yz_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  registerAuth(app, ctx);
  await app.register(
    async (api) => {
      for (const mod of MODULES) await api.register(mod(ctx));
    },
    { prefix: '/api' },
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  // The folder, not index.html: `npm start` builds the web app into it while the server starts (scripts/start.mjs).
  if (opts.serveWeb !== false && fs.existsSync(ctx.config.webDist)) {
    const webDist = path.resolve(ctx.config.webDist);
    // Files are looked up per request, so a rebuilt web/dist is served without a restart.
    await app.register(fastifyStatic, { root: webDist, serve: false });
    // Client-side routes: every non-API path that is not a file gets the single page; unknown /api paths keep the 404 envelope.
    const serveWeb = (request: FastifyRequest, reply: FastifyReply) => {
      const urlPath = safeDecode(request.url.split('?')[0]);
      if (urlPath === null || urlPath.startsWith('/api/')) {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` } });
      }
      const file = path.resolve(webDist, `.${urlPath}`);
      const isFile = file.startsWith(webDist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
      if (isFile && urlPath.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      if (!isFile) reply.header('cache-control', 'no-cache');
      return reply.sendFile(isFile ? path.relative(webDist, file) : 'index.html');
    };
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, serveWeb);
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, serveWeb);
  }
  return app;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
