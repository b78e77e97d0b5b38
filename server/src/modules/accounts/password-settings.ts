// The county's password settings (密码有效期), stored in the settings table with the domain's default.
import { PASSWORD_MAX_AGE_DAYS_DEFAULT, PASSWORD_MAX_AGE_SETTING_KEY, forbidden, type PasswordSettings } from '@yanzhen/domain';
import { requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { readSetting, writeSetting } from '../../core/settings';

export async function passwordMaxAgeDays(ex: Executor, countyId: string): Promise<number> {
  const v = await readSetting(ex, countyId, PASSWORD_MAX_AGE_SETTING_KEY);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : PASSWORD_MAX_AGE_DAYS_DEFAULT;
}

export function createPasswordSettingsService(ctx: AppContext) {
  async function get(actor: Actor): Promise<PasswordSettings> {
    requirePermission(actor, 'accounts.read');
    return { passwordMaxAgeDays: await passwordMaxAgeDays(ctx.db, actor.countyId) };
  }

  /** County-wide: only the county administrator changes it. */
  async function update(actor: Actor, input: PasswordSettings): Promise<PasswordSettings> {
    requirePermission(actor, 'accounts.write');
    if (actor.role !== 'countyAdmin') throw forbidden('密码有效期由县委组织部管理员设置');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const before = await passwordMaxAgeDays(tx, actor.countyId);
      await writeSetting(tx, actor.countyId, PASSWORD_MAX_AGE_SETTING_KEY, input.passwordMaxAgeDays, actor.accountId, now);
      await writeAudit(tx, actor, now, { action: 'settings.password', entityType: 'settings', entityId: PASSWORD_MAX_AGE_SETTING_KEY, changes: { passwordMaxAgeDays: { before, after: input.passwordMaxAgeDays } } });
    });
    return get(actor);
  }

  return { get, update };
}
