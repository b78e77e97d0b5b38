// The default duty lists from the seed's report 4 (“四个突出”): "十个一" for six kinds of org, "八个一" for 两新 branches.
// Common items (目标责任书、任务清单、党建例会、全员培训) plus the quarterly items the report names per kind. Editable per year.
import { z } from 'zod';
import { zStr } from '../core/schemas';
import { ZDueRule } from './duty-periods';
import { DUTY_CATEGORIES, DUTY_FREQUENCIES, EVIDENCE_KINDS, type DutyCategory } from './duty-vocabulary';

export const ZEvidenceSpec = z.object({
  kinds: z.array(z.enum(EVIDENCE_KINDS)).min(1, { message: '请至少选择一种佐证材料' }),
  /** What the number means when a count is asked for, e.g. 走访户数. */
  countLabel: zStr().trim().max(20).nullable().default(null),
  minPhotos: z.number().int().min(0).max(20).default(0),
});
export type EvidenceSpec = z.infer<typeof ZEvidenceSpec>;

export const ZTemplateItemFields = z.object({
  title: zStr({ error: '请填写事项名称' }).trim().min(2, { message: '事项名称至少2个字' }).max(60, { message: '事项名称不能超过60个字' }),
  description: zStr().trim().max(500, { message: '说明不能超过500个字' }).default(''),
  frequency: z.enum(DUTY_FREQUENCIES, { error: '请选择频次' }),
  dueRule: ZDueRule,
  evidence: ZEvidenceSpec,
  weight: z.number({ error: '请填写权重' }).int().min(1, { message: '权重为1–10的整数' }).max(10, { message: '权重为1–10的整数' }),
  isKey: z.boolean().default(false),
});
export type TemplateItemFields = z.infer<typeof ZTemplateItemFields>;

/** A default item: `key` stays stable across years so a county's edits can be matched to the default. */
export type DefaultTemplateItem = TemplateItemFields & { key: string };

type Spec = Omit<DefaultTemplateItem, 'description' | 'isKey' | 'evidence' | 'dueRule'> & {
  description?: string;
  isKey?: boolean;
  evidence?: Partial<EvidenceSpec> & { kinds: EvidenceSpec['kinds'] };
  dueRule?: Partial<z.infer<typeof ZDueRule>>;
};
const item = (s: Spec): DefaultTemplateItem => ({
  key: s.key,
  title: s.title,
  description: s.description ?? '',
  frequency: s.frequency,
  dueRule: { monthOfPeriod: s.dueRule?.monthOfPeriod ?? null, day: s.dueRule?.day ?? null },
  evidence: { countLabel: s.evidence?.countLabel ?? null, minPhotos: s.evidence?.minPhotos ?? 0, kinds: s.evidence?.kinds ?? ['text'] },
  weight: s.weight,
  isKey: s.isKey ?? false,
});

// Common to every list (report 4: 签订一份党建目标责任书、制定一份党建任务清单、召开党建工作例会、组织全体党员培训).
const letter = item({ key: 'responsibilityLetter', title: '签订一份党建目标责任书', description: '年初与上级党组织签订党建工作目标责任书，明确书记第一责任人职责。', frequency: 'yearly', dueRule: { monthOfPeriod: 3, day: 31 }, evidence: { kinds: ['file', 'photo'] }, weight: 3, isKey: true });
const taskList = item({ key: 'taskList', title: '制定一份党建任务清单', description: '对照县委组织工作任务清单，制定本单位年度党建任务清单、问题清单、责任清单。', frequency: 'yearly', dueRule: { monthOfPeriod: 2, day: 28 }, evidence: { kinds: ['file'] }, weight: 3, isKey: true });
const meeting = item({ key: 'monthlyMeeting', title: '召开一次党建工作例会', description: '每月研究部署党建工作，记录会议议题和参会人员。', frequency: 'monthly', dueRule: { day: 25 }, evidence: { kinds: ['photo', 'text', 'participants'], minPhotos: 1 }, weight: 2 });
const training = item({ key: 'memberTraining', title: '组织一次全体党员培训', description: '每季度组织全体党员集中学习培训，记录参训人数。', frequency: 'quarterly', evidence: { kinds: ['photo', 'text', 'count'], countLabel: '参训人数', minPhotos: 1 }, weight: 3, isKey: true });
const lecture = item({ key: 'partyLecture', title: '讲一次专题党课', description: '书记每季度为党员讲一次专题党课。', frequency: 'quarterly', evidence: { kinds: ['photo', 'text'], minPhotos: 1 }, weight: 2 });
const themeDay = item({ key: 'themeDay', title: '开展一次主题党日活动', description: '每月“1号活动”主题党日，记录主题和参加人员。', frequency: 'monthly', dueRule: { day: 10 }, evidence: { kinds: ['photo', 'participants'], minPhotos: 1 }, weight: 2 });
const info = item({ key: 'publicity', title: '报送一篇党建信息', description: '每月报送党建工作信息，经单位负责人审定。', frequency: 'monthly', evidence: { kinds: ['text', 'file'] }, weight: 1 });
const talk = item({ key: 'heartToHeart', title: '开展一轮谈心谈话', description: '书记与班子成员、党员开展谈心谈话。', frequency: 'quarterly', dueRule: { monthOfPeriod: 3, day: 20 }, evidence: { kinds: ['text', 'count'], countLabel: '谈话人数' }, weight: 1 });
const lifeMeeting = item({ key: 'lifeMeeting', title: '召开一次组织生活会', description: '年底召开组织生活会，开展民主评议党员。', frequency: 'yearly', dueRule: { monthOfPeriod: 12, day: 31 }, evidence: { kinds: ['file', 'photo', 'participants'] }, weight: 3, isKey: true });
const dutyReport = item({ key: 'dutyReport', title: '进行一次抓党建述职', description: '年底向上级党组织述职抓基层党建工作情况。', frequency: 'yearly', dueRule: { monthOfPeriod: 12, day: 25 }, evidence: { kinds: ['file'] }, weight: 2 });

const base = [letter, taskList, meeting, training, lecture, themeDay, info, talk, lifeMeeting, dutyReport];
// The report's quarterly items per kind replace the generic ones at the end of the list, keeping ten ("十个一").
const withOwn = (own: DefaultTemplateItem[]) => [...base.slice(0, 10 - own.length), ...own];

export const DEFAULT_DUTY_TEMPLATES: Record<DutyCategory, { name: string; items: DefaultTemplateItem[] }> = {
  townCommittee: {
    name: '镇（街道）党（工）委书记抓党建履职“十个一”',
    items: withOwn([
      item({ key: 'secretaryContest', title: '组织一次“谈思路、话发展”赛讲', description: '每季度组织村（社区）党组织书记开展“谈思路、话发展”赛讲活动。', frequency: 'quarterly', evidence: { kinds: ['photo', 'text', 'count'], countLabel: '参赛书记人数', minPhotos: 2 }, weight: 3, isKey: true }),
      item({ key: 'siteVisit', title: '组织一次抓党建促乡村振兴现场观摩', description: '每季度组织一次抓党建促乡村振兴现场观摩会。', frequency: 'quarterly', evidence: { kinds: ['photo', 'text'], minPhotos: 2 }, weight: 3 }),
    ]),
  },
  departmentCommittee: {
    name: '部门党（工）委书记抓党建履职“十个一”',
    items: withOwn([
      item({ key: 'communityVolunteer', title: '组织一次在职党员进社区志愿服务', description: '每季度组织在职党员进社区进网格志愿服务，动员党员到居住地社区报到（双报到）。', frequency: 'quarterly', evidence: { kinds: ['photo', 'text', 'count'], countLabel: '参加党员人数', minPhotos: 1 }, weight: 3, isKey: true }),
    ]),
  },
  agencyBranch: {
    name: '县直机关党支部（党总支）书记抓党建履职“十个一”',
    items: withOwn([
      item({ key: 'modelPost', title: '打造一批“党员示范岗”“党员责任区”', description: '设岗定责，发挥党员先锋模范作用，每季度报告示范岗、责任区开展情况。', frequency: 'quarterly', evidence: { kinds: ['photo', 'text', 'count'], countLabel: '示范岗（责任区）个数' }, weight: 3, isKey: true }),
    ]),
  },
  villageCommittee: {
    name: '村（社区）党组织书记抓党建履职“十个一”',
    items: withOwn([
      item({ key: 'householdVisit', title: '组织“两委”干部开展一次走访', description: '每季度组织村（社区）“两委”干部走访群众，记录走访户数和收集的问题。', frequency: 'quarterly', evidence: { kinds: ['photo', 'text', 'count'], countLabel: '走访户数', minPhotos: 1 }, weight: 3, isKey: true }),
    ]),
  },
  ruralGridBranch: {
    name: '农村网格党支部书记抓党建履职“十个一”',
    items: withOwn([
      item({ key: 'ruralModel', title: '打造一批党员责任路段、示范田、美丽庭院户', description: '每季度报告党员责任路段、党员示范田、党员美丽庭院户创建情况。', frequency: 'quarterly', evidence: { kinds: ['photo', 'text', 'count'], countLabel: '创建个数', minPhotos: 2 }, weight: 3, isKey: true }),
    ]),
  },
  urbanGridBranch: {
    name: '城市网格党支部书记抓党建履职“十个一”',
    items: withOwn([
      item({ key: 'residentForum', title: '搭建一个居民议事平台', description: '每季度通过居民议事平台收集社情民意，解决居民生产生活难题。', frequency: 'quarterly', evidence: { kinds: ['photo', 'text', 'count'], countLabel: '解决问题件数' }, weight: 3, isKey: true }),
    ]),
  },
  twoNewBranch: {
    name: '“两新”党支部书记抓党建履职“八个一”',
    items: [
      letter,
      taskList,
      meeting,
      training,
      themeDay,
      lecture,
      lifeMeeting,
      item({ key: 'modelShop', title: '打造一批“共产党员示范经营户（门店、岗）”', description: '每季度报告“共产党员示范经营户”“示范门店”“示范岗”创建情况。', frequency: 'quarterly', evidence: { kinds: ['photo', 'text', 'count'], countLabel: '示范户（店、岗）个数', minPhotos: 1 }, weight: 3, isKey: true }),
    ],
  },
};

export const ALL_DUTY_CATEGORIES = DUTY_CATEGORIES;
