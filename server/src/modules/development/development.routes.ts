// /api/development: intent register, development files and their steps, pipeline and deadlines, form numbers, rule set.
import {
  ZDeadlineListQuery,
  ZDevelopmentRuleSet,
  ZDevelopmentRuleSetInput,
  ZFileClose,
  ZFileCreate,
  ZFileDetail,
  ZFileList,
  ZFileListQuery,
  ZQuotaInput,
  ZQuotaList,
  ZStaleOrgs,
  ZStructure,
  ZYearQuery,
  ZOk,
  DOCUMENT_KINDS,
  ZIsoDate,
  ZFormNumberList,
  ZFormNumberVoid,
  ZId,
  ZPageQuery,
  ZPipeline,
  ZPipelineQuery,
  ZProspect,
  ZProspectInput,
  ZProspectList,
  ZProspectListQuery,
  ZRecordResult,
  ZRuleSetView,
  ZStepRecordInput,
  ZFailedVoteInput,
  ZWarningList,
  ZWarningListQuery,
  ZApprovalAuthorityInput,
  ZApprovalAuthorityList,
  zQueryInt,
  safeFileName,
} from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createDevelopmentPipelineService } from './development-pipeline.service';
import { createRuleSetVersion, ruleSetOn, ruleSetVersions } from './development-rules.service';
import { createDevelopmentService } from './development.service';
import { createDevelopmentDocumentsService } from './development-documents.service';
import { createDevelopmentPlansService } from './development-plans.service';
import { createDevelopmentImportService } from './development-import.service';
import { createDevelopmentApproversService } from './development-approvers.service';
import { invalid } from '@yanzhen/domain';
import { toChinaDate } from '@yanzhen/domain';

export const developmentRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createDevelopmentService(ctx);
  const pipeline = createDevelopmentPipelineService(ctx);
  const documents = createDevelopmentDocumentsService(ctx);
  const plans = createDevelopmentPlansService(ctx);
  const importer = createDevelopmentImportService(ctx);
  const approvers = createDevelopmentApproversService(ctx);
  app.addHook('onClose', async () => importer.drain());
  const ZJob = z.object({
    id: ZId, kind: z.string(), status: z.string(), fileName: z.string(), totalRows: z.number().int(), processedRows: z.number().int(), createdAt: z.string(), finishedAt: z.string().nullable(),
    errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })), errorCount: z.number().int(), warnings: z.array(z.string()),
    summary: z.record(z.string(), z.number()).nullable(), result: z.record(z.string(), z.number()).nullable(), message: z.string().nullable(),
  });
  const binary = (what: string) => ({ 200: z.any().describe(what) });
  const tags = ['发展党员'];
  const params = z.object({ id: ZId });

  app.get('/development/prospects', { config: { access: 'development.read' }, schema: { tags, summary: '入党意向人员名册（登记造册）', querystring: ZProspectListQuery, response: { 200: ZProspectList } } }, async (req) =>
    service.listProspects(requireActor(req), req.query),
  );
  app.post('/development/prospects', { config: { access: 'development.record' }, schema: { tags, summary: '登记入党意向人员', body: ZProspectInput, response: { 200: ZProspect } } }, async (req) =>
    service.createProspect(requireActor(req), req.body),
  );
  app.get('/development/files', { config: { access: 'development.read' }, schema: { tags, summary: '发展档案列表（按组织、阶段、超期筛选）', querystring: ZFileListQuery, response: { 200: ZFileList } } }, async (req) =>
    pipeline.list(requireActor(req), req.query),
  );
  app.post('/development/files', { config: { access: 'development.record' }, schema: { tags, summary: '建立发展档案', body: ZFileCreate, response: { 200: ZFileDetail } } }, async (req) =>
    service.createFile(requireActor(req), req.body),
  );
  app.get('/development/files/:id', { config: { access: 'development.read' }, schema: { tags, summary: '发展档案详情和时间轴', params, response: { 200: ZFileDetail } } }, async (req) =>
    service.get(requireActor(req), req.params.id),
  );
  app.post(
    '/development/files/:id/steps',
    { config: { access: 'development.record' }, schema: { tags, summary: '记录一个步骤（不符合规定的予以拒绝并说明最早可办理日期）', params, body: ZStepRecordInput, response: { 200: ZRecordResult } } },
    async (req) => service.recordStep(requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/development/files/:id/failed-votes',
    { config: { access: 'development.record' }, schema: { tags, summary: '记录支部大会表决未通过（票数留档，档案停留在原步骤）', params, body: ZFailedVoteInput, response: { 200: ZRecordResult } } },
    async (req) => service.recordFailedVote(requireActor(req), req.params.id, req.body),
  );
  app.get('/development/approvers', { config: { access: 'development.read' }, schema: { tags, summary: '各党委审批发展党员的权限', response: { 200: ZApprovalAuthorityList } } }, async (req) =>
    approvers.list(requireActor(req)),
  );
  app.put('/development/approvers', { config: { access: 'development.rules' }, schema: { tags, summary: '授予或取消党委的审批权（或恢复默认）', body: ZApprovalAuthorityInput, response: { 200: ZApprovalAuthorityList } } }, async (req) =>
    approvers.set(requireActor(req), req.body),
  );
  app.post('/development/files/:id/close', { config: { access: 'development.record' }, schema: { tags, summary: '终止发展档案（接收预备党员前）', params, body: ZFileClose, response: { 200: ZFileDetail } } }, async (req) =>
    service.closeFile(requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/development/files/:id/documents/:kind',
    {
      config: { access: 'development.read' },
      schema: {
        tags,
        summary: '生成文书（Word）：公示、备案表、预审请示、支部大会决议、审批意见、转正通知',
        params: z.object({ id: ZId, kind: z.enum(DOCUMENT_KINDS) }),
        querystring: z.object({ step: zQueryInt(1, 25, '步骤').optional(), start: ZIsoDate.optional() }),
        response: binary('Word（.docx）文件'),
      },
    },
    async (req, reply) => documents.document(requireActor(req), req.params.id, req.params.kind, req.query, reply),
  );
  app.get(
    '/development/export',
    { config: { access: 'development.read' }, schema: { tags, summary: '导出发展党员进度（Excel）', querystring: ZFileListQuery.omit({ page: true, pageSize: true }), response: binary('Excel（.xlsx）文件') } },
    async (req, reply) => documents.exportPipeline(requireActor(req), req.query, reply),
  );
  app.get('/development/quotas', { config: { access: 'development.read' }, schema: { tags, summary: '年度发展计划（各党委计划数和已审批接收人数）', querystring: ZYearQuery, response: { 200: ZQuotaList } } }, async (req) =>
    plans.quotas(requireActor(req), req.query),
  );
  app.put('/development/quotas', { config: { access: 'development.rules' }, schema: { tags, summary: '设置党委年度发展计划数', body: ZQuotaInput, response: { 200: ZOk } } }, async (req) =>
    plans.setQuota(requireActor(req), req.body),
  );
  app.get('/development/structure', { config: { access: 'development.read' }, schema: { tags, summary: '发展党员结构（35岁以下、女性、一线、大专以上比例）', querystring: ZYearQuery, response: { 200: ZStructure } } }, async (req) =>
    plans.structure(requireActor(req), req.query),
  );
  app.get('/development/stale-orgs', { config: { access: 'development.read' }, schema: { tags, summary: '连续3年未发展党员的党支部', querystring: ZYearQuery.pick({ orgId: true }), response: { 200: ZStaleOrgs } } }, async (req) =>
    plans.staleOrgs(requireActor(req), req.query),
  );
  app.get('/development/import/template', { config: { access: 'development.record' }, schema: { tags, summary: '下载发展档案导入模板', response: binary('Excel（.xlsx）文件') } }, async (req, reply) =>
    importer.template(requireActor(req), reply),
  );
  app.post(
    '/development/import',
    { config: { access: 'development.record' }, schema: { tags, summary: '上传进行中的发展档案（.xlsx），开始校验', consumes: ['multipart/form-data'], response: { 200: z.object({ jobId: ZId }) } } },
    async (req) => {
      const actor = requireActor(req);
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw invalid('请选择要上传的 Excel（.xlsx）文件', undefined, 'EXCEL_NO_FILE');
      const data = await file.toBuffer();
      return importer.start(actor, safeFileName(file.filename, '发展档案.xlsx'), data);
    },
  );
  app.get('/development/import/:jobId', { config: { access: 'development.record' }, schema: { tags, summary: '导入任务的进度和错误清单', params: z.object({ jobId: ZId }), response: { 200: ZJob } } }, async (req) =>
    importer.job(requireActor(req), req.params.jobId),
  );
  app.post('/development/import/:jobId/confirm', { config: { access: 'development.record' }, schema: { tags, summary: '确认导入（全部写入或全部不写入）', params: z.object({ jobId: ZId }), response: { 200: ZJob } } }, async (req) =>
    importer.confirm(requireActor(req), req.params.jobId),
  );
  app.get('/development/pipeline', { config: { access: 'development.read' }, schema: { tags, summary: '发展党员进度（各阶段人数、到期和超期）', querystring: ZPipelineQuery, response: { 200: ZPipeline } } }, async (req) =>
    pipeline.pipeline(requireActor(req), req.query),
  );
  app.get('/development/warnings', { config: { access: 'development.read' }, schema: { tags, summary: '每日检查标记的超期预警（谈话、半年考察、审批、预备期届满）', querystring: ZWarningListQuery, response: { 200: ZWarningList } } }, async (req) =>
    pipeline.warningList(requireActor(req), req.query),
  );
  app.get('/development/deadlines', { config: { access: 'development.read' }, schema: { tags, summary: '超期和即将到期的步骤', querystring: ZDeadlineListQuery, response: { 200: ZFileList } } }, async (req) =>
    pipeline.deadlines(requireActor(req), req.query),
  );
  app.get('/development/form-numbers', { config: { access: 'development.read' }, schema: { tags, summary: '入党志愿书编号发放登记簿', querystring: ZPageQuery, response: { 200: ZFormNumberList } } }, async (req) =>
    pipeline.formNumbers(requireActor(req), req.query),
  );
  app.post(
    '/development/form-numbers/:id/void',
    { config: { access: 'development.preReview' }, schema: { tags, summary: '作废入党志愿书编号（不再使用）并重新发放', params, body: ZFormNumberVoid, response: { 200: z.object({ voided: z.string(), issued: z.string().nullable() }) } } },
    async (req) => pipeline.voidFormNumber(requireActor(req), req.params.id, req.body),
  );
  app.get('/development/rule-set', { config: { access: 'development.read' }, schema: { tags, summary: '发展党员规则（现行版本和历史版本）', response: { 200: ZRuleSetView } } }, async (req) => {
    const actor = requireActor(req);
    const current = await ruleSetOn(ctx.db, actor.countyId, toChinaDate(ctx.clock()));
    const versions = await ruleSetVersions(ctx.db, actor.countyId);
    return { current, versions: versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, source: v.source, createdAt: v.createdAt })) };
  });
  app.post('/development/rule-set', { config: { access: 'development.rules' }, schema: { tags, summary: '发布发展党员规则新版本', body: ZDevelopmentRuleSetInput, response: { 200: ZDevelopmentRuleSet } } }, async (req) =>
    createRuleSetVersion(ctx, requireActor(req), req.body),
  );
};
