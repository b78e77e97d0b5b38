// The yearly dues base import (年度党费基数核定) through the shared import jobs: every row is checked (the member by ID
// number and name, inside the uploader's scope, category and base by the domain rule), then on confirmation all bases
// are written with the members' monthly rollups through the shared chunked write — all or nothing, while other
// requests are answered. Also the printable receipt.
import { DUES_BASE_IMPORT_COLUMNS, DUES_CATEGORY_LABELS, duesRulesOn, monthRange, notFound, parseDuesBaseRow, yuanInWords, type DuesBaseImportKey, type DuesReceipt, type ImportedDuesBase, type PaymentMethod } from '@yanzhen/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { orgInScope, requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { addSheet, readSheet, sendXlsx } from '../../core/excel';
import type { Executor } from '../../core/db';
import { createImportJobRunner, ImportRejected, writeInChunks, type ImportIssue, type ImportJobView } from '../../core/excel-import-jobs';
import { counties, duesBases, duesPayments, members, orgs } from '../../db/schema/index';
import { membersRepository } from '../members/members.repository';
import { thisMonth } from '../member-monthly/monthly-common';
import { refreshMembers } from '../stars/stars.service';
import { duesRepository } from './dues.repository';

export const DUES_BASE_IMPORT_KIND = 'duesBases';
const MAX_ROWS = 20_000;
const TITLE = Object.fromEntries(DUES_BASE_IMPORT_COLUMNS.map((c) => [c.key, c.title])) as Record<DuesBaseImportKey, string>;

type Payload = { year: number; rows: { row: number; memberId: string; base: ImportedDuesBase; existingId: string | null }[] };

const baseKey = (memberId: string, fromMonth: string) => `${memberId}|${fromMonth}`;

/** The bases already stored for the rows' member and start month, by `baseKey`. */
async function existingBases(ex: Executor, countyId: string, rows: readonly { memberId: string; base: { fromMonth: string } }[]) {
  const wanted = new Set(rows.map((r) => baseKey(r.memberId, r.base.fromMonth)));
  const found = new Map<string, { id: string }>();
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = [...new Set(rows.slice(i, i + 1000).map((r) => r.memberId))];
    for (const b of await ex.select({ id: duesBases.id, memberId: duesBases.memberId, fromMonth: duesBases.fromMonth }).from(duesBases).where(and(eq(duesBases.countyId, countyId), inArray(duesBases.memberId, ids)))) {
      if (wanted.has(baseKey(b.memberId, b.fromMonth))) found.set(baseKey(b.memberId, b.fromMonth), b);
    }
  }
  return found;
}

export function createDuesImportService(ctx: AppContext) {
  /** Re-rates the started months of each member from the start month of their imported base, 1,000 members at a time. */
  async function rerate(ex: Executor, countyId: string, bases: readonly { memberId: string; fromMonth: string }[]) {
    const current = thisMonth(ctx);
    const byMonth = new Map<string, string[]>();
    for (const b of bases) if (b.fromMonth <= current) byMonth.set(b.fromMonth, [...(byMonth.get(b.fromMonth) ?? []), b.memberId]);
    for (const [from, ids] of byMonth) for (let i = 0; i < ids.length; i += 1000) await refreshMembers(ctx, ex, countyId, ids.slice(i, i + 1000), monthRange(from, current));
  }

  /** Removes bases an unfinished import had added, by id, and re-rates those members' months from what is left. */
  async function undoDuesBases(ex: Executor, ids: string[]) {
    if (ids.length === 0) return;
    const removed = await ex.delete(duesBases).where(inArray(duesBases.id, ids)).returning({ countyId: duesBases.countyId, memberId: duesBases.memberId, fromMonth: duesBases.fromMonth });
    const byCounty = new Map<string, typeof removed>();
    for (const r of removed) byCounty.set(r.countyId, [...(byCounty.get(r.countyId) ?? []), r]);
    for (const [countyId, list] of byCounty) await rerate(ex, countyId, list);
  }

  const jobs = createImportJobRunner(ctx, { kind: DUES_BASE_IMPORT_KIND, undo: undoDuesBases });

  async function template(actor: Actor, reply: FastifyReply) {
    requirePermission(actor, 'dues.write');
    return sendXlsx(reply, { name: '党费基数导入模板.xlsx', ascii: 'dues-base-import-template.xlsx' }, async (wb) => {
      const sheet = addSheet(wb, '党费基数', DUES_BASE_IMPORT_COLUMNS.map((c) => ({ title: c.title, width: c.key === 'idNumber' ? 22 : 18, text: c.key === 'idNumber' || c.key === 'fromMonth' })));
      sheet.addRow(['（示例）张三', '（填写18位身份证号）', DUES_CATEGORY_LABELS.employee.slice(0, 4), '4500.00', '2026-01']);
      sheet.commit();
    });
  }

  async function validate(actor: Actor, year: number, data: Buffer, progress: { setTotal: (n: number) => Promise<void>; advance: (n: number) => Promise<void> }) {
    const { rows } = await readSheet(data, DUES_BASE_IMPORT_COLUMNS, { maxRows: MAX_ROWS });
    // The template's example row is skipped, not reported.
    const real = rows.filter((r) => !r.values.name?.startsWith('（示例）'));
    await progress.setTotal(real.length);
    const errors: ImportIssue[] = [];
    const good: Payload['rows'] = [];
    const seen = new Map<string, number>();
    const parsed = real.map((r) => ({ ...r, p: parseDuesBaseRow(r.values, year) }));
    const hashes = parsed.filter((r) => r.p.base).map((r) => ctx.crypto.hash(r.p.base!.idNumber));
    const found = new Map<string, { id: string; name: string; orgPath: string; leftAt: Date | null }>();
    for (let i = 0; i < hashes.length; i += 1000) for (const m of await membersRepository.findByIdNumberHashes(ctx.db, actor.countyId, hashes.slice(i, i + 1000))) if (!m.leftAt) found.set(m.idNumberHash, m);
    for (let i = 0; i < parsed.length; i++) {
      const { row, issues: cellIssues, p } = parsed[i];
      const issues = [...cellIssues, ...p.issues].map((x) => ({ column: TITLE[x.key], message: x.message }));
      const b = p.base;
      if (b) {
        const key = `${b.idNumber}|${b.fromMonth}`;
        if (seen.has(key)) issues.push({ column: TITLE.idNumber, message: `与第 ${seen.get(key)} 行重复（同一党员同一起始月份只能有一行）` });
        seen.set(key, row);
        const m = found.get(ctx.crypto.hash(b.idNumber));
        if (!m || !orgInScope(actor, m.orgPath)) issues.push({ column: TITLE.idNumber, message: '党员名册中没有该身份证号的党员，或不在您的管辖范围内' });
        else if (m.name !== b.name) issues.push({ column: TITLE.name, message: `姓名与党员名册不一致（名册为“${m.name}”）` });
        else if (issues.length === 0) {
          const existing = await duesRepository.findBaseAt(ctx.db, actor.countyId, m.id, b.fromMonth);
          good.push({ row, memberId: m.id, base: b, existingId: existing?.id ?? null });
        }
      }
      for (const x of issues) errors.push({ row, ...x });
      await progress.advance(i + 1);
    }
    const toUpdate = good.filter((g) => g.existingId).length;
    return { errors, summary: errors.length ? { toInsert: 0, toUpdate: 0 } : { toInsert: good.length - toUpdate, toUpdate }, payload: { year, rows: good } };
  }

  async function start(actor: Actor, year: number, fileName: string, data: Buffer): Promise<{ jobId: string }> {
    requirePermission(actor, 'dues.write');
    const jobId = await jobs.start(actor, DUES_BASE_IMPORT_KIND, fileName, (progress) => validate(actor, year, data, progress));
    return { jobId };
  }

  async function job(actor: Actor, id: string): Promise<ImportJobView> {
    requirePermission(actor, 'dues.write');
    return jobs.get(actor, id, DUES_BASE_IMPORT_KIND);
  }

  /**
   * Writes the validated bases, all or nothing, through the shared chunked write (`writeInChunks`, as the roster
   * import): new bases in chunks with the members' re-rated months after them, so other requests are answered
   * meanwhile; bases that already exist for that start month are updated in the last step (one statement), with their
   * members' months and the audit entry. On PGlite a failure (or a restart) in the middle deletes the new bases again
   * and re-rates those members' months from what is left.
   */
  async function confirm(actor: Actor, id: string): Promise<ImportJobView> {
    requirePermission(actor, 'dues.write');
    return jobs.confirm<Payload>(actor, id, DUES_BASE_IMPORT_KIND, async ({ year, rows }, onProgress, meta) => {
      const now = ctx.clock();
      // Re-checked before writing: the member may have moved out of scope or left since validation.
      const live = new Map<string, { orgPath: string }>();
      for (let i = 0; i < rows.length; i += 1000) {
        const ids = rows.slice(i, i + 1000).map((r) => r.memberId);
        for (const m of await ctx.db.select({ id: members.id, orgPath: members.orgPath, leftAt: members.leftAt }).from(members).where(and(eq(members.countyId, actor.countyId), inArray(members.id, ids)))) {
          if (!m.leftAt && orgInScope(actor, m.orgPath)) live.set(m.id, m);
        }
      }
      const gone = rows.filter((r) => !live.has(r.memberId)).map((r) => ({ row: r.row, column: TITLE.idNumber, message: '该党员已不在您的管辖范围内' }));
      if (gone.length) throw new ImportRejected('导入期间有党员已转出或离开管辖范围', gone);
      const existing = await existingBases(ctx.db, actor.countyId, rows);
      const values = (r: Payload['rows'][number]) => ({ category: r.base.category, baseFen: r.base.baseFen, ruleVersion: duesRulesOn(`${r.base.fromMonth}-01`).version, updatedAt: now });
      const inserts = rows
        .filter((r) => !existing.has(baseKey(r.memberId, r.base.fromMonth)))
        .map((r) => ({ countyId: actor.countyId, memberId: r.memberId, orgPath: live.get(r.memberId)!.orgPath, year, fromMonth: r.base.fromMonth, reducedFen: null, reductionStatus: null, reductionReason: null, reductionDecidedBy: null, createdAt: now, ...values(r) }));
      const updates = rows.filter((r) => existing.has(baseKey(r.memberId, r.base.fromMonth)));
      return writeInChunks(ctx, { id: meta.id, countyId: actor.countyId }, {
        rows: inserts,
        write: async (tx, chunk) => (await tx.insert(duesBases).values([...chunk]).returning({ id: duesBases.id })).map((b) => b.id),
        // Months already started are re-rated (a base changes what is due).
        after: async (tx, ids) => rerate(tx, actor.countyId, await tx.select({ memberId: duesBases.memberId, fromMonth: duesBases.fromMonth }).from(duesBases).where(inArray(duesBases.id, [...ids]))),
        finish: async (tx) => {
          // An import fixes the base; a hardship reduction already proposed or approved for that month stays as it is.
          const current = await existingBases(tx, actor.countyId, updates);
          const removed = updates.filter((r) => !current.has(baseKey(r.memberId, r.base.fromMonth)));
          if (removed.length) throw new ImportRejected('导入期间有党费基数被删除', removed.map((r) => ({ row: r.row, column: TITLE.fromMonth, message: '该党员这个起始月份的党费基数已被他人删除，请重新上传文件' })));
          const changes = updates.map((r) => ({ id: current.get(baseKey(r.memberId, r.base.fromMonth))!.id, ...values(r), updatedAt: now.toISOString() }));
          for (let i = 0; i < changes.length; i += 2000) {
            await tx.execute(sql`update dues_bases b set category = x.category, base_fen = x."baseFen", rule_version = x."ruleVersion", updated_at = x."updatedAt", version = b.version + 1
              from jsonb_to_recordset(${JSON.stringify(changes.slice(i, i + 2000))}::jsonb) as x(id uuid, category text, "baseFen" integer, "ruleVersion" integer, "updatedAt" timestamptz) where b.id = x.id`);
          }
          await rerate(tx, actor.countyId, updates.map((r) => ({ memberId: r.memberId, fromMonth: r.base.fromMonth })));
          const counts = { inserted: inserts.length, updated: updates.length };
          await writeAudit(tx, actor, now, { action: 'dues.importBases', entityType: 'importJob', entityId: meta.id, after: { year, ...counts }, note: `从“${meta.fileName}”导入 ${year} 年党费基数 ${rows.length} 人（新增 ${counts.inserted}，更新 ${counts.updated}）` });
          return { result: counts };
        },
        undo: undoDuesBases,
        onProgress,
      });
    });
  }

  /** A receipt the branch prints for a payment: in scope by the branch it was paid to or the member's branch now. */
  async function receipt(actor: Actor, paymentId: string): Promise<DuesReceipt> {
    requirePermission(actor, 'dues.read');
    return receiptWhere(paymentId, (row) => orgInScope(actor, row.p.orgPath) || orgInScope(actor, row.memberPath), actor.countyId);
  }

  /** A member's own receipt (from 我的党费 on the phone): only payments of the member bound to the account, else 404. */
  async function myReceipt(actor: Actor, paymentId: string): Promise<DuesReceipt> {
    requirePermission(actor, 'self.read');
    return receiptWhere(paymentId, (row) => !!actor.memberId && row.p.memberId === actor.memberId, actor.countyId);
  }

  async function receiptWhere(paymentId: string, visible: (row: { p: typeof duesPayments.$inferSelect; memberPath: string }) => boolean, countyId: string): Promise<DuesReceipt> {
    const [row] = await ctx.db
      .select({ p: duesPayments, memberName: members.name, memberPath: members.orgPath, orgName: orgs.name, countyName: counties.name })
      .from(duesPayments)
      .innerJoin(members, eq(members.id, duesPayments.memberId))
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .innerJoin(counties, eq(counties.id, duesPayments.countyId))
      .where(and(eq(duesPayments.countyId, countyId), eq(duesPayments.id, paymentId)));
    if (!row || !visible(row)) throw notFound('党费交纳记录');
    const p = row.p;
    return {
      id: p.id, receiptNo: p.receiptNo, memberId: p.memberId, memberName: row.memberName, months: p.months, amountFen: p.amountFen, dueFen: p.dueFen,
      method: p.method as PaymentMethod, collector: p.collector, paidOn: p.paidOn, orgName: row.orgName, amountInWords: yuanInWords(p.amountFen),
      recordedAt: p.createdAt.toISOString(), countyName: row.countyName,
    };
  }

  return { template, start, job, confirm, receipt, myReceipt, drain: jobs.drain };
}
