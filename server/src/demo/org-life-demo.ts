// The demo county's organizational life of the year so far, generated in the database in a few set-based
// statements (no row goes through JavaScript): meetings of every branch by the 条例's frequencies (most held, a few
// missed so compliance has gaps), attendance of committee meetings county-wide and of every meeting in the demo town,
// heart-to-heart talks and party-school / online study hours in the demo town.
import { DEFAULT_CHECKUP_ITEMS, addMonths, toChinaDate, type CheckupResult } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../core/context';
import { queryRows } from '../core/db';
import { pgArrayLiteral } from '../core/pg-array';

const TOPICS = {
  branchCommittee: ['研究本月党建重点工作', '研究确定入党积极分子', '研究党费收缴与使用', '研究困难党员帮扶', '研究主题党日活动安排', '研究村级集体经济发展'],
  branchAssembly: ['学习贯彻党的二十届三中全会精神', '讨论接收预备党员', '通报上半年支部工作', '民主评议党员动员'],
  groupMeeting: ['学习党章党规', '交流思想和工作情况', '学习习近平新时代中国特色社会主义思想'],
  partyLecture: ['书记讲党课：守初心担使命', '党课：发扬优良作风', '党课：乡村振兴中的党员作用', '党课：学习党的纪律'],
};

export async function loadOrgLifeDemo(ctx: AppContext, countyId: string): Promise<{ meetings: number; attendance: number; talks: number; entries: number; appraisals: number; lifeMeetings: number; checkups: number }> {
  const today = toChinaDate(ctx.clock());
  // This year up to this month (what the compliance page shows); in January and February last year as well, so a
  // first start early in the year still shows a year of organizational life. Each slot is (kind, month).
  const month = Number(today.slice(5, 7));
  const span = month >= 3 ? month : month + 12;
  const months = Array.from({ length: span }, (_, i) => addMonths(`${today.slice(0, 7)}-01`, i - span + 1).slice(0, 7));
  const slots: { kind: string; month: string; day: number }[] = [];
  for (const month of months) {
    const m = Number(month.slice(5, 7));
    slots.push({ kind: 'branchCommittee', month, day: 5 });
    slots.push({ kind: 'groupMeeting', month, day: 18 });
    if (m % 3 === 2) slots.push({ kind: 'branchAssembly', month, day: 12 });
    if (m % 3 === 0) slots.push({ kind: 'partyLecture', month, day: 20 });
  }
  const topics = (kind: keyof typeof TOPICS) => pgArrayLiteral(TOPICS[kind]);
  const t0 = Date.now();
  const lap = (what: string) => process.env.YANZHEN_DEMO_TIMING && console.log(`org life demo: ${what} at ${Date.now() - t0} ms`);
  return ctx.db.transaction(async (tx) => {
    const [town] = await queryRows<{ path: string }>(tx, sql`select o.path from orgs o where o.county_id = ${countyId} and o.type = 'committee' and o.name like '%代字营镇%' and o.dissolved_at is null
          order by (select count(*) from members m where m.county_id = o.county_id and m.org_path like o.path || '%') desc, o.depth limit 1`);
    const townPattern = `${town?.path ?? '/'}%`;
    const [{ meetings }] = await queryRows<{ meetings: number }>(
      tx,
      sql`with s as (select * from unnest(${pgArrayLiteral(slots.map((s) => s.kind))}::text[], ${pgArrayLiteral(slots.map((s) => s.month))}::text[], ${pgArrayLiteral(slots.map((s) => s.day))}::int[]) as s(kind, month, day)),
          g as (select distinct parent_id as id from orgs where county_id = ${countyId} and type = 'group' and dissolved_at is null),
          b as (select o.id, o.path, o.county_id, coalesce(sec.name, '支部书记') as chair, g.id is not null as has_groups, o.path like ${townPattern} as in_town
                from orgs o left join members sec on sec.id = o.secretary_member_id left join g on g.id = o.id
                where o.county_id = ${countyId} and o.type = 'branch' and o.dissolved_at is null),
          ins as (
            insert into org_life_meetings (county_id, org_id, org_path, kind, date, place, chair, recorder, topic, agenda, minutes, resolutions)
            select b.county_id, b.id, b.path, s.kind,
                   least((s.month || '-01')::date + (s.day - 1 + abs(hashtext(b.id::text || s.month || s.kind)) % 8), ${today}::date),
                   '党员活动室', b.chair, '组织委员',
                   (case s.kind when 'branchCommittee' then ${topics('branchCommittee')}::text[] when 'branchAssembly' then ${topics('branchAssembly')}::text[]
                      when 'groupMeeting' then ${topics('groupMeeting')}::text[] else ${topics('partyLecture')}::text[] end)[1 + abs(hashtext(b.id::text || s.month)) % 3],
                   -- Agenda, minutes and the resolution are written out in the demo town (the others keep the heading).
                   case when b.in_town then '一、传达学习上级精神；二、研究本支部工作；三、布置下步任务' end,
                   case when b.in_town then '会议由支部书记主持，传达了上级有关精神，结合本支部实际进行了讨论，明确了下步工作。' end,
                   case when b.in_town and s.kind in ('branchCommittee', 'branchAssembly') then '[{"text":"会议研究同意上述事项","yes":null,"no":null,"abstain":null,"passed":null}]'::jsonb else '[]'::jsonb end
            from b cross join s
            where (s.kind <> 'groupMeeting' or b.has_groups)
              and (s.month || '-01')::date + (s.day - 1) <= ${today}::date
              -- Most branches hold their meetings; about one in nine slots is missed (the compliance gaps).
              and abs(hashtext(b.id::text || s.kind || s.month || 'held')) % 9 <> 0
            returning 1)
          select count(*)::int as meetings from ins`,
    );
    lap('meetings');
    // Attendance of the demo town's meetings: the committee (secretary and 委员) at committee meetings, the whole
    // roster at the others. (Elsewhere the meetings are recorded without attendance: 应到/实到 show as not entered.)
    const [{ attendance }] = await queryRows<{ attendance: number }>(
      tx,
      sql`with cadre as (
            select o.id as org_id, o.secretary_member_id as member_id from orgs o where o.county_id = ${countyId} and o.path like ${townPattern} and o.type = 'branch' and o.secretary_member_id is not null
            union select f.org_id, f.member_id from org_officers f where f.county_id = ${countyId}),
          tm as (select id, county_id, org_id, org_path, kind, date from org_life_meetings where county_id = ${countyId} and org_path like ${townPattern}),
          who as (
            select tm.county_id, tm.id as meeting_id, c.member_id, tm.org_path, tm.kind, tm.date from tm join cadre c on c.org_id = tm.org_id where tm.kind = 'branchCommittee'
            union all
            select tm.county_id, tm.id, p.id, tm.org_path, tm.kind, tm.date from tm join members p on p.county_id = tm.county_id and p.org_id = tm.org_id and p.left_at is null
            where tm.kind <> 'branchCommittee'),
          ins as (
            insert into org_life_attendance (county_id, meeting_id, member_id, org_path, kind, date, status, reason)
            select county_id, meeting_id, member_id, org_path, kind, date,
                   case when r < 86 then 'present' when r < 95 then 'leave' else 'absent' end,
                   case when r between 86 and 94 then (array['外出务工', '身体原因', '家中有事'])[1 + abs(hashtext(member_id::text)) % 3] end
            from (select who.*, abs(hashtext(meeting_id::text || member_id::text)) % 100 as r from who) x
            returning 1)
          select count(*)::int as attendance from ins`,
    );
    lap('attendance');
    await tx.execute(sql`update org_life_meetings m set expected = x.expected, present = x.present
      from (select meeting_id, count(*)::int as expected, count(*) filter (where status = 'present')::int as present from org_life_attendance where county_id = ${countyId} group by meeting_id) x
      where m.county_id = ${countyId} and m.id = x.meeting_id and m.org_path like ${townPattern}`);
    lap('counts');
    const since = `${months[0]}-01`;
    const [{ talks }] = await queryRows<{ talks: number }>(
      tx,
      sql`with ins as (
            insert into org_life_talks (county_id, org_id, org_path, talker_member_id, talker_name, member_id, member_name, talked_on, topics)
            select p.county_id, o.id, o.path, sec.id, sec.name, p.id, p.name,
                   least(${since}::date + abs(hashtext(p.id::text || 'talk')) % ${span * 30}, ${today}::date),
                   (array['思想动态和工作情况', '家庭困难和帮扶需求', '对支部工作的意见建议', '学习教育情况'])[1 + abs(hashtext(p.id::text)) % 4]
            from members p join orgs o on o.id = p.org_id join members sec on sec.id = o.secretary_member_id
            where p.county_id = ${countyId} and p.left_at is null and p.org_path like ${townPattern} and p.id <> sec.id
              and abs(hashtext(p.id::text || 'talked')) % 100 < 78
            returning 1)
          select count(*)::int as talks from ins`,
    );
    lap('talks');
    const [{ entries }] = await queryRows<{ entries: number }>(
      tx,
      sql`with ins as (
            insert into org_life_training_entries (county_id, member_id, org_path, source, studied_on, hours, title)
            select p.county_id, p.id, p.org_path, s.source, least(${since}::date + abs(hashtext(p.id::text || s.source)) % ${span * 30}, ${today}::date),
                   case s.source when 'partySchool' then 8 + abs(hashtext(p.id::text || 'ps')) % 17 else 2 + abs(hashtext(p.id::text || 'on')) % 14 end,
                   case s.source when 'partySchool' then '千名党员进党校集中轮训' else '共产党员网络学院在线学习' end
            from members p cross join (values ('partySchool'), ('online')) s(source)
            where p.county_id = ${countyId} and p.left_at is null and p.org_path like ${townPattern}
              and abs(hashtext(p.id::text || s.source || 'took')) % 100 < case s.source when 'partySchool' then 45 else 80 end
            returning 1)
          select count(*)::int as entries from ins`,
    );
    lap('entries');
    // 民主评议党员 of this year in the demo town: about four in five members appraised; per branch the first fifth (by a
    // hash) 优秀 — under the 30% cap —, one in a larger branch 不合格 with a 限期改正 follow-up; votes agree with the grade.
    const year = Number(today.slice(0, 4));
    const [{ appraisals }] = await queryRows<{ appraisals: number }>(
      tx,
      sql`with p as (
            select m.county_id, m.id, m.org_id, m.org_path,
                   row_number() over (partition by m.org_id order by abs(hashtext(m.id::text || 'appraisal'))) as rk,
                   count(*) over (partition by m.org_id) as n,
                   count(*) filter (where m.status = 'full') over (partition by m.org_id) as voters
            from members m where m.county_id = ${countyId} and m.left_at is null and m.org_path like ${townPattern}),
          g as (select p.*, case when rk <= n / 5 then 'excellent' when rk = n and n >= 12 then 'unqualified' when rk > n - n / 10 then 'basic' else 'qualified' end as grade
                from p where voters >= 3 and abs(hashtext(p.id::text || 'appraised')) % 100 < 80),
          ins as (
            insert into org_life_appraisals (county_id, member_id, org_id, org_path, year, self_assessment, grade, votes, follow_up_action, follow_up_due_on)
            select county_id, id, org_id, org_path, ${year}, '本年度认真学习党的创新理论，按时参加组织生活，按时交纳党费。', grade,
                   jsonb_build_object('excellent', 0, 'qualified', 0, 'basic', 0, 'unqualified', 0)
                     || jsonb_build_object(grade, voters - voters / 4)
                     || jsonb_build_object(case when grade = 'qualified' then 'excellent' else 'qualified' end, voters / 4),
                   case when grade = 'unqualified' then 'correct' end,
                   case when grade = 'unqualified' then ${today}::date + 90 end
            from g
            returning 1)
          select count(*)::int as appraisals from ins`,
    );
    lap('appraisals');
    // 组织生活会 of this year in the demo town: every branch has its yearly record; from November on, about two in
    // three have held it (late November, all four steps dated before it, the whole roster present, an 整改清单 and the
    // 通报); the others are still preparing (the first two steps done).
    const heldFrom = `${year}-11-20`;
    const [{ lifeMeetings }] = await queryRows<{ lifeMeetings: number }>(
      tx,
      sql`with b as (
            select o.id, o.path, o.county_id, coalesce(sec.name, '支部书记') as chair,
                   least(${heldFrom}::date + abs(hashtext(o.id::text || 'life')) % 8, ${today}::date) as held_on,
                   ${today}::date >= ${heldFrom}::date and (row_number() over (order by abs(hashtext(o.id::text || 'lifeHeld')), o.id)) % 3 <> 0 as held
            from orgs o left join members sec on sec.id = o.secretary_member_id
            where o.county_id = ${countyId} and o.type = 'branch' and o.dissolved_at is null and o.path like ${townPattern}),
          m as (
            insert into org_life_meetings (county_id, org_id, org_path, kind, date, place, chair, recorder, topic, agenda, minutes, expected, present)
            select b.county_id, b.id, b.path, 'lifeMeeting', b.held_on, '党员活动室', b.chair, '组织委员', ${`${year}年度组织生活会`},
                   '一、通报征求意见情况；二、支部班子对照检查；三、党员个人对照检查，开展批评和自我批评；四、民主评议党员',
                   '支部书记代表支委班子作对照检查，党员逐一发言，开展批评和自我批评，提出整改措施。',
                   (select count(*) from members p where p.county_id = b.county_id and p.org_id = b.id and p.left_at is null),
                   (select count(*) from members p where p.county_id = b.county_id and p.org_id = b.id and p.left_at is null)
            from b where b.held
            returning id, org_id, date),
          ins as (
            insert into org_life_life_meetings (county_id, org_id, org_path, year, type, title, steps, rectifications, notice_on, notice_text, meeting_id, held_on)
            select b.county_id, b.id, b.path, ${year}, 'annual', ${`${year}年度组织生活会`},
                   case when m.id is not null then jsonb_build_object(
                       'study', jsonb_build_object('doneOn', (m.date - 20)::text, 'note', '集中学习党的创新理论'),
                       'solicit', jsonb_build_object('doneOn', (m.date - 15)::text, 'note', '发放征求意见表，收集意见建议'),
                       'talks', jsonb_build_object('doneOn', (m.date - 10)::text, 'note', '支委成员之间、支委与党员之间谈心谈话'),
                       'materials', jsonb_build_object('doneOn', (m.date - 5)::text, 'note', '撰写对照检查材料，查摆问题'))
                   else jsonb_build_object(
                       'study', jsonb_build_object('doneOn', least(${`${year}-10-15`}::date, ${today}::date)::text, 'note', '集中学习党的创新理论'),
                       'solicit', jsonb_build_object('doneOn', least(${`${year}-10-25`}::date, ${today}::date)::text, 'note', null),
                       'talks', null, 'materials', null) end,
                   case when m.id is not null then jsonb_build_array(
                       jsonb_build_object('problem', '理论学习不够深入系统', 'measure', '每月开展一次集中学习研讨', 'owner', b.chair, 'dueOn', (m.date + 90)::text, 'doneOn', null),
                       jsonb_build_object('problem', '联系服务群众不够经常', 'measure', '党员联系户每月走访一次', 'owner', '组织委员', 'dueOn', (m.date + 30)::text, 'doneOn', null))
                   else '[]'::jsonb end,
                   case when m.id is not null then m.date + 2 end,
                   case when m.id is not null then '在党务公开栏通报组织生活会召开情况和整改清单' end,
                   m.id, m.date
            from b left join m on m.org_id = b.id
            returning 1),
          att as (
            insert into org_life_attendance (county_id, meeting_id, member_id, org_path, kind, date, status)
            select p.county_id, m.id, p.id, p.org_path, 'lifeMeeting', m.date, 'present' from m join members p on p.county_id = ${countyId} and p.org_id = m.org_id and p.left_at is null
            returning 1)
          select (select count(*)::int from ins) as "lifeMeetings", (select count(*) from att) as att`,
    );
    lap('life meetings');
    // 党性体检 of this year in the demo town: about one member in three checked against the default items; one in
    // eight of them 亚健康 and one in forty 不健康 with a training-base session and a deadline (some completed, some
    // past their deadline: the follow-up list and the job's warning have something to show). Encrypted in JS.
    const people = await queryRows<{ id: string; org_path: string; h: number }>(
      tx,
      sql`select id, org_path, abs(hashtext(id::text || 'checkup')) % 120 as h from members
          where county_id = ${countyId} and left_at is null and org_path like ${townPattern} and abs(hashtext(id::text || 'checked')) % 3 = 0`,
    );
    const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    // The result by rank, not by hash (member ids are random): the first is 不健康, one in forty after it too, one in
    // eight 亚健康 — so even a small county's round has each kind.
    people.sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1));
    const checkupRows = people.map((p, i) => {
      const result: CheckupResult = i % 40 === 0 ? 'unhealthy' : i % 8 === 4 ? 'subHealthy' : 'healthy';
      const sick = result !== 'healthy';
      const base = sick ? (shift(today, -60 + (p.h % 40)) < `${year}-01-01` ? `${year}-01-05` : shift(today, -60 + (p.h % 40))) : null;
      const dueOn = base ? shift(base, 30) : null;
      const completedOn = base && p.h % 2 === 0 && shift(base, 20) <= today ? shift(base, 20) : null;
      const data = {
        result, selfTest: '对照党章党规开展自测', assessment: sick ? '理论学习和作风方面存在差距，需到锻炼基地锻炼提升' : '政治坚定，表现良好', interview: null,
        baseSessionOn: base, completedOn, recheckResult: completedOn ? 'healthy' : null, dueOn, itemsVersion: 0,
        items: DEFAULT_CHECKUP_ITEMS.map((it, i) => ({ key: it.key, label: it.label, result: sick && i === p.h % DEFAULT_CHECKUP_ITEMS.length ? 'problem' : 'good', note: null })),
      };
      return { memberId: p.id, orgPath: p.org_path, dataEnc: ctx.crypto.encrypt(JSON.stringify(data)) };
    });
    if (checkupRows.length > 0) {
      await tx.execute(sql`insert into org_life_checkups (county_id, member_id, org_path, year, data_enc)
        select ${countyId}, u.m, u.p, ${year}, u.e from unnest(${pgArrayLiteral(checkupRows.map((r) => r.memberId))}::uuid[], ${pgArrayLiteral(checkupRows.map((r) => r.orgPath))}::text[], ${pgArrayLiteral(checkupRows.map((r) => r.dataEnc))}::text[]) as u(m, p, e)`);
    }
    lap('checkups');
    return { meetings: Number(meetings), attendance: Number(attendance), talks: Number(talks), entries: Number(entries), appraisals: Number(appraisals), lifeMeetings: Number(lifeMeetings), checkups: checkupRows.length };
  });
}
