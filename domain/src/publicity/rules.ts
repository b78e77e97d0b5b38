// Party-building publicity (党建信息宣传, DOMAIN.md §9, seed report 8): the adoption-level points table, author shares,
// an item's points, competition rankings of units and people, the quarterly notice's praise and below-the-line lists,
// and the item's status machine (谁报送、谁审核、谁负责). Points are kept in hundredths (centi-points) so that
// shares divide them exactly: an item worth 5 points shared 60/40 gives 300 and 200.
import { DomainError, invalid } from '../core/errors';


export const PUBLICITY_LEVELS = ['county', 'city', 'province', 'national'] as const;
export type PublicityLevel = (typeof PUBLICITY_LEVELS)[number];
export const PUBLICITY_LEVEL_LABELS: Record<PublicityLevel, string> = {
  county: '县级平台',
  city: '市级媒体',
  province: '省级媒体',
  national: '国家级媒体',
};

/** The county's points per level (a versioned table: each adoption records the version it was scored under). */
export type LevelTable = { version: number; points: Record<PublicityLevel, number> };
export const DEFAULT_LEVEL_POINTS: Record<PublicityLevel, number> = { county: 1, city: 3, province: 5, national: 10 };

/** A level table must rise with the level (a higher outlet never earns less) and stay within 0–1000 points. */
export function levelTableProblems(points: Record<PublicityLevel, number>): string[] {
  const problems: string[] = [];
  PUBLICITY_LEVELS.forEach((l, i) => {
    const p = points[l];
    if (!Number.isFinite(p) || p < 0 || p > 1000 || Math.round(p * 100) !== p * 100) problems.push(`${PUBLICITY_LEVEL_LABELS[l]}的分值应在 0 至 1000 之间，最多两位小数`);
    else if (i > 0 && p < points[PUBLICITY_LEVELS[i - 1]]) problems.push(`${PUBLICITY_LEVEL_LABELS[l]}的分值不能低于${PUBLICITY_LEVEL_LABELS[PUBLICITY_LEVELS[i - 1]]}`);
  });
  return problems;
}

export const levelRank = (l: PublicityLevel): number => PUBLICITY_LEVELS.indexOf(l);

/**
 * An item adopted at several levels (county platform first, then raised when the province publishes it) counts its
 * HIGHEST level once, not the sum: the same article is not paid twice. Each adoption is scored with the table version
 * it was recorded under. Returns centi-points; no adoption → 0.
 */
export function itemCentiPoints(adoptions: readonly { level: PublicityLevel; points: number }[]): number {
  let best = 0;
  for (const a of adoptions) best = Math.max(best, Math.round(a.points * 100));
  return best;
}

/** The highest level among an item's adoptions, or null. */
export function highestLevel(levels: readonly PublicityLevel[]): PublicityLevel | null {
  let best: PublicityLevel | null = null;
  for (const l of levels) if (best === null || levelRank(l) > levelRank(best)) best = l;
  return best;
}

export type AuthorShare = { memberId: string; share: number };

/** Shares are whole percents, each 1–100, one per person, adding up to exactly 100. */
export function shareProblems(authors: readonly AuthorShare[]): string[] {
  if (authors.length === 0) return ['请至少填写一位作者'];
  const problems: string[] = [];
  const seen = new Set<string>();
  authors.forEach((a, i) => {
    if (!Number.isInteger(a.share) || a.share < 1 || a.share > 100) problems.push(`第${i + 1}位作者的分成应为 1 至 100 的整数（百分比）`);
    if (seen.has(a.memberId)) problems.push(`第${i + 1}位作者重复填写`);
    seen.add(a.memberId);
  });
  const total = authors.reduce((s, a) => s + a.share, 0);
  if (problems.length === 0 && total !== 100) problems.push(`作者分成合计应为 100%，现为 ${total}%`);
  return problems;
}

export function assertShares(authors: readonly AuthorShare[]): void {
  const p = shareProblems(authors);
  if (p.length > 0) throw invalid(`作者分成有误：${p.join('；')}`, p.map((message) => ({ path: 'authors', message })), 'PUBLICITY_SHARES');
}

/**
 * Splits an item's centi-points among its authors by share. Rounded down each, and the remainder of the rounding goes
 * to the first authors in order, so the parts always add up to the whole.
 */
export function splitByShares(centi: number, authors: readonly AuthorShare[]): { memberId: string; centi: number }[] {
  const parts = authors.map((a) => ({ memberId: a.memberId, centi: Math.floor((centi * a.share) / 100) }));
  let rest = centi - parts.reduce((s, p) => s + p.centi, 0);
  for (let i = 0; rest > 0 && parts.length > 0; i = (i + 1) % parts.length, rest--) parts[i].centi++;
  return parts;
}

/** Competition ranking ("1224"): equal points share a rank, the next rank skips. Sorted by points, then by name. */
export function rankByPoints<T extends { centi: number; name: string }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.centi - a.centi || a.name.localeCompare(b.name, 'zh-CN'));
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || r.centi !== sorted[i - 1].centi) rank = i + 1;
    return { ...r, rank };
  });
}

/** The county's thresholds for the quarterly notice. */
export type NoticeThresholds = { praiseUnits: number; praisePeople: number; minUnitPoints: number };
export const DEFAULT_NOTICE_THRESHOLDS: NoticeThresholds = { praiseUnits: 5, praisePeople: 10, minUnitPoints: 3 };


/**
 * The quarterly notice: praised are the ranked rows within the top N ranks that earned something (ties at the cut all
 * praised); below the line are the units whose quarter points are under the county's minimum (约谈后进), the lowest first.
 */
export function quarterlyNotice<U extends { centi: number; name: string }, P extends { centi: number; name: string }>(
  units: readonly U[],
  people: readonly P[],
  t: NoticeThresholds,
) {
  const rankedUnits = rankByPoints(units);
  const rankedPeople = rankByPoints(people);
  return {
    praisedUnits: rankedUnits.filter((u) => u.rank <= t.praiseUnits && u.centi > 0),
    praisedPeople: rankedPeople.filter((p) => p.rank <= t.praisePeople && p.centi > 0),
    belowLine: rankedUnits.filter((u) => u.centi < Math.round(t.minUnitPoints * 100)).reverse(),
  };
}

export const PUBLICITY_STATUSES = ['draft', 'submitted', 'returned', 'signed', 'adopted', 'declined'] as const;
export type PublicityStatus = (typeof PUBLICITY_STATUSES)[number];
export const PUBLICITY_STATUS_LABELS: Record<PublicityStatus, string> = {
  draft: '草稿',
  submitted: '待负责人审签',
  returned: '已退回修改',
  signed: '已审签待采用',
  adopted: '已采用',
  declined: '未采用',
};
export type PublicityAction = 'edit' | 'submit' | 'approve' | 'return' | 'adopt' | 'decline' | 'raise';
const ACTION_LABELS: Record<PublicityAction, string> = { edit: '修改', submit: '送审', approve: '审签通过', return: '退回', adopt: '采用', decline: '不予采用', raise: '提升采用级别' };

const TRANSITIONS: Record<PublicityAction, Partial<Record<PublicityStatus, PublicityStatus>>> = {
  edit: { draft: 'draft', returned: 'returned' },
  submit: { draft: 'submitted', returned: 'submitted' },
  approve: { submitted: 'signed' },
  return: { submitted: 'returned' },
  adopt: { signed: 'adopted' },
  decline: { signed: 'declined' },
  raise: { adopted: 'adopted' },
};

/** The status after an action, or a Chinese refusal naming the step (an unsigned item cannot be adopted, ...). */
export function nextStatus(status: PublicityStatus, action: PublicityAction): PublicityStatus {
  const to = TRANSITIONS[action][status];
  if (to) return to;
  const hint =
    action === 'adopt' || action === 'decline'
      ? status === 'submitted' || status === 'draft' || status === 'returned'
        ? '：稿件尚未经单位负责人审签，不能报送县委组织部处理'
        : ''
      : action === 'raise'
        ? '：只有已采用的稿件才能提升采用级别'
        : '';
  throw new DomainError('PUBLICITY_STEP', `稿件当前为“${PUBLICITY_STATUS_LABELS[status]}”，不能${ACTION_LABELS[action]}${hint}`, { kind: 'rule' });
}

/** 谁审核谁负责: the one who wrote the item never signs it off. */
export function assertNotOwnSignOff(writerAccountId: string, signerAccountId: string): void {
  if (writerAccountId === signerAccountId) throw new DomainError('PUBLICITY_OWN_SIGNOFF', '不能审签自己报送的稿件，须由单位其他负责人审签', { kind: 'forbidden' });
}
