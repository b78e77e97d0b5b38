// Demo data of issue #5, generated inside the database in a few set-based statements (deterministic: every choice is a
// hash of the member's generated fields, never a random draw): this year's theme days for every branch with
// attendance, dues bases and quarterly payments with some arrears, mobile members' reports, a few excellence records
// and deductions, confirmed community service, then the computed monthly stars.
import { DUES_RULES_2008, monthOf, monthsOfYear, toChinaDate } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import type { Executor } from '../core/db';
import { raiseWarnings } from '../modules/stars/stars.jobs';
import { refreshMonth } from '../modules/stars/stars.service';

const TOPICS = ['学习贯彻党的创新理论', '重温入党誓词', '学党章、守党规', '为民办实事志愿服务', '党史学习教育', '乡村振兴我先行', '庆祝建党', '防汛抢收党员突击队', '廉洁教育', '国庆主题教育', '组织生活会前学习', '年终总结与民主评议'];

/** A deterministic 0..99 from text (PostgreSQL's hashtext). */
/** A number written into the SQL text (a bound parameter would be of unknown type in arithmetic). */
const n = (v: number | null) => sql.raw(String(v));

const pct = (expr: ReturnType<typeof sql>) => sql`(abs(hashtext(${expr})) % 100)`;

/** Up to this many members the whole county gets a year of records; a bigger one only its demo town (start-up time). */
export const MONTHLY_DEMO_WHOLE_COUNTY_UP_TO = 5000;

/** How long the last load took (records, stars), for the benchmark. */
export const lastDemoTiming = { recordsSeconds: 0, starsSeconds: 0, rollups: 0 };

/** `scopePath`: the subtree that gets the records (a big county loads them for the demo town only, to start quickly). */
export async function loadMemberMonthlyDemo(ex: Executor, countyId: string, now: Date, scopePath: string): Promise<{ months: number; rollups: number; recordsSeconds: number; starsSeconds: number }> {
  const t0 = performance.now();
  const today = toChinaDate(now);
  const current = monthOf(today);
  const year = Number(current.slice(0, 4));
  const months = monthsOfYear(year).filter((m) => m <= current);
  const last = months.length;
  const yearStart = `${year}-01`;
  const key = sql`m.name_pinyin || m.birth_month::text || m.join_date::text`;
  const monthText = sql`to_char(make_date(${n(year)}, g.mo, 1), 'YYYY-MM')`;
  const scope = `${scopePath}%`;

  // Theme days: every branch with members, each month so far, on the 1st.
  await ex.execute(sql`
    insert into theme_days (county_id, org_id, org_path, month, date, topic, place, content, created_at, updated_at)
    select o.county_id, o.id, o.path, ${monthText}, make_date(${n(year)}, g.mo, 1),
           (${sql.raw(`ARRAY[${TOPICS.map((t) => `'${t}'`).join(',')}]`)})[g.mo], '党群服务中心', '集中学习、交纳党费、志愿服务、重温入党誓词', ${now}, ${now}
    from orgs o cross join generate_series(1, ${n(last)}) as g(mo)
    where o.county_id = ${countyId} and o.path like ${scope} and o.type = 'branch' and o.dissolved_at is null
      and exists (select 1 from members m where m.org_id = o.id and m.left_at is null)
      and make_date(${n(year)}, g.mo, 1) <= ${today}::date`);

  // Attendance: most in-service members (88%), few mobile ones (10%); one in ten marked by the secretary.
  await ex.execute(sql`
    insert into theme_day_attendances (county_id, theme_day_id, member_id, org_path, month, method, checked_in_at)
    select td.county_id, td.id, m.id, m.org_path, td.month,
           case when ${pct(sql`${key} || td.month || 'm'`)} < 10 then 'manual' else 'qr' end,
           (td.date::timestamp + interval '1 hour' + (${pct(sql`${key} || td.month || 't'`)} * interval '20 second')) at time zone 'UTC'
    from theme_days td join members m on m.org_id = td.org_id and m.left_at is null
    where td.county_id = ${countyId} and td.org_path like ${scope} and td.month >= ${yearStart}
      and ${pct(sql`${key} || td.month`)} < case when 'mobile' = any(m.categories) then 10 else 88 end`);

  // Dues bases from January (or the month of joining): category from the occupation, a base from the member's hash.
  await ex.execute(sql`
    insert into dues_bases (county_id, member_id, org_path, year, from_month, category, base_fen, rule_version, created_at, updated_at)
    select m.county_id, m.id, m.org_path, ${n(year)}, greatest(${yearStart}, to_char(m.join_date, 'YYYY-MM')),
           case m.occupation when 'retired' then 'retiree' when 'farmer' then 'farmer' when 'student' then 'student' else 'employee' end,
           case m.occupation when 'retired' then 200000 + (abs(hashtext(${key} || 'b')) % 400000)
                             when 'farmer' then 0 when 'student' then 0
                             else 220000 + (abs(hashtext(${key} || 'b')) % 900000) end,
           ${n(DUES_RULES_2008.version)}, ${now}, ${now}
    from members m where m.county_id = ${countyId} and m.org_path like ${scope} and m.left_at is null and to_char(m.join_date, 'YYYY-MM') <= ${current}`);

  // What each month owes under the 2008 brackets (rounded to the fen), as SQL over the base.
  const e = DUES_RULES_2008.employee;
  const r = DUES_RULES_2008.retiree;
  const due = sql`case b.category
      when 'farmer' then ${n(DUES_RULES_2008.farmerFen)} when 'student' then ${n(DUES_RULES_2008.studentFen)}
      when 'retiree' then (b.base_fen::bigint * (case when b.base_fen <= ${n(r[0].upToFen)} then ${n(r[0].rateBp)} else ${n(r[1].rateBp)} end) + 5000) / 10000
      else (b.base_fen::bigint * (case when b.base_fen <= ${n(e[0].upToFen)} then ${n(e[0].rateBp)} when b.base_fen <= ${n(e[1].upToFen)} then ${n(e[1].rateBp)} when b.base_fen <= ${n(e[2].upToFen)} then ${n(e[2].rateBp)} else ${n(e[3].rateBp)} end) + 5000) / 10000 end`;

  // Months paid: everyone through last month (half also this month), except 4% who stopped 4 months ago (yellow)
  // and 2% who stopped 7 months ago (red). Paid quarterly: one payment per member and quarter.
  await ex.execute(sql`
    create temporary table demo_paid on commit drop as
    select b.county_id, b.member_id, b.org_path, ${monthText} as month, ${due}::int as due_fen, ((g.mo - 1) / 3) as quarter
    from dues_bases b cross join generate_series(1, ${n(last)}) as g(mo)
    join members m on m.id = b.member_id
    where b.county_id = ${countyId} and b.org_path like ${scope} and b.year = ${n(year)} and ${monthText} >= b.from_month
      and g.mo <= case when ${pct(sql`${key} || 'arrears'`)} < 2 then ${n(last)} - 7
                       when ${pct(sql`${key} || 'arrears'`)} < 6 then ${n(last)} - 4
                       when ${pct(sql`${key} || 'early'`)} < 50 then ${n(last)}
                       else ${n(last)} - 1 end`);
  await ex.execute(sql`
    create temporary table demo_payments on commit drop as
    select gen_random_uuid() as id, county_id, member_id, min(org_path) as org_path, quarter, array_agg(month order by month) as months, sum(due_fen)::int as due_fen
    from demo_paid group by county_id, member_id, quarter`);
  await ex.execute(sql`
    insert into dues_payments (id, county_id, member_id, org_path, receipt_no, months, amount_fen, due_fen, method, collector, paid_on, created_at)
    select p.id, p.county_id, p.member_id, p.org_path, 'DF' || replace(p.months[1], '-', '') || '-' || substr(md5(p.member_id::text || p.quarter), 1, 8),
           p.months, p.due_fen, p.due_fen, case p.quarter % 3 when 0 then 'wechat' when 1 then 'cash' else 'payroll' end, '支部组织委员',
           least((p.months[1] || '-10')::date, ${today}::date), ${now}
    from demo_payments p`);
  await ex.execute(sql`
    insert into dues_paid_months (county_id, member_id, month, payment_id, org_path, due_fen)
    select d.county_id, d.member_id, d.month, p.id, d.org_path, d.due_fen
    from demo_paid d join demo_payments p on p.member_id = d.member_id and p.quarter = d.quarter`);

  // Mobile members' reports: 85% report each month; nine in ten of those accepted, the current month still waiting.
  await ex.execute(sql`
    insert into situation_reports (county_id, member_id, org_path, month, content, location, status, created_at, updated_at)
    select m.county_id, m.id, m.org_path, ${monthText},
           '本月在外务工，按时参加线上学习，遵守党的纪律，积极参加当地志愿服务。', coalesce(m.mobile_destination, '外地'),
           case when ${monthText} = ${current} then 'submitted' when ${pct(sql`${key} || g.mo || 'ok'`)} < 90 then 'accepted' else 'returned' end, ${now}, ${now}
    from members m cross join generate_series(1, ${n(last)}) as g(mo)
    where m.county_id = ${countyId} and m.org_path like ${scope} and m.left_at is null and 'mobile' = any(m.categories) and ${pct(sql`${key} || g.mo || 'r'`)} < 85`);

  // Excellence records (5% of member-months), deductions (1%), confirmed community service (30% of in-service).
  await ex.execute(sql`
    insert into point_adjustments (county_id, member_id, org_path, month, kind, points, reason, created_at)
    select m.county_id, m.id, m.org_path, ${monthText},
           case when ${pct(sql`${key} || g.mo || 'x'`)} < 5 then 'excellence' else 'deduction' end,
           case when ${pct(sql`${key} || g.mo || 'x'`)} < 5 then 0 else 5 end,
           case when ${pct(sql`${key} || g.mo || 'x'`)} < 5 then '获评“党员示范岗”' else '无故缺席组织生活' end, ${now}
    from members m cross join generate_series(1, ${n(last)}) as g(mo)
    where m.county_id = ${countyId} and m.org_path like ${scope} and m.left_at is null and ${pct(sql`${key} || g.mo || 'x'`)} < 6`);
  await ex.execute(sql`
    insert into community_registrations (county_id, member_id, org_path, community_name, registered_on, created_at, updated_at)
    select m.county_id, m.id, m.org_path, '居住地社区', make_date(${n(year)}, 1, 5), ${now}, ${now}
    from members m where m.county_id = ${countyId} and m.org_path like ${scope} and m.left_at is null and 'inService' = any(m.categories) and ${pct(sql`${key} || 'reg'`)} < 60`);
  await ex.execute(sql`
    insert into community_services (county_id, member_id, org_path, month, served_on, content, hours_tenths, status, confirmed_at, created_at, updated_at)
    select c.county_id, c.member_id, c.org_path, ${monthText}, make_date(${n(year)}, g.mo, 15), '社区志愿服务', 20, 'confirmed', ${now}, ${now}, ${now}
    from community_registrations c join members m on m.id = c.member_id cross join generate_series(1, ${n(last)}) as g(mo)
    where c.county_id = ${countyId} and c.org_path like ${scope} and make_date(${n(year)}, g.mo, 15) <= ${today}::date and ${pct(sql`${key} || g.mo || 'c'`)} < 50`);

  // The monthly stars of every month so far, from those records (fresh statistics first: the planner otherwise
  // expects empty tables and probes the records once per member).
  await ex.execute(sql`analyze members, theme_days, theme_day_attendances, dues_bases, dues_paid_months, situation_reports, point_adjustments, community_services, leave_requests, makeup_studies`);
  const t1 = performance.now();
  let rollups = 0;
  for (const month of months) rollups += await refreshMonth(ex, countyId, month, { pathPattern: scope }, now);
  // As the monthly close of last month would have: the arrears warnings the branches must handle (the ledger shows
  // the same arrears, so the warnings tab must not read 0 beside them).
  const closed = months.filter((m) => m < current).pop();
  if (closed) await raiseWarnings(ex, countyId, closed, scope, now);
  Object.assign(lastDemoTiming, { recordsSeconds: (t1 - t0) / 1000, starsSeconds: (performance.now() - t1) / 1000, rollups });
  return { months: months.length, ...lastDemoTiming };
}
