// Party discipline on the roster (党纪处分, 《中国共产党纪律处分条例》): 警告、严重警告、撤销党内职务、留党察看、开除党籍.
// A member under 留党察看 has no voting, election or candidacy rights until restored, and may not sponsor or mentor
// someone joining the party (细则第十四条). 留党察看 lasts one or two years (党章第四十条), so it carries an end date.
import { z } from 'zod';
import { ZIsoDate, zStr } from '../core/schemas';
import { addYears, type IsoDate } from '../calendar/dates';

export const DISCIPLINE_KINDS = ['warning', 'seriousWarning', 'removalFromPost', 'probation', 'expulsion'] as const;
export type DisciplineKind = (typeof DISCIPLINE_KINDS)[number];
export const DISCIPLINE_KIND_LABELS: Record<DisciplineKind, string> = {
  warning: '警告',
  seriousWarning: '严重警告',
  removalFromPost: '撤销党内职务',
  probation: '留党察看',
  expulsion: '开除党籍',
};

/** 留党察看 lasts at most two years (党章第四十条). */
export const DISCIPLINE_PROBATION_MAX_YEARS = 2;

export const ZDisciplineInput = z.object({
  kind: z.enum(DISCIPLINE_KINDS, { error: '请选择处分种类' }),
  startDate: ZIsoDate,
  endDate: ZIsoDate.nullable().default(null),
  reason: zStr({ error: '请填写处分事由' }).trim().min(1, '请填写处分事由').max(1000, '处分事由过长'),
  decidedBy: zStr({ error: '请填写作出处分决定的组织' }).trim().min(1, '请填写作出处分决定的组织').max(100, '决定机关名称过长'),
});
export type DisciplineInput = z.infer<typeof ZDisciplineInput>;

export const ZDiscipline = ZDisciplineInput.extend({
  id: z.string(),
  memberId: z.string(),
  /** In force on today's date (for 留党察看: between start and end). */
  active: z.boolean(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type Discipline = z.infer<typeof ZDiscipline>;
export const ZDisciplineList = z.object({ items: z.array(ZDiscipline), underProbation: z.boolean() });
export const ZDisciplineRevoke = z.object({ reason: zStr({ error: '请填写撤销原因' }).trim().min(1, '请填写撤销原因').max(500) });

export type DisciplineIssue = { path: string; message: string };

/** Cross-field checks of a discipline record: 留党察看 needs an end date within two years; dates in order; not in the future. */
export function checkDisciplineInput(input: DisciplineInput, today: IsoDate): DisciplineIssue[] {
  const issues: DisciplineIssue[] = [];
  if (input.startDate > today) issues.push({ path: 'startDate', message: `处分决定日期（${input.startDate}）不能晚于今天（${today}）` });
  if (input.endDate && input.endDate < input.startDate) issues.push({ path: 'endDate', message: `察看期满日期（${input.endDate}）不能早于处分开始日期（${input.startDate}）` });
  if (input.kind === 'probation') {
    const max = addYears(input.startDate, DISCIPLINE_PROBATION_MAX_YEARS);
    if (!input.endDate) issues.push({ path: 'endDate', message: '留党察看须填写察看期满日期（察看期为一年或二年）' });
    else if (input.endDate > max) issues.push({ path: 'endDate', message: `留党察看期最长不超过二年（党章第四十条），察看期满日期最晚为 ${max}` });
  }
  return issues;
}

export type DisciplineRecord = { kind: DisciplineKind; startDate: IsoDate; endDate: IsoDate | null; revoked: boolean };

/** Whether a record is in force on `on`: started, not revoked, and (if it has an end) not yet ended. */
export const disciplineActive = (d: DisciplineRecord, on: IsoDate): boolean =>
  !d.revoked && d.startDate <= on && (d.endDate === null || on < d.endDate);

/** Under 留党察看 on `on` (rights not yet restored): the sponsor and mentor rules refuse such a member. */
export const underDisciplineProbation = (records: readonly DisciplineRecord[], on: IsoDate): boolean =>
  records.some((d) => d.kind === 'probation' && disciplineActive(d, on));
