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
  ZWeakAccept,
  ZWeakCandidatePage,
  ZWeakCandidatesQuery,
  ZWeakCounts,
  ZWeakIdentify,
  ZWeakOrgDetail,
  ZWeakOrgPage,
  ZWeakOrgQuery,
  ZWeakPlan,
  ZWeakProgressInput,
  ZWeakRemove,
  zQueryInt,
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
  const wtags = ['软弱涣散党组织整顿'];
  const idParams = z.object({ id: ZId });
  app.get('/assessment/weak-orgs/candidates', { config: { access: 'assessment.read' }, schema: { tags: wtags, summary: '记录显示符合认定标准的党支部（自动发现）', querystring: ZWeakCandidatesQuery, response: { 200: ZWeakCandidatePage } } }, async (req) => weak.candidates(requireActor(req), req.query));
  app.get('/assessment/weak-orgs/counts', { config: { access: 'assessment.read' }, schema: { tags: wtags, summary: '各乡镇软弱涣散党组织数', querystring: z.object({ year: zQueryInt(2000, 2100, '年度') }), response: { 200: ZWeakCounts } } }, async (req) => weak.counts(requireActor(req), req.query.year));
  app.get('/assessment/weak-orgs', { config: { access: 'assessment.read' }, schema: { tags: wtags, summary: '软弱涣散党组织名单', querystring: ZWeakOrgQuery, response: { 200: ZWeakOrgPage } } }, async (req) => weak.list(requireActor(req), req.query));
  app.post('/assessment/weak-orgs', { config: { access: 'assessment.enter' }, schema: { tags: wtags, summary: '认定软弱涣散党组织', body: ZWeakIdentify, response: { 200: ZWeakOrgDetail } } }, async (req) => weak.identify(requireActor(req), req.body));
  app.get('/assessment/weak-orgs/:id', { config: { access: 'assessment.read' }, schema: { tags: wtags, summary: '整顿详情与月度进展', params: idParams, response: { 200: ZWeakOrgDetail } } }, async (req) => weak.get(requireActor(req), req.params.id));
  app.put('/assessment/weak-orgs/:id/plan', { config: { access: 'assessment.enter' }, schema: { tags: wtags, summary: '落实“四个一”（联系县领导、工作组、方案、时限）', params: idParams, body: ZWeakPlan, response: { 200: ZWeakOrgDetail } } }, async (req) => weak.plan(requireActor(req), req.params.id, req.body));
  app.post('/assessment/weak-orgs/:id/progress', { config: { access: 'assessment.enter' }, schema: { tags: wtags, summary: '报告月度整顿进展', params: idParams, body: ZWeakProgressInput, response: { 200: ZWeakOrgDetail } } }, async (req) => weak.progress(requireActor(req), req.params.id, req.body));
  app.post('/assessment/weak-orgs/:id/accept', { config: { access: 'assessment.manage' }, schema: { tags: wtags, summary: '县委组织部验收整顿', params: idParams, body: ZWeakAccept, response: { 200: ZWeakOrgDetail } } }, async (req) => weak.accept(requireActor(req), req.params.id, req.body));
  app.post('/assessment/weak-orgs/:id/remove', { config: { access: 'assessment.manage' }, schema: { tags: wtags, summary: '验收合格后销号（移出名单）', params: idParams, body: ZWeakRemove, response: { 200: ZWeakOrgDetail } } }, async (req) => weak.remove(requireActor(req), req.params.id, req.body));
};
