// 职工评议 (staff ratings) of the year-end assessment: employees of the enterprise rate their instructor from a phone
// page with a one-time code. Report 2 names the method (职工评议) but no items, so the county's default items are
// 工作态度、业务能力、服务成效、廉洁自律, each answered 满意 / 基本满意 / 不满意 (100 / 60 / 0 points). A vote's score is
// the mean of its items; the component score is the mean of the votes, counted only from STAFF_RATING_MIN_VOTES votes
// (below that nobody sees it, so no single rater's answers show through an aggregate or the assessment).
export const STAFF_RATING_LEVELS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type StaffRatingLevel = (typeof STAFF_RATING_LEVELS)[number];
export const STAFF_RATING_LEVEL_LABELS: Record<StaffRatingLevel, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };
export const STAFF_RATING_LEVEL_POINTS: Record<StaffRatingLevel, number> = { satisfied: 100, basic: 60, unsatisfied: 0 };

export const DEFAULT_STAFF_RATING_ITEMS = ['工作态度', '业务能力', '服务成效', '廉洁自律'] as const;
/** Aggregates (and the assessment's component) exist only from this many votes on. */
export const STAFF_RATING_MIN_VOTES = 3;
/** Wrong, used or expired codes tried from one address within LOGIN_BLOCK_MINUTES before it must wait (like login). */
export const STAFF_RATING_ATTEMPT_LIMIT = 20;
export const STAFF_RATING_MAX_CODES = 300;

/** The county's setting `instructors.staffRating`; `version` rises with each change and is kept on every batch of codes. */
export type StaffRatingSettings = { version: number; items: string[]; validityDays: number };
export const DEFAULT_STAFF_RATING_SETTINGS: StaffRatingSettings = { version: 0, items: [...DEFAULT_STAFF_RATING_ITEMS], validityDays: 30 };

/** Problems of a list of items: 2–8 items, each 2–20 characters, no two alike. */
export function checkStaffRatingItems(items: readonly string[]): string[] {
  const issues: string[] = [];
  if (items.length < 2 || items.length > 8) issues.push(`评议项目应为 2 到 8 项（现为 ${items.length} 项）`);
  items.forEach((it, k) => {
    const t = it.trim();
    if (t.length < 2 || t.length > 20) issues.push(`第${k + 1}项“${t}”应为 2 到 20 个字`);
  });
  const seen = new Set<string>();
  for (const it of items.map((x) => x.trim())) {
    if (seen.has(it)) issues.push(`评议项目“${it}”重复`);
    seen.add(it);
  }
  return issues;
}

// ---- one-time codes ----
/** No 0/O, 1/I/L: a code is read off paper and typed on a phone. */
export const RATING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RATING_CODE_LENGTH = 10;

/**
 * A random code from a source of random bytes (rejection sampling keeps every character equally likely):
 * 31^10 ≈ 8·10^14 codes, so guessing one at 20 attempts per address and quarter hour is hopeless.
 */
export function ratingCodeFrom(randomBytes: (n: number) => Uint8Array): string {
  const n = RATING_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < RATING_CODE_LENGTH) {
    for (const b of randomBytes(RATING_CODE_LENGTH * 2)) {
      if (b >= limit) continue;
      out += RATING_CODE_ALPHABET[b % n];
      if (out.length === RATING_CODE_LENGTH) break;
    }
  }
  return out;
}

/** As printed: two groups of five (ABCDE-FGHJK). */
export const formatRatingCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** The code as typed (any case, spaces, dashes) in its stored form, or null when it cannot be a code. */
export function normalizeRatingCode(input: string): string | null {
  const c = input.toUpperCase().replace(/[\s\-－—_]/g, '');
  if (c.length !== RATING_CODE_LENGTH) return null;
  for (const ch of c) if (!RATING_CODE_ALPHABET.includes(ch)) return null;
  return c;
}

export type RatingCodeState = { usedOn: string | null; expiresAt: Date };
/** Why a code cannot be used now (null: it can). Used wins over expired: a used code says so after it expires too. */
export function ratingCodeRefusal(c: RatingCodeState, now: Date): 'used' | 'expired' | null {
  if (c.usedOn) return 'used';
  if (now.getTime() >= c.expiresAt.getTime()) return 'expired';
  return null;
}

// ---- votes and the aggregate ----
/** Problems of a vote's answers against the batch's items: one answer per item, each a known level. */
export function checkRatingAnswers(items: readonly string[], answers: readonly string[]): string[] {
  if (answers.length !== items.length) return [`请对全部 ${items.length} 个评议项目作出评价（已评 ${answers.length} 项）`];
  const issues: string[] = [];
  answers.forEach((a, k) => {
    if (!(STAFF_RATING_LEVELS as readonly string[]).includes(a)) issues.push(`“${items[k]}”的评价应为满意、基本满意或不满意`);
  });
  return issues;
}

/** A vote's score in tenths of a point: the mean of its items' points, rounded half up. */
export function ratingVoteTenths(answers: readonly StaffRatingLevel[]): number {
  if (answers.length === 0) throw new RangeError('评议至少有一项');
  const sum = answers.reduce((n, a) => n + STAFF_RATING_LEVEL_POINTS[a], 0);
  return Math.round((sum * 10) / answers.length);
}

export type StaffRatingAggregate = {
  votes: number;
  /** Whether the aggregate may be shown (and counts in the assessment): at least STAFF_RATING_MIN_VOTES votes. */
  visible: boolean;
  /** The mean of the votes in tenths (null below the minimum). */
  scoreTenths: number | null;
  /** The assessment's 职工评议 component, 0–100 whole points (null below the minimum). */
  componentScore: number | null;
};

/** The aggregate of a year's votes (their scores in tenths). */
export function staffRatingAggregate(voteTenths: readonly number[], minVotes = STAFF_RATING_MIN_VOTES): StaffRatingAggregate {
  const votes = voteTenths.length;
  if (votes < minVotes || votes === 0) return { votes, visible: false, scoreTenths: null, componentScore: null };
  const sum = voteTenths.reduce((n, v) => n + v, 0);
  return { votes, visible: true, scoreTenths: Math.round(sum / votes), componentScore: Math.round(sum / votes / 10) };
}

/**
 * The 职工评议 component of an assessment: the votes' score once the minimum is reached (it replaces a hand entry);
 * below it, the score entered by hand, which is then required.
 */
export function staffRatingComponent(agg: StaffRatingAggregate, entered: number | undefined): { score: number; fromVotes: boolean } | null {
  if (agg.componentScore !== null) return { score: agg.componentScore, fromVotes: true };
  if (entered === undefined) return null;
  return { score: entered, fromVotes: false };
}
