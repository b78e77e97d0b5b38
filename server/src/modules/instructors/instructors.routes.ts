// /api/enterprises (the two-new registry and coverage), /api/instructors (pool, assignments, month figures, manual
// entries) and /api/me/instructor (the instructor's phone: my enterprises, scan in/out, log, problems, my month).
import {
  ZAssessment,
  ZAssessmentExportQuery,
  ZAssessmentInput,
  ZAssessmentList,
  ZAssessmentListQuery,
  ZAssignmentCreate,
  ZCallbackCreate,
  ZCallbackList,
  ZCallbackListQuery,
  ZCoverage,
  ZCoverageQuery,
  ZEnterpriseList,
  ZEnterpriseListQuery,
  ZId,
  ZInstructorCreate,
  ZInstructorDetail,
  ZInstructorList,
  ZInstructorListQuery,
  ZLetterList,
  ZLetterListQuery,
  ZLetterParams,
  ZLetterSign,
  ZLetterTemplates,
  ZLetterTemplatesView,
  ZAssignmentLetters,
  ZManualDecision,
  ZManualEntryCreate,
  ZManualEntryList,
  ZManualEntryListQuery,
  ZMonthQuery,
  ZMyInstructor,
  ZMyMonth,
  ZOk,
  ZProblemList,
  ZProblemListQuery,
  ZProblemSolve,
  ZSiteCode,
  ZSiteScan,
  ZSiteScanResult,
  ZWorkLogCreate,
  ZWorkLogList,
  ZWorkLogListQuery,
  ZRatingBatchList,
  ZRatingBatchListQuery,
  ZRatingCodeInput,
  ZRatingCodesIssue,
  ZRatingCodesIssued,
  ZRatingForm,
  ZRatingVote,
  ZStaffRatingQuery,
  ZStaffRatingSettingsInput,
  ZStaffRatingSettingsView,
  ZStaffRatingSummary,
  ZCheck,
  ZCheckCreate,
  ZCheckList,
  ZCheckListQuery,
  ZCheckNoticeQuery,
  ZFindingClose,
  ZFindingReport,
} from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createInstructorLettersService } from './instructors-letters.service';
import { createInstructorRatingsService } from './instructors-ratings.service';
import { createInstructorChecksService } from './instructors-checks.service';
import { createInstructorsService } from './instructors.service';

export const instructorRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createInstructorsService(ctx);
  const tags = ['两新组织与党建工作指导员'];
  const params = z.object({ id: ZId });
  const read = { access: 'instructors.read' } as const;
  const manage = { access: 'instructors.manage' } as const;
  const work = { access: 'instructors.work' } as const;
  const letters = createInstructorLettersService(ctx);
  const letterParams = ZLetterParams;
  const docx = { 200: z.any().describe('Word（.docx）文件') };
  const staffRatings = createInstructorRatingsService(ctx);
  const ratingTags = ['职工评议（评议码）'];
  const checks = createInstructorChecksService(ctx);

  app.get('/enterprises', { config: read, schema: { tags, summary: '两新组织名录（可筛选应建未建）', querystring: ZEnterpriseListQuery, response: { 200: ZEnterpriseList } } }, async (req) => service.listEnterprises(requireActor(req), req.query));
  app.get('/enterprises/coverage', { config: read, schema: { tags, summary: '两个覆盖率（按镇街、行业或规模）', querystring: ZCoverageQuery, response: { 200: ZCoverage } } }, async (req) => service.coverage(requireActor(req), req.query));
  app.get('/enterprises/:id/site-code', { config: manage, schema: { tags, summary: '企业驻企二维码（打印张贴，有效期为县设置）', params, response: { 200: ZSiteCode } } }, async (req) => service.siteCode(requireActor(req), req.params.id));

  app.post('/enterprises/:id/callbacks', { config: manage, schema: { tags, summary: '记录电话回访（每季度每企业一次）', params, body: ZCallbackCreate, response: { 200: z.object({ id: ZId }) } } }, async (req) => service.addCallback(requireActor(req), req.params.id, req.body));
  app.get('/instructors/callbacks', { config: read, schema: { tags, summary: '电话回访记录', querystring: ZCallbackListQuery, response: { 200: ZCallbackList } } }, async (req) => service.listCallbacks(requireActor(req), req.query));
  app.get('/instructors', { config: read, schema: { tags, summary: '党建工作指导员及本月驻企时间、预警', querystring: ZInstructorListQuery, response: { 200: ZInstructorList } } }, async (req) => service.list(requireActor(req), req.query));
  app.post('/instructors', { config: manage, schema: { tags, summary: '选派党建工作指导员（入库）', body: ZInstructorCreate, response: { 200: ZInstructorDetail } } }, async (req) => service.create(requireActor(req), req.body));
  app.get('/instructors/manual-entries', { config: manage, schema: { tags, summary: '驻企时间补录（待审核等）', querystring: ZManualEntryListQuery, response: { 200: ZManualEntryList } } }, async (req) => service.listManual(requireActor(req), req.query));
  app.post('/instructors/manual-entries/:id/decision', { config: manage, schema: { tags, summary: '审核驻企时间补录', params, body: ZManualDecision, response: { 200: ZOk } } }, async (req) => service.decideManual(requireActor(req), req.params.id, req.body));
  app.get('/instructors/assessments', { config: read, schema: { tags, summary: '年度考核等次与补贴', querystring: ZAssessmentListQuery, response: { 200: ZAssessmentList } } }, async (req) => service.listAssessments(requireActor(req), req.query));
  app.get('/instructors/assessments/export', { config: manage, schema: { tags, summary: '导出补贴发放名单（Excel）', querystring: ZAssessmentExportQuery, response: { 200: z.any().describe('Excel（.xlsx）文件') } } }, async (req, reply) => service.exportPayments(requireActor(req), req.query, reply));
  app.post('/instructors/:id/assessments', { config: manage, schema: { tags, summary: '年度考核（各项得分 → 等次 → 补贴）', params, body: ZAssessmentInput, response: { 200: ZAssessment } } }, async (req) => service.assess(requireActor(req), req.params.id, req.body));
  // 两书一册: the two letters of each assignment (Word from the county's template) and their signed copies.
  app.get('/instructors/letters', { config: read, schema: { tags, summary: '两书签订情况（可筛选缺签字件的指派）', querystring: ZLetterListQuery, response: { 200: ZLetterList } } }, async (req) => letters.list(requireActor(req), req.query));
  app.get('/instructors/letter-templates', { config: read, schema: { tags, summary: '两书模板（县设置，默认取自报告）', response: { 200: ZLetterTemplatesView } } }, async (req) => letters.templates(requireActor(req)));
  app.put('/instructors/letter-templates', { config: { access: 'instructors.settings' }, schema: { tags, summary: '修改两书模板', body: ZLetterTemplates, response: { 200: ZLetterTemplatesView } } }, async (req) => letters.saveTemplates(requireActor(req), req.body));
  app.get('/instructors/assignments/:id/letters/:kind', { config: read, schema: { tags, summary: '生成目标责任书或承诺书（Word）', params: letterParams, response: docx } }, async (req, reply) => letters.document(requireActor(req), req.params.id, req.params.kind, reply));
  app.post('/instructors/assignments/:id/letters/:kind/signed', { config: manage, schema: { tags, summary: '登记两书签字件（先通过 /api/files 上传）', params: letterParams, body: ZLetterSign, response: { 200: ZAssignmentLetters } } }, async (req) => letters.sign(requireActor(req), req.params.id, req.params.kind, req.body));
  // 职工评议: codes per assignment and year, the aggregates (from 3 votes), the county's items, the public phone page.
  app.post('/instructors/assignments/:id/rating-codes', { config: manage, schema: { tags: ratingTags, summary: '发放职工评议码（仅本次显示，只存加密摘要）', params, body: ZRatingCodesIssue, response: { 200: ZRatingCodesIssued } } }, async (req) => staffRatings.issue(requireActor(req), req.params.id, req.body));
  app.get('/instructors/rating-batches', { config: read, schema: { tags: ratingTags, summary: '已发放的职工评议码（每批的数量与已使用数）', querystring: ZRatingBatchListQuery, response: { 200: ZRatingBatchList } } }, async (req) => staffRatings.listBatches(requireActor(req), req.query));
  app.get('/instructors/staff-rating-settings', { config: read, schema: { tags: ratingTags, summary: '职工评议项目（县设置，按版本）', response: { 200: ZStaffRatingSettingsView } } }, async (req) => staffRatings.settings(requireActor(req)));
  app.put('/instructors/staff-rating-settings', { config: { access: 'instructors.settings' }, schema: { tags: ratingTags, summary: '修改职工评议项目（已发放的评议码沿用原项目）', body: ZStaffRatingSettingsInput, response: { 200: ZStaffRatingSettingsView } } }, async (req) => staffRatings.saveSettings(requireActor(req), req.body));
  app.get('/instructors/:id/staff-ratings', { config: read, schema: { tags: ratingTags, summary: '指导员某年职工评议汇总（满 3 份才显示）', params, querystring: ZStaffRatingQuery, response: { 200: ZStaffRatingSummary } } }, async (req) => staffRatings.summary(requireActor(req), req.params.id, req.query.year));
  app.get('/me/instructor/staff-ratings', { config: work, schema: { tags: ratingTags, summary: '我的职工评议汇总（匿名，满 3 份才显示）', querystring: ZStaffRatingQuery, response: { 200: ZStaffRatingSummary } } }, async (req) => staffRatings.mine(requireActor(req), req.query.year));
  app.post('/staff-rating/open', { config: { access: 'public' }, schema: { tags: ratingTags, summary: '职工凭评议码打开评议（无需登录，按地址限制错误次数）', body: ZRatingCodeInput, response: { 200: ZRatingForm } } }, async (req) => staffRatings.open(req.body, req.actor ?? null, req.ip));
  app.post('/staff-rating/vote', { config: { access: 'public' }, schema: { tags: ratingTags, summary: '提交职工评议（每个评议码一次，匿名）', body: ZRatingVote, response: { 200: ZOk } } }, async (req) => staffRatings.vote(req.body, req.actor ?? null, req.ip));
  // 随机抽查、集中督导、明察暗访: checks with findings, their rectifications (duties module), the quarter's notice.
  app.post('/instructors/checks', { config: manage, schema: { tags, summary: '记录检查督导（随机抽查、集中督导、明察暗访）及发现的问题', body: ZCheckCreate, response: { 200: ZCheck } } }, async (req) => checks.create(requireActor(req), req.body));
  app.get('/instructors/checks', { config: read, schema: { tags, summary: '检查督导记录（含问题与整改情况）', querystring: ZCheckListQuery, response: { 200: ZCheckList } } }, async (req) => checks.list(requireActor(req), req.query));
  app.get('/instructors/checks/notice', { config: manage, schema: { tags, summary: '季度检查督导情况通报（Word）', querystring: ZCheckNoticeQuery, response: docx } }, async (req, reply) => checks.notice(requireActor(req), req.query.quarter, reply));
  app.post('/instructors/findings/:id/close', { config: manage, schema: { tags, summary: '检查问题整改销号', params, body: ZFindingClose, response: { 200: ZCheck } } }, async (req) => checks.updateFinding(requireActor(req), req.params.id, req.body, 'close'));
  app.get('/me/instructor/checks', { config: work, schema: { tags, summary: '我受到的检查督导及问题', querystring: ZCheckListQuery, response: { 200: ZCheckList } } }, async (req) => checks.listMine(requireActor(req), req.query));
  app.post('/me/instructor/findings/:id/report', { config: work, schema: { tags, summary: '报告检查问题的整改情况', params, body: ZFindingReport, response: { 200: ZCheck } } }, async (req) => checks.updateFinding(requireActor(req), req.params.id, req.body, 'report'));
  app.get('/instructors/:id', { config: read, schema: { tags, summary: '指导员详情、指派历史与各月驻企时间', params, response: { 200: ZInstructorDetail } } }, async (req) => service.get(requireActor(req), req.params.id));
  app.post('/instructors/:id/assignments', { config: manage, schema: { tags, summary: '指派到企业（改派时保留历史）', params, body: ZAssignmentCreate, response: { 200: ZInstructorDetail } } }, async (req) => service.assign(requireActor(req), req.params.id, req.body));

  app.get('/me/instructor', { config: work, schema: { tags, summary: '我的企业与本月驻企时间', response: { 200: ZMyInstructor } } }, async (req) => service.mine(requireActor(req)));
  app.get('/me/instructor/letters', { config: work, schema: { tags, summary: '我的两书签订情况', querystring: ZLetterListQuery, response: { 200: ZLetterList } } }, async (req) => letters.listMine(requireActor(req), req.query));
  app.get('/me/instructor/assignments/:id/letters/:kind', { config: work, schema: { tags, summary: '我的目标责任书或承诺书（Word）', params: letterParams, response: docx } }, async (req, reply) => letters.document(requireActor(req), req.params.id, req.params.kind, reply, true));
  app.post('/me/instructor/assignments/:id/letters/:kind/signed', { config: work, schema: { tags, summary: '上传我签字的两书', params: letterParams, body: ZLetterSign, response: { 200: ZAssignmentLetters } } }, async (req) => letters.sign(requireActor(req), req.params.id, req.params.kind, req.body, true));
  app.get('/me/instructor/month', { config: work, schema: { tags, summary: '我的某月驻企时间（逐日）', querystring: ZMonthQuery, response: { 200: ZMyMonth } } }, async (req) => service.myMonth(requireActor(req), req.query));
  app.post('/me/instructor/scan', { config: work, schema: { tags, summary: '扫码进场或离场', body: ZSiteScan, response: { 200: ZSiteScanResult } } }, async (req) => service.scan(requireActor(req), req.body));
  app.post('/me/instructor/manual-entries', { config: work, schema: { tags, summary: '补录驻企时间（须说明原因，经审核后计入）', body: ZManualEntryCreate, response: { 200: z.object({ id: ZId }) } } }, async (req) => service.addManual(requireActor(req), req.body));
  app.get('/me/instructor/logs', { config: work, schema: { tags, summary: '我的工作纪实', querystring: ZWorkLogListQuery, response: { 200: ZWorkLogList } } }, async (req) => service.myLogs(requireActor(req), req.query));
  app.post('/me/instructor/logs', { config: work, schema: { tags, summary: '填写工作纪实（可同时提出急难愁盼问题）', body: ZWorkLogCreate, response: { 200: z.object({ id: ZId, problemId: ZId.nullable() }) } } }, async (req) => service.addLog(requireActor(req), req.body));
  app.get('/me/instructor/problems', { config: work, schema: { tags, summary: '我提出的急难愁盼问题', querystring: ZProblemListQuery, response: { 200: ZProblemList } } }, async (req) => service.myProblems(requireActor(req), req.query));
  app.post('/me/instructor/problems/:id/solve', { config: work, schema: { tags, summary: '问题已解决', params, body: ZProblemSolve, response: { 200: ZOk } } }, async (req) => service.solveProblem(requireActor(req), req.params.id, req.body));
};
