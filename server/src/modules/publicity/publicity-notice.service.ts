// The quarterly notice (季度通报) as a Word document: the quarter's ranking of units and people from the rollup, the
// praised top units and people, and the units below the county's line (约谈后进), from the county's thresholds.
import { quarterlyNotice, quarterMonths, toChinaDate } from '@yanzhen/domain';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { FastifyReply } from 'fastify';
import { requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { contentDisposition } from '../../core/excel';
import { publicityRepository as repo } from './publicity.repository';
import { createPublicityService } from './publicity.service';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const pts = (centi: number) => String(centi / 100);
const ALL = { page: 1, pageSize: 100_000 };

export function createPublicityNoticeService(ctx: AppContext) {
  const publicity = createPublicityService(ctx);

  async function compute(actor: Actor, year: number, quarter: number) {
    requirePermission(actor, 'publicity.adopt');
    const months = quarterMonths(year, quarter);
    const [unitRows, personRows, settings, tree] = await Promise.all([
      repo.ranking(ctx.db, actor.countyId, 'unit', months, ALL),
      repo.ranking(ctx.db, actor.countyId, 'person', months, ALL),
      publicity.settings(ctx.db, actor.countyId),
      publicity.orgsService.tree(actor, { depth: 1 }),
    ]);
    // Every unit of the county (the committees and sections under the county) counts, those without an item too.
    const units = new Map(unitRows.map((r) => [r.id, { id: r.id, name: r.name, centi: Number(r.centi), items: Number(r.items) }]));
    for (const n of tree) if (n.parentId === actor.orgId && !units.has(n.id)) units.set(n.id, { id: n.id, name: n.name, centi: 0, items: 0 });
    const people = personRows.map((r) => ({ id: r.id, name: r.name, orgName: r.org_name, centi: Number(r.centi), items: Number(r.items) }));
    const n = quarterlyNotice([...units.values()], people, settings);
    return { year, quarter, months, settings, totalItems: unitRows.reduce((s, r) => s + Number(r.items), 0), units: units.size, ...n };
  }

  async function docx(actor: Actor, year: number, quarter: number, reply: FastifyReply) {
    const r = await compute(actor, year, quarter);
    const q = '一二三四'[quarter - 1];
    const title = `关于${year}年第${q}季度党建信息宣传工作情况的通报`;
    const p = (text: string) => new Paragraph({ spacing: { after: 120, line: 360 }, indent: { firstLine: 640 }, children: [new TextRun({ text, size: 30, font: '仿宋' })] });
    const h = (text: string) => new Paragraph({ spacing: { before: 200, after: 120 }, indent: { firstLine: 640 }, children: [new TextRun({ text, bold: true, size: 30, font: '黑体' })] });
    const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, size: 22, font: '仿宋' })] })] });
    const table = (head: string[], rows: string[][]) => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ tableHeader: true, children: head.map((x) => cell(x, true)) }), ...rows.map((row) => new TableRow({ children: row.map((x) => cell(x)) }))] });
    const doc = new Document({
      creator: '雁阵',
      title,
      sections: [{
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, spacing: { after: 240 }, children: [new TextRun({ text: title, bold: true, size: 40, font: '方正小标宋简体' })] }),
          p('各镇（街道）党（工）委、县直各部门党组织，部内各股室：'),
          p(`按照“定制立标、审签把关、量化考评、强化培训”的要求，现将${year}年第${q}季度（${r.months.map((m) => `${Number(m.slice(5))}月`).join('、')}）全县党建信息宣传工作情况通报如下。`),
          h('一、总体情况'),
          p(`本季度全县 ${r.units} 个单位共被采用党建信息 ${r.totalItems} 篇（按最高采用级别计分，作者按分成比例计分）。`),
          h('二、表扬单位'),
          ...(r.praisedUnits.length > 0 ? [table(['名次', '单位', '积分'], r.praisedUnits.map((u) => [String(u.rank), u.name, pts(u.centi)]))] : [p('本季度暂无。')]),
          h('三、表扬个人'),
          ...(r.praisedPeople.length > 0 ? [table(['名次', '姓名', '所在单位', '积分'], r.praisedPeople.map((u) => [String(u.rank), u.name, u.orgName, pts(u.centi)]))] : [p('本季度暂无。')]),
          h('四、约谈后进'),
          p(r.belowLine.length > 0
            ? `以下单位本季度积分低于 ${r.settings.minUnitPoints} 分，由县委组织部约谈单位负责人：${r.belowLine.map((u) => `${u.name}（${pts(u.centi)}分）`).join('、')}。`
            : `本季度各单位积分均达到 ${r.settings.minUnitPoints} 分。`),
          h('五、下步要求'),
          p('各单位要落实“谁报送、谁审核、谁负责”，围绕每月宣传重点精心组织稿件，单位负责人严格审签把关，确保信息质量。'),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [new TextRun({ text: '县委组织部', size: 30, font: '仿宋' })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: toChinaDate(ctx.clock()).replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'), size: 30, font: '仿宋' })] }),
        ],
      }],
    });
    const buffer = await Packer.toBuffer(doc);
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'publicity.notice', entityType: 'publicityNotice', entityId: `${year}-Q${quarter}`, note: `导出${title}` });
    return reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(`${title}.docx`, `publicity-${year}-Q${quarter}.docx`)).header('cache-control', 'no-store').send(buffer);
  }

  return { compute, docx };
}
