// /api/jobs: the county administrator sees the scheduled jobs and their runs, and can re-run a period (audited).
import { ZJobList, ZJobRunBody, ZJobRunResult, zStr } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { JOBS } from '../../jobs';
import { createJobsService } from './jobs.service';

export const jobRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createJobsService(ctx, JOBS);
  const tags = ['定时任务'];
  app.get('/jobs', { config: { access: 'jobs.run' }, schema: { tags, summary: '定时任务及最近运行记录', response: { 200: ZJobList } } }, async (req) => service.list(requireActor(req)));
  app.post(
    '/jobs/:name/run',
    { config: { access: 'jobs.run' }, schema: { tags, summary: '立即运行某一周期的定时任务（已完成的周期会重新运行，记入操作日志）', params: z.object({ name: zStr().max(60) }), body: ZJobRunBody, response: { 200: ZJobRunResult } } },
    async (req) => service.rerun(requireActor(req), req.params.name, req.body.period),
  );
};
