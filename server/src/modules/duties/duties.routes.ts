// /api/duties: templates, timetables, my items and reviews, rectifications, month close, warnings, settings,
// supervisors and board links.
import {
  DUTY_FIELD_LABELS,
  ZBoardLink,
  ZBoardLinkCreate,
  ZBoardLinkList,
  ZCloseResult,
  ZDutyHome,
  ZDutyItemDetail,
  ZDutyItemList,
  ZDutyItemListQuery,
  ZDutyNoticeList,
  ZDutyNoticeListQuery,
  ZNoticesReadResult,
  ZDutyReview,
  ZDutySettings,
  ZDutySubmit,
  ZDutyTemplateItem,
  ZDutyTemplateList,
  ZDutyWarningList,
  ZDutyWarningListQuery,
  ZGenerateResult,
  ZId,
  ZMonthBody,
  ZOk,
  ZQuarterlyReviewQuery,
  ZRecomputeBody,
  ZRectification,
  ZRectificationClose,
  ZRectificationCreate,
  ZRectificationList,
  ZRectificationListQuery,
  ZRectificationReport,
  ZSupervisor,
  ZSupervisorCreate,
  ZSupervisorList,
  ZTemplateItemCreate,
  ZTemplateItemUpdate,
  ZTemplatesQuery,
  ZVersionBody,
  ZYearBody,
} from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import { registerFieldLabels } from '../../core/errors';
import type { AppContext } from '../../core/context';
import { registerFileScopeProvider } from '../files/files.service';
import { createDutyAdminService } from './duties-admin.service';
import { createDutyReviewService } from './duties-review.service';
import { createDutyMonthsService } from './duties-months.service';
import { createDutyTemplatesService } from './duties-templates.service';
import { assignedPrefixes } from './duties.policy';
import { createDutiesService } from './duties.service';

registerFieldLabels(DUTY_FIELD_LABELS);

export const dutyRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  // Supervisors read the evidence files of the orgs assigned to them.
  registerFileScopeProvider(assignedPrefixes);
  const items = createDutiesService(ctx);
  const templates = createDutyTemplatesService(ctx);
  const months = createDutyMonthsService(ctx);
  const admin = createDutyAdminService(ctx);
  const reviews = createDutyReviewService(ctx);
  const tags = ['书记履职'];
  const params = z.object({ id: ZId });

  app.get('/duties/home', { config: { access: 'duties.read' }, schema: { tags, summary: '我的履职概况（待办、逾期、退回、月度星级、预警）', response: { 200: ZDutyHome } } }, async (req) => items.home(requireActor(req)));
  app.get('/duties/notices', { config: { access: 'duties.read' }, schema: { tags, summary: '我的预警通知（含已读状态）', querystring: ZDutyNoticeListQuery, response: { 200: ZDutyNoticeList } } }, async (req) =>
    items.listNotices(requireActor(req), req.query),
  );
  app.post('/duties/notices/:id/read', { config: { access: 'duties.read' }, schema: { tags, summary: '预警通知标为已读', params, response: { 200: ZNoticesReadResult } } }, async (req) =>
    items.markNoticesRead(requireActor(req), req.params.id),
  );
  app.post('/duties/notices/read-all', { config: { access: 'duties.read' }, schema: { tags, summary: '全部预警通知标为已读', response: { 200: ZNoticesReadResult } } }, async (req) => items.markNoticesRead(requireActor(req), null));
  app.get('/duties/items', { config: { access: 'duties.read' }, schema: { tags, summary: '履职事项（本组织 / 待我审核 / 管辖范围）', querystring: ZDutyItemListQuery, response: { 200: ZDutyItemList } } }, async (req) =>
    items.list(requireActor(req), req.query),
  );
  app.get('/duties/items/:id', { config: { access: 'duties.read' }, schema: { tags, summary: '履职事项详情（佐证、审核记录、整改）', params, response: { 200: ZDutyItemDetail } } }, async (req) =>
    items.get(requireActor(req), req.params.id),
  );
  app.post('/duties/items/:id/submit', { config: { access: 'duties.submit' }, schema: { tags, summary: '提交完成情况和佐证材料', params, body: ZDutySubmit, response: { 200: ZDutyItemDetail } } }, async (req) =>
    items.submit(requireActor(req), req.params.id, req.body),
  );
  app.post('/duties/items/:id/review', { config: { access: 'duties.review' }, schema: { tags, summary: '审核：通过或退回（附反馈意见）', params, body: ZDutyReview, response: { 200: ZDutyItemDetail } } }, async (req) =>
    items.review(requireActor(req), req.params.id, req.body),
  );
  app.post('/duties/items/:id/rectifications', { config: { access: 'duties.review' }, schema: { tags, summary: '反馈问题，列入整改（附期限）', params, body: ZRectificationCreate, response: { 200: ZRectification } } }, async (req) =>
    items.createRectification(requireActor(req), req.params.id, req.body),
  );
  app.get('/duties/rectifications', { config: { access: 'duties.read' }, schema: { tags, summary: '整改事项', querystring: ZRectificationListQuery, response: { 200: ZRectificationList } } }, async (req) =>
    items.listRectifications(requireActor(req), req.query),
  );
  app.post('/duties/rectifications/:id/report', { config: { access: 'duties.submit' }, schema: { tags, summary: '书记报告整改情况（由督导人员核实销号）', params, body: ZRectificationReport, response: { 200: ZRectification } } }, async (req) =>
    items.reportRectification(requireActor(req), req.params.id, req.body),
  );
  app.post('/duties/rectifications/:id/close', { config: { access: 'duties.review' }, schema: { tags, summary: '整改销号', params, body: ZRectificationClose, response: { 200: ZRectification } } }, async (req) =>
    items.closeRectification(requireActor(req), req.params.id, req.body),
  );

  app.get('/duties/templates', { config: { access: 'duties.read' }, schema: { tags, summary: '履职清单模板（按年度）', querystring: ZTemplatesQuery, response: { 200: ZDutyTemplateList } } }, async (req) =>
    templates.list(requireActor(req), req.query.year),
  );
  app.post('/duties/templates/ensure', { config: { access: 'duties.manage' }, schema: { tags, summary: '建立某年度的模板（沿用上年，或使用默认“十个一”“八个一”）', body: ZYearBody, response: { 200: ZDutyTemplateList } } }, async (req) =>
    templates.ensure(requireActor(req), req.body.year),
  );
  app.post('/duties/template-items', { config: { access: 'duties.manage' }, schema: { tags, summary: '新增清单事项', body: ZTemplateItemCreate, response: { 200: ZDutyTemplateItem } } }, async (req) =>
    templates.createItem(requireActor(req), req.body),
  );
  app.put('/duties/template-items/:id', { config: { access: 'duties.manage' }, schema: { tags, summary: '修改清单事项（自今日起生效）', params, body: ZTemplateItemUpdate, response: { 200: ZDutyTemplateItem } } }, async (req) =>
    templates.updateItem(requireActor(req), req.params.id, req.body),
  );
  app.post('/duties/template-items/:id/remove', { config: { access: 'duties.manage' }, schema: { tags, summary: '删除清单事项（已填报的记录保留）', params, body: ZVersionBody, response: { 200: ZOk } } }, async (req) => {
    await templates.removeItem(requireActor(req), req.params.id, req.body.version);
    return { ok: true as const };
  });
  app.post('/duties/timetables/generate', { config: { access: 'duties.manage' }, schema: { tags, summary: '生成全县某年度履职时间表', body: ZYearBody, response: { 200: ZGenerateResult } } }, async (req) =>
    templates.generate(requireActor(req), req.body.year),
  );

  app.post('/duties/months/close', { config: { access: 'duties.manage' }, schema: { tags, summary: '月度贴星（计算星级和预警）', body: ZMonthBody, response: { 200: ZCloseResult } } }, async (req) =>
    months.closeMonth(requireActor(req), req.body.month),
  );
  app.post('/duties/months/recompute', { config: { access: 'duties.manage' }, schema: { tags, summary: '按现行设置重新计算已贴星的月份（记入操作日志）', body: ZRecomputeBody, response: { 200: ZCloseResult } } }, async (req) =>
    months.recomputeMonth(requireActor(req), req.body.month, req.body.reason),
  );
  app.get('/duties/warnings', { config: { access: 'duties.read' }, schema: { tags, summary: '红黄预警（当前和历史，按镇筛选）', querystring: ZDutyWarningListQuery, response: { 200: ZDutyWarningList } } }, async (req) =>
    months.listWarnings(requireActor(req), req.query),
  );
  app.get('/duties/settings', { config: { access: 'duties.read' }, schema: { tags, summary: '贴星和预警规则', response: { 200: ZDutySettings } } }, async (req) => months.getSettings(requireActor(req)));
  app.put('/duties/settings', { config: { access: 'duties.manage' }, schema: { tags, summary: '修改贴星和预警规则（自下次贴星起生效）', body: ZDutySettings, response: { 200: ZDutySettings } } }, async (req) =>
    months.putSettings(requireActor(req), req.body),
  );

  app.get(
    '/duties/reviews/quarterly',
    { config: { access: 'duties.review' }, schema: { tags, summary: '每季一讲评：镇（街道）或全县的季度讲评（Excel 表或 Word 通报）', querystring: ZQuarterlyReviewQuery, response: { 200: z.any().describe('Excel（.xlsx）或 Word（.docx）文件') } } },
    async (req, reply) => (req.query.format === 'docx' ? reviews.docx(requireActor(req), req.query, reply) : reviews.xlsx(requireActor(req), req.query, reply)),
  );
  app.get('/duties/supervisors', { config: { access: 'duties.manage' }, schema: { tags, summary: '督导分工（联镇包村）', response: { 200: ZSupervisorList } } }, async (req) => admin.listSupervisors(requireActor(req)));
  app.post('/duties/supervisors', { config: { access: 'duties.manage' }, schema: { tags, summary: '新增督导分工', body: ZSupervisorCreate, response: { 200: ZSupervisor } } }, async (req) =>
    admin.addSupervisor(requireActor(req), req.body),
  );
  app.post('/duties/supervisors/:id/remove', { config: { access: 'duties.manage' }, schema: { tags, summary: '取消督导分工', params, response: { 200: ZOk } } }, async (req) => {
    await admin.removeSupervisor(requireActor(req), req.params.id);
    return { ok: true as const };
  });
  app.get('/duties/board-links', { config: { access: 'duties.manage' }, schema: { tags, summary: '质量图只读链接', response: { 200: ZBoardLinkList } } }, async (req) => admin.listLinks(requireActor(req)));
  app.post('/duties/board-links', { config: { access: 'duties.manage' }, schema: { tags, summary: '新建质量图只读链接（链接只显示这一次）', body: ZBoardLinkCreate, response: { 200: ZBoardLink } } }, async (req) =>
    admin.createLink(requireActor(req), req.body.name),
  );
  app.post('/duties/board-links/:id/revoke', { config: { access: 'duties.manage' }, schema: { tags, summary: '停用质量图链接（已打开的大屏立即断开）', params, response: { 200: ZBoardLink } } }, async (req) =>
    admin.revokeLink(requireActor(req), req.params.id),
  );
};
