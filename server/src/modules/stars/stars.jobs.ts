// The monthly close (stars.monthClose): once the month is over, the new month's rollup rows are opened for every
// member of the county in one transaction (so rates of the running month never read some towns opened and others not:
// the towns not yet opened read 0 members), then the member stars of the month that ended are computed from the
// records and dues arrears warnings raised (≥ 3 months yellow, 6 red), town by town, one transaction each — each a
// checkpointed step, so a close killed mid-way resumes with the towns not yet done and ends with the same rows.
// Idempotent: the rollup is an upsert of values computed from the records, warnings are unique per member and month.
import { ARREARS_RED_MONTHS, ARREARS_YELLOW_MONTHS, addMonthsToMonth, monthOf, toChinaDate } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { queryRows, type Executor } from '../../core/db';
import type { JobDefinition } from '../../core/jobs';
import { loadMonthlySettings } from '../member-monthly/monthly-common';
import { refreshMonth } from './stars.service';

/** The county's work split by town: members placed on the root itself, then each subtree under it. */
async function chunksOf(ex: Executor, countyId: string): Promise<string[]> {
  const rows = await queryRows<{ path: string; root: boolean }>(
    ex,
    sql`select o.path, o.parent_id is null as root from orgs o
        where o.county_id = ${countyId} and (o.parent_id is null or o.parent_id in (select r.id from orgs r where r.county_id = ${countyId} and r.parent_id is null))
        order by o.path`,
  );
  return rows.map((r) => (r.root ? r.path : `${r.path}%`));
}

/**
 * Raises (or updates) the month's warnings from the rollup: the streak of months owing dues and unpaid, ending at
 * `month`, over the last 6 months; a month owing nothing neither counts nor breaks it. Yellow warnings of the month
 * that no longer hold (arrears paid before a re-run) and are not yet handled are withdrawn or lowered.
 * A red flag is a fact, not a forecast: six consecutive unpaid months have consequences (中组发〔2008〕3号), so a later
 * payment for one of those months ends the streak but neither withdraws nor lowers the flag; it stays red until the
 * branch records how it was handled (and stays red after, as the record of what happened).
 */
export async function raiseWarnings(ex: Executor, countyId: string, month: string, pathPattern: string, at: Date, memberId: string | null = null): Promise<{ yellow: number; red: number }> {
  const from = addMonthsToMonth(month, -(ARREARS_RED_MONTHS - 1));
  const oneMember = memberId ? sql` and mm.member_id = ${memberId}` : sql``;
  const oneWarning = memberId ? sql` and d.member_id = ${memberId}` : sql``;
  const rows = await queryRows<{ level: string; n: number }>(
    ex,
    sql`with cur as (
          select mm.member_id, mm.org_id, mm.org_path from member_monthly mm
          where mm.county_id = ${countyId} and mm.month = ${month} and mm.org_path like ${pathPattern}${oneMember}),
        w as (
          select x.member_id, x.month, x.paid from member_monthly x
          where x.county_id = ${countyId} and x.month >= ${from} and x.month <= ${month} and x.dues_due and x.member_id in (select member_id from cur)),
        st as (
          select w.member_id, count(*) filter (where not w.paid and w.month > coalesce(ok.last_paid, '')) as n
          from w left join (select member_id, max(month) as last_paid from w where paid group by member_id) ok on ok.member_id = w.member_id
          group by w.member_id),
        flagged as (
          select cur.member_id, cur.org_id, cur.org_path, st.n::int as streak, case when st.n >= ${ARREARS_RED_MONTHS} then 'red' else 'yellow' end as level
          from cur join st on st.member_id = cur.member_id where st.n >= ${ARREARS_YELLOW_MONTHS}),
        withdrawn as (
          delete from dues_arrears_warnings d where d.county_id = ${countyId} and d.month = ${month} and d.org_path like ${pathPattern}${oneWarning} and d.handled_at is null
            and d.level <> 'red' and d.member_id not in (select member_id from flagged)),
        upserted as (
          insert into dues_arrears_warnings (county_id, member_id, org_id, org_path, month, level, streak, raised_at)
          select ${countyId}, member_id, org_id, org_path, ${month}, level, streak, ${at} from flagged
          on conflict (county_id, member_id, month) do update set
            level = case when dues_arrears_warnings.level = 'red' then 'red' else excluded.level end,
            streak = case when dues_arrears_warnings.level = 'red' then dues_arrears_warnings.streak else excluded.streak end,
            org_id = excluded.org_id, org_path = excluded.org_path
            where (dues_arrears_warnings.level, dues_arrears_warnings.streak, dues_arrears_warnings.org_path) is distinct from (excluded.level, excluded.streak, excluded.org_path)
          returning 1)
        select level, count(*)::int as n from flagged group by level`,
  );
  const by = Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
  return { yellow: by.yellow ?? 0, red: by.red ?? 0 };
}

/** After a payment: the member's open warnings are re-judged against the rollup (withdrawn or lowered), same rule. */
export async function refreshMemberWarnings(ex: Executor, countyId: string, memberId: string, at: Date): Promise<void> {
  const open = await queryRows<{ month: string }>(ex, sql`select distinct month from dues_arrears_warnings where county_id = ${countyId} and member_id = ${memberId} and handled_at is null`);
  for (const { month } of open) await raiseWarnings(ex, countyId, month, '%', at, memberId);
}

export const starsMonthCloseJob: JobDefinition = {
  name: 'stars.monthClose',
  label: '月度党员星级与党费欠缴预警',
  resultLabels: { month: '月份', members: '评星党员', opened: '新月份开账', yellow: '欠缴 3 个月（黄）', red: '连续欠缴 6 个月（红）', settingsVersion: '评星方案版本' },
  cadence: 'monthly',
  async run(ctx: AppContext, { countyId, period, now, step }) {
    const settings = await loadMonthlySettings(ctx.db, countyId);
    const current = monthOf(toChinaDate(now));
    const next = addMonthsToMonth(period, 1);
    const chunks = await chunksOf(ctx.db, countyId);
    // The month now running gets a row for every member, all towns in one transaction; records written during it keep
    // the rows current. (The month that ended already has its rows: the town steps below only change their values.)
    const opened =
      next <= current
        ? await step(`open:${next}`, async (tx) => {
            let n = 0;
            for (const pattern of chunks) n += await refreshMonth(tx, countyId, next, { pathPattern: pattern }, now, settings);
            return n;
          })
        : 0;
    let members = 0;
    let yellow = 0;
    let red = 0;
    for (const pattern of chunks) {
      const town = await step(`close:${pattern}`, async (tx) => {
        const rated = await refreshMonth(tx, countyId, period, { pathPattern: pattern }, now, settings);
        const w = await raiseWarnings(tx, countyId, period, pattern, now);
        return { members: rated, yellow: w.yellow, red: w.red };
      });
      members += town.members;
      yellow += town.yellow;
      red += town.red;
    }
    return { month: period, members, opened, yellow, red, settingsVersion: settings.stars.version };
  },
};
