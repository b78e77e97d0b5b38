// The home dashboard: totals and structure of the members and orgs under one org, computed from grouped queries.
import {
  AGE_BAND_LABELS,
  COLLEGE_EDUCATIONS,
  EDUCATIONS,
  EDUCATION_LABELS,
  GENDERS,
  GENDER_LABELS,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_STATUS_LABELS,
  ORG_TYPES,
  ORG_TYPE_LABELS,
  SECTORS,
  SECTOR_LABELS,
  ageBandBirthRanges,
  invalid,
  notFound,
  toChinaDate,
  youthBornAfter,
  ZDashboardSummary,
  type DashboardBucket,
  type DashboardSummary,
  type Education,
} from '@yanzhen/domain';
import { orgInScope, requirePermission, type Actor } from '../../core/actor';
import type { AppContext } from '../../core/context';
import { createCountyCache } from '../../core/read-cache';
import { orgsRepository } from '../orgs/orgs.repository';
import { dashboardRepository } from './dashboard.repository';

export const JOIN_YEARS = 10;

/** One bucket per key of a closed list, zeros included, in the list's order. */
const buckets = <K extends string>(keys: readonly K[], labels: Record<K, string>, count: (k: K) => number): DashboardBucket[] =>
  keys.map((key) => ({ key, label: labels[key], count: count(key) }));

export function createDashboardService(ctx: AppContext) {
  // The serialized summary per (org, China date), dropped when a write in the county succeeds.
  const cache = createCountyCache<string>(ctx.events);

  /** The summary as the route sends it: checked against the output schema and serialized once per cache entry. */
  async function summaryJson(actor: Actor, orgId?: string): Promise<string> {
    requirePermission(actor, 'dashboard.read');
    const org = await orgsRepository.findById(ctx.db, actor.countyId, orgId ?? actor.orgId);
    if (!org || !orgInScope(actor, org.path)) throw notFound('组织');
    return cache.get(actor.countyId, `${org.id}|${org.path}|${toChinaDate(ctx.clock())}`, async () => JSON.stringify(ZDashboardSummary.parse(await summary(actor, org.id))));
  }

  async function summary(actor: Actor, orgId?: string): Promise<DashboardSummary> {
    requirePermission(actor, 'dashboard.read');
    const org = await orgsRepository.findById(ctx.db, actor.countyId, orgId ?? actor.orgId);
    if (!org || !orgInScope(actor, org.path)) throw notFound('组织');
    // Members are enrolled in branches (their org_path is the branch's): a party group has no subtree of its own to count.
    if (org.type === 'group') throw invalid('党小组不单独统计，请查看所在党支部', [{ path: 'orgId', message: '请选择党支部或上级组织' }], 'DASHBOARD_GROUP');
    const scope = { countyId: actor.countyId, orgPath: org.path };
    const today = toChinaDate(ctx.clock());
    const thisYear = Number(today.slice(0, 4));
    const bandRanges = ageBandBirthRanges(today);

    const [structure, ages, categories, sectors, orgTypes, joins] = [
      await dashboardRepository.memberStructure(ctx.db, scope),
      await dashboardRepository.countByBirthRanges(ctx.db, scope, [...bandRanges, { bornAfter: youthBornAfter(today), bornOnOrBefore: null }]),
      await dashboardRepository.byCategory(ctx.db, scope),
      await dashboardRepository.bySector(ctx.db, scope),
      await dashboardRepository.orgsByType(ctx.db, scope),
      await dashboardRepository.joinsByYear(ctx.db, scope, thisYear - JOIN_YEARS + 1),
    ];
    const sum = (pred: (r: (typeof structure)[number]) => boolean) => structure.filter(pred).reduce((n, r) => n + r.n, 0);

    return {
      orgId: org.id,
      orgName: org.name,
      asOf: today,
      totals: {
        members: sum(() => true),
        full: sum((r) => r.status === 'full'),
        probationary: sum((r) => r.status === 'probationary'),
        orgs: [...orgTypes.values()].reduce((a, b) => a + b, 0),
        branches: orgTypes.get('branch') ?? 0,
        female: sum((r) => r.gender === 'female'),
        under35: ages[bandRanges.length],
        collegeEducated: sum((r) => COLLEGE_EDUCATIONS.includes(r.education as Education)),
      },
      byCategory: buckets(MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS, (k) => categories.get(k) ?? 0),
      byStatus: buckets(MEMBERSHIP_STATUSES, MEMBERSHIP_STATUS_LABELS, (k) => sum((r) => r.status === k)),
      byGender: buckets(GENDERS, GENDER_LABELS, (k) => sum((r) => r.gender === k)),
      byEducation: buckets(EDUCATIONS, EDUCATION_LABELS, (k) => sum((r) => r.education === k)),
      byAgeBand: bandRanges.map((r, i) => ({ key: r.band, label: AGE_BAND_LABELS[r.band], count: ages[i] })),
      // Only the sectors that have members (most of the twelve hold none in a given subtree).
      bySector: buckets(SECTORS, SECTOR_LABELS, (k) => sectors.get(k) ?? 0).filter((b) => b.count > 0),
      orgsByType: buckets(ORG_TYPES, ORG_TYPE_LABELS, (k) => orgTypes.get(k) ?? 0),
      joinsByYear: Array.from({ length: JOIN_YEARS }, (_, i) => thisYear - JOIN_YEARS + 1 + i).map((year) => ({ year, count: joins.get(year) ?? 0 })),
    };
  }

  return { summary, summaryJson, close: cache.close };
}
