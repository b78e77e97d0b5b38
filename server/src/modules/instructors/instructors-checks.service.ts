// 随机抽查、集中督导、明察暗访 (issue #11 item 5): the county or town records a check of an instructor at an enterprise
// they serve(d) on that day, with findings by severity; a finding to fix opens a rectification through the duties
// module (source 'instructorFinding', owned by the enterprise's town, so the town's 问题整改 list shows it too), which
// the instructor reports on and the county closes (销号). The quarter's checks are circulated as a Word notice.
import {
  CHECK_KIND_LABELS,
  DomainError,
  FINDING_SEVERITY_LABELS,
  ZCheckCreate,
  ZFindingClose,
  ZFindingReport,
  checkFindings,
  invalid,
  notFound,
  quarterOf,
  quarterRange,
  tallyChecks,
  toChinaDate,
  type Check,
  type CheckKind,
  type FindingSeverity,
  type Quarter,
} from '@yanzhen/domain';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { FastifyReply } from 'fastify';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { contentDisposition } from '../../core/excel';
import { openSourcedRectification, sourcedRectifications, updateSourcedRectification } from '../duties/duties.service';
import { checksRepository as checks, type CheckRow } from './instructors-checks.repository';
import { instructorsRepository as repo } from './instructors.repository';
import { validate } from '../../core/validate';

const SOURCE = 'instructorFinding';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function createInstructorChecksService(ctx: AppContext) {
  const today = () => toChinaDate(ctx.clock());

  async function present(ex: Executor, countyId: string, rows: { c: CheckRow; instructorName: string; enterpriseName: string }[]): Promise<Check[]> {
    const findings = await checks.findingsOf(ex, countyId, rows.map((r) => r.c.id));
    const rects = await sourcedRectifications(ex, countyId, SOURCE, findings.filter((f) => f.rectify).map((f) => f.id));
    const day = today();
    return rows.map((r) => ({
      id: r.c.id,
      kind: r.c.kind as CheckKind,
      checkedOn: r.c.checkedOn,
      quarter: r.c.quarter,
      instructorId: r.c.instructorId,
      instructorName: r.instructorName,
      enterpriseId: r.c.enterpriseId,
      enterpriseName: r.enterpriseName,
      inspectors: r.c.inspectors,
      inPost: r.c.inPost,
      summary: r.c.summary,
      findings: findings
        .filter((f) => f.checkId === r.c.id)
        .map((f) => {
          const x = rects.get(f.id);
          return { id: f.id, severity: f.severity as FindingSeverity, description: f.description, rectify: f.rectify, rectification: x ? { status: x.status, deadline: x.deadline, overdue: x.status === 'open' && x.deadline < day, reportNote: x.reportNote, closingNote: x.closingNote, version: x.version } : null };
        }),
    }));
  }

  async function create(actor: Actor, body: unknown): Promise<Check> {
    requirePermission(actor, 'instructors.manage');
    const input = validate(ZCheckCreate, body);
    const day = today();
    if (input.checkedOn > day) throw invalid(`检查日期（${input.checkedOn}）不能晚于今天`, [{ path: 'checkedOn', message: '不能晚于今天' }]);
    const issues = checkFindings(input.findings, input.checkedOn, day);
    if (issues.length) throw invalid(issues[0].message, issues);
    return ctx.db.transaction(async (tx) => {
      const i = await repo.findInstructor(tx, actor.countyId, input.instructorId);
      if (!i || !orgInScope(actor, i.orgPath)) throw notFound('党建工作指导员');
      const e = await repo.findEnterprise(tx, actor.countyId, input.enterpriseId);
      if (!e || !orgInScope(actor, e.profile.orgPath)) throw notFound('两新组织');
      const served = (await repo.assignmentsOf(tx, actor.countyId, [i.id], false)).some((a) => a.a.enterpriseId === e.id && a.a.startDate <= input.checkedOn && (a.a.endDate === null || a.a.endDate >= input.checkedOn));
      if (!served) throw new DomainError('CHECK_NOT_ASSIGNED', `${input.checkedOn} ${i.name}不是${e.name}的党建工作指导员，不能记录该检查`, { kind: 'rule', details: [{ path: 'enterpriseId', message: '检查当日未指派到该企业' }] });
      if (input.findings.some((f) => f.rectify) && !e.townOrgId) throw new DomainError('ENTERPRISE_NO_TOWN', `${e.name}未登记所属镇街，问题无法列入整改`, { kind: 'rule' });
      const now = ctx.clock();
      const c = await checks.insertCheck(tx, { countyId: actor.countyId, instructorId: i.id, enterpriseId: e.id, orgPath: e.profile.orgPath, kind: input.kind, checkedOn: input.checkedOn, quarter: quarterOf(input.checkedOn), inspectors: input.inspectors, inPost: input.inPost, summary: input.summary, recordedBy: actor.accountId, createdAt: now });
      const found = await checks.insertFindings(tx, input.findings.map((f, k) => ({ countyId: actor.countyId, checkId: c.id, position: k + 1, severity: f.severity, description: f.description, rectify: f.rectify })));
      for (const [k, f] of found.entries()) {
        if (!f.rectify) continue;
        const problem = `【${CHECK_KIND_LABELS[input.kind]}】党建工作指导员${i.name}（${e.name}）：${f.description}`;
        await openSourcedRectification(tx, actor, now, { orgId: e.townOrgId!, orgPath: e.profile.orgPath, problem, deadline: input.findings[k].deadline!, sourceType: SOURCE, sourceId: f.id });
      }
      await writeAudit(tx, actor, now, { action: 'instructor.check', entityType: 'instructorCheck', entityId: c.id, after: { kind: input.kind, checkedOn: input.checkedOn, instructor: i.name, enterprise: e.name, inspectors: input.inspectors, inPost: input.inPost, findings: input.findings.length, rectify: input.findings.filter((f) => f.rectify).length } });
      return (await present(tx, actor.countyId, [{ c, instructorName: i.name, enterpriseName: e.name }]))[0];
    });
  }

  async function list(actor: Actor, q: { quarter?: string; instructorId?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'instructors.read');
    const { rows, total } = await checks.listChecks(ctx.db, actor.countyId, { pathPattern: subtreePattern(actor.orgPath), quarter: q.quarter, instructorId: q.instructorId }, q);
    return { items: await present(ctx.db, actor.countyId, rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** The instructor's own checks (their findings to report on). */
  async function listMine(actor: Actor, q: { quarter?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'instructors.work');
    const me = await repo.findByAccount(ctx.db, actor.countyId, actor.accountId);
    if (!me) throw notFound('本人的党建工作指导员档案');
    const { rows, total } = await checks.listChecks(ctx.db, actor.countyId, { quarter: q.quarter, instructorId: me.id }, q);
    return { items: await present(ctx.db, actor.countyId, rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** 整改情况 by the instructor checked (own findings only, 404 otherwise), or 销号 by the county or town in scope. */
  async function updateFinding(actor: Actor, id: string, body: unknown, how: 'report' | 'close'): Promise<Check> {
    const input = how === 'report' ? validate(ZFindingReport, body) : validate(ZFindingClose, body);
    return ctx.db.transaction(async (tx) => {
      const row = await checks.findFinding(tx, actor.countyId, id);
      if (how === 'report') {
        requirePermission(actor, 'instructors.work');
        const me = await repo.findByAccount(tx, actor.countyId, actor.accountId);
        if (!me || !row || row.check.instructorId !== me.id) throw notFound('检查发现的问题');
      } else {
        requirePermission(actor, 'instructors.manage');
        if (!row || !orgInScope(actor, row.check.orgPath)) throw notFound('检查发现的问题');
      }
      if (!row.f.rectify) throw new DomainError('FINDING_NOT_RECTIFIED', '该问题未列入整改', { kind: 'rule' });
      await updateSourcedRectification(tx, actor, ctx.clock(), SOURCE, row.f.id, how === 'report' ? { report: input.note } : { close: input.note }, input.version);
      const { rows } = await checks.listChecks(tx, actor.countyId, { instructorId: row.check.instructorId, quarter: row.check.quarter }, null);
      return (await present(tx, actor.countyId, rows.filter((r) => r.c.id === row.check.id)))[0];
    });
  }

  /** The quarter's notice (通报), circulated county-wide: the tally and every check with its findings and rectification. */
  async function notice(actor: Actor, quarter: string, reply: FastifyReply) {
    requirePermission(actor, 'instructors.manage');
    const { rows } = await checks.listChecks(ctx.db, actor.countyId, { pathPattern: subtreePattern(actor.orgPath), quarter }, null);
    const list = await present(ctx.db, actor.countyId, rows);
    const t = tallyChecks(list.map((c) => ({ ...c, findings: c.findings.map((f) => ({ ...f, closed: f.rectification?.status === 'closed' })) })));
    const [year, qn] = [quarter.slice(0, 4), Number(quarter.slice(6))];
    const q = '一二三四'[qn - 1];
    const range = quarterRange(quarter as Quarter);
    const title = `关于${year}年第${q}季度党建工作指导员检查督导情况的通报`;
    const p = (text: string) => new Paragraph({ spacing: { after: 120, line: 360 }, indent: { firstLine: 640 }, children: [new TextRun({ text, size: 30, font: '仿宋' })] });
    const h = (text: string) => new Paragraph({ spacing: { before: 200, after: 120 }, indent: { firstLine: 640 }, children: [new TextRun({ text, bold: true, size: 30, font: '黑体' })] });
    const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, size: 21, font: '仿宋' })] })] });
    const table = (head: string[], body: string[][]) => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ tableHeader: true, children: head.map((x) => cell(x, true)) }), ...body.map((r) => new TableRow({ children: r.map((x) => cell(x)) }))] });
    const rectText = (f: Check['findings'][number]) => (!f.rectify ? '当场提醒' : f.rectification?.status === 'closed' ? '已整改销号' : `限期${f.rectification?.deadline ?? ''}前整改${f.rectification?.overdue ? '（已逾期）' : ''}`);
    const problems = list.flatMap((c) => c.findings.map((f) => [c.instructorName, c.enterpriseName, FINDING_SEVERITY_LABELS[f.severity], f.description, rectText(f)]));
    const doc = new Document({
      creator: '雁阵',
      title,
      sections: [{
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, spacing: { after: 240 }, children: [new TextRun({ text: title, bold: true, size: 40, font: '方正小标宋简体' })] }),
          p('各镇（街道）党（工）委，各党建工作指导员：'),
          p(`按照“平时考核和年度考核相结合”的要求，县委非公和社会工委于${range.start.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}至${range.end.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}采取随机抽查、集中督导、明察暗访等方式，对党建工作指导员在岗情况、工作开展及完成情况进行了检查督导。现将有关情况通报如下。`),
          h('一、总体情况'),
          p(`本季度共检查 ${t.checks} 人次，其中随机抽查 ${t.byKind.random} 次、集中督导 ${t.byKind.focused} 次、明察暗访 ${t.byKind.unannounced} 次；${t.clean} 次未发现问题，${t.absent} 次指导员不在岗。共发现问题 ${t.bySeverity.minor + t.bySeverity.major + t.bySeverity.serious} 条（一般 ${t.bySeverity.minor} 条、较重 ${t.bySeverity.major} 条、严重 ${t.bySeverity.serious} 条），列入整改 ${t.rectify} 条，已整改销号 ${t.closed} 条，正在整改 ${t.open} 条。`),
          h('二、检查情况'),
          ...(list.length ? [table(['日期', '方式', '指导员', '企业', '在岗', '问题数'], list.map((c) => [c.checkedOn, CHECK_KIND_LABELS[c.kind], c.instructorName, c.enterpriseName, c.inPost ? '在岗' : '不在岗', String(c.findings.length)]))] : [p('本季度未开展检查。')]),
          h('三、发现的问题及整改'),
          ...(problems.length ? [table(['指导员', '企业', '程度', '问题', '整改情况'], problems)] : [p('本季度检查未发现问题。')]),
          h('四、下步要求'),
          p('各党建工作指导员要对照通报问题逐项整改，按期报告整改情况；各镇（街道）党（工）委要加强日常管理，检查结果作为年度考核“日常考核”的重要依据。'),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [new TextRun({ text: '县委非公和社会工委', size: 30, font: '仿宋' })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: toChinaDate(ctx.clock()).replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'), size: 30, font: '仿宋' })] }),
        ],
      }],
    });
    const buffer = await Packer.toBuffer(doc);
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'instructor.checkNotice', entityType: 'instructorCheck', entityId: null, note: `导出${title}（${t.checks} 次检查）` });
    return reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(`${title}.docx`, `instructor-checks-${quarter}.docx`)).header('cache-control', 'no-store').send(buffer);
  }

  return { create, list, listMine, updateFinding, notice };
}
