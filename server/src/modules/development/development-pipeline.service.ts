// Pipeline views (people per stage and step, deadlines due and overdue) and the form-number register.
import { DEVELOPMENT_STAGES, WARNING_KINDS, WARNING_KIND_LABELS, addDays, conflict, notFound, quotaPipelineWarning, toChinaDate, type FileListQuery, type Pipeline, type WarningKind } from '@yanzhen/domain';
import { requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { orgsRepository } from '../orgs/orgs.repository';
import { fileInScope, mayVoidFormNumber } from './development.policy';
import { developmentRepository as repo, type FileFilter } from './development.repository';
import { createDevelopmentService } from './development.service';
import { createDevelopmentPlansService } from './development-plans.service';

export function createDevelopmentPipelineService(ctx: AppContext) {
  const files = createDevelopmentService(ctx);
  const plans = createDevelopmentPlansService(ctx);
  const today = () => toChinaDate(ctx.clock());

  /** The subtree to look at: the chosen org inside the actor's scope, else the actor's own. */
  async function pattern(actor: Actor, orgId?: string): Promise<string> {
    if (!orgId) return subtreePattern(actor.orgPath);
    const org = await orgsRepository.findById(ctx.db, actor.countyId, orgId);
    if (!org || !fileInScope(actor, { orgPath: org.path })) throw notFound('组织');
    return subtreePattern(org.path);
  }

  async function pipeline(actor: Actor, q: { orgId?: string }): Promise<Pipeline> {
    requirePermission(actor, 'development.read');
    const on = today();
    const scope = await pattern(actor, q.orgId);
    const { steps, completedThisYear } = await repo.pipelineCounts(ctx.db, actor.countyId, scope, on, addDays(on, 7), addDays(on, 30), `${on.slice(0, 4)}-01-01`);
    const warned = new Map((await repo.warningCounts(ctx.db, actor.countyId, scope)).map((r) => [r.kind, r.n]));
    const quotaWarnings = await quotaWarningsFor(actor, Number(on.slice(0, 4)));
    const byStage = new Map<number, number>();
    const byStep = new Map<number, number>();
    let overdue = 0;
    let week = 0;
    let month = 0;
    for (const r of steps) {
      byStage.set(r.stage, (byStage.get(r.stage) ?? 0) + r.n);
      byStep.set(r.current_step, (byStep.get(r.current_step) ?? 0) + r.n);
      overdue += r.overdue;
      week += r.week;
      month += r.month;
    }
    return {
      today: on,
      stages: DEVELOPMENT_STAGES.map((s) => ({ stage: s.stage, name: s.name, count: byStage.get(s.stage) ?? 0 })),
      steps: [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([step, count]) => ({ step, count })),
      overdue,
      dueThisWeek: week,
      dueThisMonth: month,
      completedThisYear,
      warnings: WARNING_KINDS.filter((k) => warned.has(k)).map((k) => ({ kind: k, label: WARNING_KIND_LABELS[k], count: warned.get(k)! })),
      quotaWarnings,
    };
  }

  /** Committees in scope with a quota that is exceeded, or will be once the files awaiting approval are approved. */
  async function quotaWarningsFor(actor: Actor, year: number): Promise<Pipeline['quotaWarnings']> {
    const { items } = await plans.quotas(actor, { year });
    const planned = items.filter((i) => i.quota !== null);
    if (planned.length === 0) return [];
    const waiting = await repo.awaitingApprovalPaths(ctx.db, actor.countyId, subtreePattern(actor.orgPath));
    const orgPaths = new Map((await orgsRepository.findByIds(ctx.db, actor.countyId, planned.map((i) => i.orgId))).map((o) => [o.id, o.path]));
    return planned.flatMap((i) => {
      const path = orgPaths.get(i.orgId) ?? '\u0000';
      const pending = waiting.filter((p) => p.startsWith(path)).length;
      const w = quotaPipelineWarning(i.orgName, year, i.quota, i.admitted, pending);
      return w ? [{ orgId: i.orgId, orgName: i.orgName, quota: i.quota!, admitted: i.admitted, pending, ...w }] : [];
    });
  }

  async function warningList(actor: Actor, q: { orgId?: string; kind?: WarningKind; page: number; pageSize: number }) {
    requirePermission(actor, 'development.read');
    const { rows, total } = await repo.listWarnings(ctx.db, actor.countyId, await pattern(actor, q.orgId), q);
    return {
      items: rows.map((r) => ({ id: r.w.id, fileId: r.w.fileId, name: r.name, orgName: r.orgName, kind: r.w.kind as WarningKind, step: r.w.step, due: r.w.due, message: r.w.message, detectedOn: r.w.detectedOn })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async function list(actor: Actor, q: FileListQuery) {
    requirePermission(actor, 'development.read');
    const on = today();
    const f: FileFilter = { pathPattern: await pattern(actor, q.orgId), stage: q.stage, status: q.status, name: q.q || undefined };
    if (q.overdue === 'true') f.overdueBefore = on;
    const { rows, total } = await repo.listFiles(ctx.db, actor.countyId, f, { page: q.page, pageSize: q.pageSize, byDeadline: q.overdue === 'true' });
    return { items: rows.map((r) => files.summary(r.file, r.orgName, on)), total, page: q.page, pageSize: q.pageSize };
  }

  /** Open files whose next deadline has passed, or falls within the coming week or month (soonest first). */
  async function deadlines(actor: Actor, q: { orgId?: string; within: 'overdue' | 'week' | 'month'; page: number; pageSize: number }) {
    requirePermission(actor, 'development.read');
    const on = today();
    const f: FileFilter = { pathPattern: await pattern(actor, q.orgId) };
    if (q.within === 'overdue') f.overdueBefore = on;
    else {
      f.deadlineFrom = on;
      f.deadlineTo = addDays(on, q.within === 'week' ? 7 : 30);
    }
    const { rows, total } = await repo.listFiles(ctx.db, actor.countyId, f, { page: q.page, pageSize: q.pageSize, byDeadline: true });
    return { items: rows.map((r) => files.summary(r.file, r.orgName, on)), total, page: q.page, pageSize: q.pageSize };
  }

  async function formNumbers(actor: Actor, q: { page: number; pageSize: number }) {
    requirePermission(actor, 'development.read');
    const { rows, total } = await repo.listFormNumbers(ctx.db, actor.countyId, subtreePattern(actor.orgPath), q);
    return {
      items: rows.map((r) => ({
        id: r.n.id,
        number: r.n.number,
        fileId: r.n.fileId,
        personName: r.personName,
        orgName: r.orgName,
        status: r.n.status as 'issued',
        issuedAt: r.n.issuedAt.toISOString(),
        issuedBy: r.n.issuedBy,
        voidedAt: r.n.voidedAt?.toISOString() ?? null,
        voidReason: r.n.voidReason,
        canVoid: mayVoidFormNumber(actor, r.n, r.file),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** A spoiled form: its number is voided (kept in the register, never reissued) and, by default, a new one issued. */
  async function voidFormNumber(actor: Actor, id: string, input: { reason: string; reissue: boolean }) {
    requirePermission(actor, 'development.preReview');
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      const n = await repo.findFormNumber(tx, actor.countyId, id);
      if (!n || !fileInScope(actor, n)) throw notFound('入党志愿书编号');
      if (n.status !== 'issued') throw conflict(`编号 ${n.number} 已作废`, 'DEV_FORM_NUMBER_VOIDED');
      const { file } = await files.loadInScope(tx, actor, n.fileId);
      if (file.currentStep !== 13 || file.formNumber !== n.number) throw conflict('入党志愿书已填写，不能再作废编号', 'DEV_FORM_ALREADY_FILLED');
      await repo.voidFormNumber(tx, n.id, now, input.reason);
      await writeAudit(tx, actor, now, { action: 'development.formNumber.void', entityType: 'formNumber', entityId: n.id, changes: { status: { before: 'issued', after: 'voided' } }, note: input.reason });
      const number = input.reissue ? await files.issueFormNumber(tx, actor, file, n.year, now) : null;
      await repo.updateFileVersioned(tx, file.id, file.version, { formNumber: number, updatedAt: now });
      return { voided: n.number, issued: number };
    });
  }

  return { pipeline, warningList, list, deadlines, formNumbers, voidFormNumber };
}
