// /api/stars: the month's recompute, the branch wall chart (实时质量图), point adjustments; /api/me/stars.
import { ZId, ZMonthlySettings, ZMyStars, ZPointAdjustmentInput, ZStarCompute, ZStarComputeResult, ZWallChart, ZWallQuery, zQueryYear } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createStarsService } from './stars.service';

export const starRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createStarsService(ctx);
  const tags = ['星级与积分'];
  app.post('/stars/compute', { config: { access: 'stars.write' }, schema: { tags, summary: '计算（重算）某月党员星级（记入操作日志）', body: ZStarCompute, response: { 200: ZStarComputeResult } } }, async (req) =>
    service.compute(requireActor(req), req.body),
  );
  app.get('/stars/wall', { config: { access: 'stars.read' }, schema: { tags, summary: '党支部党员星级管理实时质量图', querystring: ZWallQuery, response: { 200: ZWallChart } } }, async (req) =>
    service.wall(requireActor(req), req.query),
  );
  app.post('/stars/adjustments', { config: { access: 'stars.write' }, schema: { tags, summary: '记录扣分、岗位争先或人工调整（须填原因）', body: ZPointAdjustmentInput, response: { 200: z.object({ id: ZId }) } } }, async (req) =>
    service.addAdjustment(requireActor(req), req.body),
  );
  app.get('/stars/settings', { config: { access: 'stars.read' }, schema: { tags, summary: '主题党日日期、党费取整、星级积分规则（全县设置）', response: { 200: ZMonthlySettings } } }, async (req) =>
    service.getSettings(requireActor(req)),
  );
  app.put('/stars/settings', { config: { access: 'stars.write' }, schema: { tags, summary: '修改全县设置（县委组织部管理员）', body: ZMonthlySettings, response: { 200: ZMonthlySettings } } }, async (req) =>
    service.updateSettings(requireActor(req), req.body),
  );
  app.get('/me/stars', { config: { access: 'self.read' }, schema: { tags, summary: '我的星级与积分', querystring: z.object({ year: zQueryYear(2000, 2100).optional() }), response: { 200: ZMyStars } } }, async (req) =>
    service.mine(requireActor(req), req.query.year),
  );
};
