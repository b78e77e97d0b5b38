// /api/theme-days: planning, the check-in code, attendance, leave and make-up study, rates; /api/me/theme-day.
import {
  ZAttendanceMark,
  ZAttendanceRates,
  ZCheckIn,
  ZCheckInCode,
  ZCheckInResult,
  ZId,
  ZLeaveDecision,
  ZLeaveRequestCreate,
  ZMakeupCreate,
  ZMyThemeDay,
  ZOk,
  ZThemeDayCreate,
  ZThemeDayDetail,
  ZThemeDayList,
  ZThemeDayListQuery,
  ZThemeDayUpdate,
  ZYearMonth,
} from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createThemeDaysService } from './theme-days.service';

export const themeDayRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createThemeDaysService(ctx);
  const tags = ['主题党日'];
  const params = z.object({ id: ZId });
  app.get('/theme-days', { config: { access: 'themeDays.read' }, schema: { tags, summary: '主题党日列表', querystring: ZThemeDayListQuery, response: { 200: ZThemeDayList } } }, async (req) =>
    service.list(requireActor(req), req.query),
  );
  app.get('/theme-days/rates', { config: { access: 'themeDays.read' }, schema: { tags, summary: '各党支部主题党日参加率', querystring: z.object({ month: ZYearMonth.optional(), orgId: ZId.optional() }), response: { 200: ZAttendanceRates } } }, async (req) =>
    service.rates(requireActor(req), req.query),
  );
  app.post('/theme-days', { config: { access: 'themeDays.write' }, schema: { tags, summary: '安排主题党日', body: ZThemeDayCreate, response: { 200: ZThemeDayDetail } } }, async (req) =>
    service.create(requireActor(req), req.body),
  );
  app.get('/theme-days/:id', { config: { access: 'themeDays.read' }, schema: { tags, summary: '主题党日详情与签到名单', params, response: { 200: ZThemeDayDetail } } }, async (req) =>
    service.get(requireActor(req), req.params.id),
  );
  app.put('/theme-days/:id', { config: { access: 'themeDays.write' }, schema: { tags, summary: '修改主题党日安排', params, body: ZThemeDayUpdate, response: { 200: ZThemeDayDetail } } }, async (req) =>
    service.update(requireActor(req), req.params.id, req.body),
  );
  app.get('/theme-days/:id/check-in-code', { config: { access: 'themeDays.write' }, schema: { tags, summary: '现场签到二维码（短时有效，定时刷新）', params, response: { 200: ZCheckInCode } } }, async (req) =>
    service.code(requireActor(req), req.params.id),
  );
  app.post('/theme-days/:id/attendance', { config: { access: 'themeDays.write' }, schema: { tags, summary: '书记登记或取消出席', params, body: ZAttendanceMark, response: { 200: ZThemeDayDetail } } }, async (req) =>
    service.mark(requireActor(req), req.params.id, req.body),
  );
  app.post('/theme-days/:id/makeup', { config: { access: 'themeDays.write' }, schema: { tags, summary: '登记补学', params, body: ZMakeupCreate, response: { 200: ZThemeDayDetail } } }, async (req) =>
    service.makeup(requireActor(req), req.params.id, req.body),
  );
  app.post('/leave-requests/:id/decision', { config: { access: 'themeDays.write' }, schema: { tags, summary: '审批请假', params, body: ZLeaveDecision, response: { 200: ZOk } } }, async (req) =>
    service.decideLeave(requireActor(req), req.params.id, req.body),
  );
  app.get('/me/theme-day', { config: { access: 'self.read' }, schema: { tags, summary: '本月主题党日与我的签到', response: { 200: ZMyThemeDay } } }, async (req) => service.mine(requireActor(req)));
  app.post('/me/theme-day/check-in', { config: { access: 'self.write' }, schema: { tags, summary: '扫码签到', body: ZCheckIn, response: { 200: ZCheckInResult } } }, async (req) =>
    service.checkIn(requireActor(req), req.body),
  );
  app.post('/me/theme-day/leave', { config: { access: 'self.write' }, schema: { tags, summary: '请假', body: ZLeaveRequestCreate, response: { 200: z.object({ id: ZId }) } } }, async (req) =>
    service.requestLeave(requireActor(req), req.body),
  );
};
