// First-start work: the county and its root committee, the first administrator from the environment, the demo county.
import { checkPasswordPolicy } from '@yanzhen/domain';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from './core/context';
import { hashPassword } from './core/passwords';
import { accounts, counties, orgs } from './db/schema/index';
import { writeAudit } from './core/audit';
import { queryRows } from './core/db';
import { loadDemoCounty } from './demo/demo-county';
import { backfillMemberSecrets } from './modules/members/members-privacy.backfill';

export type BootstrapReport = { countyId: string; demoLoaded: boolean; adminCreated: string | null; demoAccounts: { username: string; password: string; role: string }[] };

export async function ensureCounty(ctx: AppContext, name = process.env.YANZHEN_COUNTY_NAME ?? '示范县'): Promise<{ countyId: string; rootOrgId: string; created: boolean }> {
  const [existing] = await ctx.db.select().from(counties).limit(1);
  if (existing) {
    const [root] = await ctx.db.select({ id: orgs.id }).from(orgs).where(sql`${orgs.countyId} = ${existing.id} and ${orgs.parentId} is null`);
    return { countyId: existing.id, rootOrgId: root.id, created: false };
  }
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const [county] = await tx.insert(counties).values({ name, code: '610000' }).returning();
    const [{ seq }] = await queryRows<{ seq: string }>(tx, sql`select nextval(pg_get_serial_sequence('orgs', 'seq')) as seq`);
    const [root] = await tx
      .insert(orgs)
      .values({ countyId: county.id, seq: Number(seq), parentId: null, path: `/${seq}/`, depth: 0, name: `中共${name}委员会`, shortName: '县委', type: 'committee', sector: 'county', createdAt: now, updatedAt: now })
      .returning();
    return { countyId: county.id, rootOrgId: root.id, created: true };
  });
}

export async function bootstrap(ctx: AppContext, opts: { log?: (line: string) => void } = {}): Promise<BootstrapReport> {
  const { countyId, rootOrgId, created } = await ensureCounty(ctx);
  // Rows from before field encryption covered them get their keyed columns (needs the key, so not in a migration).
  const backfilled = await backfillMemberSecrets(ctx);
  if (backfilled.tails + backfilled.contacts > 0) opts.log?.(`已为 ${backfilled.tails} 名党员补写身份证号后4位的密钥散列，加密 ${backfilled.contacts} 条外出联系方式`);
  const report: BootstrapReport = { countyId, demoLoaded: false, adminCreated: null, demoAccounts: [] };
  const { adminUsername, adminPassword } = ctx.config;
  if (adminUsername && adminPassword) {
    const [exists] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, adminUsername));
    if (!exists) {
      const policy = checkPasswordPolicy(adminPassword);
      if (!policy.ok) throw new Error(`YANZHEN_ADMIN_PASSWORD 不符合密码策略：${policy.message}`);
      const now = ctx.clock();
      const [a] = await ctx.db
        .insert(accounts)
        .values({ countyId, username: adminUsername, displayName: '县委组织部管理员', passwordHash: await hashPassword(adminPassword), role: 'countyAdmin', orgId: rootOrgId, passwordChangedAt: now })
        .returning();
      await writeAudit(ctx.db, null, now, { countyId, action: 'account.create', entityType: 'account', entityId: a.id, note: '首次启动时由环境变量创建县级管理员' });
      report.adminCreated = adminUsername;
    }
  }
  if (created && ctx.config.demo) {
    opts.log?.(`首次启动：正在生成示范县演示数据（${ctx.config.demoMembers} 名党员，约需半分钟，以后启动不再生成）…`);
    report.demoAccounts = await loadDemoCounty(ctx, { countyId, rootOrgId, members: ctx.config.demoMembers, onPhase: opts.log });
    report.demoLoaded = true;
  }
  // Demo passwords are public: a deployment that says so forces every demo account to choose its own.
  if (process.env.NODE_ENV === 'production' || process.env.YANZHEN_REQUIRE_PASSWORD_CHANGE === 'true') {
    await ctx.db.update(accounts).set({ mustChangePassword: true }).where(sql`${accounts.isDemo} and ${accounts.passwordChangedAt} is null`);
  }
  return report;
}
