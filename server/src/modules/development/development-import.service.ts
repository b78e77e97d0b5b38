// Import of in-progress development files from Excel through the shared import jobs: validate every row (the same
// rules as recording the steps, scope, duplicates, open files, the roster for admitted people), then on confirmation
// create all files through the shared chunked write — all or nothing, while other requests are answered.
import {
  DEVELOPMENT_IMPORT_COLUMNS,
  birthMonthColumn,
  maskPhone,
  notFound,
  parseDevelopmentRow,
  toChinaDate,
  type DevelopmentImportKey,
  type ImportedFile,
  type RecordedStep,
} from '@yanzhen/domain';
import type { FastifyReply } from 'fastify';
import { requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { addSheet, readSheet, sendXlsx } from '../../core/excel';
import type { Executor } from '../../core/db';
import { createImportJobRunner, ImportRejected, writeInChunks, type ImportIssue, type ImportJobView } from '../../core/excel-import-jobs';
import { membersRepository } from '../members/members.repository';
import { orgsRepository } from '../orgs/orgs.repository';
import { developmentRepository as repo } from './development.repository';
import { ruleSetOn } from './development-rules.service';
import { derivedColumns } from './development.service';

export const DEVELOPMENT_IMPORT_KIND = 'development';
const MAX_ROWS = 20_000;
const TITLE = Object.fromEntries(DEVELOPMENT_IMPORT_COLUMNS.map((c) => [c.key, c.title])) as Record<DevelopmentImportKey, string>;

type Payload = { rows: { row: number; file: ImportedFile; orgId: string; memberId: string | null }[] };

/** Removes files an unfinished import had added (with their form numbers and events), by id. */
async function undoDevelopmentFiles(ex: Executor, ids: string[]): Promise<void> {
  if (ids.length > 0) await repo.deleteImportedFiles(ex, ids);
}

export function createDevelopmentImportService(ctx: AppContext) {
  const jobs = createImportJobRunner(ctx, { kind: DEVELOPMENT_IMPORT_KIND, undo: undoDevelopmentFiles });

  async function template(actor: Actor, reply: FastifyReply) {
    requirePermission(actor, 'development.record');
    return sendXlsx(reply, { name: '发展党员档案导入模板.xlsx', ascii: 'development-import-template.xlsx' }, async (wb) => {
      const sheet = addSheet(wb, '发展党员', DEVELOPMENT_IMPORT_COLUMNS.map((c) => ({ title: c.title, width: c.kind === 'date' ? 14 : 16, text: c.key === 'idNumber' })));
      sheet.commit();
    });
  }

  async function validate(actor: Actor, data: Buffer, progress: { setTotal: (n: number) => Promise<void>; advance: (n: number) => Promise<void> }) {
    const today = toChinaDate(ctx.clock());
    const rules = (await ruleSetOn(ctx.db, actor.countyId, today)).params;
    const { rows } = await readSheet(data, DEVELOPMENT_IMPORT_COLUMNS, { maxRows: MAX_ROWS });
    await progress.setTotal(rows.length);
    const branches = new Map<string, { id: string }[]>();
    for (const o of await orgsRepository.subtree(ctx.db, actor.countyId, actor.orgPath)) if (o.type === 'branch') branches.set(o.name, [...(branches.get(o.name) ?? []), o]);
    const errors: ImportIssue[] = [];
    const good: Payload['rows'] = [];
    const seen = new Map<string, number>();
    const countyCode = await repo.countyCode(ctx.db, actor.countyId);
    const seenNumbers = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      const { row, values, issues: cellIssues } = rows[i];
      const issues = cellIssues.map((c) => ({ column: TITLE[c.key], message: c.message }));
      const parsed = parseDevelopmentRow(values, rules, today, countyCode);
      for (const x of parsed.issues) issues.push({ column: TITLE[x.key], message: x.message });
      const found = values.branch ? branches.get(values.branch) ?? [] : [];
      if (values.branch && found.length !== 1) issues.push({ column: TITLE.branch, message: found.length === 0 ? `党支部“${values.branch}”不存在或不在您的管辖范围内` : `党支部名称“${values.branch}”不唯一` });
      const id = values.idNumber?.toUpperCase();
      if (id && seen.has(id)) issues.push({ column: TITLE.idNumber, message: `身份证号与第 ${seen.get(id)} 行重复` });
      if (id) seen.set(id, row);
      const number = parsed.file?.formNumber?.number;
      if (number) {
        if (seenNumbers.has(number)) issues.push({ column: TITLE.formNumber, message: `入党志愿书编号与第 ${seenNumbers.get(number)} 行重复（一人一号）` });
        else if (await repo.findFormNumberByNumber(ctx.db, actor.countyId, number)) issues.push({ column: TITLE.formNumber, message: `入党志愿书编号 ${number} 已在本县编号登记簿中（已发放或已作废的编号不能再用）` });
        seenNumbers.set(number, row);
      }
      if (issues.length === 0 && parsed.file && found.length === 1) {
        const hash = ctx.crypto.hash(parsed.file.idNumber);
        if (await repo.findOpenFileByIdHash(ctx.db, actor.countyId, hash)) issues.push({ column: TITLE.idNumber, message: '该身份证号已有进行中的发展档案' });
        const [member] = (await membersRepository.findByIdNumberHashes(ctx.db, actor.countyId, [hash])).filter((m) => !m.leftAt);
        const admitted = parsed.file.steps.some((s) => s.step === 17);
        if (admitted && !member) issues.push({ column: TITLE.step17, message: '已审批接收的预备党员须先录入党员名册（导入党员名册后再导入发展档案）' });
        if (!admitted && member) issues.push({ column: TITLE.idNumber, message: `该身份证号已在党员名册中（${member.name}），不能建立发展档案` });
        if (issues.length === 0) good.push({ row, file: parsed.file, orgId: found[0].id, memberId: admitted ? member!.id : null });
      }
      for (const x of issues) errors.push({ row, ...x });
      await progress.advance(i + 1);
    }
    // The job runner keeps the payload encrypted at rest, and only for a clean file.
    return { errors, summary: { toInsert: errors.length ? 0 : good.length }, payload: { rows: good } };
  }

  async function start(actor: Actor, fileName: string, data: Buffer): Promise<{ jobId: string }> {
    requirePermission(actor, 'development.record');
    const jobId = await jobs.start(actor, DEVELOPMENT_IMPORT_KIND, fileName, (progress) => validate(actor, data, progress));
    return { jobId };
  }

  async function job(actor: Actor, id: string): Promise<ImportJobView> {
    requirePermission(actor, 'development.record');
    return jobs.get(actor, id, DEVELOPMENT_IMPORT_KIND);
  }

  /**
   * Creates the files, all or nothing, through the shared chunked write (`writeInChunks`, as the roster import): each
   * chunk re-checks and writes its files with their form numbers and events, so other requests are answered meanwhile;
   * the audit entries (append-only, never undone) come in the last step. On PGlite a failure (or a restart) in the
   * middle deletes the files written so far again.
   */
  async function confirm(actor: Actor, id: string): Promise<ImportJobView> {
    requirePermission(actor, 'development.record');
    return jobs.confirm<Payload>(actor, id, DEVELOPMENT_IMPORT_KIND, async ({ rows }, onProgress, meta) => {
      const now = ctx.clock();
      const today = toChinaDate(now);
      const ruleSet = await ruleSetOn(ctx.db, actor.countyId, today);
      const actorOrg = await orgsRepository.findById(ctx.db, actor.countyId, actor.orgId);
      return writeInChunks(ctx, { id: meta.id, countyId: actor.countyId }, {
        rows,
        write: async (tx, chunk) => {
          const ids: string[] = [];
          for (const r of chunk) {
            const org = await orgsRepository.findById(tx, actor.countyId, r.orgId);
            if (!org || !org.path.startsWith(actor.orgPath)) throw new ImportRejected('导入期间有党支部已不在您的管辖范围内', [{ row: r.row, column: TITLE.branch, message: '该党支部已被撤销或调整，不在您的管辖范围内' }]);
            const hash = ctx.crypto.hash(r.file.idNumber);
            if (await repo.findOpenFileByIdHash(tx, actor.countyId, hash)) throw new ImportRejected('导入期间该身份证号已建立发展档案', [{ row: r.row, column: TITLE.idNumber, message: '该身份证号已有进行中的发展档案' }]);
            const number = r.file.formNumber;
            if (number && (await repo.findFormNumberByNumber(tx, actor.countyId, number.number))) {
              throw new ImportRejected('导入期间该入党志愿书编号已被使用', [{ row: r.row, column: TITLE.formNumber, message: `入党志愿书编号 ${number.number} 已在本县编号登记簿中` }]);
            }
            const history: RecordedStep[] = r.file.steps.map((s) => ({ step: s.step, date: s.date, fields: { imported: true }, publicity: null }));
            const f = await repo.insertFile(tx, {
              countyId: actor.countyId, orgId: org.id, orgPath: org.path, name: r.file.name, gender: r.file.gender, ethnicity: r.file.ethnicity, birthMonth: birthMonthColumn(r.file.birthDate),
              idNumberEnc: ctx.crypto.encrypt(r.file.idNumber), idNumberHash: hash,
              phoneEnc: r.file.phone ? ctx.crypto.encrypt(r.file.phone) : null, phoneMasked: r.file.phone ? maskPhone(r.file.phone) : null,
              education: r.file.education, occupation: r.file.occupation, status: 'active', ruleSetVersion: ruleSet.version, memberId: r.memberId, formNumber: number?.number ?? null,
              ...derivedColumns(history, ruleSet.params), createdAt: now, updatedAt: now,
            });
            if (number) await repo.insertFormNumber(tx, { countyId: actor.countyId, number: number.number, year: number.year, seq: number.seq, fileId: f.id, orgPath: org.path, status: 'issued', issuedAt: now, issuedBy: `${actor.displayName}（导入）` });
            for (const h of history) {
              await repo.insertEvent(tx, {
                countyId: actor.countyId, fileId: f.id, step: h.step, date: h.date, fields: h.fields, publicity: null, note: `由Excel导入（${meta.fileName}）`, warnings: [], overrideReason: null,
                actorId: actor.accountId, actorName: actor.displayName, actorOrgId: actor.orgId, actorOrgName: actorOrg?.name ?? '', ruleSetVersion: ruleSet.version, recordedAt: now,
              });
            }
            ids.push(f.id);
          }
          return ids;
        },
        finish: async (tx, ids) => {
          // Each issued number's entry, then the import's.
          for (let i = 0; i < ids.length; i += 1000) {
            for (const n of await repo.formNumbersOfFiles(tx, actor.countyId, ids.slice(i, i + 1000))) {
              await writeAudit(tx, actor, now, { action: 'development.formNumber.issue', entityType: 'formNumber', entityId: n.id, before: null, after: { number: n.number, fileId: n.fileId, name: n.name, imported: true } });
            }
          }
          await writeAudit(tx, actor, now, { action: 'development.import', entityType: 'importJob', entityId: meta.id, note: `从“${meta.fileName}”导入发展档案 ${rows.length} 份（${subtreePattern(actor.orgPath)}）` });
          return { result: { inserted: rows.length } };
        },
        undo: undoDevelopmentFiles,
        onProgress,
      });
    });
  }

  return { template, start, job, confirm, drain: jobs.drain };
}
