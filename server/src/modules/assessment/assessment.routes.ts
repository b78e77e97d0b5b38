// /api/assessment: the scoring scheme, the year's computation and close, the ranking per level, an org's drill-down,
// manual components (述职评议 and the like).
import {
  ZAssessmentOrgQuery,
  ZAssessmentOrgScore,
  ZAssessmentRankingPage,
  ZAssessmentRankingQuery,
  ZAssessmentYear,
  ZAssessmentYears,
  ZCloseInput,
  ZComputeInput,
  ZComputeResult,
  ZId,
  ZManualScore,
  ZManualScoreInput,
  ZSchemeInput,
  ZSchemeVersions,
} from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createAssessmentService } from './assessment.service';
import { createWeakOrgsService } from './weak-orgs.service';

export const assessmentRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const weak = createWeakOrgsService(ctx);
  const service = createAssessmentService(ctx, weak.standings);
  const tags = ['年度考核'];
  const params = z.object({ orgId: ZId });
  app.get('/assessment/schemes', { config: { access: 'assessment.read' }, schema: { tags, summary: '考核方案（各版本与本年度施行的版本）', response: { 200: ZSchemeVersions } } }, async (req) => service.getSchemes(requireActor(req)));
  app.post('/assessment/schemes', { config: { access: 'assessment.manage' }, schema: { tags, summary: '修订考核方案（新版本，自某年度起施行）', body: ZSchemeInput, response: { 200: ZSchemeVersions } } }, async (req) => service.saveScheme(requireActor(req), req.body));
  app.get('/assessment/years', { config: { access: 'assessment.read' }, schema: { tags, summary: '考核年度（计算、关闭情况）', response: { 200: ZAssessmentYears } } }, async (req) => service.listYears(requireActor(req)));
  app.post('/assessment/compute', { config: { access: 'assessment.manage' }, schema: { tags, summary: '计算年度考核得分（已关闭的年度须写明理由）', body: ZComputeInput, response: { 200: ZComputeResult } } }, async (req) => service.compute(requireActor(req), req.body));
  app.post('/assessment/close', { config: { access: 'assessment.manage' }, schema: { tags, summary: '关闭考核年度（冻结得分）', body: ZCloseInput, response: { 200: ZAssessmentYear } } }, async (req) => service.close(requireActor(req), req.body));
  app.get('/assessment/ranking', { config: { access: 'assessment.read' }, schema: { tags, summary: '年度考核排名（按层级，分页）', querystring: ZAssessmentRankingQuery, response: { 200: ZAssessmentRankingPage } } }, async (req) => service.ranking(requireActor(req), req.query));
  app.get('/assessment/orgs/:orgId', { config: { access: 'assessment.read' }, schema: { tags, summary: '组织的考核得分与各项依据', params, querystring: ZAssessmentOrgQuery, response: { 200: ZAssessmentOrgScore } } }, async (req) => service.orgScore(requireActor(req), req.params.orgId, req.query.year));
  app.put('/assessment/orgs/:orgId/manual', { config: { access: 'assessment.enter' }, schema: { tags, summary: '录入人工评定得分（述职评议等）', params, body: ZManualScoreInput, response: { 200: ZManualScore } } }, async (req) => service.enterManual(requireActor(req), req.params.orgId, req.body));
};
