// Evidence from another module: an adopted (or signed-off) publicity item proves the duty item of its org and month
// whose template key is 'publicity' (“报送一篇党建信息”) — accepted here, in the caller's transaction, with an
// accepted report naming the source, the rollup refreshed and the audit written. No second upload.
import { isOnTime, toChinaDate } from '@yanzhen/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { dutyItems, dutySubmissions, dutyTemplateItems } from '../../db/schema/index';
import { dutiesRepository } from './duties.repository';

export type ExternalEvidence = { orgId: string; orgPath: string; month: string; templateKey: string; text: string; source: string };

/** Accepts the open duty item of (org, month, template key); returns its id, or null when there is none to accept. */
export async function acceptDutyByEvidence(ctx: AppContext, ex: Executor, actor: Actor, ev: ExternalEvidence): Promise<string | null> {
  const [item] = await ex
    .select({ item: dutyItems })
    .from(dutyItems)
    .innerJoin(dutyTemplateItems, eq(dutyTemplateItems.id, dutyItems.templateItemId))
    .where(and(eq(dutyItems.countyId, actor.countyId), eq(dutyItems.orgId, ev.orgId), eq(dutyItems.month, ev.month), eq(dutyTemplateItems.key, ev.templateKey), inArray(dutyItems.status, ['pending', 'returned', 'submitted'])))
    .limit(1);
  if (!item) return null;
  const it = item.item;
  const now = ctx.clock();
  const day = toChinaDate(now);
  // A report waiting for review is settled by the same evidence: accepted with it.
  await ex.update(dutySubmissions).set({ status: 'accepted', reviewedBy: actor.accountId, reviewedByName: actor.displayName, reviewedAt: now, feedback: ev.source }).where(and(eq(dutySubmissions.itemId, it.id), eq(dutySubmissions.status, 'submitted')));
  await ex.insert(dutySubmissions).values({
    countyId: actor.countyId, itemId: it.id, orgPath: ev.orgPath, text: ev.text, submittedBy: actor.accountId, submittedByName: actor.displayName, submittedAt: now,
    status: 'accepted', reviewedBy: actor.accountId, reviewedByName: actor.displayName, reviewedAt: now, feedback: ev.source,
  });
  const settings = await dutiesRepository.settings(ex, actor.countyId);
  const firstSubmittedOn = it.firstSubmittedOn ?? day;
  const onTime = isOnTime({ dueDate: it.dueDate, firstSubmittedOn, acceptedSubmittedOn: day, lastReturnedOn: it.lastReturnedOn }, settings);
  await ex.update(dutyItems).set({ status: 'accepted', acceptedAt: now, onTime, firstSubmittedOn, lastSubmittedAt: now, version: it.version + 1, updatedAt: now }).where(eq(dutyItems.id, it.id));
  await dutiesRepository.refreshMonthly(ex, actor.countyId, day, now, { orgId: it.orgId, month: it.month });
  await writeAudit(ex, actor, now, { action: 'duty.accept', entityType: 'dutyItem', entityId: it.id, changes: { status: { before: it.status, after: 'accepted' } }, note: `${it.title}（${it.periodKey}）由${ev.source}自动佐证通过` });
  return it.id;
}
