// /api/care: pairings, visits, warnings, the dashboard; /api/me/care: the helper's phone list; /api/transfers.
import {
  ZCareDashboard,
  ZCareWarningList,
  ZCareWarningQuery,
  ZId,
  ZPageQuery,
  ZPairing,
  ZPairingDetail,
  ZPairingDetailList,
  ZPairingList,
  ZPairingListQuery,
  ZTransfer,
  ZTransferList,
  ZTransferListQuery,
  ZPairingCreate,
  ZPairingEnd,
  ZVisitCreate,
  ZMyVisitCreate,
  ZTransferOutCreate,
  ZTransferInCreate,
  ZTransferReceipt,
  ZTransferReissue,
  ZTransferArrive,
  ZPoliticalBirthdayQuery,
  ZPoliticalBirthdayList,
  ZMobileLedgerQuery,
  ZMobileLedgerList,
  ZMobileLedgerDetail,
  ZMobileContactCreate,
  ZMobileContactPerson,
  ZMobileLostSteps,
  ZCondolenceRoundQuery,
  ZCondolenceRoundList,
  ZCondolenceRoundDetail,
  ZCondolenceRoundCreate,
  ZCondolenceRoundClose,
  ZCondolenceAllocationSet,
  ZCondolenceTownList,
  ZCondolenceTownRow,
  ZCondolenceTownQuery,
  ZCondolencePaymentQuery,
  ZCondolencePaymentList,
  ZCondolencePaymentCreate,
  ZCondolencePayment,
  ZCondolenceReversal,
  ZPoliticalBirthdayExportQuery,
  ZBirthdayCelebrationCreate,
  ZBirthdayCelebration,
  ZBirthdayCelebrationList,
  ZBirthdayCelebrationQuery,
  ZCareBirthdaySetting,
  ZCareSettingsView,
} from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createBirthdaysService } from './birthdays.service';
import { createCareService } from './care.service';
import { createCondolenceService } from './condolence.service';
import { createMobileLedgerService } from './mobile.service';
import { createTransfersService } from './transfers.service';

export const careRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const care = createCareService(ctx);
  const transfers = createTransfersService(ctx);
  const tags = ['关爱帮扶'];
  const ttags = ['组织关系转接'];
  const params = z.object({ id: ZId });
  const mobile = createMobileLedgerService(ctx);
  const memberParams = z.object({ memberId: ZId });
  app.get('/care/dashboard', { config: { access: 'care.read' }, schema: { tags, summary: '关爱帮扶工作台（本季度）', querystring: z.object({ orgId: ZId.optional() }), response: { 200: ZCareDashboard } } }, async (req) => care.dashboard(requireActor(req), req.query));
  app.get('/care/pairings', { config: { access: 'care.read' }, schema: { tags, summary: '结对帮扶名单', querystring: ZPairingListQuery, response: { 200: ZPairingList } } }, async (req) => care.list(requireActor(req), req.query));
  app.post('/care/pairings', { config: { access: 'care.write' }, schema: { tags, summary: '定人结对', body: ZPairingCreate, response: { 200: ZPairingDetail } } }, async (req) => care.create(requireActor(req), req.body));
  app.get('/care/pairings/:id', { config: { access: 'care.read' }, schema: { tags, summary: '结对详情与走访记录', params, response: { 200: ZPairingDetail } } }, async (req) => care.get(requireActor(req), req.params.id));
  app.post('/care/pairings/:id/end', { config: { access: 'care.write' }, schema: { tags, summary: '退出帮扶名单（注明原因）', params, body: ZPairingEnd, response: { 200: ZPairingDetail } } }, async (req) => care.end(requireActor(req), req.params.id, req.body));
  app.post('/care/pairings/:id/visits', { config: { access: 'care.write' }, schema: { tags, summary: '登记走访、三送或五必访', params, body: ZVisitCreate, response: { 200: ZPairingDetail } } }, async (req) => care.recordVisit(requireActor(req), req.params.id, req.body));
  app.get('/care/warnings', { config: { access: 'care.read' }, schema: { tags, summary: '季度未走访预警', querystring: ZCareWarningQuery, response: { 200: ZCareWarningList } } }, async (req) => care.warnings(requireActor(req), req.query));
  app.get('/care/political-birthdays', { config: { access: 'care.read' }, schema: { tags, summary: '本月政治生日名单（按支部）', querystring: ZPoliticalBirthdayQuery, response: { 200: ZPoliticalBirthdayList } } }, async (req) => care.politicalBirthdays(requireActor(req), req.query));
  const birthdays = createBirthdaysService(ctx);
  app.get('/care/political-birthdays/export', { config: { access: 'care.read' }, schema: { tags, summary: '政治生日名单（Excel）', querystring: ZPoliticalBirthdayExportQuery } }, async (req, reply) => birthdays.exportList(requireActor(req), req.query, reply));
  app.get('/care/political-birthdays/celebrations', { config: { access: 'care.read' }, schema: { tags, summary: '政治生日庆祝登记（按支部、月份）', querystring: ZBirthdayCelebrationQuery, response: { 200: ZBirthdayCelebrationList } } }, async (req) => birthdays.celebrations(requireActor(req), req.query));
  app.post('/care/political-birthdays/celebrations', { config: { access: 'care.write' }, schema: { tags, summary: '登记本月政治生日庆祝（主题党日必选题）', body: ZBirthdayCelebrationCreate, response: { 200: ZBirthdayCelebration } } }, async (req) => birthdays.celebrate(requireActor(req), req.body));
  app.get('/care/settings', { config: { access: 'care.read' }, schema: { tags, summary: '关爱帮扶县级设置', response: { 200: ZCareSettingsView } } }, async (req) => birthdays.settings(requireActor(req)));
  app.put('/care/settings/birthday-topic', { config: { access: 'care.write' }, schema: { tags, summary: '政治生日是否为主题党日必选题（县委组织部）', body: ZCareBirthdaySetting, response: { 200: ZCareSettingsView } } }, async (req) => birthdays.setBirthdayTopic(requireActor(req), req.body));
  app.get('/me/care/list', { config: { access: 'self.read' }, schema: { tags, summary: '我的帮扶对象（手机）', querystring: ZPageQuery, response: { 200: ZPairingList } } }, async (req) => care.myList(requireActor(req), req.query));
  app.get('/me/care/helpers', { config: { access: 'self.read' }, schema: { tags, summary: '我的帮扶人与走访记录（党员手机）', querystring: ZPageQuery, response: { 200: ZPairingDetailList } } }, async (req) => care.myHelpers(requireActor(req), req.query));
  app.post('/me/care/visits', { config: { access: 'self.write' }, schema: { tags, summary: '一键登记走访（帮扶人）', body: ZMyVisitCreate, response: { 200: ZPairing } } }, async (req) => care.myVisit(requireActor(req), req.body));

  app.get('/care/mobile', { config: { access: 'care.read' }, schema: { tags, summary: '流动党员联络台账（未按期联系、失联预警）', querystring: ZMobileLedgerQuery, response: { 200: ZMobileLedgerList } } }, async (req) => mobile.list(requireActor(req), req.query));
  app.get('/care/mobile/:memberId', { config: { access: 'care.read' }, schema: { tags, summary: '流动党员联络台账详情（联系记录、思想汇报）', params: memberParams, response: { 200: ZMobileLedgerDetail } } }, async (req) => mobile.get(requireActor(req), req.params.memberId));
  app.post('/care/mobile/:memberId/contacts', { config: { access: 'care.write' }, schema: { tags, summary: '登记与流动党员的联系', params: memberParams, body: ZMobileContactCreate, response: { 200: ZMobileLedgerDetail } } }, async (req) => mobile.recordContact(requireActor(req), req.params.memberId, req.body));
  app.put('/care/mobile/:memberId/contact-person', { config: { access: 'care.write' }, schema: { tags, summary: '指定支部联系人', params: memberParams, body: ZMobileContactPerson, response: { 200: ZMobileLedgerDetail } } }, async (req) => mobile.setContactPerson(requireActor(req), req.params.memberId, req.body));
  app.put('/care/mobile/:memberId/lost-steps', { config: { access: 'care.write' }, schema: { tags, summary: '记录失联党员的查找措施', params: memberParams, body: ZMobileLostSteps, response: { 200: ZMobileLedgerDetail } } }, async (req) => mobile.recordLostSteps(requireActor(req), req.params.memberId, req.body));

  const condolence = createCondolenceService(ctx);
  const ctags = ['节日慰问'];
  app.get('/care/condolence/rounds', { config: { access: 'care.read' }, schema: { tags: ctags, summary: '节日慰问计划', querystring: ZCondolenceRoundQuery, response: { 200: ZCondolenceRoundList } } }, async (req) => condolence.list(requireActor(req), req.query));
  app.post('/care/condolence/rounds', { config: { access: 'care.write' }, schema: { tags: ctags, summary: '计划节日慰问（县委组织部）', body: ZCondolenceRoundCreate, response: { 200: ZCondolenceRoundDetail } } }, async (req) => condolence.create(requireActor(req), req.body));
  app.get('/care/condolence/rounds/:id', { config: { access: 'care.read' }, schema: { tags: ctags, summary: '慰问计划与本范围合计', params, response: { 200: ZCondolenceRoundDetail } } }, async (req) => condolence.get(requireActor(req), req.params.id));
  app.post('/care/condolence/rounds/:id/close', { config: { access: 'care.write' }, schema: { tags: ctags, summary: '结束发放（县委组织部）', params, body: ZCondolenceRoundClose, response: { 200: ZCondolenceRoundDetail } } }, async (req) => condolence.close(requireActor(req), req.params.id, req.body));
  app.put('/care/condolence/rounds/:id/allocations', { config: { access: 'care.write' }, schema: { tags: ctags, summary: '分配到镇（街道）（县委组织部）', params, body: ZCondolenceAllocationSet, response: { 200: z.array(ZCondolenceTownRow) } } }, async (req) => condolence.allocate(requireActor(req), req.params.id, req.body));
  app.get('/care/condolence/rounds/:id/towns', { config: { access: 'care.read' }, schema: { tags: ctags, summary: '按镇对账（分配、发放、冲正、结余、覆盖人数）', params, querystring: ZCondolenceTownQuery, response: { 200: ZCondolenceTownList } } }, async (req) => condolence.towns(requireActor(req), req.params.id, req.query));
  app.get('/care/condolence/rounds/:id/payments', { config: { access: 'care.read' }, schema: { tags: ctags, summary: '慰问金发放台账', params, querystring: ZCondolencePaymentQuery, response: { 200: ZCondolencePaymentList } } }, async (req) => condolence.payments(requireActor(req), req.params.id, req.query));
  app.post('/care/condolence/rounds/:id/payments', { config: { access: 'care.write' }, schema: { tags: ctags, summary: '登记发放（按人）', params, body: ZCondolencePaymentCreate, response: { 200: ZCondolencePayment } } }, async (req) => condolence.pay(requireActor(req), req.params.id, req.body));
  app.post('/care/condolence/payments/:id/reverse', { config: { access: 'care.write' }, schema: { tags: ctags, summary: '冲正（注明原因）', params, body: ZCondolenceReversal, response: { 200: ZCondolencePayment } } }, async (req) => condolence.reverse(requireActor(req), req.params.id, req.body));
  app.get('/care/condolence/rounds/:id/ledger', { config: { access: 'care.read' }, schema: { tags: ctags, summary: '慰问金台账（Excel，身份证号脱敏）', params, querystring: z.object({ orgId: ZId.optional() }) } }, async (req, reply) => condolence.exportLedger(requireActor(req), req.params.id, req.query, reply));

  app.get('/transfers', { config: { access: 'care.read' }, schema: { tags: ttags, summary: '组织关系转接（县外转出、转入）', querystring: ZTransferListQuery, response: { 200: ZTransferList } } }, async (req) => transfers.list(requireActor(req), req.query));
  app.post('/transfers/out', { config: { access: 'care.write' }, schema: { tags: ttags, summary: '开具组织关系介绍信（转出县外）', body: ZTransferOutCreate, response: { 200: ZTransfer } } }, async (req) => transfers.createOut(requireActor(req), req.body));
  app.post('/transfers/in', { config: { access: 'care.write' }, schema: { tags: ttags, summary: '登记县外转入的介绍信', body: ZTransferInCreate, response: { 200: ZTransfer } } }, async (req) => transfers.createIn(requireActor(req), req.body));
  app.get('/transfers/:id', { config: { access: 'care.read' }, schema: { tags: ttags, summary: '转接详情', params, response: { 200: ZTransfer } } }, async (req) => transfers.get(requireActor(req), req.params.id));
  app.get('/transfers/:id/letter', { config: { access: 'care.read' }, schema: { tags: ttags, summary: '介绍信（存根、介绍信、回执，Word）', params } }, async (req, reply) => transfers.letter(requireActor(req), req.params.id, reply));
  app.post('/transfers/:id/receipt', { config: { access: 'care.write' }, schema: { tags: ttags, summary: '登记回执（党员移出名册）', params, body: ZTransferReceipt, response: { 200: ZTransfer } } }, async (req) => transfers.receipt(requireActor(req), req.params.id, req.body));
  app.post('/transfers/:id/reissue', { config: { access: 'care.write' }, schema: { tags: ttags, summary: '补开介绍信（原介绍信作废）', params, body: ZTransferReissue, response: { 200: ZTransfer } } }, async (req) => transfers.reissue(requireActor(req), req.params.id, req.body));
  app.post('/transfers/:id/arrive', { config: { access: 'care.write' }, schema: { tags: ttags, summary: '转入党员报到', params, body: ZTransferArrive, response: { 200: ZTransfer } } }, async (req) => transfers.arrive(requireActor(req), req.params.id, req.body));
};
