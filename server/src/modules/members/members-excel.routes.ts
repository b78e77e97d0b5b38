// /api/members/import… and /api/members/export: the roster in and out of Excel.
import { ZId, ZMemberExportCount, ZMemberExportQuery, ZMemberImportJob, ZMemberListQuery, invalid, safeFileName } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createMembersExcelService } from './members-excel.service';

export const memberExcelRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createMembersExcelService(ctx);
  // Background validation and imports finish before the database closes.
  app.addHook('onClose', async () => service.drain());
  const tags = ['党员'];
  const params = z.object({ jobId: ZId });
  const xlsx = { 200: z.any().describe('Excel（.xlsx）文件') };

  app.get(
    '/members/import/template',
    { config: { access: 'members.import' }, schema: { tags, summary: '下载党员名册导入模板（含下拉选项）', response: xlsx } },
    async (req, reply) => service.template(requireActor(req), reply),
  );

  app.post(
    '/members/import',
    {
      config: { access: 'members.import' },
      schema: { tags, summary: '上传党员名册（.xlsx），开始校验', consumes: ['multipart/form-data'], response: { 200: z.object({ jobId: ZId }) } },
    },
    async (req) => {
      const actor = requireActor(req);
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw invalid('请选择要上传的 Excel（.xlsx）文件', undefined, 'EXCEL_NO_FILE');
      const data = await file.toBuffer();
      // Browsers may send a path; keep the base name, bounded.
      const fileName = safeFileName(file.filename, '党员名册.xlsx');
      return service.startImport(actor, fileName, data);
    },
  );

  app.get(
    '/members/import/:jobId',
    { config: { access: 'members.import' }, schema: { tags, summary: '导入任务的进度、错误清单和统计', params, response: { 200: ZMemberImportJob } } },
    async (req) => service.job(requireActor(req), req.params.jobId),
  );

  app.post(
    '/members/import/:jobId/confirm',
    { config: { access: 'members.import' }, schema: { tags, summary: '确认导入（校验无误后，一次性全部写入）', params, response: { 200: ZMemberImportJob } } },
    async (req) => service.confirm(requireActor(req), req.params.jobId),
  );

  app.get(
    '/members/export/count',
    { config: { access: 'members.export' }, schema: { tags, summary: '导出人数（导出前确认用）', querystring: ZMemberExportQuery, response: { 200: ZMemberExportCount } } },
    async (req) => service.exportCount(requireActor(req), req.query),
  );

  app.get(
    '/members/export',
    {
      config: { access: 'members.export' },
      schema: {
        tags,
        summary: '导出党员名册（筛选条件同党员列表；默认脱敏，full=true 须有导出敏感信息权限并填写事由，记入操作日志）',
        querystring: ZMemberExportQuery,
        response: xlsx,
      },
    },
    async (req, reply) => service.exportRoster(requireActor(req), req.query, reply),
  );
};
