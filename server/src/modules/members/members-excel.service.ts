// The roster's Excel use cases: the import template, import jobs (upload → validate → confirm) and the streamed export.
import {
  ETHNICITIES,
  MEMBER_SHEET_CHOICES,
  MEMBER_SHEET_COLUMNS,
  MIN_EXPORT_REASON,
  PHONE_RE,
  forbidden,
  invalid,
  isPinyinQuery,
  latestBirthDateForAge,
  memberSheetValues,
  notFound,
  toChinaDate,
  type MemberExportQuery,
  type MemberFields,
  type MemberImportJob,
  type MemberSheetKey,
} from '@yanzhen/domain';
import type { FastifyReply } from 'fastify';
import { can, orgInScope, requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { addSheet, assertImportableXlsx, sendXlsx } from '../../core/excel';
import { createImportJobRunner, type ImportJobView } from '../../core/excel-import-jobs';
import { idTailHash, maskedMemberView, maskedMobileContact, memberFields, memberFieldsWith } from './members.mapper';
import { membersExcelRepository as repo, type ExportCursor, type ExportFilter, type ExportRow, type ExportSort } from './members-excel.repository';
import { MAX_IMPORT_ROWS, MEMBER_IMPORT_KIND, applyMemberImport, undoMemberRows, validateMemberFile, type MemberImportPayload } from './members-import.service';


const EXPORT_BATCH = 1000;
/** Orgs per window of the default-order export (~20–60 members a branch: a page or two per window). */
const ORG_WINDOW = 50;
/** Rows the template's drop-downs cover (the import's row limit plus the header). */
const TEMPLATE_ROWS = 50_001;
const OPTIONS_SHEET = '选项';

const sheetColumns = () => MEMBER_SHEET_COLUMNS.map((c) => ({ title: c.title, width: c.width, text: c.kind === 'text' }));
const columnLetter = (index: number) => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

const GUIDE: Record<MemberSheetKey, string> = {
  name: '2至30个字，汉字、字母或“·”',
  gender: '从下拉列表选择：男、女；须与身份证号一致',
  ethnicity: '从下拉列表选择，如“汉族”',
  birthDate: '如 1985-03-12（也可填 1985/3/12、1985年3月12日或 Excel 日期）；须与身份证号一致',
  idNumber: '18位居民身份证号，最后一位可为X；本列已设为文本格式，请勿改为数字',
  education: `从下拉列表选择：${MEMBER_SHEET_CHOICES.education.join('、')}`,
  occupation: '从下拉列表选择',
  job: '选填，不超过100字',
  phone: '选填，11位手机号或带区号的固定电话',
  address: '选填，不超过200字',
  joinDate: '须年满18周岁后的日期，不晚于今天',
  fullMembershipDate: '正式党员必填，须晚于入党日期；预备党员不填',
  status: '从下拉列表选择：预备党员、正式党员',
  categories: `选填，可填多个，用“、”分隔：${MEMBER_SHEET_CHOICES.categories.join('、')}`,
  mobileDestination: '流动党员必填',
  mobileSince: '流动党员必填，不晚于今天',
  mobileContact: '选填',
  branch: '从下拉列表选择您管辖范围内的党支部，名称须完全一致',
  group: '选填，须是所属支部下的党小组',
};

/**
 * The sheet row of an exported member. Masked (the default, any role): what the lists show — the ID number's region
 * code, the birth month, masked phones — so a file that leaves the system rebuilds no ID number. Full: decrypted.
 */
function exportValues(row: ExportRow, ctx: AppContext, full: boolean, today: string): unknown[] {
  let fields: MemberFields;
  if (full) fields = memberFields(row, ctx.crypto);
  else {
    const view = maskedMemberView(row, ctx.crypto, today);
    fields = memberFieldsWith(row, { birthDate: view.birthMonth, idNumber: view.idNumberMasked, phone: view.phoneMasked, mobileContact: maskedMobileContact(row, ctx.crypto) });
  }
  const values = memberSheetValues(fields, row.branchName, row.groupName);
  return MEMBER_SHEET_COLUMNS.map((c) => values[c.key]);
}

/** A search text as the audit log keeps it: an ID number or phone searched for is not written in clear. */
const auditedQuery = (q: MemberExportQuery) => {
  const { reason: _r, ...rest } = q;
  const text = q.q?.trim();
  return text && /\d{4,}/.test(text) ? { ...rest, q: '（身份证号或电话，已略去）' } : rest;
};

const presentJob = (v: ImportJobView): MemberImportJob => ({
  id: v.id,
  status: v.status,
  fileName: v.fileName,
  totalRows: v.totalRows,
  processedRows: v.processedRows,
  errors: v.errors,
  errorCount: v.errorCount,
  warnings: v.warnings,
  summary: v.summary ? { toInsert: v.summary.toInsert ?? 0, unchanged: v.summary.unchanged ?? 0 } : null,
  result: v.result ? { inserted: v.result.inserted ?? 0, unchanged: v.result.unchanged ?? 0 } : null,
  message: v.message,
  createdAt: v.createdAt,
  finishedAt: v.finishedAt,
});

export function createMembersExcelService(ctx: AppContext) {
  const jobs = createImportJobRunner(ctx, { kind: MEMBER_IMPORT_KIND, undo: undoMemberRows });

  /** The import template: headers, drop-downs for the closed lists (branches of the actor's scope), a guide sheet. */
  async function template(actor: Actor, reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(actor, 'members.import');
    const scopeOrgs = await repo.scopeOrgs(ctx.db, actor.countyId, actor.orgPath);
    const branches = [...new Set(scopeOrgs.filter((o) => o.type === 'branch').sort((a, b) => a.path.localeCompare(b.path)).map((o) => o.name))];
    const lists: { key: MemberSheetKey; options: readonly string[] }[] = [
      { key: 'gender', options: MEMBER_SHEET_CHOICES.gender },
      { key: 'ethnicity', options: ETHNICITIES },
      { key: 'education', options: MEMBER_SHEET_CHOICES.education },
      { key: 'occupation', options: MEMBER_SHEET_CHOICES.occupation },
      { key: 'status', options: MEMBER_SHEET_CHOICES.status },
      { key: 'branch', options: branches },
    ];
    return sendXlsx(reply, { name: '党员名册导入模板.xlsx', ascii: 'member-import-template.xlsx' }, async (wb) => {
      const main = addSheet(wb, '党员名册', sheetColumns());
      lists.forEach((list, i) => {
        if (list.options.length === 0) return;
        const col = columnLetter(MEMBER_SHEET_COLUMNS.findIndex((c) => c.key === list.key));
        const src = columnLetter(i);
        main.dataValidations.add(`${col}2:${col}${TEMPLATE_ROWS}`, {
          type: 'list',
          allowBlank: true,
          formulae: [`'${OPTIONS_SHEET}'!$${src}$2:$${src}$${list.options.length + 1}`],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: '输入有误',
          error: '请从下拉列表中选择',
        });
      });
      main.commit();

      const guide = addSheet(wb, '填写说明', [{ title: '列名', width: 16 }, { title: '是否必填', width: 10 }, { title: '填写要求', width: 80 }]);
      for (const c of MEMBER_SHEET_COLUMNS) guide.addRow([c.title, c.required ? '必填' : '选填', GUIDE[c.key]]);
      guide.addRow([]);
      guide.addRow(['说明', '', '请在“党员名册”工作表第2行起逐行填写，一行一名党员，不要修改表头；日期格式为 YYYY-MM-DD。']);
      guide.addRow(['说明', '', '导入前系统会逐行校验，有任何错误都不会写入；已在档案中且信息完全相同的党员会跳过，不会重复导入。']);
      guide.commit();

      const options = addSheet(wb, OPTIONS_SHEET, lists.map((l) => ({ title: MEMBER_SHEET_COLUMNS.find((c) => c.key === l.key)?.title ?? l.key })), { state: 'hidden' });
      const height = Math.max(...lists.map((l) => l.options.length));
      for (let r = 0; r < height; r++) options.addRow(lists.map((l) => l.options[r] ?? null));
      options.commit();
    });
  }

  async function startImport(actor: Actor, fileName: string, data: Buffer): Promise<{ jobId: string }> {
    requirePermission(actor, 'members.import');
    // Oversize files (a zip bomb, too many rows) are refused here, before a job starts.
    await assertImportableXlsx(data, MAX_IMPORT_ROWS);
    const jobId = await jobs.start(actor, MEMBER_IMPORT_KIND, fileName, (progress) => validateMemberFile(ctx, actor, data, progress));
    return { jobId };
  }

  async function job(actor: Actor, id: string): Promise<MemberImportJob> {
    requirePermission(actor, 'members.import');
    return presentJob(await jobs.get(actor, id, MEMBER_IMPORT_KIND));
  }

  async function confirm(actor: Actor, id: string): Promise<MemberImportJob> {
    requirePermission(actor, 'members.import');
    const view = await jobs.confirm<MemberImportPayload>(actor, id, MEMBER_IMPORT_KIND, (payload, onProgress, job) =>
      applyMemberImport(ctx, actor, job, payload, onProgress),
    );
    return presentJob(view);
  }

  /** The list filters as column conditions (the same meaning as GET /api/members). */
  async function exportFilter(actor: Actor, q: MemberExportQuery): Promise<ExportFilter> {
    let scopePath = actor.orgPath;
    let groupId: string | undefined;
    if (q.orgId) {
      const org = await repo.orgById(ctx.db, actor.countyId, q.orgId);
      if (!org || !orgInScope(actor, org.path)) throw notFound('组织');
      if (org.type === 'group') groupId = q.orgId;
      else scopePath = org.path;
    }
    const today = toChinaDate(ctx.clock());
    const f: ExportFilter = { scopePath, groupId, status: q.status, gender: q.gender, education: q.education, category: q.category };
    if (q.ageMin !== undefined) f.bornOnOrBefore = latestBirthDateForAge(today, q.ageMin);
    if (q.ageMax !== undefined) f.bornAfter = latestBirthDateForAge(today, q.ageMax + 1);
    if (q.joinYearMin !== undefined) f.joinedFrom = `${q.joinYearMin}-01-01`;
    if (q.joinYearMax !== undefined) f.joinedTo = `${q.joinYearMax}-12-31`;
    const text = q.q?.trim();
    if (text) {
      if (/^\d{17}[\dXx]$/.test(text)) f.search = { kind: 'idHash', value: ctx.crypto.hash(text.toUpperCase()) };
      else if (PHONE_RE.test(text)) f.search = { kind: 'phoneHash', value: ctx.crypto.hash(text) };
      else if (/^\d{3}[\dXx]$/.test(text)) f.search = { kind: 'tail', value: text.toUpperCase(), idTailHash: idTailHash(ctx.crypto, text) };
      else if (isPinyinQuery(text)) f.search = { kind: 'pinyin', value: text.toLowerCase() };
      else f.search = { kind: 'name', value: text };
    }
    return f;
  }

  /** What an export may write: masked for anyone with members.export; in full only with exportSensitive and a reason. */
  function exportMode(actor: Actor, query: MemberExportQuery): { full: boolean; reason: string | null } {
    requirePermission(actor, 'members.export');
    // Searching by ID number or phone is for roles that may see them (members.service textFilter says why).
    const text = query.q?.trim() ?? '';
    if (/^(\d{17}[\dXx]|\d{3}[\dXx])$/.test(text) || PHONE_RE.test(text)) requirePermission(actor, 'members.viewSensitive');
    if (!query.full) return { full: false, reason: null };
    if (!can(actor, 'members.exportSensitive')) throw forbidden('导出完整身份证号和联系电话须有“导出敏感信息”权限（县委组织部管理员），请导出脱敏名册');
    const reason = query.reason?.trim() ?? '';
    if (reason.length < MIN_EXPORT_REASON) {
      throw invalid(`请填写导出完整信息的事由（至少${MIN_EXPORT_REASON}个字）`, [{ path: 'reason', message: '请填写导出事由' }], 'EXPORT_REASON_REQUIRED');
    }
    return { full: true, reason };
  }

  /** How many members the export with these filters writes (for the confirmation before a full export). */
  async function exportCount(actor: Actor, query: MemberExportQuery): Promise<{ count: number; mayExportFull: boolean }> {
    exportMode(actor, { ...query, full: false });
    return { count: await repo.count(ctx.db, actor.countyId, await exportFilter(actor, query)), mayExportFull: can(actor, 'members.exportSensitive') };
  }

  /** Streams every matching member, 1,000 rows at a time in keyset order; audited with the filter and the count. */
  async function exportRoster(actor: Actor, query: MemberExportQuery, reply: FastifyReply): Promise<FastifyReply> {
    const { full, reason } = exportMode(actor, query);
    const filter = await exportFilter(actor, query);
    const sort: ExportSort = query.sort ?? 'orgPath';
    const now = ctx.clock();
    const today = toChinaDate(now);
    const suffix = full ? '_完整' : '';
    const fileName = { name: `党员名册${suffix}_${today}.xlsx`, ascii: `members${full ? '_full' : ''}_${today}.xlsx` };
    const who = `${actor.displayName}（${actor.username}）`;
    const when = `${today} ${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
    const watermark = `${full ? '含完整身份证号和联系电话' : '脱敏'} · 导出人：${who} · 导出时间：${when}${reason ? ` · 事由：${reason}` : ''}`;
    return sendXlsx(reply, fileName, async (wb) => {
      const sheet = addSheet(wb, '党员名册', sheetColumns());
      // The watermark on every printed page; the 导出记录 sheet below carries it as a line with the count.
      sheet.sheet.headerFooter.oddHeader = `&L&8${watermark.replaceAll('&', '&&')}`;
      sheet.sheet.headerFooter.oddFooter = '&R&8第 &P 页，共 &N 页';
      let count = 0;
      const walk = async (f: ExportFilter) => {
        let after: ExportCursor | null = null;
        for (;;) {
          const page = await repo.exportPage(ctx.db, actor.countyId, f, sort, after, EXPORT_BATCH);
          for (const row of page) sheet.addRow(exportValues(row, ctx, full, today));
          count += page.length;
          if (page.length < EXPORT_BATCH) return;
          const last = page[page.length - 1];
          after = { keys: last.cursorKeys, id: last.id };
        }
      };
      if (sort === 'orgPath' && !filter.groupId) {
        // Roster order, org by org: each page sorts only a window of orgs, not the whole subtree again
        // (a global keyset re-sorts every matching row per page: quadratic for a big county).
        const paths = await repo.memberOrgPaths(ctx.db, actor.countyId, filter.scopePath);
        for (let i = 0; i < paths.length; i += ORG_WINDOW) await walk({ ...filter, orgPaths: paths.slice(i, i + ORG_WINDOW) });
      } else await walk(filter);
      sheet.commit();
      const record = addSheet(wb, '导出记录', [{ title: '导出记录', width: 120 }]);
      record.addRow([`${watermark} · 人数：${count}`]);
      record.addRow([full ? '本表含党员完整身份证号、联系电话和出生日期，仅限事由所述用途，不得转发、复制或公开；用毕销毁。' : '本表身份证号、出生日期、联系电话已脱敏。']);
      record.commit();
      // Written before the file is finished, so a completed download is always on record.
      await writeAudit(ctx.db, actor, ctx.clock(), {
        action: 'member.export',
        entityType: 'member',
        after: { filter: auditedQuery(query), count, full },
        note: `导出党员名册 ${count} 人${full ? '（含完整身份证号和联系电话）' : '（脱敏）'}`,
      });
      if (full) {
        await writeAudit(ctx.db, actor, ctx.clock(), {
          action: 'member.exportSensitive',
          entityType: 'member',
          after: { count, reason },
          note: `导出含完整身份证号和联系电话的党员名册 ${count} 人，事由：${reason}`,
        });
      }
    });
  }

  return { template, startImport, job, confirm, exportCount, exportRoster, drain: jobs.drain };
}
