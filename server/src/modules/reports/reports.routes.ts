// /api/reports: the situation-report inbox, review, missing reports; /api/me/reports and /api/me/overview.
import { MAX_FILE_BYTES, ZStoredFile, invalid, ZId, ZMissingReports, ZMissingReportsQuery, ZMyOverview, ZReport, ZReportList, ZReportListQuery, ZReportReview, ZReportSubmit, safeFileName } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createReportsService } from './reports.service';

export const reportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createReportsService(ctx);
  const tags = ['汇报情况'];
  app.get('/reports', { config: { access: 'reports.read' }, schema: { tags, summary: '流动党员汇报（收件箱）', querystring: ZReportListQuery, response: { 200: ZReportList } } }, async (req) =>
    service.list(requireActor(req), req.query),
  );
  app.get('/reports/missing', { config: { access: 'reports.read' }, schema: { tags, summary: '本月未汇报的流动党员', querystring: ZMissingReportsQuery, response: { 200: ZMissingReports } } }, async (req) =>
    service.missing(requireActor(req), req.query),
  );
  app.post('/reports/:id/review', { config: { access: 'reports.review' }, schema: { tags, summary: '认可或退回汇报', params: z.object({ id: ZId }), body: ZReportReview, response: { 200: ZReport } } }, async (req) =>
    service.review(requireActor(req), req.params.id, req.body),
  );
  app.get('/me/reports', { config: { access: 'self.read' }, schema: { tags, summary: '我的汇报', response: { 200: z.object({ items: z.array(ZReport) }) } } }, async (req) => service.mine(requireActor(req)));
  app.post('/me/reports', { config: { access: 'self.write' }, schema: { tags, summary: '提交本月汇报', body: ZReportSubmit, response: { 200: ZReport } } }, async (req) =>
    service.submit(requireActor(req), req.body),
  );
  app.post(
    '/me/reports/photos',
    { config: { access: 'self.write' }, schema: { tags, summary: '上传汇报照片（图片，最大 20 MB；提交汇报时附上返回的 id）', consumes: ['multipart/form-data'], response: { 200: ZStoredFile } } },
    async (req) => {
      const actor = requireActor(req);
      const file = req.isMultipart() ? await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } }) : undefined;
      if (!file) throw invalid('请选择要上传的照片', undefined, 'FILE_MISSING');
      const data = await file.toBuffer();
      return service.uploadPhoto(actor, { fileName: safeFileName(file.filename, '照片.jpg'), data });
    },
  );
  app.get('/me/overview', { config: { access: 'self.read' }, schema: { tags, summary: '我的首页（政治生日、支部通知）', response: { 200: ZMyOverview } } }, async (req) => service.overview(requireActor(req)));
};
