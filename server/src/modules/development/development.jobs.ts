// development.daily: marks overdue steps and probations about to end as warnings the pipeline shows. Idempotent: a
// warning is one row per (file, kind, due date), inserted once; warnings that no longer apply are resolved that day.
import { fileWarnings, warningKey } from '@yanzhen/domain';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { JobDefinition } from '../../core/jobs';
import { developmentFiles, developmentWarnings } from '../../db/schema/index';

const CHUNK = 500;

export const developmentDailyJob: JobDefinition = {
  name: 'development.daily',
  label: '发展党员超期预警（谈话、半年考察、审批、预备期届满）',
  resultLabels: { checked: '检查档案', created: '新增预警', resolved: '解除预警', open: '现有预警' },
  cadence: 'daily',
  async run(ctx, { countyId, period }) {
    const today = period;
    return ctx.db.transaction(async (tx) => {
      const files = await tx
        .select({
          id: developmentFiles.id,
          orgPath: developmentFiles.orgPath,
          status: developmentFiles.status,
          currentStep: developmentFiles.currentStep,
          nextDeadline: developmentFiles.nextDeadline,
          nextDeadlineKind: developmentFiles.nextDeadlineKind,
          nextDeadlineStep: developmentFiles.nextDeadlineStep,
          probationEnd: developmentFiles.probationEnd,
        })
        .from(developmentFiles)
        .where(and(eq(developmentFiles.countyId, countyId), eq(developmentFiles.status, 'active')));
      const current = files.flatMap((f) => fileWarnings(f, today).map((w) => ({ ...w, fileId: f.id, orgPath: f.orgPath })));
      const keys = new Set(current.map((w) => warningKey(w, w.fileId)));
      let created = 0;
      for (let i = 0; i < current.length; i += CHUNK) {
        const rows = current.slice(i, i + CHUNK).map((w) => ({ countyId, fileId: w.fileId, orgPath: w.orgPath, kind: w.kind, step: w.step, due: w.due, message: w.message, detectedOn: today }));
        const inserted = await tx.insert(developmentWarnings).values(rows).onConflictDoNothing().returning({ id: developmentWarnings.id });
        created += inserted.length;
      }
      const open = await tx
        .select({ id: developmentWarnings.id, fileId: developmentWarnings.fileId, kind: developmentWarnings.kind, due: developmentWarnings.due })
        .from(developmentWarnings)
        .where(and(eq(developmentWarnings.countyId, countyId), isNull(developmentWarnings.resolvedOn)));
      const stale = open.filter((w) => !keys.has(warningKey(w, w.fileId))).map((w) => w.id);
      for (let i = 0; i < stale.length; i += CHUNK) {
        await tx.update(developmentWarnings).set({ resolvedOn: today }).where(inArray(developmentWarnings.id, stale.slice(i, i + CHUNK)));
      }
      return { checked: files.length, created, resolved: stale.length, open: open.length - stale.length };
    });
  },
};
