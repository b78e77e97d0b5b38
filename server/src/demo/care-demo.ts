// Demo data of issue #13, generated inside the database in a few set-based statements (deterministic: every choice is
// a hash of the member's fields): a pairing for every hardship member (the helper is the branch secretary, or the
// demo member in the demo branch), an elderly/frail pairing for each 老党员 and 年老体弱党员, a year of visits (some
// months skipped, so some visits are overdue and some quarters missed → warnings), and a dozen transfers both ways.
import { addMonths, quarterOf, quarterRange, previousQuarter, toChinaDate, transferLetterNumber, transferDeadlines, chineseWorkingDays } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../core/db';
import { careRepository } from '../modules/care/care.repository';
import { loadCondolenceDemo } from './condolence-demo';

const raw = (v: string | number) => sql.raw(typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);
const pct = (expr: ReturnType<typeof sql>) => sql`(abs(hashtext(${expr})) % 100)`;

/** `fullYearPath`: the subtree whose pairings get a year of visits; elsewhere only the last three months (start-up time). */
export async function loadCareDemo(ex: Executor, countyId: string, now: Date, demoMemberId: string | null, fullYearPath: string): Promise<{ pairings: number; visits: number; transfers: number; warnings: number; seconds: number }> {
  const t0 = performance.now();
  const lap = (what: string) => process.env.YANZHEN_DEMO_TIMING && console.log(`care demo: ${what} at ${Math.round(performance.now() - t0)} ms`);
  const today = toChinaDate(now);
  const start = `${addMonths(today, -12).slice(0, 7)}-01`;
  const recent = `${addMonths(today, -3).slice(0, 7)}-01`;
  const key = sql`m.name_pinyin || m.join_date::text`;
  const demoOrg = demoMemberId ? sql`(select org_id from members where id = ${demoMemberId})` : sql`null::uuid`;

  // Pairings: hardship members and elderly/frail members; the helper is the branch secretary (the demo member in the demo branch).
  const pairings = await queryRows<{ id: string }>(
    ex,
    sql`insert into care_pairings (county_id, kind, member_id, member_name, org_path, helper_member_id, helper_name, needs, started_on, created_at, updated_at)
      select m.county_id, k.kind, m.id, m.name, m.org_path, h.id, h.name,
             case when k.kind = 'hardship' then (array['因病致困，需定期探望','独居，子女在外务工','家庭收入低，需帮办低保','房屋老旧，需协调危房改造'])[1 + ${pct(key)} % 4] else (array['行动不便，送学上门','高龄独居，关心关爱','需审核养老和高龄补助'])[1 + ${pct(key)} % 3] end,
             ${raw(start)}::date + (${pct(sql`${key} || 's'`)} % 20), ${now}, ${now}
      from members m
      join orgs o on o.id = m.org_id
      cross join lateral (select unnest(array[case when 'hardship' = any(m.categories) then 'hardship' end, case when 'elderly' = any(m.categories) or 'frail' = any(m.categories) then 'elderly' end]) as kind) k
      join members h on h.id = case when m.org_id = ${demoOrg} and m.id <> ${demoMemberId ?? sql`null::uuid`} then ${demoMemberId ?? sql`null::uuid`} else o.secretary_member_id end
      where m.county_id = ${countyId} and m.categories && array['hardship', 'elderly', 'frail']::text[] and m.left_at is null and k.kind is not null and h.id <> m.id
      returning id`,
  );

  lap('pairings');
  // Visits: hardship monthly (one month in eight skipped), elderly once a quarter (one quarter in six skipped).
  const visits = await queryRows<{ n: number }>(
    ex,
    sql`with ins as (
      insert into care_visits (county_id, pairing_id, member_id, org_path, visited_on, kind, occasion, content, assistance, visitor_account_id, visitor_name, created_at)
      select p.county_id, p.id, p.member_id, p.org_path, d.day,
             case when p.kind = 'elderly' then 'delivery' when extract(month from d.day) in (1, 2) then 'mustVisit' else 'visit' end,
             case when p.kind = 'elderly' then '送学上门' when extract(month from d.day) in (1, 2) then '重大节日慰问' else '上门走访' end,
             case when p.kind = 'elderly' then '送学上门，讲解党的政策，了解身体和生活情况' when extract(month from d.day) in (1, 2) then '春节慰问，送去米面油和慰问金' else '上门走访，了解生产生活困难，帮助解决实际问题' end,
             case when extract(day from d.day) < 4 then '协助办理养老和高龄补助' else '' end,
             p.helper_member_id, p.helper_name, ${now}
      from care_pairings p
      cross join lateral (
        -- hardship: a day in each month; elderly: a day in the first 75 days of each quarter
        select case when p.kind = 'elderly' then (date_trunc('quarter', g)::date + (abs(hashtext(p.id::text || g::text)) % 75))::date
                    else (date_trunc('month', g)::date + (abs(hashtext(p.id::text || g::text)) % 25))::date end as day
        from generate_series(
          case when p.kind = 'elderly' then date_trunc('quarter', case when p.org_path like ${`${fullYearPath}%`} then p.started_on else greatest(p.started_on, ${raw(recent)}::date) end)
               when p.org_path like ${`${fullYearPath}%`} then p.started_on + interval '1 month' else greatest(p.started_on + interval '1 month', ${raw(recent)}::date) end,
          ${raw(today)}::date, case when p.kind = 'elderly' then interval '3 months' else interval '1 month' end) g
      ) d
      where p.county_id = ${countyId} and d.day <= ${raw(today)}::date and d.day >= p.started_on
        and ${pct(sql`p.id::text || d.day::text`)} >= case when p.kind = 'elderly' then 17 else 12 end
      returning pairing_id, visited_on),
      upd as (update care_pairings p set last_visit_on = v.last from (select pairing_id, max(visited_on) as last from ins group by pairing_id) v where p.county_id = ${countyId} and p.id = v.pairing_id)
      select count(*)::int as n from ins`,
  );

  lap('visits');
  // The last quarter's close: warnings for elderly members without a visit in it.
  const lastQuarter = previousQuarter(quarterOf(today));
  const r = quarterRange(lastQuarter);
  const warnings = await careRepository.raiseElderlyQuarterWarnings(ex, countyId, lastQuarter, r.start, r.end, now);

  lap('warnings');
  // A dozen transfers: out of the county (open, overdue, received, voided and reissued) and in (open, arrived).
  const people = await queryRows<{ id: string; name: string; org_id: string; org_path: string }>(
    ex,
    sql`select m.id, m.name, m.org_id, m.org_path from members m where m.county_id = ${countyId} and m.left_at is null and m.categories = array['inService']::text[]
        and m.id <> ${demoMemberId ?? sql`null::uuid`} order by hashtext(m.id::text) limit 8`,
  );
  const branches = await queryRows<{ id: string; path: string }>(ex, sql`select id, path from orgs where county_id = ${countyId} and type = 'branch' and dissolved_at is null order by path limit 4`);
  const year = Number(today.slice(0, 4));
  const PLACES = ['中共西安市雁塔区委组织部', '中共宝鸡市渭滨区委组织部', '中共咸阳市秦都区委组织部', '中共深圳市宝安区委组织部', '中共苏州工业园区工委组织部', '中共延安市宝塔区委组织部'];
  const REASONS = ['工作调动', '外出务工满6个月且有固定单位', '升学', '随子女迁居'];
  let seq = 0;
  const outs: { offset: number; status: 'open' | 'received' | 'voided' }[] = [{ offset: -1, status: 'open' }, { offset: -2, status: 'open' }, { offset: -2, status: 'received' }, { offset: -3, status: 'received' }, { offset: -4, status: 'voided' }, { offset: -5, status: 'received' }];
  let nTransfers = 0;
  for (let i = 0; i < outs.length && i < people.length; i++) {
    const p = people[i];
    const o = outs[i];
    const issuedOn = addMonths(today, o.offset);
    const d = transferDeadlines(issuedOn, 3, 1, chineseWorkingDays);
    seq += 1;
    const letterNo = transferLetterNumber('组', year, seq);
    const common = sql`${countyId}, 'out', ${p.id}, ${p.name}, ${p.org_id}, ${p.org_path}, ${PLACES[i % PLACES.length]}, ${REASONS[i % REASONS.length]}, ${issuedOn.slice(0, 7)}`;
    if (o.status === 'voided') {
      // lost in transit: the old letter voided, a new one issued a week later and still open
      const [old] = await queryRows<{ id: string }>(ex, sql`insert into transfers (county_id, direction, member_id, member_name, org_id, org_path, counterpart, reason, dues_paid_to, status, letter_no, letter_year, letter_seq, issued_on, valid_until, receipt_due_by, voided_at, void_reason, created_at, updated_at)
        values (${common}, 'voided', ${letterNo}, ${year}, ${seq}, ${issuedOn}, ${d.validUntil}, ${d.receiptDueBy}, ${now}, '介绍信邮寄遗失', ${now}, ${now}) returning id`);
      const reissuedOn = addMonths(today, -1);
      const d2 = transferDeadlines(reissuedOn, 3, 1, chineseWorkingDays);
      seq += 1;
      await ex.execute(sql`insert into transfers (county_id, direction, member_id, member_name, org_id, org_path, counterpart, reason, dues_paid_to, status, letter_no, letter_year, letter_seq, issued_on, valid_until, receipt_due_by, reissue_of, created_at, updated_at)
        values (${common}, 'open', ${transferLetterNumber('组', year, seq)}, ${year}, ${seq}, ${reissuedOn}, ${d2.validUntil}, ${d2.receiptDueBy}, ${old.id}, ${now}, ${now})`);
      nTransfers += 2;
      continue;
    }
    const receiptOn = o.status === 'received' ? addMonths(issuedOn, 0).slice(0, 8) + '25' : null;
    await ex.execute(sql`insert into transfers (county_id, direction, member_id, member_name, org_id, org_path, counterpart, reason, dues_paid_to, status, letter_no, letter_year, letter_seq, issued_on, valid_until, receipt_due_by, receipt_on, created_at, updated_at)
      values (${common}, ${o.status}, ${letterNo}, ${year}, ${seq}, ${issuedOn}, ${d.validUntil}, ${d.receiptDueBy}, ${receiptOn && receiptOn > issuedOn ? receiptOn : issuedOn}::date, ${now}, ${now})`);
    if (o.status === 'received') await ex.execute(sql`update members set left_at = ${now}, left_reason = ${`组织关系转出至${PLACES[i % PLACES.length]}（${letterNo}）`} where id = ${p.id}`);
    nTransfers += 1;
  }
  await ex.execute(sql`insert into transfer_letter_counters (county_id, year, last_seq) values (${countyId}, ${year}, ${seq}) on conflict (county_id, year) do update set last_seq = greatest(transfer_letter_counters.last_seq, excluded.last_seq)`);
  const INCOMING = [['吴建军', '中共宝鸡市渭滨区委组织部', '渭组转〔YYYY〕118号', 'open'], ['郑晓燕', '中共汉中市汉台区委组织部', '汉组转〔YYYY〕042号', 'open'], ['冯志刚', '中共榆林市榆阳区委组织部', '榆组转〔YYYY〕207号', 'arrived'], ['蒋丽萍', '中共安康市汉滨区委组织部', '安组转〔YYYY〕063号', 'arrived'], ['韩卫东', '中共铜川市王益区委组织部', '铜组转〔YYYY〕015号', 'open']] as const;
  for (let i = 0; i < INCOMING.length && branches.length > 0; i++) {
    const [name, from, no, status] = INCOMING[i];
    const b = branches[i % branches.length];
    const issuedOn = addMonths(today, -(i + 1));
    await ex.execute(sql`insert into transfers (county_id, direction, member_id, member_name, org_id, org_path, counterpart, reason, dues_paid_to, status, letter_no, issued_on, valid_until, arrived_on, created_at, updated_at)
      values (${countyId}, 'in', null, ${name}, ${b.id}, ${b.path}, ${from}, '返乡创业', ${addMonths(issuedOn, -1).slice(0, 7)}, ${status}, ${no.replace('YYYY', String(year))}, ${issuedOn}, ${addMonths(issuedOn, 3)}, ${status === 'arrived' ? addMonths(issuedOn, 0).slice(0, 8) + '20' : null}, ${now}, ${now})`);
    nTransfers += 1;
  }
  lap('transfers');
  // 流动党员联络台账: the branch secretary is each mobile member's contact person; most were contacted in the last
  // three months, some 3–6 months ago (未按期联系), a few more than 6 months ago (失联, with the steps taken).
  const mobile = await queryRows<{ n: number }>(
    ex,
    sql`with m as (
        select m.county_id, m.id, m.org_path, h.id as person_id, h.name as person_name, coalesce(m.mobile_since, m.join_date) as since,
               ${raw(today)}::date - case when r.a < 70 then r.b % 80 when r.a < 92 then 95 + r.b % 80 else 190 + r.b % 60 end as contacted_on
        from members m join orgs o on o.id = m.org_id join members h on h.id = o.secretary_member_id
        cross join lateral (select abs(hashtext(${key})) % 100 as a, abs(hashtext(${key} || 'c')) % 100 as b) r
        where m.county_id = ${countyId} and m.categories @> array['mobile']::text[] and m.left_at is null and h.id <> m.id),
      c as (
        insert into mobile_contacts (county_id, member_id, org_path, contacted_on, channel, learned, contacted_by_account_id, contacted_by_name, created_at)
        select county_id, id, org_path, contacted_on, (array['phone','wechat','visit','other'])[1 + (contacted_on - date '2000-01-01') % 4], '了解务工和思想状况，提醒按月提交思想汇报、按时交纳党费', person_id, person_name, ${now}
        from m where contacted_on >= since returning 1)
      insert into mobile_ledgers (county_id, member_id, org_path, contact_person_member_id, contact_person_name, last_contact_on, lost_steps, created_at, updated_at)
      select county_id, id, org_path, person_id, person_name, case when contacted_on >= since then contacted_on end,
             case when greatest(contacted_on, since) + interval '6 months' <= ${raw(today)}::date then '多次电话、微信未联系上，已走访家属并函询务工地党组织' end, ${now}, ${now}
      from m returning (select count(*) from c)::int as n`,
  );
  lap(`mobile ledgers (${mobile.length} members, ${Number(mobile[0]?.n ?? 0)} contacts)`);
  const condolence = await loadCondolenceDemo(ex, countyId, now, today);
  lap(`condolence rounds (${condolence.rounds} rounds, ${condolence.payments} ledger entries)`);
  return { pairings: pairings.length, visits: Number(visits[0]?.n ?? 0), transfers: nTransfers, warnings, seconds: (performance.now() - t0) / 1000 };
}
