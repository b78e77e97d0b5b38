// Display helpers shared by the screens: labels for codes, dates, the field names of the member record.
import {
  auditActionLabel,
  MEMBER_MONTHLY_AUDIT_FIELD_LABELS,
  EDUCATION_LABELS,
  GENDER_LABELS,
  MEMBER_CATEGORY_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  OCCUPATION_LABELS,
  ORG_TYPE_LABELS,
  SECTOR_LABELS,
  GRID_KIND_LABELS,
  MEMBER_FIELD_LABELS,
  ROLE_LABELS,
} from '@yanzhen/domain';
import dayjs from 'dayjs';

export const label = <K extends string>(labels: Record<K, string>, code: string | null | undefined): string =>
  code ? ((labels as Record<string, string>)[code] ?? code) : '—';

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export const formatDateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

export const todayIso = () => dayjs().format('YYYY-MM-DD');

/** Chinese names of record fields, for history and audit entries: the domain's member labels plus a few more. */
export const FIELD_LABELS: Record<string, string> = {
  ...MEMBER_MONTHLY_AUDIT_FIELD_LABELS,
  ...MEMBER_FIELD_LABELS,
  orgName: '所在支部',
  leftAt: '离开日期',
  displayName: '姓名',
  username: '用户名',
  role: '角色',
  disabled: '停用',
  locked: '锁定',
  mustChangePassword: '须修改密码',
  passwordMaxAgeDays: '密码有效期（天）',
  shortName: '简称',
  type: '组织类型',
  sector: '所属领域',
  gridKind: '网格类型',
  foundedOn: '成立日期',
  parentId: '上级组织',
  secretaryMemberId: '书记',
  committeeMemberIds: '委员',
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  gender: GENDER_LABELS,
  education: EDUCATION_LABELS,
  occupation: OCCUPATION_LABELS,
  status: MEMBERSHIP_STATUS_LABELS,
  categories: MEMBER_CATEGORY_LABELS,
  type: ORG_TYPE_LABELS,
  sector: SECTOR_LABELS,
  gridKind: GRID_KIND_LABELS,
  role: ROLE_LABELS,
};

/** A changed value as a person reads it: codes as labels, lists joined, empty as “（空）”. */
export function formatChangeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  const labels = VALUE_LABELS[field];
  if (Array.isArray(value)) return value.length ? value.map((v) => (labels ? (labels[String(v)] ?? String(v)) : String(v))).join('、') : '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' && labels) return labels[value] ?? value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export { AUDIT_ACTION_LABELS, AUDIT_ENTITY_TYPE_LABELS, auditEntityTypeLabel } from '@yanzhen/domain';
export const actionLabel = auditActionLabel;
