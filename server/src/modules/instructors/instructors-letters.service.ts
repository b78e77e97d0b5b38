// 两书一册 (issue #11 item 3): the 目标责任书 and the 承诺书 of an assignment as Word documents from the county's template
// text (setting `instructors.letters`, default from report 2), and their signed copies uploaded through the files
// module; each assignment shows 未签/已签 per letter and the county's list shows the assignments still lacking one.
// The county and towns reach the assignments in their scope, an instructor only their own (404 otherwise).
import {
  DEFAULT_LETTER_TEMPLATES,
  LETTER_KIND_LABELS,
  LETTER_KINDS,
  LETTER_PLACEHOLDERS,
  ZLetterSign,
  ZLetterTemplates,
  checkLetterTemplate,
  invalid,
  missingLetters,
  notFound,
  renderLetter,
  type AssignmentLetters,
  type LetterKind,
  type LetterListQuery,
  type LetterState,
  type LetterTemplates,
  type StoredFile,
} from '@yanzhen/domain';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { contentDisposition } from '../../core/excel';
import { readSetting, writeSetting } from '../../core/settings';
import { createFilesService } from '../files/files.service';
import { orgRefsById } from '../orgs/orgs.service';
import { instructorsRepository as repo } from './instructors.repository';

export const LETTER_SETTINGS_KEY = 'instructors.letters';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FONT = '仿宋';
const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The county's template text per letter (a stored text that no longer passes the check falls back to the default). */
export async function loadLetterTemplates(ex: Executor, countyId: string): Promise<{ templates: LetterTemplates; custom: boolean }> {
  const raw = (await readSetting(ex, countyId, LETTER_SETTINGS_KEY)) as Partial<LetterTemplates> | undefined;
  const templates = { ...DEFAULT_LETTER_TEMPLATES };
  let custom = false;
  for (const k of LETTER_KINDS) {
    const t = raw?.[k];
    if (typeof t === 'string' && checkLetterTemplate(k, t).length === 0) {
      templates[k] = t;
      custom = true;
    }
  }
  return { templates, custom };
}

type AssignmentRow = NonNullable<Awaited<ReturnType<typeof repo.findAssignmentWithNames>>>;

export function createInstructorLettersService(ctx: AppContext) {
  const files = createFilesService(ctx);

  /** The county's or town's view: an assignment in the caller's scope, else 404. */
  async function inScope(ex: Executor, actor: Actor, id: string): Promise<AssignmentRow> {
    const row = await repo.findAssignmentWithNames(ex, actor.countyId, id);
    if (!row || !orgInScope(actor, row.a.orgPath)) throw notFound('指导员指派');
    return row;
  }

  /** The instructor's view: only their own assignments (another's is 404, its existence not revealed). */
  async function mine(ex: Executor, actor: Actor, id: string): Promise<AssignmentRow> {
    requirePermission(actor, 'instructors.work');
    const me = await repo.findByAccount(ex, actor.countyId, actor.accountId);
    if (!me) throw notFound('本人的党建工作指导员档案');
    const row = await repo.findAssignmentWithNames(ex, actor.countyId, id);
    if (!row || row.a.instructorId !== me.id) throw notFound('指导员指派');
    return row;
  }

  const load = (actor: Actor, id: string, self: boolean) => (self ? mine(ctx.db, actor, id) : (requirePermission(actor, 'instructors.read'), inScope(ctx.db, actor, id)));

  async function present(ex: Executor, countyId: string, rows: AssignmentRow[]): Promise<AssignmentLetters[]> {
    const fileIds = rows.flatMap((r) => [r.a.targetLetterFileId, r.a.commitmentLetterFileId]).filter((x): x is string => !!x);
    const described = fileIds.length ? await files.describe(ex, countyId, fileIds) : new Map<string, StoredFile>();
    const towns = await orgRefsById(ex, countyId, rows.map((r) => r.townOrgId).filter((x): x is string => !!x));
    const state = (fileId: string | null, at: Date | null): LetterState => ({ signed: fileId !== null, file: fileId ? (described.get(fileId) ?? null) : null, signedAt: at?.toISOString() ?? null });
    return rows.map((r) => ({
      assignmentId: r.a.id,
      instructorId: r.a.instructorId,
      instructorName: r.instructorName,
      enterpriseId: r.a.enterpriseId,
      enterpriseName: r.enterpriseName,
      townName: r.townOrgId ? (towns.get(r.townOrgId)?.shortName ?? towns.get(r.townOrgId)?.name ?? null) : null,
      startDate: r.a.startDate,
      endDate: r.a.endDate,
      active: r.a.active,
      target: state(r.a.targetLetterFileId, r.a.targetLetterSignedAt),
      commitment: state(r.a.commitmentLetterFileId, r.a.commitmentLetterSignedAt),
      missing: missingLetters({ target: r.a.targetLetterFileId !== null, commitment: r.a.commitmentLetterFileId !== null }),
    }));
  }

  /** The county's list: active assignments in scope with their letters (`missing=true`: those lacking a signed copy). */
  async function list(actor: Actor, q: LetterListQuery) {
    requirePermission(actor, 'instructors.read');
    const { rows, total } = await repo.listLetters(ctx.db, actor.countyId, { pathPattern: subtreePattern(actor.orgPath), activeOnly: true, missing: q.missing, townOrgId: q.townOrgId }, q);
    return { items: await present(ctx.db, actor.countyId, rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** The instructor's own assignments (current and past) with their letters. */
  async function listMine(actor: Actor, q: LetterListQuery) {
    requirePermission(actor, 'instructors.work');
    const me = await repo.findByAccount(ctx.db, actor.countyId, actor.accountId);
    if (!me) throw notFound('本人的党建工作指导员档案');
    const { rows, total } = await repo.listLetters(ctx.db, actor.countyId, { instructorId: me.id, activeOnly: false, missing: q.missing }, q);
    return { items: await present(ctx.db, actor.countyId, rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** The letter as a Word document: the county's template filled with the assignment's facts, with signature lines. */
  async function document(actor: Actor, id: string, kind: LetterKind, reply: FastifyReply, self = false) {
    const r = await load(actor, id, self);
    const { templates } = await loadLetterTemplates(ctx.db, actor.countyId);
    const towns = r.townOrgId ? await orgRefsById(ctx.db, actor.countyId, [r.townOrgId]) : new Map();
    const town = r.townOrgId ? (towns.get(r.townOrgId)?.shortName ?? towns.get(r.townOrgId)?.name ?? null) : null;
    const paragraphs = renderLetter(templates[kind], { instructorName: r.instructorName, enterpriseName: r.enterpriseName, townName: town, startDate: r.a.startDate, endDate: r.a.endDate });
    const title = `党建工作指导员${LETTER_KIND_LABELS[kind]}`;
    const p = (text: string, opts: { center?: boolean; right?: boolean; bold?: boolean; size?: number; indent?: boolean } = {}) =>
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
        indent: opts.indent ? { firstLine: 600 } : undefined,
        spacing: { after: 160, line: 460 },
        children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 30, font: opts.center ? '方正小标宋简体' : FONT })],
      });
    const signatures =
      kind === 'target'
        ? [p(''), p('县委组织部（县委非公和社会工委）（盖章）', { right: true }), p(`党建工作指导员（签字）：${' '.repeat(12)}`, { right: true }), p(`${r.enterpriseName}（盖章）`, { right: true }), p(`签订日期：${cn(r.a.startDate)}`, { right: true })]
        : [p(''), p(`承诺人（签字）：${' '.repeat(12)}`, { right: true }), p('年    月    日', { right: true })];
    const children = [p(title, { center: true, bold: true, size: 40 }), ...paragraphs.map((t) => p(t, { indent: true })), ...signatures];
    const buffer = await Packer.toBuffer(new Document({ creator: '雁阵党建工作管理平台', title: `${title} ${r.instructorName} ${r.enterpriseName}`, sections: [{ children }] }));
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'instructor.letterPrint', entityType: 'instructorAssignment', entityId: r.a.id, note: `生成${r.instructorName}（${r.enterpriseName}）的${LETTER_KIND_LABELS[kind]}` });
    return reply
      .header('content-type', DOCX_MIME)
      .header('content-disposition', contentDisposition(`${LETTER_KIND_LABELS[kind]}-${r.instructorName}-${r.enterpriseName}.docx`, `instructor-${kind}-letter.docx`))
      .header('cache-control', 'no-store')
      .send(buffer);
  }

  /** Records the signed copy (a file uploaded through /api/files) of one letter; a later upload replaces it (audited). */
  async function sign(actor: Actor, id: string, kind: LetterKind, body: unknown, self = false): Promise<AssignmentLetters> {
    if (!self) requirePermission(actor, 'instructors.manage');
    const parsed = ZLetterSign.safeParse(body);
    if (!parsed.success) throw invalid(`请先上传${LETTER_KIND_LABELS[kind]}的签字件`, [{ path: 'fileId', message: '签字件的文件编号不正确' }]);
    const result = await ctx.db.transaction(async (tx) => {
      const r = self ? await mine(tx, actor, id) : await inScope(tx, actor, id);
      const [file] = await files.requireAttachable(tx, actor, [parsed.data.fileId], r.a.orgPath);
      const now = ctx.clock();
      const before = kind === 'target' ? r.a.targetLetterFileId : r.a.commitmentLetterFileId;
      await repo.setLetter(tx, r.a.id, kind, file.id, now);
      await writeAudit(tx, actor, now, {
        action: 'instructor.letterSigned',
        entityType: 'instructorAssignment',
        entityId: r.a.id,
        before: { [kind]: before },
        after: { [kind]: file.id, fileName: file.originalName },
        note: `${r.instructorName}（${r.enterpriseName}）的${LETTER_KIND_LABELS[kind]}${before ? '签字件已更换' : '已签'}`,
      });
      const fresh = await repo.findAssignmentWithNames(tx, actor.countyId, r.a.id);
      return (await present(tx, actor.countyId, [fresh!]))[0];
    });
    return result;
  }

  async function templates(actor: Actor) {
    requirePermission(actor, 'instructors.read');
    const { templates: t, custom } = await loadLetterTemplates(ctx.db, actor.countyId);
    return { ...t, placeholders: LETTER_PLACEHOLDERS.map((p) => `{${p}}`), custom };
  }

  async function saveTemplates(actor: Actor, body: unknown) {
    requirePermission(actor, 'instructors.settings');
    const parsed = ZLetterTemplates.safeParse(body);
    if (!parsed.success) throw invalid(parsed.error.issues[0].message, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const input: z.infer<typeof ZLetterTemplates> = parsed.data;
    const problems = LETTER_KINDS.flatMap((k) => checkLetterTemplate(k, input[k]).map((message) => ({ path: k, message })));
    if (problems.length) throw invalid(problems[0].message, problems, 'LETTER_TEMPLATE_INVALID');
    await ctx.db.transaction(async (tx) => {
      const before = await loadLetterTemplates(tx, actor.countyId);
      await writeSetting(tx, actor.countyId, LETTER_SETTINGS_KEY, input, actor.accountId, ctx.clock());
      await writeAudit(tx, actor, ctx.clock(), { action: 'instructor.letterTemplates', entityType: 'settings', entityId: null, before: before.templates, after: input });
    });
    return templates(actor);
  }

  return { list, listMine, document, sign, templates, saveTemplates };
}
