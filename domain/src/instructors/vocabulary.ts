// The instructors' and the two-new registry's fixed vocabularies (codes in English, labels in Chinese).
export const INSTRUCTOR_SOURCES = ['townCadre', 'reserveCadre', 'retiredLeader'] as const;
export type InstructorSource = (typeof INSTRUCTOR_SOURCES)[number];
/** 选 town cadres, 挑 young reserve cadres, 配 retired leaders (report 2). */
export const INSTRUCTOR_SOURCE_LABELS: Record<InstructorSource, string> = { townCadre: '镇街干部（选）', reserveCadre: '年轻后备干部（挑）', retiredLeader: '退休领导干部（配）' };

/** The six duties of an instructor (report 2), the county's default list. */
export const INSTRUCTOR_DUTIES = ['survey', 'buildTogether', 'urgentProblems', 'starRating', 'doubleBuild', 'jointBuild'] as const;
export type InstructorDuty = (typeof INSTRUCTOR_DUTIES)[number];
export const INSTRUCTOR_DUTY_LABELS: Record<InstructorDuty, string> = {
  survey: '摸排',
  buildTogether: '组织建设双同步',
  urgentProblems: '解决急难愁盼',
  starRating: '评星晋级、争创双强',
  doubleBuild: '双建双促',
  jointBuild: '联建共建',
};

/** How an enterprise is covered by a party org: its own (单独组建), joint (联合组建), attached (挂靠), or none. */
export const PARTY_ORG_FORMS = ['own', 'joint', 'attached', 'none'] as const;
export type PartyOrgForm = (typeof PARTY_ORG_FORMS)[number];
export const PARTY_ORG_FORM_LABELS: Record<PartyOrgForm, string> = { own: '单独组建', joint: '联合组建', attached: '挂靠', none: '未建立' };


/** Size bands by employees (for the coverage survey by size). */
export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export const SIZE_BAND_LABELS: Record<SizeBand, string> = { micro: '10人以下', small: '10–49人', medium: '50–199人', large: '200人及以上' };
export function sizeBandOf(employees: number | null): SizeBand {
  const n = employees ?? 0;
  if (n < 10) return 'micro';
  if (n < 50) return 'small';
  if (n < 200) return 'medium';
  return 'large';
}

export const SITE_METHODS = ['qr', 'manual'] as const;
export const MANUAL_ENTRY_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ManualEntryStatus = (typeof MANUAL_ENTRY_STATUSES)[number];
export const MANUAL_ENTRY_STATUS_LABELS: Record<ManualEntryStatus, string> = { pending: '待审核', approved: '已通过', rejected: '未通过' };
export const PROBLEM_STATUSES = ['open', 'solved'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = { open: '跟进中', solved: '已解决' };
