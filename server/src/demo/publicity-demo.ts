// Demo data of issue #14 (党建信息宣传), set-based and deterministic (every choice is a hash, never a random draw): the
// level table, two priorities a month, a year of items of every unit under the county (the committees) and of the
// demo town's branches — most past items adopted (county platform, city, province, national; the higher ones first
// adopted by the county and raised), some declined, the current month's still in sign-off — with one or two authors
// (60/40), the items' history, and the month rollup the rankings read.
import { DEFAULT_LEVEL_POINTS, monthOf, toChinaDate } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../core/db';

const n = (v: number) => sql.raw(String(v));
const PRIORITIES = ['学习贯彻党的创新理论', '基层党组织标准化建设', '抓党建促乡村振兴', '党员先锋模范作用', '为民办实事', '“七一”系列活动', '城市基层党建', '两新组织党建', '干部队伍建设', '作风建设', '人才工作', '年度党建工作亮点'];
const TITLES = ['扎实开展主题党日活动', '党员志愿服务队助力乡村振兴', '“党建+”激活发展新动能', '网格党员解民忧', '书记带头讲党课', '党群服务中心提质增效', '产业党支部带富一方', '流动党员“离乡不离党”'];

export async function loadPublicityDemo(ex: Executor, countyId: string, now: Date, rootPath: string, rootDepth: number, demoTownPath: string): Promise<{ items: number; seconds: number }> {
  const t0 = performance.now();
  const run = async (label: string, q: ReturnType<typeof sql>) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    await ex.execute(q);
    const used = process.cpuUsage(cpu);
    if (process.env.YANZHEN_DEMO_TIMING) console.log(`publicity demo: ${label} ${Math.round(performance.now() - t)} ms (CPU ${Math.round((used.user + used.system) / 1000)} ms)`);
  };
  const current = monthOf(toChinaDate(now));
  const year = Number(current.slice(0, 4));
  const last = Number(current.slice(5));
  const monthText = sql`to_char(make_date(${n(year)}, g.mo, 1), 'YYYY-MM')`;
  const h = (expr: ReturnType<typeof sql>) => sql`(abs(hashtext(${expr})) % 100)`;
  const p = DEFAULT_LEVEL_POINTS;

  await run('levels and priorities', sql`
    with l as (insert into publicity_level_tables (county_id, version, effective_from, points, created_at) values (${countyId}, 1, ${`${year}-01-01`}, ${JSON.stringify(p)}::jsonb, ${now}))
    insert into publicity_priorities (county_id, month, title, direction, issued_by_name, issued_at)
    select ${countyId}::uuid, ${monthText}, t.title, '围绕' || t.title || '，挖掘基层典型经验和党员先进事迹，做到有数据、有故事、有成效。', '县委组织部', make_date(${n(year)}, g.mo, 1)::timestamp at time zone 'Asia/Shanghai'
    from generate_series(1, ${n(last)}) g(mo)
    cross join lateral (values ((${sql.raw(`ARRAY[${PRIORITIES.map((t) => `'${t}'`).join(',')}]`)})[g.mo]), ('基层党建' || g.mo || '月看点')) t(title)`);

  // Units: the committees under the county, and the branches of the demo town; up to six candidate authors per unit
  // (the first members of its subtree, found by the members' path index).
  await run('people', sql`
    create temporary table demo_pub_people on commit drop as
    with u as (
      select o.id, o.path, coalesce(o.short_name, o.name) as short, o.name, (o.depth = ${n(rootDepth + 1)}) as committee
      from orgs o
      where o.county_id = ${countyId} and o.dissolved_at is null and o.type <> 'group'
        and ((o.depth = ${n(rootDepth + 1)} and o.path like ${`${rootPath}%`}) or (o.type = 'branch' and o.path like ${`${demoTownPath}%`}))),
    c as (
      select u.id as unit_id, u.path, u.short, u.name as unit_name, u.committee, m.member_id, m.name, m.org_id, m.k
      from u cross join lateral (
        select m.id as member_id, m.name, m.org_id, (row_number() over () - 1)::int as k
        from members m
        where m.county_id = ${countyId} and m.org_path ~>=~ u.path and m.org_path ~<~ (u.path || '~') and m.left_at is null
        limit 6) m)
    select c.*, o.name as org_name, (count(*) over (partition by c.unit_id))::int as people
    from c join orgs o on o.id = c.org_id`);
  // Items per unit and month by hash; status and level: past months mostly adopted (60% county platform, 25% city,
  // 12% province, 3% national), 15% declined; this month's still moving through sign-off. One author, or two at 60/40.
  await run('items-temp', sql`
    create temporary table demo_pub_items on commit drop as
    with base as (
      select gen_random_uuid() as id, p.unit_id as org_id, p.path, p.unit_name as name, p.short, p.people, ${monthText} as month, g.mo, s.k,
        ${h(sql`p.unit_id::text || g.mo || s.k`)} as roll,
        (make_date(${n(year)}, g.mo, 3 + s.k * 7)::timestamp + interval '9 hour') at time zone 'Asia/Shanghai' as at
      from demo_pub_people p cross join generate_series(1, ${n(last)}) g(mo) cross join generate_series(0, 2) s(k)
      where p.k = 0 and make_date(${n(year)}, g.mo, 3 + s.k * 7) <= ${toChinaDate(now)}::date
        and ${h(sql`p.unit_id::text || g.mo || s.k || 'n'`)} < case when p.committee then (case s.k when 0 then 85 when 1 then 40 else 10 end) else (case s.k when 0 then 30 else 0 end) end)
    select b.*, st.status, st.level,
      coalesce(case st.level when 'county' then ${n(p.county * 100)} when 'city' then ${n(p.city * 100)} when 'province' then ${n(p.province * 100)} when 'national' then ${n(p.national * 100)} end, 0) as centi,
      b.roll % b.people as k1, case when b.people > 1 and b.roll % 3 = 0 then (b.roll + 1) % b.people end as k2
    from base b
    cross join lateral (select
      case when b.month < ${current} then (case when b.roll < 85 then 'adopted' else 'declined' end)
           else (case when b.roll < 35 then 'adopted' when b.roll < 55 then 'signed' when b.roll < 80 then 'submitted' else 'draft' end) end as status,
      case when (b.month < ${current} and b.roll < 85) or (b.month = ${current} and b.roll < 35)
           then (case when b.roll < 51 then 'county' when b.roll < 72 then 'city' when b.roll < 82 then 'province' else 'national' end) end as level) st`);
  // Everything else in one statement from the temporary tables (data-modifying CTEs; the foreign keys are checked at
  // its end): the items, their authors (one at 100%, or two at 60/40), adoptions (the county platform first; city
  // and higher raised five days later with a link), the history, and the month rollup as the service keeps it.
  const titles = sql.raw(`ARRAY[${TITLES.map((t) => `'${t}'`).join(',')}]`);
  const adopter = '县委组织部管理员（演示）';
  await run('items, authors, adoptions, history, rollup', sql`
    with x as (
      select i.*, pr.id as priority_id, (${titles})[1 + (i.roll % ${n(TITLES.length)})] as topic,
        a1.member_id as m1, a1.name as n1, a1.org_name as o1, a2.member_id as m2, a2.name as n2, a2.org_name as o2,
        i.at + interval '1 day' as signed_at, case when i.status = 'adopted' then i.at + interval '3 day' end as adopted_at
      from demo_pub_items i
      join demo_pub_people a1 on a1.unit_id = i.org_id and a1.k = i.k1
      left join demo_pub_people a2 on a2.unit_id = i.org_id and a2.k = i.k2
      left join (select distinct on (month) id, month from publicity_priorities where county_id = ${countyId} order by month, title) pr on pr.month = i.month),
    au as (
      select x.id, x.month, x.status, 0 as pos, x.m1 as member_id, x.n1 as name, x.o1 as org_name, case when x.m2 is null then 100 else 60 end as share, x.centi from x
      union all select x.id, x.month, x.status, 1, x.m2, x.n2, x.o2, 40, x.centi from x where x.m2 is not null),
    ins_authors as (
      insert into publicity_authors (county_id, item_id, member_id, name, org_name, position, share, centi)
      select ${countyId}::uuid, id, member_id, name, org_name, pos, share, centi * share / 100 from au),
    ins_adoptions as (
      insert into publicity_adoptions (county_id, item_id, level, points, table_version, outlet, link, by_name, at)
      select ${countyId}::uuid, x.id, l.level, l.points, 1, l.outlet, case when l.level <> 'county' then 'https://example.cn/dangjian/' || left(x.id::text, 8) end, ${adopter}, x.adopted_at + l.lag
      from x cross join lateral (values ('county', ${n(p.county)}::real, '县委组织部微信公众号', interval '0'),
        (x.level, (case x.level when 'city' then ${n(p.city)} when 'province' then ${n(p.province)} else ${n(p.national)} end)::real, case x.level when 'city' then '市委组织部网站' when 'province' then '省级党建网' else '全国党建媒体' end, interval '5 day')) l(level, points, outlet, lag)
      where x.status = 'adopted' and (l.lag = interval '0' or x.level <> 'county')),
    ins_events as (
      insert into publicity_events (county_id, item_id, action, by_name, at, comment)
      select ${countyId}::uuid, x.id, e.action, e.by_name, e.at, e.comment
      from x cross join lateral (values
        ('create', x.short || '信息员', x.at, null::text, true),
        ('submit', x.short || '信息员', x.at + interval '2 hour', null, x.status <> 'draft'),
        ('approve', x.short || '负责人', x.signed_at, null, x.status in ('signed', 'adopted', 'declined')),
        ('adopt', ${adopter}, x.adopted_at, '县级平台', x.status = 'adopted'),
        ('decline', ${adopter}, x.at + interval '3 day', '内容与已采用稿件重复，请另选角度', x.status = 'declined')) e(action, by_name, at, comment, keep)
      where e.keep),
    ins_rollup as (
      insert into publicity_monthly (county_id, month, kind, subject_id, name, org_name, items, centi)
      select ${countyId}::uuid, month, 'unit', org_id, max(name), '', count(*)::int, sum(centi)::int from x where status = 'adopted' group by month, org_id
      union all
      select ${countyId}::uuid, month, 'person', member_id, max(name), max(org_name), count(*)::int, sum(centi * share / 100)::int from au where status = 'adopted' group by month, member_id)
    insert into publicity_items (id, county_id, org_id, org_path, org_name, month, priority_id, title, body, status, writer_account_id, writer_name, author_names,
      signed_by_name, signed_at, decline_reason, level, centi, adopted_at, created_at, updated_at)
    select x.id, ${countyId}, x.org_id, x.path, x.name, x.month, x.priority_id, x.short || x.topic,
      '<p>' || x.name || '坚持以党建引领中心工作，' || x.topic || '，组织党员群众参与，形成了可复制可推广的经验做法。</p><p>下一步，将持续深化拓展，推动党建工作与业务工作深度融合。</p>',
      x.status, gen_random_uuid(), x.short || '信息员', x.n1 || coalesce('、' || x.n2, ''),
      case when x.status in ('signed', 'adopted', 'declined') then x.short || '负责人' end,
      case when x.status in ('signed', 'adopted', 'declined') then x.signed_at end,
      case when x.status = 'declined' then '内容与已采用稿件重复，请另选角度' end,
      x.level, x.centi, x.adopted_at, x.at, x.at + interval '3 day'
    from x`);
  const [{ c }] = await queryRows<{ c: number }>(ex, sql`select count(*)::int as c from publicity_items where county_id = ${countyId}`);
  return { items: Number(c), seconds: (performance.now() - t0) / 1000 };
}
