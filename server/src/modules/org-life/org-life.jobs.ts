// The daily compliance pass (orgLife.daily): every branch's periods of the year that ended without the meeting of
// their kind raise a warning (one per branch, kind and period; a second run raises nothing new). Through the first
// quarter the previous year's last periods are checked too (December, Q4, H2 and the yearly 组织生活会 end on 31
// December, so they turn overdue only in the new year); its earlier periods were raised during that year.
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import type { JobDefinition } from '../../core/jobs';
import { subtreeOrgs } from '../orgs/orgs.service';
import { computeCompliance, loadOrgLifeSettings, overdueCheckupWarnings } from './org-life.service';
import { orgLifeRepository } from './org-life.repository';

/** The pass for one county as of `day`, on the job step's transaction (every read and write on `ex`). */
export async function runOrgLifeDaily(ex: Executor, countyId: string, day: string, now: Date, crypto?: AppContext['crypto']) {
  const orgs = await subtreeOrgs(ex, countyId, '/');
  const root = orgs.find((o) => o.parentId === null);
  if (!root) return { branches: 0, overdue: 0, raised: 0 };
  const settings = await loadOrgLifeSettings(ex, countyId);
  const year = Number(day.slice(0, 4));
  const yearEnd = `${year - 1}-12-31`;
  const previous = day <= `${year}-03-31` ? await computeCompliance(ex, countyId, root.path, year - 1, day, settings) : [];
  const branches = await computeCompliance(ex, countyId, root.path, year, day, settings);
  const lastPeriods = previous.map((b) => ({ ...b, kinds: b.kinds.map((k) => ({ ...k, periods: k.periods.filter((p) => p.end === yearEnd) })) }));
  const rows = [...lastPeriods, ...branches].flatMap((b) => b.kinds.flatMap((k) => k.periods.filter((p) => p.state === 'overdue').map((p) => ({ countyId, orgId: b.orgId, orgPath: b.orgPath, kind: k.kind, period: p.period, raisedAt: now }))));
  const raised = await orgLifeRepository.raiseWarnings(ex, rows);
  // 党性体检: a 亚健康/不健康 follow-up past its deadline and not completed (one warning per record; confidential).
  const checkups = crypto ? await overdueCheckupWarnings(ex, crypto, countyId, day, now) : [];
  const checkupRaised = await orgLifeRepository.raiseWarnings(ex, checkups);
  return { branches: branches.length, overdue: rows.length, raised, checkupOverdue: checkups.length, checkupRaised };
}

export const orgLifeDailyJob: JobDefinition = {
  name: 'orgLife.daily',
  label: '三会一课逾期未召开、党性体检整改逾期预警',
  resultLabels: { day: '日期', branches: '党支部', overdue: '逾期未召开（期次）', raised: '新增预警', checkupOverdue: '党性体检整改逾期（人）', checkupRaised: '新增体检整改预警' },
  cadence: 'daily',
  async run(ctx: AppContext, { countyId, period, now, step }) {
    const r = await step(`check:${period}`, (tx) => runOrgLifeDaily(tx, countyId, period, now, ctx.crypto));
    return { day: period, ...r };
  },
};
