// /api/dues: bases, hardship reductions, payments, the monthly ledger with arrears, collection rates; /api/me/dues.
import { invalid, ZArrearsHandle, ZArrearsWarningList, ZArrearsWarningQuery, ZCollectionRates, ZDuesReceipt, ZDuesBaseInput, ZDuesLedger, ZDuesLedgerQuery, ZDuesPayment, ZDuesPaymentInput, ZId, ZMyDues, ZOk, ZReductionDecision, ZYearMonth, zQueryYear, safeFileName } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createDuesImportService } from './dues-import.service';
import { createDuesService } from './dues.service';
import { createDuesWarningsService } from './dues-warnings.service';

export const duesRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createDuesService(ctx);
  const tags = ['党费'];
  const importer = createDuesImportService(ctx);
  app.addHook('onClose', async () => importer.drain());
  const ZJob = z.object({
    id: ZId, kind: z.string(), status: z.enum(['validating', 'validated', 'failed', 'importing', 'done']), fileName: z.string(), totalRows: z.number(), processedRows: z.number(), createdAt: z.string(), finishedAt: z.string().nullable(),
    errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })), errorCount: z.number(), warnings: z.array(z.string()), summary: z.record(z.string(), z.number()).nullable(), result: z.record(z.string(), z.number()).nullable(), message: z.string().nullable(),
  });
  app.get('/dues/bases/import/template', { config: { access: 'dues.write' }, schema: { tags, summary: '下载党费基数导入模板', response: { 200: z.any().describe('Excel（.xlsx）文件') } } }, async (req, reply) =>
    importer.template(requireActor(req), reply),
  );
  app.post(
    '/dues/bases/import',
    { config: { access: 'dues.write' }, schema: { tags, summary: '上传年度党费基数（.xlsx），开始校验', consumes: ['multipart/form-data'], querystring: z.object({ year: zQueryYear(2000, 2100) }), response: { 200: z.object({ jobId: ZId }) } } },
    async (req) => {
      const actor = requireActor(req);
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw invalid('请选择要上传的 Excel（.xlsx）文件', undefined, 'EXCEL_NO_FILE');
      const data = await file.toBuffer();
      return importer.start(actor, req.query.year, safeFileName(file.filename, '党费基数.xlsx'), data);
    },
  );
  app.get('/dues/bases/import/:jobId', { config: { access: 'dues.write' }, schema: { tags, summary: '党费基数导入任务的进度和错误清单', params: z.object({ jobId: ZId }), response: { 200: ZJob } } }, async (req) =>
    importer.job(requireActor(req), req.params.jobId),
  );
  app.post('/dues/bases/import/:jobId/confirm', { config: { access: 'dues.write' }, schema: { tags, summary: '确认导入党费基数（全部写入或全部不写入）', params: z.object({ jobId: ZId }), response: { 200: ZJob } } }, async (req) =>
    importer.confirm(requireActor(req), req.params.jobId),
  );
  const warnings = createDuesWarningsService(ctx);
  app.get('/dues/arrears-warnings', { config: { access: 'dues.read' }, schema: { tags, summary: '党费欠缴预警（每月初由月度结算生成：欠缴3个月黄色、连续6个月红色）', querystring: ZArrearsWarningQuery, response: { 200: ZArrearsWarningList } } }, async (req) =>
    warnings.list(requireActor(req), req.query),
  );
  app.post('/dues/arrears-warnings/:id/handle', { config: { access: 'dues.write' }, schema: { tags, summary: '处置党费欠缴预警（填写处置情况）', params: z.object({ id: ZId }), body: ZArrearsHandle, response: { 200: ZOk } } }, async (req) =>
    warnings.handle(requireActor(req), req.params.id, req.body),
  );
  app.get('/dues/payments/:id/receipt', { config: { access: 'dues.read' }, schema: { tags, summary: '党费收据（打印用）', params: z.object({ id: ZId }), response: { 200: ZDuesReceipt } } }, async (req) =>
    importer.receipt(requireActor(req), req.params.id),
  );
  app.get('/dues/ledger', { config: { access: 'dues.read' }, schema: { tags, summary: '党费收缴台账（某月，含欠缴预警）', querystring: ZDuesLedgerQuery, response: { 200: ZDuesLedger } } }, async (req) =>
    service.ledger(requireActor(req), req.query),
  );
  app.get('/dues/ledger/export', { config: { access: 'dues.read' }, schema: { tags, summary: '导出党费收缴台账（Excel）', querystring: z.object({ month: ZYearMonth.optional(), orgId: ZId.optional() }), response: { 200: z.any().describe('Excel（.xlsx）文件') } } }, async (req, reply) =>
    service.exportLedger(requireActor(req), req.query, reply),
  );
  app.get('/dues/collection', { config: { access: 'dues.read' }, schema: { tags, summary: '党费收缴率（按下级组织）', querystring: z.object({ month: ZYearMonth.optional(), orgId: ZId.optional() }), response: { 200: ZCollectionRates } } }, async (req) =>
    service.collection(requireActor(req), req.query),
  );
  app.post('/dues/bases', { config: { access: 'dues.write' }, schema: { tags, summary: '核定党费基数（年度核定或年中调整）', body: ZDuesBaseInput, response: { 200: z.object({ id: ZId }) } } }, async (req) =>
    service.setBase(requireActor(req), req.body),
  );
  app.post('/dues/bases/:id/reduction-decision', { config: { access: 'dues.write' }, schema: { tags, summary: '上级党组织审批党费减免', params: z.object({ id: ZId }), body: ZReductionDecision, response: { 200: ZOk } } }, async (req) =>
    service.decideReduction(requireActor(req), req.params.id, req.body),
  );
  app.post('/dues/payments', { config: { access: 'dues.write' }, schema: { tags, summary: '登记党费交纳（补交、预交不超过6个月）', body: ZDuesPaymentInput, response: { 200: ZDuesPayment } } }, async (req) =>
    service.pay(requireActor(req), req.body),
  );
  app.get('/me/dues', { config: { access: 'self.read' }, schema: { tags, summary: '我的党费', response: { 200: ZMyDues } } }, async (req) => service.mine(requireActor(req)));
  app.get('/me/dues/payments/:id/receipt', { config: { access: 'self.read' }, schema: { tags, summary: '我的党费收据（只能查看本人的交纳记录）', params: z.object({ id: ZId }), response: { 200: ZDuesReceipt } } }, async (req) =>
    importer.myReceipt(requireActor(req), req.params.id),
  );
};
