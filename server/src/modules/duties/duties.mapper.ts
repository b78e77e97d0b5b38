// Rows of the duty tables → API shapes (allow-lists: nothing leaks by accident).
import { itemView, type DutyFrequency, type DutyItem, type DutyItemStatus, type DutyWarning, type Rectification, type WarningLevel } from '@yanzhen/domain';
import type { dutyRectifications, dutyWarnings } from '../../db/schema/index';
import type { DutyItemRow } from './duties.repository';

export const presentItem = (r: DutyItemRow, orgName: string, today: string): DutyItem => ({
  id: r.id,
  orgId: r.orgId,
  orgName,
  title: r.title,
  frequency: r.frequency as DutyFrequency,
  periodKey: r.periodKey,
  dueDate: r.dueDate,
  month: r.month,
  weight: r.weight,
  isKey: r.isKey,
  status: r.status as DutyItemStatus,
  view: itemView(r, today),
  onTime: r.onTime,
  secretaryName: r.secretaryName,
  lastSubmittedAt: r.lastSubmittedAt?.toISOString() ?? null,
  version: r.version,
});

export const presentRectification = (r: typeof dutyRectifications.$inferSelect, orgName: string, itemTitle: string | null, today: string): Rectification => ({
  id: r.id,
  orgId: r.orgId,
  orgName,
  itemId: r.itemId,
  itemTitle,
  problem: r.problem,
  deadline: r.deadline,
  status: r.status as 'open' | 'closed',
  overdue: r.status === 'open' && r.deadline < today,
  createdBy: r.createdByName,
  createdAt: r.createdAt.toISOString(),
  reportedAt: r.reportedAt?.toISOString() ?? null,
  reportedBy: r.reportedByName,
  reportNote: r.reportNote,
  closedAt: r.closedAt?.toISOString() ?? null,
  closingNote: r.closingNote,
  version: r.version,
});

export const presentWarning = (w: typeof dutyWarnings.$inferSelect, orgName: string, townName: string | null): DutyWarning => ({
  id: w.id,
  orgId: w.orgId,
  orgName,
  townName,
  secretaryName: w.secretaryName,
  month: w.month,
  level: w.level as WarningLevel,
  source: w.source === 'daily' ? 'daily' : 'month',
  reasons: w.reasons,
  raisedAt: w.raisedAt.toISOString(),
  clearedAt: w.clearedAt?.toISOString() ?? null,
  clearedReason: w.clearedReason,
});
