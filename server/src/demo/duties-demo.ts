// Demo duty lists: this year's templates and timetables for every org, a realistic history up to today (most items
// on time, some late, a few missed, some returned or waiting for review), past months closed into stars and warnings,
// the demo instructor as a town's supervisor, and a board link. Deterministic for a seed and a day.
import { randomUUID } from 'node:crypto';
import { addDays, toChinaDate, ZDueRule, generateTimetable, type DutyFrequency } from '@yanzhen/domain';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../core/context';
import { sha256 } from '../core/crypto';
import { accounts, boardLinks, dutyItems, dutySubmissions, dutySupervisors, orgs } from '../db/schema/index';
import { createDutyMonthsService } from '../modules/duties/duties-months.service';
import { categoryOfRow, ensureYearTemplates } from '../modules/duties/duties-templates.service';
import { dutiesRepository } from '../modules/duties/duties.repository';
import { bulkInsert } from './bulk-insert';
import { createRng } from './random';

/** The demo board's token (demo data only: a real county creates its links in 贴星与设置). */
export const DEMO_BOARD_TOKEN = 'demo-quality-board';
const CHUNK = 2000;

const NOTES = ['按计划组织实施，全体党员参加', '结合本单位实际开展，形成会议记录', '书记主持，班子成员参加并作交流发言', '已完成，相关材料已归档', '围绕乡村振兴重点任务开展，群众反映良好'];
const REVIEWERS = ['组织部督导组', '镇党委组织委员', '党建办'];

export async function loadDutiesDemo(ctx: AppContext, countyId: string, seed: string | number = 42): Promise<{ items: number; submissions: number }> {
  const now = ctx.clock();
  const today = toChinaDate(now);
  const year = Number(today.slice(0, 4));
  const rng = createRng(`${seed}/duties`);
  const t0 = Date.now();
  const lap = (what: string) => process.env.YANZHEN_DEMO_TIMING && console.log(`duties demo: ${what} at ${Date.now() - t0} ms`);
  return ctx.db.transaction(async (tx) => {
    const templates = await ensureYearTemplates(tx, countyId, year, now);
    const byCategory = new Map(templates.map((t) => [t.template.category, t.items.map((i) => ({ id: i.id, title: i.title, frequency: i.frequency as DutyFrequency, dueRule: ZDueRule.parse(i.dueRule), weight: i.weight, isKey: i.isKey }))]));
    const orgList = await dutiesRepository.orgsForDuties(tx, countyId);
    const items: (typeof dutyItems.$inferInsert)[] = [];
    const subs: (typeof dutySubmissions.$inferInsert)[] = [];
    for (const org of orgList) {
      const category = categoryOfRow(org);
      if (!category) continue;
      const orgRng = rng.fork(org.id);
      // Most secretaries are diligent; a few fall behind (they get the warnings).
      const diligence = orgRng.weighted([[orgRng.next() * 0.1 + 0.9, 55], [orgRng.next() * 0.15 + 0.75, 35], [orgRng.next() * 0.3 + 0.35, 10]]);
      for (const e of generateTimetable(byCategory.get(category) ?? [], year)) {
        const id = randomUUID();
        const row: typeof dutyItems.$inferInsert = {
          id, countyId, orgId: org.id, orgPath: org.path, templateItemId: e.templateItemId, year, periodKey: e.periodKey, frequency: e.frequency, title: e.title,
          dueDate: e.dueDate, month: e.month, weight: e.weight, isKey: e.isKey, secretaryMemberId: org.secretaryMemberId, secretaryName: org.secretaryName, status: 'pending', createdAt: now, updatedAt: now,
          firstSubmittedOn: null, lastSubmittedAt: null, lastReturnedOn: null, acceptedAt: null, onTime: null,
        };
        items.push(row);
        const past = e.dueDate < today;
        const soon = !past && e.dueDate <= addDays(today, 10);
        const roll = orgRng.next();
        let submittedOn: string | null = null;
        if (past && roll < diligence) submittedOn = addDays(e.dueDate, -orgRng.int(0, 12));
        else if (past && roll < diligence + (1 - diligence) * 0.5) submittedOn = addDays(e.dueDate, orgRng.int(1, 20));
        else if (soon && roll < diligence * 0.5) submittedOn = addDays(today, -orgRng.int(0, 3));
        if (!submittedOn || submittedOn > today) continue;
        if (submittedOn < `${year}-01-01`) submittedOn = `${year}-01-01`;
        const submittedAt = new Date(Math.min(now.getTime() - 60_000, new Date(`${submittedOn}T0${orgRng.int(1, 9)}:${String(orgRng.int(10, 59))}:00+08:00`).getTime()));
        const reviewDay = addDays(submittedOn, orgRng.int(0, 3));
        const reviewed = reviewDay < today || (reviewDay === today && orgRng.chance(0.5));
        const returned = reviewed && orgRng.chance(0.03) && e.dueDate >= addDays(today, -20);
        const base = { countyId, itemId: id, orgPath: org.path, text: `${e.title}：${orgRng.pick(NOTES)}。`, count: orgRng.int(5, 60), participants: [], fileIds: [], submittedBy: randomUUID(), submittedByName: org.secretaryName ?? `${org.shortName ?? org.name}书记`, submittedAt, reviewedBy: null, reviewedByName: null, reviewedAt: null, feedback: null };
        if (!reviewed) {
          subs.push({ ...base, status: 'submitted' });
          Object.assign(row, { status: 'submitted', firstSubmittedOn: submittedOn, lastSubmittedAt: submittedAt });
          continue;
        }
        const reviewedAt = new Date(Math.min(now.getTime() - 30_000, Math.max(submittedAt.getTime() + 60_000, new Date(`${reviewDay}T1${orgRng.int(0, 7)}:${String(orgRng.int(10, 59))}:00+08:00`).getTime())));
        const reviewer = orgRng.pick(REVIEWERS);
        if (returned) {
          subs.push({ ...base, status: 'returned', reviewedBy: randomUUID(), reviewedByName: reviewer, reviewedAt, feedback: '佐证材料不完整，请补充会议照片和记录' });
          Object.assign(row, { status: 'returned', firstSubmittedOn: submittedOn, lastSubmittedAt: submittedAt, lastReturnedOn: reviewDay });
          continue;
        }
        subs.push({ ...base, status: 'accepted', reviewedBy: randomUUID(), reviewedByName: reviewer, reviewedAt });
        Object.assign(row, { status: 'accepted', firstSubmittedOn: submittedOn, lastSubmittedAt: submittedAt, acceptedAt: reviewedAt, onTime: submittedOn <= e.dueDate });
      }
    }
    lap('planned');
    for (let i = 0; i < items.length; i += CHUNK) await bulkInsert(tx, dutyItems, items.slice(i, i + CHUNK));
    for (let i = 0; i < subs.length; i += CHUNK) await bulkInsert(tx, dutySubmissions, subs.slice(i, i + CHUNK).map((s) => ({ ...s, participants: JSON.stringify(s.participants) as never, fileIds: JSON.stringify(s.fileIds) as never })));
    lap('inserted');
    await dutiesRepository.refreshMonthly(tx, countyId, today, now, { monthPrefix: String(year) });
    lap('rollups');
    // Past months are closed in order, so warnings are raised, carried and cleared as they would have been.
    const months = createDutyMonthsService(ctx);
    for (let m = 1; m < Number(today.slice(5, 7)); m++) {
      await months.closeMonthFor(tx, countyId, `${year}-${String(m).padStart(2, '0')}`, now, null);
      lap(`closed ${m}`);
    }

    const [instructor] = await tx.select().from(accounts).where(and(eq(accounts.countyId, countyId), eq(accounts.username, 'instructor')));
    if (instructor) {
      const [org] = await tx.select({ id: orgs.id, path: orgs.path }).from(orgs).where(and(eq(orgs.id, instructor.orgId), isNull(orgs.dissolvedAt)));
      if (org) await tx.insert(dutySupervisors).values({ countyId, accountId: instructor.id, orgId: org.id, orgPath: org.path, createdAt: now }).onConflictDoNothing();
    }
    await tx.insert(boardLinks).values({ countyId, name: '县委院内大屏（演示）', tokenHash: sha256(DEMO_BOARD_TOKEN), createdAt: now }).onConflictDoNothing();
    return { items: items.length, submissions: subs.length };
  });
}

