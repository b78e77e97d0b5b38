// The development rule set as versioned rows of `rule_sets`: the current version, a file's own version, new versions.
import { DEFAULT_DEVELOPMENT_RULE_SET, DEVELOPMENT_RULE_SET_NAME, ZDevelopmentRuleParams, type DevelopmentRuleSet, type DevelopmentRuleSetInput } from '@yanzhen/domain';
import type { Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { registerUniqueConflicts } from '../../core/errors';
import { developmentRepository as repo } from './development.repository';

type Row = Awaited<ReturnType<typeof repo.ruleSetVersions>>[number];
const toRuleSet = (r: Row): DevelopmentRuleSet => ({ version: r.version, effectiveFrom: r.effectiveFrom, source: r.source, params: ZDevelopmentRuleParams.parse(r.params) });

/** Stored versions, newest first; a county that never edited its rules is on the built-in version 1. */
export async function ruleSetVersions(ex: Executor, countyId: string): Promise<(DevelopmentRuleSet & { createdAt: string })[]> {
  const rows = await repo.ruleSetVersions(ex, countyId, DEVELOPMENT_RULE_SET_NAME);
  const stored = rows.map((r) => ({ ...toRuleSet(r), createdAt: r.createdAt.toISOString() }));
  if (!stored.some((r) => r.version === 1)) stored.push({ ...DEFAULT_DEVELOPMENT_RULE_SET, createdAt: '2014-06-10T00:00:00.000Z' });
  return stored;
}

/** The version in force on a date: the highest version whose effective date has come. */
export async function ruleSetOn(ex: Executor, countyId: string, on: string): Promise<DevelopmentRuleSet> {
  const versions = await ruleSetVersions(ex, countyId);
  return versions.find((v) => v.effectiveFrom <= on) ?? versions[versions.length - 1];
}

/** The version a file was opened under (it keeps being judged by it). */
export async function ruleSetVersion(ex: Executor, countyId: string, version: number): Promise<DevelopmentRuleSet> {
  const versions = await ruleSetVersions(ex, countyId);
  return versions.find((v) => v.version === version) ?? DEFAULT_DEVELOPMENT_RULE_SET;
}

// Two administrators saving a new version at once both compute the same next number: the index decides (409).
registerUniqueConflicts({ rule_sets_uq: { code: 'RULE_SET_VERSION_TAKEN', message: '他人刚刚保存了新的规则版本，请刷新后在最新版本上修改' } });

export async function createRuleSetVersion(ctx: AppContext, actor: Actor, input: DevelopmentRuleSetInput): Promise<DevelopmentRuleSet> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const versions = await ruleSetVersions(tx, actor.countyId);
    const version = Math.max(...versions.map((v) => v.version)) + 1;
    const row = await repo.insertRuleSet(tx, { countyId: actor.countyId, name: DEVELOPMENT_RULE_SET_NAME, version, effectiveFrom: input.effectiveFrom, source: input.source, params: input.params, createdBy: actor.accountId, createdAt: now });
    const previous = versions[0];
    await writeAudit(tx, actor, now, {
      action: 'development.ruleSet.create',
      entityType: 'ruleSet',
      entityId: row.id,
      before: { version: previous.version, ...previous.params },
      after: { version, effectiveFrom: input.effectiveFrom, source: input.source, ...input.params },
    });
    return toRuleSet(row);
  });
}
