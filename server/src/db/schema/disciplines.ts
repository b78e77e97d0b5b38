// Party discipline records on the roster (党纪处分): kind, period, reason, deciding body. Additive to `members`:
// the roster row is untouched; a member is under 留党察看 while a non-revoked 'probation' record covers the date.
import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn } from './common';
import { members } from './members';

export const memberDisciplines = pgTable(
  'member_disciplines',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    kind: text('kind').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    reason: text('reason').notNull(),
    decidedBy: text('decided_by').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    // A record entered in error is revoked (kept, with the reason), never deleted.
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('member_disciplines_member_idx').on(t.countyId, t.memberId)],
);
