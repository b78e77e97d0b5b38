// /api/dues: bases, hardship reductions, payments, the monthly ledger with arrears, collection rates; /api/me/dues.
import { ZCollectionRates, ZDuesBaseInput, ZDuesLedger, ZDuesLedgerQuery, ZDuesPayment, ZDuesPaymentInput, ZId, ZMyDues, ZOk, ZReductionDecision, ZYearMonth } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createDuesService } from './dues.service';

export const duesRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createDuesService(ctx);
  const tags = ['党费'];
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
};
