// 每季一讲评: the quarterly review of a town or the county from the monthly rollups, as an Excel workbook or a Word
// notice (通报) for circulation.
import { buildQuarterlyReview, notFound, quarterMonths, toChinaDate, type QuarterlyReview } from '@yanzhen/domain';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { queryRows } from '../../core/db';
import { addSheet, contentDisposition, sendXlsx } from '../../core/excel';
import { dutyItems, dutyMonthly, dutyWarnings, orgs } from '../../db/schema/index';
import { dutyScope } from './duties.policy';
import { categoryOfRow } from './duties-templates.service';
import { dutiesRepository } from './duties.repository';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const pctText = (r: number | null) => (r === null ? '—' : `${r}%`);
const starsText = (n: number | null) => (n === null ? '—' : n === 0 ? '无' : '★'.repeat(n));

export function createDutyReviewService(ctx: AppContext) {
  async function compute(actor: Actor, q: { year: number; quarter: number; orgId?: string }): Promise<QuarterlyReview> {
    requirePermission(actor, 'duties.review');
    const scope = await dutyScope(ctx.db, actor);
    const [org] = await ctx.db.select().from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, q.orgId ?? actor.orgId)));
    if (!org || !scope.reviewPrefixes.some((p) => org.path.startsWith(p))) throw notFound('组织');
    const months = quarterMonths(q.year, q.quarter);
    const list = (await dutiesRepository.orgsForDuties(ctx.db, actor.countyId, like(orgs.path, subtreePattern(org.path)))).filter((o) => categoryOfRow(o));
    const depth1 = await ctx.db.select({ seq: orgs.seq, name: orgs.name, shortName: orgs.shortName }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.depth, 1)));
    const townName = new Map(depth1.map((t) => [String(t.seq), t.shortName ?? t.name]));
    const info = new Map(list.map((o) => [o.id, { name: o.name, secretaryName: o.secretaryName, town: townName.get(o.path.split('/').filter(Boolean)[1] ?? '') ?? o.name }]));
    const monthly = await ctx.db
      .select()
      .from(dutyMonthly)
      .where(and(eq(dutyMonthly.countyId, actor.countyId), inArray(dutyMonthly.month, months), like(dutyMonthly.orgPath, subtreePattern(org.path))));
    const items = await queryRows<{ title: string; due: string | number; on_time: string | number }>(
      ctx.db,
      sql`select title, count(*) as due, count(*) filter (where status = 'accepted' and on_time) as on_time from ${dutyItems}
          where county_id = ${actor.countyId} and org_path like ${subtreePattern(org.path)} and month in (${sql.join(months.map((m) => sql`${m}`), sql`, `)})
          and due_date <= ${toChinaDate(ctx.clock())} and status <> 'cancelled' group by title`,
    );
    const warnings = await ctx.db
      .select()
      .from(dutyWarnings)
      .where(and(eq(dutyWarnings.countyId, actor.countyId), inArray(dutyWarnings.month, months), like(dutyWarnings.orgPath, subtreePattern(org.path))));
    return buildQuarterlyReview({
      scopeName: org.depth === 0 ? org.name.replace(/^中共/, '').replace(/委员会$/, '') : (org.shortName ?? org.name),
      year: q.year,
      quarter: q.quarter,
      rows: monthly.filter((m) => info.has(m.orgId)).map((m) => {
        const i = info.get(m.orgId)!;
        return { orgId: m.orgId, orgName: i.name, secretaryName: i.secretaryName, townName: i.town, month: m.month, dueWeight: m.dueWeight, onTimeWeight: m.onTimeWeight, dueCount: m.dueCount, onTimeCount: m.onTimeCount, stars: m.closedAt ? m.stars : null };
      }),
      items: items.map((i) => ({ title: i.title, dueCount: Number(i.due), onTimeCount: Number(i.on_time) })),
      warnings: warnings.map((w) => ({ orgName: info.get(w.orgId)?.name ?? '', townName: info.get(w.orgId)?.town ?? '', month: w.month, level: w.level as 'yellow' | 'red', reasons: w.reasons, cleared: w.clearedAt !== null })),
    });
  }

  async function xlsx(actor: Actor, q: { year: number; quarter: number; orgId?: string }, reply: FastifyReply) {
    const r = await compute(actor, q);
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'duty.review.export', entityType: 'dutyReview', entityId: `${q.year}-Q${q.quarter}`, note: `导出讲评表：${r.title}` });
    const m = r.months.map((x) => `${Number(x.slice(5))}月`);
    return sendXlsx(reply, { name: `${r.title}.xlsx`, ascii: `duty-review-${q.year}-Q${q.quarter}.xlsx` }, async (wb) => {
      const s = addSheet(wb, '概况', [{ title: '项目', width: 24 }, { title: '数值', width: 20 }]);
      for (const [k, v] of [['讲评', r.title], ['党组织数', r.totals.orgs], ['应完成事项', r.totals.dueCount], ['按时完成并通过', r.totals.onTimeCount], ['按时完成率', pctText(r.totals.rate)], ['累计贴星', r.totals.stars], ['红色预警', r.totals.red], ['黄色预警', r.totals.yellow]] as [string, unknown][]) s.addRow([k, v]);
      s.commit();
      const t = addSheet(wb, '镇（街道）排名', [{ title: '名次', width: 6 }, { title: '镇（街道）', width: 18 }, { title: '组织数', width: 8 }, { title: '按时完成率', width: 12 }, { title: '累计星', width: 8 }, { title: '平均星', width: 8 }, { title: '红色预警', width: 9 }, { title: '黄色预警', width: 9 }]);
      for (const x of r.towns) t.addRow([x.rank, x.townName, x.orgs, pctText(x.rate), x.totalStars, x.averageStars, x.red, x.yellow]);
      t.commit();
      const o = addSheet(wb, '组织明细', [{ title: '镇（街道）', width: 14 }, { title: '党组织', width: 30 }, { title: '书记', width: 10 }, ...m.map((title) => ({ title, width: 8 })), { title: '累计星', width: 8 }, { title: '按时完成率', width: 12 }]);
      for (const x of r.orgs) o.addRow([x.townName, x.orgName, x.secretaryName ?? '', ...x.stars.map(starsText), x.totalStars, pctText(x.rate)]);
      o.commit();
      // Every item of the quarter, best first; the five best and worst (named in the notice) are marked.
      const i = addSheet(wb, '事项完成情况', [{ title: '事项', width: 36 }, { title: '应完成', width: 8 }, { title: '按时完成', width: 10 }, { title: '按时完成率', width: 12 }, { title: '讲评', width: 10 }]);
      for (const x of r.items) i.addRow([x.title, x.dueCount, x.onTimeCount, pctText(x.rate), r.bestItems.includes(x) ? '完成较好' : r.worstItems.includes(x) ? '完成较差' : '']);
      i.commit();
      const w = addSheet(wb, '预警', [{ title: '级别', width: 8 }, { title: '月份', width: 9 }, { title: '镇（街道）', width: 14 }, { title: '党组织', width: 30 }, { title: '原因', width: 60 }, { title: '状态', width: 8 }]);
      for (const x of r.warnings) w.addRow([x.level === 'red' ? '红色' : '黄色', x.month, x.townName, x.orgName, x.reasons.join('；'), x.cleared ? '已解除' : '未解除']);
      w.commit();
    });
  }

  async function docx(actor: Actor, q: { year: number; quarter: number; orgId?: string }, reply: FastifyReply) {
    const r = await compute(actor, q);
    const p = (text: string, opts: { bold?: boolean; center?: boolean; size?: number } = {}) =>
      new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { after: 120, line: 360 }, indent: opts.center ? undefined : { firstLine: 640 }, children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 30, font: '仿宋' })] });
    const h = (text: string) => new Paragraph({ spacing: { before: 200, after: 120 }, indent: { firstLine: 640 }, children: [new TextRun({ text, bold: true, size: 30, font: '黑体' })] });
    const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, size: 22, font: '仿宋' })] })] });
    const table = (head: string[], rows: string[][]) => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ tableHeader: true, children: head.map((x) => cell(x, true)) }), ...rows.map((row) => new TableRow({ children: row.map((x) => cell(x)) }))] });
    const months = r.months.map((x) => `${Number(x.slice(5))}月`).join('、');
    const doc = new Document({
      creator: '雁阵',
      title: r.title,
      sections: [
        {
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, spacing: { after: 240 }, children: [new TextRun({ text: '关于' + r.title.replace(/讲评$/, '') + '的通报', bold: true, size: 40, font: '方正小标宋简体' })] }),
            p(`各镇（街道）党（工）委、县直各部门党组织：`, { center: false }),
            p(`按照“每月贴星、每季一讲评”工作要求，现将${r.year}年第${'一二三四'[r.quarter - 1]}季度（${months}）全县基层党组织书记抓党建履职情况通报如下。`),
            h('一、总体情况'),
            p(`本季度纳入履职清单管理的党组织 ${r.totals.orgs} 个，应完成履职事项 ${r.totals.dueCount} 项，按时完成并通过审核 ${r.totals.onTimeCount} 项，按时完成率 ${pctText(r.totals.rate)}；累计贴星 ${r.totals.stars} 颗；发出红色预警 ${r.totals.red} 个、黄色预警 ${r.totals.yellow} 个。`),
            h('二、镇（街道）排名'),
            table(['名次', '镇（街道）', '组织数', '按时完成率', '平均星', '红色预警', '黄色预警'], r.towns.map((t) => [String(t.rank), t.townName, String(t.orgs), pctText(t.rate), String(t.averageStars), String(t.red), String(t.yellow)])),
            h('三、表现突出的党组织'),
            p(r.best.length > 0 ? r.best.map((o) => `${o.orgName}（${o.townName}，按时完成率${pctText(o.rate)}，${o.totalStars}颗星）`).join('；') + '。' : '本季度暂无。'),
            h('四、需要加强的党组织'),
            p(r.worst.length > 0 ? r.worst.map((o) => `${o.orgName}（${o.townName}，按时完成率${pctText(o.rate)}）`).join('；') + '。' : '本季度暂无。'),
            ...(r.warnings.length > 0 ? [table(['级别', '月份', '党组织', '原因'], r.warnings.slice(0, 40).map((w) => [w.level === 'red' ? '红色' : '黄色', w.month, w.orgName, w.reasons.join('；')]))] : []),
            h('五、履职事项完成情况'),
            p(`完成较好的事项：${r.bestItems.map((i) => `${i.title}（${pctText(i.rate)}）`).join('、') || '无'}。完成较差的事项：${r.worstItems.map((i) => `${i.title}（${pctText(i.rate)}）`).join('、') || '无'}。`),
            h('六、下步要求'),
            p('各级党组织书记要切实履行抓党建第一责任人职责，对照履职清单和时间表逐项抓好落实；被预警的党组织要认真分析原因、限期整改，督导人员要跟进督促，确保问题整改到位。'),
            new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [new TextRun({ text: `中共${r.scopeName}委员会组织部`.replace('委员会委员会', '委员会'), size: 30, font: '仿宋' })] }),
            new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: new Date(ctx.clock().getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'), size: 30, font: '仿宋' })] }),
          ],
        },
      ],
    });
    const buffer = await Packer.toBuffer(doc);
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'duty.review.export', entityType: 'dutyReview', entityId: `${q.year}-Q${q.quarter}`, note: `导出讲评通报：${r.title}` });
    return reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(`${r.title}.docx`, `duty-review-${q.year}-Q${q.quarter}.docx`)).header('cache-control', 'no-store').send(buffer);
  }

  return { compute, xlsx, docx };
}
