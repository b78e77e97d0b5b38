// Demo data of issue #11, in a few set-based statements (every choice is a hash of a row's fields or id, never a draw):
// the two-new registry's survey facts for every enterprise, ~40 instructors from the roster (the demo account
// `instructor` is one of them, in the demo town), assignments to ~85% of the enterprises, a year of scanned visits on
// working days (a few instructors too seldom on site), work logs with problems raised and mostly solved, a few manual
// entries (approved, and some pending), the month close of every month that has ended, the quarters' phone callbacks
// and last year's finished assessment.
import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_ASSESSMENT_SETTINGS, DEFAULT_STAFF_RATING_ITEMS, STAFF_RATING_LEVELS, addDays, assessmentScore, chineseWorkingDays, gradeOf, monthOf, monthsOfYear, ratingVoteTenths, staffRatingAggregate, staffRatingComponent, subsidyOf, toChinaDate, type StaffRatingLevel } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import type { Executor } from '../core/db';
import { queryRows } from '../core/db';
import { pgArrayLiteral } from '../core/pg-array';
import { instructorAssessments, instructorCheckFindings, instructorChecks, staffRatingBatches, staffRatingCodes, staffRatingVotes } from '../db/schema/index';
import { openSourcedRectification } from '../modules/duties/duties.service';
import { closeInstructorMonths } from '../modules/instructors/instructors.service';
import { bulkInsert } from './bulk-insert';

export const DEMO_INSTRUCTORS = 40;
const n = (v: number) => sql.raw(String(Math.trunc(v)));
const pct = (expr: ReturnType<typeof sql>) => sql`(abs(hashtext(${expr})) % 100)`;

const LOG_CONTENT = [
  '走访企业负责人，了解生产经营和用工情况',
  '指导党支部召开支委会，完善三会一课记录',
  '摸排企业党员和入党积极分子情况，更新台账',
  '协调镇上解决企业用电、用地问题',
  '组织党员职工开展志愿服务',
  '指导企业党组织开展评星晋级自评',
  '宣讲惠企政策，帮助企业申报项目',
  '与周边村党组织商议联建共建事项',
];
const PROBLEMS = ['企业招工难，技术工人缺口较大', '厂区道路破损，雨天运输困难', '融资难，流动资金紧张', '党员活动场所不足', '员工子女入学咨询', '用电容量不足，影响扩产'];
const SOLUTIONS = ['已对接县人社局专场招聘会', '已协调镇政府列入道路维修计划', '已对接县农商银行办理贷款', '已协调腾出会议室作为党员活动室', '已联系县教育局答复', '已协调供电所增容'];

/** `demoTownPath`: the demo town (the `instructor` account's org), whose enterprises the demo instructor serves. */
export async function loadInstructorsDemo(ex: Executor, countyId: string, now: Date, demoTownPath: string): Promise<{ instructors: number; visits: number; logs: number }> {
  const t0 = performance.now();
  const lap = (what: string) => process.env.YANZHEN_DEMO_TIMING && console.log(`instructors demo: ${what} at ${Math.round(performance.now() - t0)} ms`);
  const today = toChinaDate(now);
  const year = Number(today.slice(0, 4));
  const current = monthOf(today);

  // Survey facts: own org when the enterprise has a branch; else joint / attached / none by hash; members employed.
  await ex.execute(sql`
    insert into enterprise_profiles (county_id, enterprise_id, org_path, address, legal_representative, org_form, members_employed, members_elsewhere, new_employment, sanbai_siqian, surveyed_on, created_at, updated_at)
    select e.county_id, e.id, t.path,
           coalesce(t.short_name, t.name) || (array['工业园区','商贸街','创业路','开发区','新城大道'])[1 + ${pct(sql`e.name || 'a'`)} % 5] || (1 + ${pct(sql`e.name || 'n'`)})::text || '号',
           (array['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + ${pct(sql`e.name || 's'`)} % 10] || (array['建军','海燕','志强','丽娟','国庆','红梅','晓东','春生'])[1 + ${pct(sql`e.name || 'g'`)} % 8],
           case when e.party_org_id is not null then 'own'
                when ${pct(sql`e.name || 'f'`)} < 18 then 'joint'
                when ${pct(sql`e.name || 'f'`)} < 28 then 'attached' else 'none' end,
           case when e.party_org_id is not null then coalesce((select count(*)::int from members m where m.county_id = e.county_id and m.org_id = e.party_org_id and m.left_at is null), 3)
                else ${pct(sql`e.name || 'm'`)} % 6 end,
           ${pct(sql`e.name || 'x'`)} % 3,
           ${pct(sql`e.name || 'ne'`)} < 15, ${pct(sql`e.name || 'sb'`)} < 20,
           ${`${year}-03-31`}::date, ${now}, ${now}
    from enterprises e join orgs t on t.county_id = e.county_id and t.id = e.town_org_id
    where e.county_id = ${countyId}
    on conflict do nothing`);

  lap('profiles');
  // Instructors: one full member of the demo town (bound to the `instructor` account), then others across the county.
  await ex.execute(sql`
    with picked as (
      (select m.id, m.name, m.org_path, 0 as ord from members m
        where m.county_id = ${countyId} and m.org_path like ${`${demoTownPath}%`} and m.left_at is null and m.status = 'full'
          and not exists (select 1 from member_disciplines d where d.county_id = m.county_id and d.member_id = m.id)
        order by hashtext(m.id::text) limit 1)
      union all
      (select m.id, m.name, m.org_path, 1 from members m
        where m.county_id = ${countyId} and m.left_at is null and m.status = 'full' and m.org_path not like ${`${demoTownPath}%`}
          and not exists (select 1 from member_disciplines d where d.county_id = m.county_id and d.member_id = m.id)
        order by hashtext(m.id::text || 'i') limit ${n(DEMO_INSTRUCTORS - 1)})
    )
    insert into instructors (county_id, member_id, account_id, name, org_path, source, skills, industry, created_at, updated_at)
    select ${countyId}, p.id,
           case when p.ord = 0 then (select a.id from accounts a where a.county_id = ${countyId} and a.username = 'instructor' and a.role = 'instructor') end,
           p.name, p.org_path,
           (array['townCadre','townCadre','reserveCadre','retiredLeader'])[1 + ${pct(sql`p.id::text || 'src'`)} % 4],
           (array['组织建设、党务工作','企业管理、财务','法律政策、劳动关系','宣传文化、志愿服务','安全生产、技术创新'])[1 + ${pct(sql`p.id::text || 'sk'`)} % 5],
           (array['制造业','批发零售','建筑业','交通运输','信息技术', null])[1 + ${pct(sql`p.id::text || 'in'`)} % 6],
           ${now}, ${now}
    from picked p`);

  lap('instructors');
  // Assignments: the demo instructor takes up to 3 enterprises of the demo town; the rest go round the pool (85%).
  await ex.execute(sql`
    with i as (select id, row_number() over (order by (account_id is null), name, id) - 1 as k from instructors where county_id = ${countyId}),
    demo as (select id from instructors where county_id = ${countyId} and account_id is not null limit 1),
    e as (select p.enterprise_id, p.org_path, row_number() over (order by p.org_path like ${`${demoTownPath}%`} desc, hashtext(p.enterprise_id::text)) - 1 as r
          from enterprise_profiles p where p.county_id = ${countyId})
    insert into instructor_assignments (county_id, instructor_id, enterprise_id, org_path, start_date, end_date, active, consent_note, created_at, updated_at)
    select ${countyId},
           case when e.r < 3 and (select id from demo) is not null then (select id from demo)
                else (select i.id from i where i.k = 1 + (e.r % (select greatest(count(*) - 1, 1) from i))) end,
           e.enterprise_id, e.org_path, ${`${year - 1}-03-01`}::date, ${`${year + 1}-02-28`}::date, true,
           '企业负责人同意（选派座谈会上确认）', ${now}, ${now}
    from e where e.r < 3 or ${pct(sql`e.enterprise_id::text || 'as'`)} < 85`);

  lap('assignments');
  // A year of visits: on each working day so far, an instructor is on site with their own likelihood (most 40–60%,
  // every seventh one 15–25%: they draw the yellow and red warnings), 08:00–09:00 until 12:30–16:00.
  const days: string[] = [];
  for (let d = `${year}-01-01`; d < today; d = addDays(d, 1)) if (chineseWorkingDays.isWorkday(d)) days.push(d);
  await ex.execute(sql`
    with a as (select instructor_id, min(enterprise_id::text)::uuid as enterprise_id, min(org_path) as org_path, count(*) as n,
                      array_agg(enterprise_id order by enterprise_id) as eids, array_agg(org_path order by enterprise_id) as paths
               from instructor_assignments where county_id = ${countyId} and active group by instructor_id),
    likely as (select instructor_id, case when ${pct(sql`instructor_id::text || 'low'`)} < 14 then 15 + ${pct(sql`instructor_id::text || 'p'`)} % 11 else 40 + ${pct(sql`instructor_id::text || 'p'`)} % 21 end as p from a)
    insert into site_visits (county_id, instructor_id, enterprise_id, org_path, in_at, out_at)
    select ${countyId}, a.instructor_id, a.eids[1 + ${pct(sql`a.instructor_id::text || d.day::text || 'e'`)} % a.n], a.paths[1 + ${pct(sql`a.instructor_id::text || d.day::text || 'e'`)} % a.n],
           (d.day::timestamp + interval '8 hour' + (${pct(sql`a.instructor_id::text || d.day::text || 'i'`)} * interval '36 second')) at time zone 'Asia/Shanghai',
           (d.day::timestamp + interval '12 hour 30 minute' + (${pct(sql`a.instructor_id::text || d.day::text || 'o'`)} * interval '126 second')) at time zone 'Asia/Shanghai'
    from a join likely l on l.instructor_id = a.instructor_id
    cross join unnest(${pgArrayLiteral(days)}::date[]) as d(day)
    where ${pct(sql`a.instructor_id::text || d.day::text`)} < l.p`);

  lap('visits');
  // Work logs for about one visit in three; a problem for one log in eight, solved within a fortnight unless recent.
  await ex.execute(sql`
    insert into instructor_work_logs (county_id, instructor_id, enterprise_id, org_path, date, hours, duties, content, created_at)
    select v.county_id, v.instructor_id, v.enterprise_id, v.org_path, (v.in_at at time zone 'Asia/Shanghai')::date,
           greatest(1, round(extract(epoch from v.out_at - v.in_at) / 3600)::int),
           string_to_array((array['survey,buildTogether', 'urgentProblems', 'starRating,doubleBuild', 'jointBuild', 'survey,urgentProblems', 'buildTogether,starRating'])[1 + ${pct(sql`v.id::text || 'd'`)} % 6], ','),
           (${sql.raw(`ARRAY[${LOG_CONTENT.map((t) => `'${t}'`).join(',')}]`)})[1 + ${pct(sql`v.id::text || 'c'`)} % ${n(LOG_CONTENT.length)}],
           v.out_at
    from site_visits v where v.county_id = ${countyId} and ${pct(sql`v.id::text || 'log'`)} < 34`);
  await ex.execute(sql`
    insert into instructor_problems (county_id, instructor_id, enterprise_id, org_path, work_log_id, raised_on, description, status, solved_on, solution, created_at, updated_at)
    select l.county_id, l.instructor_id, l.enterprise_id, l.org_path, l.id, l.date,
           (${sql.raw(`ARRAY[${PROBLEMS.map((t) => `'${t}'`).join(',')}]`)})[1 + ${pct(sql`l.id::text || 'p'`)} % ${n(PROBLEMS.length)}],
           case when l.date + 14 < ${today}::date and ${pct(sql`l.id::text || 's'`)} < 80 then 'solved' else 'open' end,
           case when l.date + 14 < ${today}::date and ${pct(sql`l.id::text || 's'`)} < 80 then l.date + 3 + ${pct(sql`l.id::text || 'w'`)} % 10 end,
           case when l.date + 14 < ${today}::date and ${pct(sql`l.id::text || 's'`)} < 80 then (${sql.raw(`ARRAY[${SOLUTIONS.map((t) => `'${t}'`).join(',')}]`)})[1 + ${pct(sql`l.id::text || 'p'`)} % ${n(SOLUTIONS.length)}] end,
           l.created_at, l.created_at
    from instructor_work_logs l where l.county_id = ${countyId} and ${pct(sql`l.id::text || 'prob'`)} < 12`);

  lap('logs+problems');
  // Manual entries: a working day without a scan now and then; approved in past months, pending in this one.
  await ex.execute(sql`
    with a as (select instructor_id, min(enterprise_id::text)::uuid as enterprise_id, min(org_path) as org_path from instructor_assignments where county_id = ${countyId} and active group by instructor_id)
    insert into site_manual_entries (county_id, instructor_id, enterprise_id, org_path, date, hours, reason, status, decided_at, decided_note, created_at, updated_at)
    select ${countyId}, a.instructor_id, a.enterprise_id, a.org_path, d.day, 5,
           (array['手机没电，未能扫码','企业二维码被遮挡，现场签到表为证','陪同县工委督导组到企业，未单独扫码'])[1 + ${pct(sql`a.instructor_id::text || d.day::text || 'r'`)} % 3],
           case when to_char(d.day, 'YYYY-MM') < ${current} then 'approved' else 'pending' end,
           case when to_char(d.day, 'YYYY-MM') < ${current} then ${now}::timestamptz end,
           case when to_char(d.day, 'YYYY-MM') < ${current} then '经核实属实' end, ${now}, ${now}
    from a cross join unnest(${pgArrayLiteral(days)}::date[]) as d(day)
    where ${pct(sql`a.instructor_id::text || d.day::text || 'man'`)} < 3
      and (a.instructor_id, d.day) not in (select v.instructor_id, (v.in_at at time zone 'Asia/Shanghai')::date from site_visits v where v.county_id = ${countyId})
    on conflict do nothing`);

  lap('manual');
  // The month close of every month of the year that has ended (the warnings of the county's list).
  await closeInstructorMonths(ex, countyId, monthsOfYear(year).filter((x) => x < current), now);
  // Phone callbacks: each enterprise with an instructor, in the middle month of every quarter of the year already past.
  const quarters = [1, 2, 3, 4].filter((q) => `${year}-${String(q * 3 - 1).padStart(2, '0')}-15` < today);
  if (quarters.length > 0) {
    await ex.execute(sql`
      insert into instructor_callbacks (county_id, enterprise_id, instructor_id, org_path, quarter, called_on, contact_name, visits_often, satisfaction, notes, created_at)
      select a.county_id, a.enterprise_id, a.instructor_id, a.org_path, ${`${year}-Q`} || q.q, make_date(${n(year)}, q.q * 3 - 1, 10 + ${pct(sql`a.enterprise_id::text || q.q::text`)} % 10),
             (array['企业负责人','党支部书记','人事主管','工会主席'])[1 + ${pct(sql`a.enterprise_id::text || q.q::text || 'c'`)} % 4],
             ${pct(sql`a.enterprise_id::text || q.q::text || 'v'`)} < 85,
             case when ${pct(sql`a.enterprise_id::text || q.q::text || 's'`)} < 75 then 'satisfied' when ${pct(sql`a.enterprise_id::text || q.q::text || 's'`)} < 95 then 'basic' else 'unsatisfied' end,
             '指导员到企业情况、帮助解决问题情况', ${now}
      from instructor_assignments a cross join unnest(${pgArrayLiteral(quarters)}::int[]) as q(q)
      where a.county_id = ${countyId} and a.active`);
  }
  lap('month close + callbacks');
  await loadInstructorAssessmentsDemo(ex, countyId, year - 1, now);
  await loadInstructorChecksDemo(ex, countyId, now);

  lap('assessment');
  const [c] = await queryRows<{ instructors: number; visits: number; logs: number }>(
    ex,
    sql`select (select count(*)::int from instructors where county_id = ${countyId}) as instructors,
               (select count(*)::int from site_visits where county_id = ${countyId}) as visits,
               (select count(*)::int from instructor_work_logs where county_id = ${countyId}) as logs`,
  );
  return c;
}

/**
 * Last year's finished assessment for every instructor: component scores from a hash, grade and subsidy by the
 * defaults; 职工评议 from that year's codes and anonymous votes (8–12 codes per assignment, most used; the codes
 * expired at the year's end and were never printed here, so their hashes are of random strings).
 */
export async function loadInstructorAssessmentsDemo(ex: Executor, countyId: string, year: number, now: Date): Promise<number> {
  const pool = await queryRows<{ id: string; org_path: string; h: number }>(ex, sql`select id, org_path, abs(hashtext(id::text || 'assess')) as h from instructors where county_id = ${countyId}`);
  const assignments = await queryRows<{ id: string; instructor_id: string; enterprise_id: string; org_path: string; h: number }>(ex, sql`select id, instructor_id, enterprise_id, org_path, abs(hashtext(id::text || 'rating')) as h from instructor_assignments where county_id = ${countyId} and active`);
  const expiresAt = new Date(Date.parse(`${year + 1}-01-01T00:00:00Z`) - 8 * 3600 * 1000);
  const items = [...DEFAULT_STAFF_RATING_ITEMS];
  const batches: (typeof staffRatingBatches.$inferInsert)[] = [];
  const codes: (typeof staffRatingCodes.$inferInsert)[] = [];
  const votes: (typeof staffRatingVotes.$inferInsert)[] = [];
  const tenths = new Map<string, number[]>();
  for (const a of assignments) {
    const batchId = randomUUID();
    const issued = 8 + (a.h % 5);
    const used = issued - (Math.floor(a.h / 5) % 4);
    batches.push({ id: batchId, countyId, instructorId: a.instructor_id, assignmentId: a.id, enterpriseId: a.enterprise_id, orgPath: a.org_path, year, items, settingsVersion: 0, issued, expiresAt, createdAt: new Date(Date.parse(`${year}-12-01T02:00:00Z`)) });
    // Most answers 满意, some 基本满意, a few 不满意 (an instructor's tendency from the hash).
    const lean = a.h % 3;
    for (let k = 0; k < issued; k++) {
      const votedOn = `${year}-12-${String(3 + (k % 20)).padStart(2, '0')}`;
      codes.push({ countyId, codeHash: randomBytes(24).toString('base64url'), batchId, expiresAt, usedOn: k < used ? votedOn : null });
      if (k >= used) continue;
      const answers = items.map((_, j): StaffRatingLevel => {
        const r = Math.floor(a.h / (k * 4 + j + 3)) % 10;
        return STAFF_RATING_LEVELS[r < 7 - lean * 2 ? 0 : r < 9 ? 1 : 2];
      });
      const score = ratingVoteTenths(answers);
      votes.push({ countyId, batchId, instructorId: a.instructor_id, year, orgPath: a.org_path, answers, scoreTenths: score, votedOn });
      (tenths.get(a.instructor_id) ?? tenths.set(a.instructor_id, []).get(a.instructor_id)!).push(score);
    }
  }
  // Batches and votes hold jsonb arrays, which the unnest-based bulk insert cannot pass on PostgreSQL: plain inserts.
  for (let k = 0; k < batches.length; k += 500) await ex.insert(staffRatingBatches).values(batches.slice(k, k + 500));
  await bulkInsert(ex, staffRatingCodes, codes);
  for (let k = 0; k < votes.length; k += 500) await ex.insert(staffRatingVotes).values(votes.slice(k, k + 500));
  const rows = pool.map((p) => {
    const at = (k: number, lo: number) => lo + (Math.floor(p.h / 7 ** k) % (100 - lo + 1));
    const agg = staffRatingAggregate(tenths.get(p.id) ?? []);
    const staff = staffRatingComponent(agg, at(4, 60))!;
    const scores = { daily: at(0, 55), report: at(1, 70), records: at(2, 65), talk: at(3, 70), staffRating: staff.score };
    const score = assessmentScore(scores, DEFAULT_ASSESSMENT_SETTINGS);
    const grade = gradeOf(score, DEFAULT_ASSESSMENT_SETTINGS.thresholds);
    return { countyId, instructorId: p.id, year, orgPath: p.org_path, ...scores, staffRatingVotes: staff.fromVotes ? agg.votes : 0, scoreTenths: Math.round(score * 10), grade, subsidyYuan: subsidyOf(grade, DEFAULT_ASSESSMENT_SETTINGS), note: '年终考核：听取汇报、查阅资料、座谈、职工评议', createdAt: now, updatedAt: now };
  });
  await bulkInsert(ex, instructorAssessments, rows);
  return rows.length;
}

/**
 * Two checks of this quarter: an unannounced visit to the demo instructor (not in post, a finding to fix: an open
 * rectification through the duties module), and a random check of another (in post, a reminder).
 */
export async function loadInstructorChecksDemo(ex: Executor, countyId: string, now: Date): Promise<void> {
  const today = toChinaDate(now);
  const qStart = `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const on = (back: number) => (addDays(today, -back) < qStart ? qStart : addDays(today, -back));
  const picks = await queryRows<{ instructor_id: string; enterprise_id: string; org_path: string; town_org_id: string | null; instructor_name: string; enterprise_name: string }>(ex, sql`
    select a.instructor_id, a.enterprise_id, a.org_path, e.town_org_id, i.name as instructor_name, e.name as enterprise_name
    from instructor_assignments a join instructors i on i.county_id = a.county_id and i.id = a.instructor_id join enterprises e on e.county_id = a.county_id and e.id = a.enterprise_id
    where a.county_id = ${countyId} and a.active order by (i.account_id is null), i.name, e.name limit 40`);
  const [admin] = await queryRows<{ id: string; display_name: string; username: string; org_id: string; path: string }>(ex, sql`select a.id, a.display_name, a.username, a.org_id, o.path from accounts a join orgs o on o.id = a.org_id where a.county_id = ${countyId} and a.role = 'countyAdmin' order by a.created_at limit 1`);
  // The demo account's instructor is the one visited unannounced, so its phone shows the finding to rectify.
  const visited = picks.find((p) => p.town_org_id);
  const other = picks.find((p) => p.instructor_id !== visited?.instructor_id);
  if (!visited || !other || !admin) return;
  const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const checks = [
    { id: randomUUID(), countyId, instructorId: other.instructor_id, enterpriseId: other.enterprise_id, orgPath: other.org_path, kind: 'random', checkedOn: on(20), quarter, inspectors: '县委非公和社会工委 张明、刘芳', inPost: true, summary: '指导员在企业指导支部规范化建设，工作纪实手册记录完整', createdAt: now },
    { id: randomUUID(), countyId, instructorId: visited.instructor_id, enterpriseId: visited.enterprise_id, orgPath: visited.org_path, kind: 'unannounced', checkedOn: on(8), quarter, inspectors: '县委非公和社会工委 张明、县纪委派驻组 王强', inPost: false, summary: '上午到企业，指导员不在岗，企业负责人反映指导员近一个月来到企业次数少', createdAt: now },
  ];
  await bulkInsert(ex, instructorChecks, checks);
  const findings = [
    { id: randomUUID(), countyId, checkId: checks[0].id, position: 1, severity: 'minor', description: '党员活动室制度牌未更新', rectify: false },
    { id: randomUUID(), countyId, checkId: checks[1].id, position: 1, severity: 'major', description: '本月驻企时间不足，工作纪实手册近三周未填写', rectify: true },
    { id: randomUUID(), countyId, checkId: checks[1].id, position: 2, severity: 'minor', description: '企业“急难愁盼”问题台账未及时更新', rectify: false },
  ];
  await bulkInsert(ex, instructorCheckFindings, findings);
  const actor = { accountId: admin.id, username: admin.username, displayName: admin.display_name, role: 'countyAdmin' as const, countyId, orgId: admin.org_id, orgPath: admin.path, memberId: null, ip: null };
  await openSourcedRectification(ex, actor, now, { orgId: visited.town_org_id!, orgPath: visited.org_path, problem: `【明察暗访】党建工作指导员${visited.instructor_name}（${visited.enterprise_name}）：${findings[1].description}`, deadline: addDays(today, 15), sourceType: 'instructorFinding', sourceId: findings[1].id });
}
