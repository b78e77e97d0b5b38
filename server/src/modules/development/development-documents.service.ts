// Word documents (.docx) composed in the domain from the recorded data, and the pipeline exported to Excel.
import {
  birthMonthOf,
  DEADLINE_KIND_LABELS,
  DEVELOPMENT_STAGES,
  FILE_STATUS_LABELS,
  GENDER_LABELS,
  chineseWorkingDays,
  composeDocument,
  defaultPublicityStep,
  conflict,
  isFailedVote,
  notFound,
  stepDef,
  toChinaDate,
  workingDayEnd,
  type DocumentKind,
  type FileListQuery,
} from '@yanzhen/domain';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { FastifyReply } from 'fastify';
import { requirePermission, subtreePattern, type Actor } from '../../core/actor';
import type { AppContext } from '../../core/context';
import { contentDisposition, sendXlsx, addSheet } from '../../core/excel';
import { orgsRepository } from '../orgs/orgs.repository';
import { fileInScope } from './development.policy';
import { developmentRepository as repo, type FileFilter } from './development.repository';
import { ruleSetVersion } from './development-rules.service';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FONT = '仿宋';

async function renderDocx(doc: { title: string; paragraphs: string[]; table: string[][] | null; signature: string; date: string }): Promise<Buffer> {
  const cn = `${Number(doc.date.slice(0, 4))}年${Number(doc.date.slice(5, 7))}月${Number(doc.date.slice(8, 10))}日`;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: doc.title, bold: true, size: 36, font: '方正小标宋简体' })] }),
    ...doc.paragraphs.map((p) => new Paragraph({ spacing: { after: 120, line: 460 }, indent: { firstLine: 640 }, children: [new TextRun({ text: p, size: 32, font: FONT })] })),
  ];
  if (doc.table) {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: doc.table.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: cell, size: 28, font: FONT })] })] })) })),
      }),
    );
  }
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [new TextRun({ text: doc.signature, size: 32, font: FONT })] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: cn, size: 32, font: FONT })] }),
  );
  return Packer.toBuffer(new Document({ creator: '雁阵党建工作管理平台', title: doc.title, sections: [{ children }] }));
}

export function createDevelopmentDocumentsService(ctx: AppContext) {
  /** The committee above a branch that approves (its nearest committee or working committee). */
  async function committeeOf(countyId: string, orgId: string): Promise<string> {
    let org = await orgsRepository.findById(ctx.db, countyId, orgId);
    while (org && org.parentId) {
      org = await orgsRepository.findById(ctx.db, countyId, org.parentId);
      if (org && (org.type === 'committee' || org.type === 'workingCommittee')) return org.name;
    }
    return '上级党委';
  }

  async function document(actor: Actor, id: string, kind: DocumentKind, q: { step?: number; start?: string }, reply: FastifyReply) {
    requirePermission(actor, 'development.read');
    const found = await repo.findFile(ctx.db, actor.countyId, id);
    if (!found || !fileInScope(actor, found.file)) throw notFound('发展档案');
    const { file, orgName } = found;
    const events = await repo.events(ctx.db, file.id);
    const history = events.filter((e) => !isFailedVote(e.fields)).map((e) => ({ step: e.step, date: e.date, fields: e.fields, publicity: e.publicity ?? null }));
    const rules = (await ruleSetVersion(ctx.db, actor.countyId, file.ruleSetVersion)).params;
    const today = toChinaDate(ctx.clock());
    let publicity: { step: number; start: string; end: string; minWorkingDays: number } | undefined;
    if (kind === 'publicity') {
      const step = q.step ?? defaultPublicityStep(file.currentStep, rules.publicitySteps);
      const start = q.start ?? today;
      publicity = { step, start, end: workingDayEnd(chineseWorkingDays, start, rules.publicityMinWorkingDays), minWorkingDays: rules.publicityMinWorkingDays };
    }
    const person = { name: file.name, gender: file.gender as 'male', birthMonth: birthMonthOf(file.birthMonth), education: file.education as 'bachelor', orgName, committeeName: await committeeOf(actor.countyId, file.orgId), formNumber: file.formNumber };
    const result = composeDocument(kind, person, history, { today, publicity, probationEnd: file.probationEnd });
    if (!result.ok) throw conflict(result.message, 'DEV_DOCUMENT_UNAVAILABLE');
    const buffer = await renderDocx(result.doc);
    return reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(result.doc.fileName, `development-${kind}.docx`)).header('cache-control', 'no-store').send(buffer);
  }

  /** The pipeline (the same filters as the file list) as an Excel sheet, one row per file, formula-safe. */
  async function exportPipeline(actor: Actor, q: Omit<FileListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
    requirePermission(actor, 'development.read');
    let pattern = subtreePattern(actor.orgPath);
    if (q.orgId) {
      const org = await orgsRepository.findById(ctx.db, actor.countyId, q.orgId);
      if (!org || !fileInScope(actor, { orgPath: org.path })) throw notFound('组织');
      pattern = subtreePattern(org.path);
    }
    const today = toChinaDate(ctx.clock());
    const f: FileFilter = { pathPattern: pattern, stage: q.stage, status: q.status, name: q.q || undefined, ...(q.overdue === 'true' ? { overdueBefore: today } : {}) };
    return sendXlsx(reply, { name: `发展党员进度-${today}.xlsx`, ascii: `development-${today}.xlsx` }, async (wb) => {
      const sheet = addSheet(wb, '发展党员', [
        { title: '姓名', width: 10 }, { title: '性别', width: 6 }, { title: '出生年月', width: 10 }, { title: '所在党支部', width: 28 },
        { title: '阶段', width: 26 }, { title: '当前步骤', width: 24 }, { title: '状态', width: 12 }, { title: '递交申请日期', width: 12 },
        { title: '确定积极分子日期', width: 12 }, { title: '确定发展对象日期', width: 12 }, { title: '支部大会日期', width: 12 }, { title: '预备期满', width: 12 },
        { title: '入党志愿书编号', width: 18, text: true }, { title: '下一期限', width: 26 }, { title: '期限日期', width: 12 }, { title: '是否超期', width: 8 },
      ]);
      for (let page = 1; ; page++) {
        const { rows } = await repo.listFiles(ctx.db, actor.countyId, f, { page, pageSize: 500, byDeadline: false });
        for (const { file: r, orgName } of rows) {
          sheet.addRow([
            r.name, GENDER_LABELS[r.gender as 'male'], birthMonthOf(r.birthMonth), orgName, DEVELOPMENT_STAGES[r.stage - 1].name,
            r.currentStep ? `${r.currentStep}. ${stepDef(r.currentStep).name}` : '已建档', FILE_STATUS_LABELS[r.status as 'active'],
            r.applicationDate, r.activistDate, r.candidateDate, r.assemblyDate, r.probationEnd, r.formNumber,
            r.status === 'active' && r.nextDeadlineKind ? DEADLINE_KIND_LABELS[r.nextDeadlineKind as 'talk'] : null,
            r.status === 'active' ? r.nextDeadline : null, r.status === 'active' && r.nextDeadline && r.nextDeadline < today ? '是' : '否',
          ]);
        }
        if (rows.length < 500) break;
      }
      sheet.commit();
    });
  }

  return { document, exportPipeline };
}
