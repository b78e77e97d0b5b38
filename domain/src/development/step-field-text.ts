// How a recorded step's field reads on the timeline: labels instead of codes, names instead of member ids.
import { CONVERSION_OUTCOME_LABELS, RECOMMENDATION_SOURCE_LABELS } from './step-fields';
import { REVIEW_DEPARTMENT_LABELS } from './rule-set';

export type FieldTextContext = {
  /** Names of the roster members named in the file (mentors, sponsors), by member id. */
  people?: Record<string, string>;
  negativeList?: readonly { key: string; label: string }[];
  /** Names of the branch's party groups (党小组), by org id. */
  groups?: Record<string, string>;
};

const labelOf = (labels: Record<string, string>, code: unknown) => labels[String(code)] ?? String(code);

/** The text of one field of a step record (null when there is nothing to show). */
export function stepFieldText(name: string, value: unknown, ctx: FieldTextContext = {}): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return '无';
    switch (name) {
      case 'mentorMemberIds':
      case 'sponsorMemberIds':
        return value.map((id) => ctx.people?.[String(id)] ?? '（已不在名册）').join('、');
      case 'recommendations':
        return value.map((v) => labelOf(RECOMMENDATION_SOURCE_LABELS, v)).join('、');
      case 'departmentsConsulted':
        return value.map((v) => labelOf(REVIEW_DEPARTMENT_LABELS, v)).join('、');
      case 'negativeListHits':
        return value.map((k) => ctx.negativeList?.find((n) => n.key === k)?.label ?? String(k)).join('；');
      default:
        return value.map(String).join('、');
    }
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (name === 'outcome' || name === 'proposal') return labelOf(CONVERSION_OUTCOME_LABELS, value);
  if (name === 'groupId') return ctx.groups?.[String(value)] ?? '党小组';
  if (name === 'extensionMonths') return `${String(value)}个月`;
  return String(value);
}
