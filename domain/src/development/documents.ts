// The paper documents of member development (公示, 备案表, 预审请示, 支部大会决议, 审批意见, 转正通知), composed from the
// recorded data with the dates filled in. Pure: the server renders the result as a Word document.
import { GENDER_LABELS, EDUCATION_LABELS, type Education } from '../members/member-vocabulary';
import type { IsoDate } from '../calendar/dates';
import { lastOf, type RecordedStep } from './step-rules';
import { stepDef } from './steps';

export const DOCUMENT_KINDS = ['publicity', 'filingForm', 'preReviewRequest', 'branchResolution', 'approval', 'conversionNotice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  publicity: '公示',
  filingForm: '备案表',
  preReviewRequest: '预审请示',
  branchResolution: '支部大会决议',
  approval: '审批意见',
  conversionNotice: '转正通知',
};

/** `birthMonth`: `YYYY-MM` — documents show 出生年月, not the date that, with the region code, rebuilds the ID number. */
export type DocumentPerson = { name: string; gender: 'male' | 'female'; birthMonth: string; education: Education; orgName: string; committeeName: string; formNumber: string | null };
export type DocumentContent = { fileName: string; title: string; paragraphs: string[]; table: string[][] | null; signature: string; date: IsoDate };
export type DocumentResult = { ok: true; doc: DocumentContent } | { ok: false; message: string };

const cn = (d: IsoDate) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** What each publicity is about, by the step it comes before. */
export const PUBLICITY_SUBJECT: Record<number, string> = { 3: '拟确定为入党积极分子', 7: '拟确定为发展对象', 13: '拟接收为预备党员', 23: '拟按期转为正式党员' };

/** Which publicity a file's notice is about by default: the next one to come, or once all are past, the last one. */
export function defaultPublicityStep(currentStep: number, publicitySteps: readonly number[]): number {
  return publicitySteps.find((s) => s > currentStep) ?? [...publicitySteps].reverse().find((s) => s <= currentStep) ?? publicitySteps[0];
}

export function composeDocument(
  kind: DocumentKind,
  p: DocumentPerson,
  history: readonly RecordedStep[],
  opts: { today: IsoDate; publicity?: { step: number; start: IsoDate; end: IsoDate; minWorkingDays?: number }; probationEnd?: IsoDate | null },
): DocumentResult {
  const basics = [
    ['姓名', p.name, '性别', GENDER_LABELS[p.gender]],
    ['出生年月', `${Number(p.birthMonth.slice(0, 4))}年${Number(p.birthMonth.slice(5, 7))}月`, '学历', EDUCATION_LABELS[p.education]],
    ['所在党支部', p.orgName, '入党志愿书编号', p.formNumber ?? '—'],
  ];
  const need = (step: number): RecordedStep | null => lastOf(history, step) ?? null;
  const missing = (step: number): DocumentResult => ({ ok: false, message: `尚未记录第${step}步“${stepDef(step).name}”，不能生成${DOCUMENT_KIND_LABELS[kind]}` });
  const file = (title: string) => `${p.name}-${title}.docx`;
  switch (kind) {
    case 'publicity': {
      const asked = opts.publicity;
      if (!asked || !PUBLICITY_SUBJECT[asked.step]) return { ok: false, message: '请选择要公示的步骤（确定入党积极分子、确定发展对象、接收预备党员或转正）' };
      // A step already recorded carries the publicity that really took place: the notice shows those dates.
      const recorded = lastOf(history, asked.step)?.publicity;
      const pub = recorded ? { ...asked, start: recorded.start, end: recorded.end } : asked;
      const subject = PUBLICITY_SUBJECT[pub.step];
      return {
        ok: true,
        doc: {
          fileName: file(`${subject}公示`),
          title: `关于${p.name}同志${subject}的公示`,
          paragraphs: [
            `经${p.orgName}支部委员会研究，${p.name}同志${subject}，现予以公示。`,
            `公示时间：${cn(pub.start)}至${cn(pub.end)}（不少于${pub.minWorkingDays ?? 5}个工作日）。`,
            '公示期间，党员和群众可通过来信、来电、来访等方式向党支部或上级党委组织部门反映情况。反映问题应实事求是，以真实姓名反映的优先核查。',
          ],
          table: basics,
          signature: `中共${p.orgName.replace(/^中共/, '')}`,
          date: pub.start,
        },
      };
    }
    case 'filingForm': {
      const candidate = need(7);
      const activist = need(3);
      if (!activist) return missing(3);
      const which = candidate ? '发展对象' : '入党积极分子';
      const e = candidate ?? activist;
      return {
        ok: true,
        doc: {
          fileName: file(`${which}备案表`),
          title: `${which}备案表`,
          paragraphs: [`${p.orgName}于${cn(e.date)}经支部委员会研究，确定${p.name}同志为${which}，报${p.committeeName}备案。`],
          table: [...basics, ['递交申请书日期', need(1) ? cn(need(1)!.date) : '—', `确定${which}日期`, cn(e.date)]],
          signature: p.orgName,
          date: e.date,
        },
      };
    }
    case 'preReviewRequest': {
      const review = need(12);
      if (!review) return missing(12);
      const training = need(11);
      return {
        ok: true,
        doc: {
          fileName: file('发展党员预审请示'),
          title: `关于对${p.name}同志进行入党预审的请示`,
          paragraphs: [
            `${p.committeeName}：`,
            `${p.name}同志于${need(1) ? cn(need(1)!.date) : '—'}递交入党申请书，${need(3) ? cn(need(3)!.date) : '—'}被确定为入党积极分子，${need(7) ? cn(need(7)!.date) : '—'}被确定为发展对象。经政治审查合格${training ? `，参加集中培训${training.fields.days}天（${training.fields.hours}学时），考试成绩${training.fields.examScore}分` : ''}。`,
            `支部委员会于${cn(review.date)}审查认为其具备党员条件，现报请预审，请予审查。`,
          ],
          table: basics,
          signature: p.orgName,
          date: review.date,
        },
      };
    }
    case 'branchResolution': {
      const a = need(15);
      if (!a) return missing(15);
      const v = a.fields as Record<string, number>;
      if (v.dueFullMembers === undefined) return { ok: false, message: '该步骤由Excel导入，没有表决票数，不能生成支部大会决议' };
      return {
        ok: true,
        doc: {
          fileName: file('支部大会决议'),
          title: '支部大会决议',
          paragraphs: [
            `${cn(a.date)}，${p.orgName}召开支部大会，讨论${p.name}同志的入党问题。应到会有表决权的正式党员${v.dueFullMembers}名，实到${v.presentFullMembers}名。`,
            `经无记名投票表决，赞成${v.yes + v.writtenYes}票（含因故不能到会党员书面表决${v.writtenYes}票），反对${v.no}票，弃权${v.abstain}票，赞成票超过应到会有表决权正式党员的半数，同意接收${p.name}同志为中共预备党员，报上级党委审批。`,
          ],
          table: null,
          signature: p.orgName,
          date: a.date,
        },
      };
    }
    case 'approval': {
      const a = need(17);
      const assembly = need(15);
      if (!a || !assembly) return missing(17);
      return {
        ok: true,
        doc: {
          fileName: file('审批意见'),
          title: `关于接收${p.name}同志为中共预备党员的批复`,
          paragraphs: [
            `${p.orgName}：`,
            `经${p.committeeName}${cn(a.date)}审批，同意接收${p.name}同志为中共预备党员，预备期一年，自${cn(assembly.date)}支部大会通过之日起计算。`,
            `审批意见：${String(a.fields.decision ?? '同意')}`,
          ],
          table: null,
          signature: p.committeeName,
          date: a.date,
        },
      };
    }
    case 'conversionNotice': {
      const a = need(24);
      const c = need(23);
      if (!a || !c) return missing(24);
      const outcome = c.fields.outcome;
      // After an extension the conversion is not on time; 党龄 starts the day probation ended (细则第三十六条).
      const extended = history.some((h) => h.step === 23 && h.fields.outcome === 'extend');
      const since = opts.probationEnd ? `，党龄自${cn(opts.probationEnd)}算起` : '，党龄自预备期满之日起计算';
      const text = outcome === 'cancel' ? '取消预备党员资格' : `${extended ? '在延长预备期满后' : '按期'}转为中共正式党员${since}`;
      return {
        ok: true,
        doc: {
          fileName: file('转正通知'),
          title: `关于${p.name}同志${outcome === 'cancel' ? '取消预备党员资格' : '转为中共正式党员'}的通知`,
          paragraphs: [`${p.orgName}：`, `${cn(c.date)}支部大会讨论通过，经${p.committeeName}${cn(a.date)}审批，同意${p.name}同志${text}。`],
          table: null,
          signature: p.committeeName,
          date: a.date,
        },
      };
    }
    default:
      return { ok: false, message: '未知的文书类型' };
  }
}
