// Whether a step may be recorded on a date: order, time limits, people, votes, publicity — pure, clock passed in.
// A refusal names the rule (with its article) and, where waiting helps, the earliest date the step can happen.
import { addDays, addMonths, nthBirthday, yearsBetween, type IsoDate } from '../calendar/dates';
import type { RelativeFlag } from './relatives';
import { REVIEW_DEPARTMENT_LABELS, type DevelopmentRuleParams } from './rule-set';
import type { Publicity, StepFields } from './step-fields';
import { stepDef, stepLabel } from './steps';
import { checkVote } from './votes';
import { countWorkingDays, workingDayEnd, type WorkingDayCalendar } from './working-days';

export type RecordedStep = { step: number; date: IsoDate; fields: Record<string, unknown>; publicity: Publicity | null };

export type StepAttempt = {
  step: number;
  date: IsoDate;
  fields: Record<string, unknown>;
  publicity: Publicity | null;
  overrideReason: string | null;
};

/** Facts the server looks up for the rules (the rules never read the database). */
export type StepFacts = {
  today: IsoDate;
  rules: DevelopmentRuleParams;
  calendar: WorkingDayCalendar;
  birthDate: IsoDate;
  /** Roster people named in the record (mentors, sponsors): their status and whether under 留党察看. */
  people?: Record<string, { name: string; status: 'full' | 'probationary' | 'none'; disciplined: boolean }>;
  /** The org recording an approval (steps 17, 24). */
  approver?: { type: string; depth: number; name: string; entitled: boolean };
  /** The file's current valid application-form number (一人一号), if issued. */
  formNumber?: string | null;
  /** Full members on the branch's roster (the voters of a branch assembly). */
  branchFullMembers?: number;
  /** Near-relative flags for the officials of this step. */
  relativeFlags?: RelativeFlag[];
};

export type Refusal = { ok: false; code: string; rule: string; message: string; earliestDate: IsoDate | null };
export type StepCheck = { ok: true; warnings: string[] } | Refusal;

const refuse = (code: string, rule: string, message: string, earliestDate: IsoDate | null = null): Refusal => ({ ok: false, code, rule, message, earliestDate });
const earliestText = (d: IsoDate) => `，最早 ${d}`;

export const lastOf = (history: readonly RecordedStep[], step: number): RecordedStep | undefined => {
  for (let i = history.length - 1; i >= 0; i--) if (history[i].step === step) return history[i];
  return undefined;
};

/** The conversion vote that extended probation, if any (extension is allowed once). */
export const extensionOf = (history: readonly RecordedStep[]): number => {
  const ext = history.find((h) => h.step === 23 && h.fields.outcome === 'extend');
  return ext ? Number(ext.fields.extensionMonths ?? 0) : 0;
};

/** Probation ends one year (plus any extension) after the branch assembly that admitted the person (细则第三十二条). */
export function probationEnd(history: readonly RecordedStep[], rules: DevelopmentRuleParams): IsoDate | null {
  const assembly = lastOf(history, 15);
  if (!assembly) return null;
  return addMonths(assembly.date, rules.probationMonths + extensionOf(history));
}

/** The steps that may come next: strictly in order; a repeatable current step may be recorded again; after an
 * extension the higher committee approves it (step 24) and then the conversion is discussed again (step 23). */
export function nextSteps(history: readonly RecordedStep[]): number[] {
  const last = history[history.length - 1];
  if (!last) return [1];
  // An extension voted by the branch goes to the higher committee for approval (细则第三十四条), and after the extended
  // probation the branch discusses the conversion again.
  if (last.step === 24 && lastOf(history, 23)?.fields.outcome === 'extend') return [23];
  if (last.step === 24 && lastOf(history, 23)?.fields.outcome === 'cancel') return [];
  if (last.step >= 25) return [];
  return stepDef(last.step).repeatable ? [last.step, last.step + 1] : [last.step + 1];
}

function checkPublicity(step: number, date: IsoDate, publicity: Publicity | null, f: StepFacts): Refusal | null {
  if (!f.rules.publicitySteps.includes(step)) return null;
  const days = f.rules.publicityMinWorkingDays;
  const rule = `公示不少于${days}个工作日（全程公示制）`;
  if (!publicity) return refuse('DEV_PUBLICITY_MISSING', rule, `${stepLabel(step)}须先公示不少于${days}个工作日，请填写公示起止日期和结果`);
  if (publicity.end < publicity.start) return refuse('DEV_PUBLICITY_DATES', rule, `公示结束日期（${publicity.end}）不能早于开始日期（${publicity.start}）`);
  const n = countWorkingDays(f.calendar, publicity.start, publicity.end);
  const fullEnd = workingDayEnd(f.calendar, publicity.start, days);
  if (n < days) {
    return refuse('DEV_PUBLICITY_TOO_SHORT', rule, `公示期 ${publicity.start} 至 ${publicity.end} 只有${n}个工作日，不足${days}个工作日（节假日不计，调休上班日计入）；自 ${publicity.start} 起公示须至少到 ${fullEnd}${earliestText(addDays(fullEnd, 1))}`, addDays(fullEnd, 1));
  }
  if (date <= publicity.end) {
    return refuse('DEV_PUBLICITY_NOT_ENDED', rule, `公示期满后方可${stepDef(step).name}（公示至 ${publicity.end}）${earliestText(addDays(publicity.end, 1))}`, addDays(publicity.end, 1));
  }
  return null;
}

function checkPeople(ids: string[], f: StepFacts, label: string, rule: string, disciplinedCode: string, article: string): Refusal | null {
  for (const id of ids) {
    const p = f.people?.[id];
    if (!p || p.status === 'none') return refuse('DEV_PERSON_NOT_MEMBER', rule, `${label}须为本县党员名册中的正式党员，所选人员不在名册中`);
    if (p.status !== 'full') return refuse('DEV_PERSON_NOT_FULL', rule, `${label}须为正式党员，${p.name}是预备党员`);
    if (p.disciplined) return refuse(disciplinedCode, rule, `受留党察看处分、尚未恢复党员权利的党员不能作${label}（${article}），${p.name}正在留党察看期内`);
  }
  if (new Set(ids).size !== ids.length) return refuse('DEV_PERSON_DUPLICATE', rule, `${label}不能重复选择同一人`);
  return null;
}

/** Whether `attempt` may be recorded after `history`. */
export function checkStep(history: readonly RecordedStep[], attempt: StepAttempt, f: StepFacts): StepCheck {
  const { step, date } = attempt;
  const r = f.rules;
  const allowed = nextSteps(history);
  if (!allowed.includes(step)) {
    if (allowed.length === 0) return refuse('DEV_FILE_FINISHED', '按程序逐步办理', '该发展档案的全部步骤已办结，不能再记录');
    const names = allowed.map(stepLabel).join('或');
    return refuse('DEV_STEP_OUT_OF_ORDER', '发展党员须按程序逐步办理，不得跳步', `当前应办理${names}，不能办理${stepLabel(step)}`);
  }
  if (date > f.today) return refuse('DEV_STEP_FUTURE', '不能记录尚未发生的步骤', `${stepLabel(step)}的日期（${date}）晚于今天（${f.today}），请在办理后再记录`, date);
  const prev = history[history.length - 1];
  if (prev && date < prev.date) {
    return refuse('DEV_STEP_BEFORE_PREVIOUS', '发展党员须按程序逐步办理', `${stepLabel(step)}的日期不能早于上一步${stepLabel(prev.step)}的日期（${prev.date}）${earliestText(prev.date)}`, prev.date);
  }
  const warnings: string[] = [];
  const application = lastOf(history, 1);
  const fields = attempt.fields;

  switch (step) {
    case 1: {
      if (yearsBetween(f.birthDate, date) < r.minApplicationAge) {
        const earliest = nthBirthday(f.birthDate, r.minApplicationAge);
        return refuse('DEV_TOO_YOUNG', `年满${r.minApplicationAge}周岁方可申请入党（细则第五条）`, `递交入党申请书时须年满${r.minApplicationAge}周岁（出生日期 ${f.birthDate}）${earliestText(earliest)}`, earliest);
      }
      break;
    }
    case 2: {
      const due = addMonths(application!.date, r.talkWithinMonths);
      if (date > due) warnings.push(`党组织应在收到入党申请书后${r.talkWithinMonths}个月内派人谈话（应于 ${due} 前），本次谈话已超期（细则第七条）`);
      break;
    }
    case 3: {
      const earliest = addMonths(application!.date, r.activistMinMonthsAfterApplication);
      if (date < earliest) {
        return refuse('DEV_ACTIVIST_TOO_EARLY', `递交入党申请书满${r.activistMinMonthsAfterApplication}个月后方可确定为入党积极分子（本县规定）`, `递交入党申请书满${r.activistMinMonthsAfterApplication}个月后方可确定为入党积极分子${earliestText(earliest)}`, earliest);
      }
      break;
    }
    case 5: {
      const ids = (fields as StepFields[5]).mentorMemberIds;
      const rule = `培养联系人为${r.mentorsMin}至${r.mentorsMax}名正式党员，受留党察看处分未恢复党员权利的不能作培养联系人（细则第九条）`;
      if (ids.length < r.mentorsMin || ids.length > r.mentorsMax) return refuse('DEV_MENTOR_COUNT', rule, `应指定${r.mentorsMin}至${r.mentorsMax}名正式党员作培养联系人，现选择了${ids.length}名`);
      const bad = checkPeople(ids, f, '培养联系人', rule, 'DEV_MENTOR_DISCIPLINED', '细则第九条');
      if (bad) return bad;
      break;
    }
    case 6: {
      const since = lastOf(history, 6) ?? lastOf(history, 3)!;
      const due = addMonths(since.date, r.assessmentIntervalMonths);
      if (date > due) warnings.push(`培养教育考察应每半年进行一次（应于 ${due} 前），本次考察已超期（细则第十一条）`);
      break;
    }
    case 7: {
      const activist = lastOf(history, 3)!;
      const earliest = addMonths(activist.date, r.candidateMinMonthsAsActivist);
      if (date < earliest) {
        return refuse('DEV_CANDIDATE_TOO_EARLY', `列为入党积极分子满一年后方可确定为发展对象（细则第十三条）`, `列为入党积极分子满一年后方可确定为发展对象${earliestText(earliest)}`, earliest);
      }
      break;
    }
    case 9: {
      const ids = (fields as StepFields[9]).sponsorMemberIds;
      const rule = `入党介绍人为${r.sponsorsRequired}名正式党员，受留党察看处分未恢复党员权利的不能作介绍人（细则第十四条）`;
      if (ids.length !== r.sponsorsRequired) return refuse('DEV_SPONSOR_COUNT', rule, `应确定${r.sponsorsRequired}名正式党员作入党介绍人，现选择了${ids.length}名`);
      const bad = checkPeople(ids, f, '入党介绍人', rule, 'DEV_SPONSOR_DISCIPLINED', '细则第十四条');
      if (bad) return bad;
      break;
    }
    case 10: {
      const v = fields as StepFields[10];
      const rule = '政治审查须形成结论性材料，负面清单情形不能发展（细则第十六条）';
      const missing = r.requiredReviewDepartments.filter((d) => !v.departmentsConsulted.includes(d));
      if (missing.length > 0) return refuse('DEV_REVIEW_DEPARTMENTS', rule, `政治审查须征求${missing.map((d) => REVIEW_DEPARTMENT_LABELS[d]).join('、')}的意见`);
      const hits = v.negativeListHits.map((k) => r.negativeList.find((n) => n.key === k)?.label ?? k);
      if (hits.length > 0) return refuse('DEV_NEGATIVE_LIST', rule, `政治审查发现负面清单情形（${hits.join('；')}），政治审查不合格的不能发展入党（细则第十六条）`);
      break;
    }
    case 11: {
      const v = fields as StepFields[11];
      const rule = `集中培训不少于${r.trainingMinDays}天或${r.trainingMinHours}学时，考试合格（细则第十七条、培训考试制）`;
      if (v.days < r.trainingMinDays && v.hours < r.trainingMinHours) {
        return refuse('DEV_TRAINING_TOO_SHORT', rule, `集中培训${v.days}天、${v.hours}学时，不足${r.trainingMinDays}天或${r.trainingMinHours}学时`);
      }
      if (v.examScore < r.trainingPassScore) return refuse('DEV_TRAINING_EXAM', rule, `培训考试成绩${v.examScore}分，未达到合格分数${r.trainingPassScore}分，须补考合格`);
      break;
    }
    case 13: {
      if ((fields as StepFields[13]).leavingWithinThreeMonths) {
        return refuse('DEV_LEAVING_UNIT', '预审时发展对象未来3个月内将离开工作、学习单位的，一般不办理（细则第十九条）', '发展对象未来3个月内将离开工作、学习单位，不能预审通过，应与其去往单位的党组织做好衔接');
      }
      break;
    }
    case 14: {
      const number = (fields as StepFields[14]).formNumber;
      const rule = '预审合格后发放入党志愿书，一人一号（细则第十九条）';
      if (!f.formNumber) return refuse('DEV_NO_FORM_NUMBER', rule, '尚未发放入党志愿书编号，请先由县委组织部预审并发放编号');
      if (number !== f.formNumber) return refuse('DEV_FORM_NUMBER_MISMATCH', rule, `入党志愿书编号应为发放的 ${f.formNumber}，填写的是 ${number}`);
      break;
    }
    case 15:
    case 23: {
      const vote = fields as StepFields[15];
      const voteRule = '支部大会表决：到会和赞成的有表决权正式党员均须超过应到会人数的半数（细则第二十一条）';
      const roster = checkVoteAgainstRoster(vote, f.branchFullMembers, r.assemblyMinFullMembers, voteRule);
      if (roster) return roster;
      const v = checkVote(vote, r.assemblyMinFullMembers);
      if (!v.ok) return refuse(v.code, voteRule, v.message);
      if (step === 23) {
        const end = probationEnd(history, r)!;
        if (date < end) {
          return refuse('DEV_PROBATION_NOT_ENDED', '预备期满后方可讨论转正，预备期自支部大会通过之日起计算（细则第三十二条）', `预备期至 ${end} 届满，期满后方可讨论转正${earliestText(end)}`, end);
        }
        const c = fields as StepFields[23];
        if (c.outcome === 'extend') {
          const rule = `预备期可延长一次，时间不少于${r.extensionMinMonths}个月、不超过${r.extensionMaxMonths}个月（细则第三十四条）`;
          if (extensionOf(history) > 0) return refuse('DEV_EXTENSION_TWICE', rule, '预备期已延长过一次，不能再次延长，应决定转正或取消预备党员资格');
          const m = c.extensionMonths ?? 0;
          if (m < r.extensionMinMonths || m > r.extensionMaxMonths) return refuse('DEV_EXTENSION_MONTHS', rule, `延长预备期应为${r.extensionMinMonths}至${r.extensionMaxMonths}个月，填写的是${m}个月`);
        }
      }
      break;
    }
    case 17:
    case 24: {
      const a = f.approver;
      const rule17 = '党总支和基层党委下属的党委不能审批发展党员（细则第二十四条）';
      if (!a || !a.entitled) {
        return refuse('DEV_APPROVER_NOT_ENTITLED', rule17, `${a?.name ?? '该组织'}没有审批发展党员的权限（细则第二十四条：党总支和基层党委下属的党委不能审批），应由具有审批权限的县委或乡镇（街道）党（工）委审批`);
      }
      if (step === 17) {
        const assembly = lastOf(history, 15)!;
        const due = addMonths(assembly.date, r.approvalWithinMonths);
        const special = fields as StepFields[17];
        if (date > due) {
          const max = addMonths(assembly.date, r.approvalSpecialMaxMonths);
          const rule = `上级党委应在支部大会后${r.approvalWithinMonths}个月内审批，特殊情况可延长，但不超过${r.approvalSpecialMaxMonths}个月（细则第二十三条）`;
          if (!special.special || !special.specialReason) return refuse('DEV_APPROVAL_LATE', rule, `已超过审批时限（应于 ${due} 前审批）；如属特殊情况，请注明原因，且不得晚于 ${max}`);
          if (date > max) return refuse('DEV_APPROVAL_TOO_LATE', rule, `特殊情况审批也不得晚于 ${max}，已超期`);
          warnings.push(`超过${r.approvalWithinMonths}个月审批（特殊情况：${special.specialReason}）`);
        }
      } else {
        const conv = lastOf(history, 23)!;
        const due = addMonths(conv.date, r.conversionApprovalWithinMonths);
        if (date > due) warnings.push(`上级党委应在${r.conversionApprovalWithinMonths}个月内审批转正（应于 ${due} 前），本次审批已超期（细则第三十五条）`);
      }
      break;
    }
    case 25: {
      const have = (fields as StepFields[25]).checklist;
      const missing = r.archiveChecklist.filter((c) => !have.includes(c));
      if (missing.length > 0) return refuse('DEV_ARCHIVE_INCOMPLETE', '发展党员材料须完整归档（细则第三十七条）', `归档材料不全，缺少：${missing.join('、')}`);
      break;
    }
    default:
      break;
  }

  const pub = checkPublicity(step, date, attempt.publicity, f);
  if (pub) return pub;

  if (f.relativeFlags && f.relativeFlags.length > 0 && !attempt.overrideReason) {
    return refuse('DEV_NEAR_RELATIVE', '防止近亲属违规入党', `${f.relativeFlags.map((x) => x.message).join('；')}，须说明理由后方可继续`);
  }
  if (f.relativeFlags && f.relativeFlags.length > 0) warnings.push(`近亲属情形已说明理由：${attempt.overrideReason}`);
  return { ok: true, warnings };
}

/** Whether an event's fields mark a branch assembly vote that did not pass (recorded, but not a step done). */
export const isFailedVote = (fields: Record<string, unknown>): boolean => fields.voteFailed === true;

/**
 * A branch assembly vote (step 15 admission, step 23 conversion) that did not pass is recorded as an outcome with its
 * counts; it does not advance the file. The meeting must have been valid (branch large enough, counts consistent,
 * quorum present) — an invalid meeting is not a vote at all — and the yes votes must really be ≤ half of those due.
 * After a failed admission vote the person stays a 发展对象 at step 14 (the branch may discuss again later, or end the
 * file); after a failed conversion vote the file stays at step 22 and the branch must discuss again (extension or
 * cancellation) — the conversion deadline keeps running.
 */
export function checkFailedVote(history: readonly RecordedStep[], attempt: { step: number; date: IsoDate; fields: Record<string, unknown> }, f: StepFacts): StepCheck {
  const { step, date } = attempt;
  const r = f.rules;
  if (step !== 15 && step !== 23) return refuse('DEV_NOT_A_VOTE', '支部大会表决', `只有第15步“支部大会讨论”和第23步“支部大会讨论转正”可以记录表决未通过`);
  if (!nextSteps(history).includes(step)) {
    return refuse('DEV_STEP_OUT_OF_ORDER', '发展党员须按程序逐步办理，不得跳步', `当前不能办理${stepLabel(step)}，不能记录其表决结果`);
  }
  if (date > f.today) return refuse('DEV_STEP_FUTURE', '不能记录尚未发生的步骤', `支部大会的日期（${date}）晚于今天（${f.today}），请在会后再记录`, date);
  const prev = history[history.length - 1];
  if (prev && date < prev.date) {
    return refuse('DEV_STEP_BEFORE_PREVIOUS', '发展党员须按程序逐步办理', `支部大会的日期不能早于上一步${stepLabel(prev.step)}的日期（${prev.date}）${earliestText(prev.date)}`, prev.date);
  }
  const vote = attempt.fields as unknown as StepFields[15];
  const voteRule = '支部大会表决：到会和赞成的有表决权正式党员均须超过应到会人数的半数（细则第二十一条）';
  const roster = checkVoteAgainstRoster(vote, f.branchFullMembers, r.assemblyMinFullMembers, voteRule);
  if (roster) return roster;
  if (step === 23) {
    const end = probationEnd(history, r)!;
    if (date < end) return refuse('DEV_PROBATION_NOT_ENDED', '预备期满后方可讨论转正（细则第三十二条）', `预备期至 ${end} 届满，期满后方可讨论转正${earliestText(end)}`, end);
  }
  const v = checkVote(vote, r.assemblyMinFullMembers);
  if (v.ok) return refuse('DEV_VOTE_PASSED', voteRule, `赞成票${v.totalYes}票，已超过应到会${vote.dueFullMembers}人的半数，表决已通过，请按通过记录${stepLabel(step)}`);
  if (v.code !== 'DEV_VOTE_NOT_PASSED') return refuse(v.code, voteRule, `${v.message}；会议无效的不能作为表决未通过记录`);
  const stays = step === 15 ? '仍为发展对象，停留在第14步，可在条件成熟时再次提交支部大会讨论或终止发展' : '停留在第22步，支部大会须再次讨论（延长预备期或取消预备党员资格）';
  return { ok: true, warnings: [`${v.message}；${stays}`] };
}

/**
 * The assembly's 应到会 against the branch roster: at least the minimum full members; not more than the roster's full
 * members; and fewer only with a note naming who is not counted and why (e.g. 受留党察看处分、经批准长期外出), so a
 * branch of 50 cannot enter 4 and pass with 3 votes.
 */
function checkVoteAgainstRoster(vote: StepFields[15], branchFullMembers: number | undefined, minFullMembers: number, voteRule: string): StepCheck | null {
  if (branchFullMembers === undefined) return null;
  if (branchFullMembers < minFullMembers) {
    return refuse('DEV_ASSEMBLY_TOO_SMALL', voteRule, `该党支部名册中正式党员只有${branchFullMembers}人，不足${minFullMembers}人，不能召开支部大会讨论，应由上级党组织派人帮助（细则第二十一条）`);
  }
  if (vote.dueFullMembers > branchFullMembers) {
    return refuse('DEV_VOTE_INCONSISTENT', voteRule, `应到会有表决权的正式党员（${vote.dueFullMembers}人）不能多于支部名册中的正式党员人数（${branchFullMembers}人）`);
  }
  if (vote.dueFullMembers < branchFullMembers && !vote.dueExclusionNote?.trim()) {
    const missing = branchFullMembers - vote.dueFullMembers;
    return refuse('DEV_VOTE_DUE_UNEXPLAINED', voteRule, `支部名册中有正式党员${branchFullMembers}人，应到会只填写了${vote.dueFullMembers}人：请在“未计入应到会人数的党员及原因”中写明这${missing}名党员及原因（如受留党察看处分、经批准长期外出）`);
  }
  return null;
}
