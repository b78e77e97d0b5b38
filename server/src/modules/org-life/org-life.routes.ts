// /api/org-life: meetings (三会一课) with attendance and minutes, the county's frequencies, compliance, warnings,
// heart-to-heart talks and their coverage, training hours; /api/me/org-life: the member's own figures.
import {
  ZBranchRoster,
  ZComplianceQuery,
  ZComplianceReport,
  ZComplianceWarningList,
  ZHoursList,
  ZHoursQuery,
  ZId,
  ZMeetingCreate,
  ZMeetingDetail,
  ZMeetingList,
  ZMeetingListQuery,
  ZMeetingUpdate,
  ZMyOrgLife,
  ZOrgLifeScopeQuery,
  ZOrgLifeSettings,
  ZOrgLifeYearQuery,
  ZTalk,
  ZTalkCoverage,
  ZTalkCreate,
  ZTalkList,
  ZTalkListQuery,
  ZTrainingEntryCreate,
  ZPageQuery,
  zQueryYear,
  ZCheckup,
  ZCheckupCounts,
  ZCheckupInput,
  ZOk,
  ZAppraisalInput,
  ZAppraisalQuery,
  ZAppraisalRound,
  ZLifeMeetingCreate,
  ZCheckupItems,
  ZCheckupItemsInput,
  ZCheckupFollowUpList,
  ZCheckupFollowUpQuery,
  ZLifeMeetingDetail,
  ZLifeMeetingList,
  ZLifeMeetingQuery,
  ZLifeMeetingUpdate,
} from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createOrgLifeService } from './org-life.service';

export const orgLifeRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createOrgLifeService(ctx);
  const tags = ['组织生活'];
  const params = z.object({ id: ZId });
  const read = { access: 'orgLife.read' } as const;
  const write = { access: 'orgLife.write' } as const;

  app.get('/org-life/meetings', { config: read, schema: { tags, summary: '三会一课会议记录列表', querystring: ZMeetingListQuery, response: { 200: ZMeetingList } } }, async (req) => service.list(requireActor(req), req.query));
  app.get('/org-life/roster', { config: read, schema: { tags, summary: '党支部名册（会议签到用，含正式/预备党员与支委）', querystring: z.object({ orgId: ZId.optional() }), response: { 200: ZBranchRoster } } }, async (req) =>
    service.roster(requireActor(req), req.query.orgId),
  );
  app.post('/org-life/meetings', { config: write, schema: { tags, summary: '记录会议（含出席、决议；无法定人数不能形成决议）', body: ZMeetingCreate, response: { 200: ZMeetingDetail } } }, async (req) =>
    service.create(requireActor(req), req.body),
  );
  app.get('/org-life/meetings/:id', { config: read, schema: { tags, summary: '会议记录详情与出席名单', params, response: { 200: ZMeetingDetail } } }, async (req) => service.get(requireActor(req), req.params.id));
  app.put('/org-life/meetings/:id', { config: write, schema: { tags, summary: '修改会议记录', params, body: ZMeetingUpdate, response: { 200: ZMeetingDetail } } }, async (req) =>
    service.update(requireActor(req), req.params.id, req.body),
  );
  app.get('/org-life/meetings/:id/minutes.docx', { config: read, schema: { tags, summary: '会议记录（Word）', params, response: { 200: z.any().describe('Word（.docx）文件') } } }, async (req, reply) =>
    service.minutes(requireActor(req), req.params.id, reply),
  );
  app.get('/org-life/settings', { config: read, schema: { tags, summary: '组织生活频次、学时设置', response: { 200: ZOrgLifeSettings } } }, async (req) => service.getSettings(requireActor(req)));
  app.put('/org-life/settings', { config: { access: 'orgLife.settings' }, schema: { tags, summary: '修改组织生活频次、学时设置（县委组织部）', body: ZOrgLifeSettings, response: { 200: ZOrgLifeSettings } } }, async (req) =>
    service.putSettings(requireActor(req), req.body),
  );
  app.get('/org-life/compliance', { config: read, schema: { tags, summary: '三会一课按期召开情况（各支部、各乡镇）', querystring: ZComplianceQuery, response: { 200: ZComplianceReport } } }, async (req) =>
    service.compliance(requireActor(req), req.query),
  );
  app.get('/org-life/warnings', { config: read, schema: { tags, summary: '逾期未召开预警', querystring: ZOrgLifeScopeQuery, response: { 200: ZComplianceWarningList } } }, async (req) =>
    service.warnings(requireActor(req), req.query),
  );
  app.post('/org-life/talks', { config: write, schema: { tags, summary: '登记谈心谈话', body: ZTalkCreate, response: { 200: ZTalk } } }, async (req) => service.createTalk(requireActor(req), req.body));
  app.get('/org-life/talks', { config: read, schema: { tags, summary: '谈心谈话记录', querystring: ZTalkListQuery, response: { 200: ZTalkList } } }, async (req) => service.talks(requireActor(req), req.query));
  app.get('/org-life/talks/coverage', { config: read, schema: { tags, summary: '谈心谈话覆盖情况与本年未谈话党员', querystring: ZPageQuery.extend({ orgId: ZId.optional(), year: zQueryYear(2000, 2100).optional() }), response: { 200: ZTalkCoverage } } }, async (req) =>
    service.talkCoverageOf(requireActor(req), req.query),
  );
  app.post('/org-life/training-entries', { config: write, schema: { tags, summary: '登记学时（党校培训、网络学习等）', body: ZTrainingEntryCreate, response: { 200: z.object({ id: ZId }) } } }, async (req) =>
    service.createTrainingEntry(requireActor(req), req.body),
  );
  app.get('/org-life/hours', { config: read, schema: { tags, summary: '党员学时台账（可只看未达标）', querystring: ZHoursQuery, response: { 200: ZHoursList } } }, async (req) => service.hours(requireActor(req), req.query));
  app.get('/me/org-life', { config: { access: 'self.read' }, schema: { tags, summary: '我的组织生活与学时', querystring: ZOrgLifeYearQuery, response: { 200: ZMyOrgLife } } }, async (req) => service.mine(requireActor(req), req.query));
  const checkups = { access: 'orgLife.checkups' } as const;
  app.put('/org-life/checkups', { config: checkups, schema: { tags, summary: '记录党性体检结果与跟踪（保密）', body: ZCheckupInput, response: { 200: ZOk } } }, async (req) => service.saveCheckup(requireActor(req), req.body));
  app.get('/org-life/checkups', { config: checkups, schema: { tags, summary: '查看一名党员的党性体检结果（每次查看记入操作日志）', querystring: z.object({ memberId: ZId, year: zQueryYear(2000, 2100) }), response: { 200: ZCheckup } } }, async (req) =>
    service.viewCheckup(requireActor(req), req.query),
  );
  app.get('/org-life/checkups/counts', { config: checkups, schema: { tags, summary: '党性体检各乡镇人数（不含姓名）', querystring: z.object({ orgId: ZId.optional(), year: zQueryYear(2000, 2100).optional() }), response: { 200: ZCheckupCounts } } }, async (req) =>
    service.checkupCounts(requireActor(req), req.query),
  );
  app.get('/org-life/checkup-items', { config: checkups, schema: { tags, summary: '本县党性体检项目（按版本）', response: { 200: ZCheckupItems } } }, async (req) => service.checkupItems(requireActor(req)));
  app.put('/org-life/checkup-items', { config: { access: 'orgLife.settings' }, schema: { tags, summary: '修改党性体检项目（生成新版本，县委组织部）', body: ZCheckupItemsInput, response: { 200: ZCheckupItems } } }, async (req) =>
    service.putCheckupItems(requireActor(req), req.body),
  );
  app.get('/org-life/checkups/follow-ups', { config: checkups, schema: { tags, summary: '党性体检亚健康、不健康人员锻炼整改跟踪（保密，查看记入操作日志）', querystring: ZCheckupFollowUpQuery, response: { 200: ZCheckupFollowUpList } } }, async (req) =>
    service.checkupFollowUps(requireActor(req), req.query),
  );
  app.get('/org-life/appraisals', { config: read, schema: { tags, summary: '民主评议党员：党支部年度评议名单（含星级起点、等次、不合格处置）', querystring: ZAppraisalQuery, response: { 200: ZAppraisalRound } } }, async (req) =>
    service.appraisalRound(requireActor(req), req.query),
  );
  app.put('/org-life/appraisals', { config: write, schema: { tags, summary: '登记民主评议结果（等次须与得票一致，优秀比例受县级设置限制）', body: ZAppraisalInput, response: { 200: ZAppraisalRound.shape.items.element } } }, async (req) =>
    service.saveAppraisal(requireActor(req), req.body),
  );
  app.get('/org-life/life-meetings', { config: read, schema: { tags, summary: '组织生活会记录（准备步骤、召开、整改、通报）', querystring: ZLifeMeetingQuery, response: { 200: ZLifeMeetingList } } }, async (req) =>
    service.lifeMeetings(requireActor(req), req.query),
  );
  app.post('/org-life/life-meetings', { config: write, schema: { tags, summary: '新建组织生活会记录（年度或专题）', body: ZLifeMeetingCreate, response: { 200: ZLifeMeetingDetail } } }, async (req) =>
    service.createLifeMeeting(requireActor(req), req.body),
  );
  app.get('/org-life/life-meetings/:id', { config: read, schema: { tags, summary: '组织生活会详情（含民主评议情况）', params, response: { 200: ZLifeMeetingDetail } } }, async (req) => service.lifeMeeting(requireActor(req), req.params.id));
  app.put('/org-life/life-meetings/:id', { config: write, schema: { tags, summary: '登记组织生活会准备步骤、整改清单与通报', params, body: ZLifeMeetingUpdate, response: { 200: ZLifeMeetingDetail } } }, async (req) =>
    service.updateLifeMeeting(requireActor(req), req.params.id, req.body),
  );
};
