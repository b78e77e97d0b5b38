// /api/publicity: priorities, items (draft → sign-off → adoption), the level table, rankings, the quarterly notice.
import {
  ZAdopt,
  ZDecline,
  ZId,
  ZLevelTable,
  ZLevelTableInput,
  ZPriority,
  ZPriorityInput,
  ZPriorityPage,
  ZPriorityQuery,
  ZPublicityDetail,
  ZPublicityDraft,
  ZPublicityPage,
  ZPublicityQuery,
  ZPublicityUpdate,
  ZRaise,
  ZRankingPage,
  ZRankingQuery,
  ZSignOff,
  ZVersion,
  zQueryInt,
} from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createPublicityNoticeService } from './publicity-notice.service';
import { createPublicityService } from './publicity.service';

export const publicityRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createPublicityService(ctx);
  const notice = createPublicityNoticeService(ctx);
  const tags = ['党建信息宣传'];
  const params = z.object({ id: ZId });
  const version = z.object({ version: ZVersion });
  app.get('/publicity/priorities', { config: { access: 'publicity.read' }, schema: { tags, summary: '每月宣传重点', querystring: ZPriorityQuery, response: { 200: ZPriorityPage } } }, async (req) => service.listPriorities(requireActor(req), req.query));
  app.post('/publicity/priorities', { config: { access: 'publicity.adopt' }, schema: { tags, summary: '发布宣传重点（定制立标）', body: ZPriorityInput, response: { 200: ZPriority } } }, async (req) => service.createPriority(requireActor(req), req.body));
  app.get('/publicity/levels', { config: { access: 'publicity.read' }, schema: { tags, summary: '采用级别分值表与通报标准', response: { 200: ZLevelTable } } }, async (req) => service.getLevels(requireActor(req)));
  app.put('/publicity/levels', { config: { access: 'publicity.adopt' }, schema: { tags, summary: '修改采用级别分值表（新版本）与通报标准', body: ZLevelTableInput, response: { 200: ZLevelTable } } }, async (req) => service.setLevels(requireActor(req), req.body));
  app.get('/publicity/items', { config: { access: 'publicity.read' }, schema: { tags, summary: '稿件列表（我的稿件、待我审签、县委组织部收稿）', querystring: ZPublicityQuery, response: { 200: ZPublicityPage } } }, async (req) => service.list(requireActor(req), req.query));
  app.post('/publicity/items', { config: { access: 'publicity.submit' }, schema: { tags, summary: '新建稿件（草稿）', body: ZPublicityDraft, response: { 200: ZPublicityDetail } } }, async (req) => service.create(requireActor(req), req.body));
  app.get('/publicity/items/:id', { config: { access: 'publicity.read' }, schema: { tags, summary: '稿件详情与经过', params, response: { 200: ZPublicityDetail } } }, async (req) => service.get(requireActor(req), req.params.id));
  app.put('/publicity/items/:id', { config: { access: 'publicity.submit' }, schema: { tags, summary: '修改草稿或退回的稿件', params, body: ZPublicityUpdate, response: { 200: ZPublicityDetail } } }, async (req) => service.update(requireActor(req), req.params.id, req.body));
  app.post('/publicity/items/:id/submit', { config: { access: 'publicity.submit' }, schema: { tags, summary: '送单位负责人审签', params, body: version, response: { 200: ZPublicityDetail } } }, async (req) => service.submit(requireActor(req), req.params.id, req.body));
  app.post('/publicity/items/:id/sign-off', { config: { access: 'publicity.signOff' }, schema: { tags, summary: '单位负责人审签（通过或退回）', params, body: ZSignOff, response: { 200: ZPublicityDetail } } }, async (req) => service.signOff(requireActor(req), req.params.id, req.body));
  app.post('/publicity/items/:id/adopt', { config: { access: 'publicity.adopt' }, schema: { tags, summary: '县委组织部采用（按级别）', params, body: ZAdopt, response: { 200: ZPublicityDetail } } }, async (req) => service.adopt(requireActor(req), req.params.id, req.body));
  app.post('/publicity/items/:id/raise', { config: { access: 'publicity.adopt' }, schema: { tags, summary: '更高级别刊发后提升采用级别', params, body: ZRaise, response: { 200: ZPublicityDetail } } }, async (req) => service.raise(requireActor(req), req.params.id, req.body));
  app.post('/publicity/items/:id/decline', { config: { access: 'publicity.adopt' }, schema: { tags, summary: '不予采用（写明理由）', params, body: ZDecline, response: { 200: ZPublicityDetail } } }, async (req) => service.decline(requireActor(req), req.params.id, req.body));
  app.get('/publicity/rankings', { config: { access: 'publicity.read' }, schema: { tags, summary: '单位、个人积分排名（月、季、年）', querystring: ZRankingQuery, response: { 200: ZRankingPage } } }, async (req) => service.ranking(requireActor(req), req.query));
  app.get(
    '/publicity/notice',
    { config: { access: 'publicity.adopt' }, schema: { tags, summary: '季度通报（Word）', querystring: z.object({ year: zQueryInt(2000, 2100, '年度'), quarter: zQueryInt(1, 4, '季度') }), response: { 200: z.any().describe('Word（.docx）文件') } } },
    async (req, reply) => notice.docx(requireActor(req), req.query.year, req.query.quarter, reply),
  );
};
