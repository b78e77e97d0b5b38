// The yearly dues base import (年度党费基数核定) through the shared import jobs: every row is checked (the member by ID
// number and name, inside the uploader's scope, category and base by the domain rule), then on confirmation all bases
// are written in one transaction with the members' monthly rollups — all or nothing. Also the printable receipt.
import { DUES_BASE_IMPORT_COLUMNS, DUES_CATEGORY_LABELS, duesRulesOn, monthRange, notFound, parseDuesBaseRow, yuanInWords, type DuesBaseImportKey, type DuesReceipt, type ImportedDuesBase, type PaymentMethod } from '@yanzhen/domain';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { orgInScope, requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { addSheet, readSheet, sendXlsx } from '../../core/excel';
import { createImportJobRunner, ImportRejected, type ImportIssue, type ImportJobView } from '../../core/excel-import-jobs';
import { counties, duesPayments, members, orgs } from '../../db/schema/index';
import { membersRepository } from '../members/members.repository';
import { thisMonth } from '../member-monthly/monthly-common';
import { refreshMembers } from '../stars/stars.service';
import { duesRepository } from './dues.repository';

export const DUES_BASE_IMPORT_KIND = 'duesBases';
const MAX_ROWS = 20_000;
const TITLE = Object.fromEntries(DUES_BASE_IMPORT_COLUMNS.map((c) => [c.key, c.title])) as Record<DuesBaseImportKey, string>;

type Payload = { year: number; rows: { row: number; memberId: string; base: ImportedDuesBase; existingId: string | null }[] };

export function createDuesImportService(ctx: AppContext) {
  const jobs = createImportJobRunner(ctx);

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

  async function confirm(actor: Actor, id: string): Promise<ImportJobView> {
    requirePermission(actor, 'dues.write');
    return jobs.confirm<Payload>(actor, id, DUES_BASE_IMPORT_KIND, async ({ year, rows }, onProgress, meta) => {
      const now = ctx.clock();
      const current = thisMonth(ctx);
      let inserted = 0;
      let updated = 0;
      await ctx.db.transaction(async (tx) => {
        let done = 0;
        for (const r of rows) {
          // Re-read inside the transaction: the member may have moved out of scope or left since validation.
          const [m] = await tx.select({ id: members.id, orgPath: members.orgPath, leftAt: members.leftAt }).from(members).where(and(eq(members.countyId, actor.countyId), eq(members.id, r.memberId)));
          if (!m || m.leftAt || !orgInScope(actor, m.orgPath)) throw new ImportRejected('导入期间有党员已转出或离开管辖范围', [{ row: r.row, column: TITLE.idNumber, message: '该党员已不在您的管辖范围内' }]);
          const values = { category: r.base.category, baseFen: r.base.baseFen, ruleVersion: duesRulesOn(`${r.base.fromMonth}-01`).version, updatedAt: now };
          const existing = await duesRepository.findBaseAt(tx, actor.countyId, m.id, r.base.fromMonth);
          if (existing) {
            // An import fixes the base; a hardship reduction already proposed or approved for that month stays as it is.
            await duesRepository.updateBase(tx, existing.id, existing.version, values);
            updated += 1;
          } else {
            await duesRepository.insertBase(tx, { countyId: actor.countyId, memberId: m.id, orgPath: m.orgPath, year, fromMonth: r.base.fromMonth, reducedFen: null, reductionStatus: null, reductionReason: null, reductionDecidedBy: null, createdAt: now, ...values });
            inserted += 1;
          }
          onProgress(++done);
        }
        // Months already started are re-rated (a base changes what is due); grouped by start month, 1,000 members at a time.
        const byMonth = new Map<string, string[]>();
        for (const r of rows) if (r.base.fromMonth <= current) byMonth.set(r.base.fromMonth, [...(byMonth.get(r.base.fromMonth) ?? []), r.memberId]);
        for (const [from, ids] of byMonth) for (let i = 0; i < ids.length; i += 1000) await refreshMembers(ctx, tx, actor.countyId, ids.slice(i, i + 1000), monthRange(from, current));
        await writeAudit(tx, actor, now, { action: 'dues.importBases', entityType: 'importJob', entityId: meta.id, after: { year, inserted, updated }, note: `从“${meta.fileName}”导入 ${year} 年党费基数 ${rows.length} 人（新增 ${inserted}，更新 ${updated}）` });
      });
      return { result: { inserted, updated } };
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
