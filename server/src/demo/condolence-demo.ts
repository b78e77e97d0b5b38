// Demo festival condolence rounds (节日慰问, issue #13): this year's Spring Festival round, closed, with nearly every
// hardship, frail and elderly member paid (a few mistaken payments reversed and paid anew), and the 七一 round still
// open, about half paid. Allocations per town are the standards of the town's eligible members; two statements.
import { addDays } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../core/db';

const SPRING_FESTIVAL: Record<number, string> = { 2024: '02-10', 2025: '01-29', 2026: '02-17', 2027: '02-06', 2028: '01-26', 2029: '02-13', 2030: '02-03' };
const SPRING = { hardship: 50_000, frail: 30_000, elderly: 30_000, other: null };
const PARTY_DAY = { hardship: 30_000, frail: 20_000, elderly: 20_000, other: null };

export async function loadCondolenceDemo(ex: Executor, countyId: string, now: Date, today: string): Promise<{ rounds: number; payments: number }> {
  const y = Number(today.slice(0, 4));
  const springYear = today >= addDays(`${y}-${SPRING_FESTIVAL[y] ?? '02-01'}`, 20) ? y : y - 1;
  const springOn = addDays(`${springYear}-${SPRING_FESTIVAL[springYear] ?? '02-01'}`, -10);
  const partyYear = today >= `${y}-06-28` ? y : y - 1;
  const partyOn = `${partyYear}-06-22`;
  const rows = await queryRows<{ n: number }>(
    ex,
    sql`with r as (
        insert into condolence_rounds (county_id, festival, year, name, planned_on, budget_fen, funding_source, funding_note, standards, allow_others, status, closed_at, created_at, updated_at)
        values (${countyId}, 'springFestival', ${springYear}, ${`${springYear}年春节走访慰问困难党员和老党员`}, ${springOn}, 0, 'partyDues', '县委组织部代管党费', ${JSON.stringify(SPRING)}::jsonb, false, 'closed', ${now}, ${now}, ${now}),
               (${countyId}, 'partyDay', ${partyYear}, ${`${partyYear}年“七一”走访慰问`}, ${partyOn}, 0, 'finance', '县级财政党建专项经费', ${JSON.stringify(PARTY_DAY)}::jsonb, false, 'open', null, ${now}, ${now})
        returning id, festival, standards, planned_on),
      t as (select o.id, o.name, o.path from orgs o where o.county_id = ${countyId} and o.dissolved_at is null and o.parent_id = (select id from orgs where county_id = ${countyId} and parent_id is null limit 1)),
      m as (
        select m.id, m.name, m.org_path, o.name as org_name, t.id as town_id, abs(hashtext(m.id::text)) % 100 as h,
               case when 'hardship' = any(m.categories) then 'hardship' when 'frail' = any(m.categories) then 'frail' else 'elderly' end as cat
        from members m join orgs o on o.id = m.org_id join t on t.path = substring(m.org_path from '^/[0-9]+/[0-9]+/')
        where m.county_id = ${countyId} and m.left_at is null and m.categories && array['hardship', 'frail', 'elderly']::text[]),
      a as (
        insert into condolence_allocations (county_id, round_id, org_id, org_name, org_path, amount_fen, created_at, updated_at)
        select ${countyId}, r.id, t.id, t.name, t.path, ceil(s.fen / 100000.0)::int * 100000, ${now}, ${now}
        from r cross join t cross join lateral (select coalesce(sum((r.standards ->> m.cat)::int), 0) as fen from m where m.town_id = t.id) s
        where s.fen > 0
        returning id, round_id, org_id),
      payer as (select distinct on (ac.org_id) ac.org_id, ac.id, ac.display_name from accounts ac where ac.county_id = ${countyId} and ac.role = 'committeeAdmin' order by ac.org_id, ac.created_at),
      anyone as (select id, display_name from accounts where county_id = ${countyId} order by created_at limit 1),
      pay as (
        select r.id as round_id, a.id as allocation_id, m.*, (r.standards ->> m.cat)::int as std, (r.planned_on + (m.h % 8))::date as paid_on,
               coalesce(payer.id, (select id from anyone)) as by_id, coalesce(payer.display_name, (select display_name from anyone)) as by_name, r.festival
        from m join a on a.org_id = m.town_id join r on r.id = a.round_id left join payer on payer.org_id = m.town_id
        where (r.festival = 'springFestival' and m.h < 97) or (r.festival = 'partyDay' and m.h < 55)),
      p as (
        -- one in fifty was first paid 100 yuan too much (reversed below, then paid anew)
        insert into condolence_payments (county_id, round_id, allocation_id, kind, member_id, member_name, org_name, org_path, category, amount_fen, paid_on, note, paid_by_account_id, paid_by_name, created_at)
        select ${countyId}, round_id, allocation_id, 'payment', id, name, org_name, org_path, cat, std + case when h < 2 then 10000 else 0 end, least(paid_on, ${today}::date), null, by_id, by_name, ${now}::timestamptz - interval '2 days'
        from pay
        returning id, round_id, allocation_id, member_id, member_name, org_name, org_path, category, amount_fen, paid_on, paid_by_account_id, paid_by_name),
      wrong as (select p.*, (r.standards ->> p.category)::int as std from p join r on r.id = p.round_id where abs(hashtext(p.member_id::text)) % 100 < 2),
      rv as (
        insert into condolence_payments (county_id, round_id, allocation_id, kind, member_id, member_name, org_name, org_path, category, amount_fen, paid_on, note, reverses_id, paid_by_account_id, paid_by_name, created_at)
        select ${countyId}, round_id, allocation_id, 'reversal', member_id, member_name, org_name, org_path, category, amount_fen, paid_on, '超出慰问标准，多发100元，冲正后按标准重新发放', id, paid_by_account_id, paid_by_name, ${now}::timestamptz - interval '1 day' from wrong
        returning 1),
      again as (
        insert into condolence_payments (county_id, round_id, allocation_id, kind, member_id, member_name, org_name, org_path, category, amount_fen, paid_on, note, paid_by_account_id, paid_by_name, created_at)
        select ${countyId}, round_id, allocation_id, 'payment', member_id, member_name, org_name, org_path, category, std, paid_on, '冲正后按标准重新发放', paid_by_account_id, paid_by_name, ${now} from wrong
        returning 1)
      select ((select count(*) from p) + (select count(*) from rv) + (select count(*) from again))::int as n`,
  );
  // The budget: the towns' allocations and a reserve of about 5 %, in whole ten thousands of yuan.
  await ex.execute(sql`update condolence_rounds r set budget_fen = greatest(1000000, ceil(coalesce((select sum(a.amount_fen) from condolence_allocations a where a.round_id = r.id), 0) * 1.05 / 1000000.0)::int * 1000000)
    where r.county_id = ${countyId}`);
  return { rounds: 2, payments: Number(rows[0]?.n ?? 0) };
}
