// The required topics of a theme day (主题党日必选题) come from other modules (care: the month's political birthdays):
// they register a provider here, so theme-days imports none of them and no module cycle forms.
import type { BirthdayTopic } from '@yanzhen/domain';
import type { AppContext } from './context';
import type { Executor } from './db';

export type ThemeDayKey = { orgId: string; month: string };
type Provider = (ctx: AppContext, ex: Executor, countyId: string, items: ThemeDayKey[]) => Promise<Map<string, BirthdayTopic>>;

let birthdayProvider: Provider | null = null;

/** Registers (or replaces) the provider of the political-birthday topic. */
export function provideBirthdayTopics(provider: Provider): void {
  birthdayProvider = provider;
}

/** The political-birthday topic of each branch and month (key `${orgId}|${month}`); empty when no module provides it. */
export async function birthdayTopicsOf(ctx: AppContext, ex: Executor, countyId: string, items: ThemeDayKey[]): Promise<Map<string, BirthdayTopic>> {
  return birthdayProvider && items.length ? birthdayProvider(ctx, ex, countyId, items) : new Map();
}
