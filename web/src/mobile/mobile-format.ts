// Small display helpers for the members' phone pages, kept here so those pages do not load the domain package's
// runtime (zod and the pinyin dictionary): only its types are imported.
export const yuan = (fen: number): string => `${Math.floor(Math.abs(fen) / 100) * Math.sign(fen || 1)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
export const stars = (n: number): string => (n > 0 ? '★'.repeat(n) : '—');
export const monthLabel = (month: string): string => `${Number(month.slice(5, 7))}月`;
export const TIER_LABELS: Record<string, string> = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' };
export const CRITERION_LABELS: Record<string, string> = { themeDay: '1号活动', dues: '交纳党费', discipline: '遵规守纪', excellence: '岗位争先', communityCheckIn: '社区报到', report: '汇报情况' };
export const DUES_CATEGORY_SHORT: Record<string, string> = { employee: '在职职工', retiree: '离退休人员', farmer: '农民党员', student: '学生/失业/低保' };
export const REPORT_STATUS: Record<string, { text: string; color: string }> = { submitted: { text: '待审阅', color: 'processing' }, accepted: { text: '已认可', color: 'success' }, returned: { text: '已退回', color: 'error' } };
export const LEAVE_STATUS: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '未批准' };
/** The month now, in China time. */
export const currentMonth = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
