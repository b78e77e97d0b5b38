// 政治生日 (issue #13 item 3): the month's list in Excel, the branch's celebration of the month (one per branch and
// month), and the county setting that makes it a required topic of the theme day (主题党日必选题). The theme-days module
// asks `birthdayTopicsFor` whether a branch's month has the topic and whether it is done.
import { ZBirthdayCelebrationCreate, ZCareBirthdaySetting, birthdayTopic, forbidden, invalid, monthOf, politicalBirthdayInMonth, toChinaDate, type BirthdayCelebration, type BirthdayTopic, type CareSettings } from '@yanzhen/domain';
import type { FastifyReply } from 'fastify';
import { requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { registerUniqueConflicts } from '../../core/errors';
import { addSheet, sendXlsx } from '../../core/excel';
import { writeSetting } from '../../core/settings';
import { provideBirthdayTopics } from '../../core/theme-day-topics';
import { createMembersService } from '../members/members.service';
import { createOrgsService } from '../orgs/orgs.service';
import { CARE_SETTINGS_KEY, loadCareSettings } from './care.service';
import { validate } from '../../core/validate';
import { condolenceRepository as repo, type CelebrationRow } from './condolence.repository';

registerUniqueConflicts({ birthday_celebrations_org_month_uq: { code: 'BIRTHDAY_CELEBRATED', message: '该党支部本月的政治生日庆祝已登记' } });

const toCelebration = (c: CelebrationRow): BirthdayCelebration => ({ id: c.id, orgId: c.orgId, orgName: c.orgName, month: c.month, celebratedOn: c.celebratedOn, content: c.content, members: c.members, recordedByName: c.recordedByName });

/** The political-birthday topic of each branch and month asked (key `${orgId}|${month}`), for the theme-day plan. */
export async function birthdayTopicsFor(ctx: AppContext, ex: Executor, countyId: string, items: { orgId: string; month: string }[]): Promise<Map<string, BirthdayTopic>> {
  const out = new Map<string, BirthdayTopic>();
  if (!items.length) return out;
  const s = await loadCareSettings(ex, countyId);
  const members = createMembersService(ctx);
  const orgIds = [...new Set(items.map((i) => i.orgId))];
  const done = await repo.celebrationsOf(ex, countyId, orgIds, [...new Set(items.map((i) => i.month))]);
  for (const month of new Set(items.map((i) => i.month))) {
    const ids = [...new Set(items.filter((i) => i.month === month).map((i) => i.orgId))];
    const counts = await members.anniversaryCounts(ex, countyId, ids, month);
    for (const orgId of ids) {
      const c = done.find((d) => d.orgId === orgId && d.month === month);
      out.set(`${orgId}|${month}`, birthdayTopic({ settingOn: s.birthdayRequiredTopic, members: counts.get(orgId) ?? 0, celebratedOn: c?.celebratedOn ?? null }));
    }
  }
  return out;
}

provideBirthdayTopics(birthdayTopicsFor);

export function createBirthdaysService(ctx: AppContext) {
  const members = createMembersService(ctx);
  const orgs = createOrgsService(ctx);
  const today = () => toChinaDate(ctx.clock());
  const pattern = async (actor: Actor, orgId: string | undefined) => subtreePattern(orgId ? (await orgs.loadInScope(ctx.db, actor, orgId)).path : actor.orgPath);

  /** The month's list in Excel: every member of the scope with an anniversary in the month, by date and branch. */
  async function exportList(actor: Actor, q: { orgId?: string; month: string }, reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(actor, 'care.read');
    const p = await pattern(actor, q.orgId);
    const first = await members.politicalBirthdays(actor, p, q.month, { page: 1, pageSize: 1 });
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'care.exportBirthdays', entityType: 'carePairing', entityId: null, after: { month: q.month, count: first.total }, note: `导出 ${q.month} 政治生日名单 ${first.total} 人` });
    return sendXlsx(reply, { name: `政治生日名单_${q.month}.xlsx`, ascii: `political-birthdays_${q.month}.xlsx` }, async (wb) => {
      const sheet = addSheet(wb, `${q.month} 政治生日`, [{ title: '序号', width: 6 }, { title: '政治生日', width: 12 }, { title: '姓名', width: 10 }, { title: '党支部', width: 26 }, { title: '入党日期', width: 12 }, { title: '党龄（周年）', width: 12 }]);
      let n = 0;
      for (let pg = 1; ; pg++) {
        const { rows } = await members.politicalBirthdays(actor, p, q.month, { page: pg, pageSize: 1000 });
        for (const r of rows) {
          const b = politicalBirthdayInMonth(r.joinDate, q.month);
          if (b) sheet.addRow([++n, b.date, r.name, r.orgName, r.joinDate, b.years]);
        }
        if (rows.length < 1000) break;
      }
      sheet.commit();
    });
  }

  /** Records the branch's celebration of the month's political birthdays (the theme day's required topic). */
  async function celebrate(actor: Actor, body: unknown): Promise<BirthdayCelebration> {
    requirePermission(actor, 'care.write');
    const input = validate(ZBirthdayCelebrationCreate, body);
    const saved = await ctx.db.transaction(async (tx) => {
      const org = await orgs.loadInScope(tx, actor, input.orgId);
      if (org.type !== 'branch') throw invalid('政治生日以党支部为单位庆祝，请选择党支部', [{ path: 'orgId', message: '请选择党支部' }], 'ORG_NOT_BRANCH');
      if (monthOf(input.celebratedOn) !== input.month) throw invalid(`庆祝日期 ${input.celebratedOn} 不在 ${input.month} 内`, [{ path: 'celebratedOn', message: '庆祝日期须在该月内' }]);
      if (input.celebratedOn > today()) throw invalid(`庆祝日期 ${input.celebratedOn} 晚于今天`, [{ path: 'celebratedOn', message: '庆祝日期不能晚于今天' }]);
      const n = (await members.anniversaryCounts(tx, actor.countyId, [org.id], input.month)).get(org.id) ?? 0;
      if (n === 0) throw invalid(`${org.name} ${input.month} 没有过政治生日的党员`, [{ path: 'month', message: '本月没有政治生日' }], 'BIRTHDAY_NONE');
      const now = ctx.clock();
      const row = await repo.insertCelebration(tx, { countyId: actor.countyId, orgId: org.id, orgName: org.name, orgPath: org.path, month: input.month, celebratedOn: input.celebratedOn, content: input.content, members: n, recordedByAccountId: actor.accountId, recordedByName: actor.displayName, createdAt: now });
      await writeAudit(tx, actor, now, { action: 'care.birthdayCelebration', entityType: 'birthdayCelebration', entityId: row.id, after: { org: org.name, month: input.month, celebratedOn: input.celebratedOn, members: n } });
      return row;
    });
    return toCelebration(saved);
  }

  async function celebrations(actor: Actor, q: { orgId?: string; month: string; page: number; pageSize: number }) {
    requirePermission(actor, 'care.read');
    const { rows, total } = await repo.listCelebrations(ctx.db, actor.countyId, await pattern(actor, q.orgId), q.month, q);
    return { items: rows.map(toCelebration), total, page: q.page, pageSize: q.pageSize };
  }

  async function settings(actor: Actor): Promise<CareSettings> {
    requirePermission(actor, 'care.read');
    return loadCareSettings(ctx.db, actor.countyId);
  }

  /** The county's setting 政治生日为主题党日必选题 (county accounts only). */
  async function setBirthdayTopic(actor: Actor, body: unknown): Promise<CareSettings> {
    requirePermission(actor, 'care.write');
    const input = validate(ZCareBirthdaySetting, body);
    await ctx.db.transaction(async (tx) => {
      const org = await orgs.loadInScope(tx, actor, actor.orgId);
      if (org.parentId !== null) throw forbidden('主题党日必选题由县委组织部设置');
      const before = await loadCareSettings(tx, actor.countyId);
      const now = ctx.clock();
      await writeSetting(tx, actor.countyId, CARE_SETTINGS_KEY, { ...before, birthdayRequiredTopic: input.birthdayRequiredTopic }, actor.accountId, now);
      await writeAudit(tx, actor, now, { action: 'care.settings', entityType: 'careSettings', entityId: null, before: { birthdayRequiredTopic: before.birthdayRequiredTopic }, after: { birthdayRequiredTopic: input.birthdayRequiredTopic } });
    });
    return loadCareSettings(ctx.db, actor.countyId);
  }

  return { exportList, celebrate, celebrations, settings, setBirthdayTopic };
}
