// Member roster import: validates every row with the form's rules plus scope, duplicate and "already on file" checks;
// applies a clean file all or nothing, in chunks that let other requests through (bulk inserts, one audit entry).
import {
  MEMBER_SHEET_COLUMNS,
  memberDifferences,
  memberInputFromSheet,
  memberInputSchema,
  memberSheetTitle,
  toChinaDate,
  type MemberFields,
  type MemberSheetKey,
} from '@yanzhen/domain';
import { orgInScope, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import { membersJoinedRoster, membersRemovedFromRoster } from '../stars/stars.service';
import type { AppContext } from '../../core/context';
import type { ApplyOutcome, ImportIssue, Progress, ValidationOutcome } from '../../core/excel-import-jobs';
import { ImportRejected, writeInChunks, yieldToOthers } from '../../core/excel-import-jobs';
import type { Executor } from '../../core/db';
import { sql } from 'drizzle-orm';
import { readSheet } from '../../core/excel';
import { memberColumns, memberFields, type MemberInsert, type MemberRow } from './members.mapper';
import { membersExcelRepository as repo, type ScopeOrg } from './members-excel.repository';

export const MEMBER_IMPORT_KIND = 'members';
export const MAX_IMPORT_ROWS = 50_000;
// Stands in for an unresolved branch so the form schema still checks every other field of the row.
const UNRESOLVED_ORG = '00000000-0000-4000-8000-000000000000';

export type MemberImportPayload = { rows: { row: number; fields: MemberFields }[]; unchanged: number };

const TITLE = Object.fromEntries(MEMBER_SHEET_COLUMNS.map((c) => [c.key, c.title])) as Record<MemberSheetKey, string>;

/** Branches by name and party groups by branch and name, among the live orgs of the actor's scope. */
function indexScope(orgs: ScopeOrg[]) {
  const branches = new Map<string, ScopeOrg[]>();
  const groups = new Map<string, Map<string, ScopeOrg[]>>();
  for (const o of orgs) {
    if (o.type === 'branch') branches.set(o.name, [...(branches.get(o.name) ?? []), o]);
  }
  for (const o of orgs) {
    if (o.type !== 'group' || !o.parentId) continue;
    const byName = groups.get(o.parentId) ?? new Map<string, ScopeOrg[]>();
    byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
    groups.set(o.parentId, byName);
  }
  return { branches, groups };
}

/** Why a row's ID number, already in the county's records, cannot be imported (null: the same record, unchanged). */
function existingConflict(actor: Actor, crypto: AppContext['crypto'], stored: MemberRow, fields: MemberFields): string | null {
  if (stored.leftAt || !orgInScope(actor, stored.orgPath)) {
    return '该身份证号已在本县党员档案中（不在您的管辖范围内或已离开党员名册），请联系上级组织部门核实';
  }
  const differs = memberDifferences(memberFields(stored, crypto), fields);
  if (differs.length === 0) return null;
  return `该身份证号的党员（${stored.name}）已在档案中，以下信息与档案不一致：${differs.join('、')}；导入不会修改已有档案，如需修改请在党员档案中编辑，或从文件中删除该行`;
}

export async function validateMemberFile(ctx: AppContext, actor: Actor, data: Buffer, progress: Progress): Promise<ValidationOutcome<MemberImportPayload>> {
  const today = toChinaDate(ctx.clock());
  const { rows, unknownColumns } = await readSheet(data, MEMBER_SHEET_COLUMNS, { maxRows: MAX_IMPORT_ROWS });
  await progress.setTotal(rows.length);
  const scope = indexScope(await repo.scopeOrgs(ctx.db, actor.countyId, actor.orgPath));
  const schema = memberInputSchema(today);
  const errors: ImportIssue[] = [];
  const candidates: { row: number; fields: MemberFields }[] = [];
  const rowsById = new Map<string, number[]>();

  for (let i = 0; i < rows.length; i++) {
    const { row, values, issues: cellIssues } = rows[i];
    const issues: { column: string; message: string }[] = cellIssues.map((c) => ({ column: TITLE[c.key], message: c.message }));
    const { input, issues: labelIssues } = memberInputFromSheet(values);
    for (const l of labelIssues) issues.push({ column: TITLE[l.key], message: l.message });
    const flagged = new Set([...cellIssues, ...labelIssues].map((x) => TITLE[x.key]));

    let orgId = UNRESOLVED_ORG;
    let groupId: string | null = null;
    const branchName = values.branch;
    if (!branchName) issues.push({ column: TITLE.branch, message: '请填写所属支部' });
    else {
      const found = scope.branches.get(branchName) ?? [];
      if (found.length === 0) issues.push({ column: TITLE.branch, message: `所属支部“${branchName}”不存在或不在您的管辖范围内` });
      else if (found.length > 1) issues.push({ column: TITLE.branch, message: `支部名称不唯一：您的管辖范围内有 ${found.length} 个“${branchName}”，请联系管理员区分名称后再导入` });
      else orgId = found[0].id;
    }
    if (values.group && orgId !== UNRESOLVED_ORG) {
      const found = scope.groups.get(orgId)?.get(values.group) ?? [];
      if (found.length === 0) issues.push({ column: TITLE.group, message: `党小组“${values.group}”不在“${branchName}”下` });
      else if (found.length > 1) issues.push({ column: TITLE.group, message: `党小组名称不唯一：“${branchName}”下有 ${found.length} 个“${values.group}”` });
      else groupId = found[0].id;
    }

    const parsed = schema.safeParse({ ...input, orgId, groupId });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = memberSheetTitle(String(issue.path[0] ?? ''));
        if (flagged.has(column) || (column === TITLE.branch && orgId === UNRESOLVED_ORG)) continue;
        issues.push({ column, message: issue.message });
      }
    }
    const idNumber = values.idNumber?.toUpperCase();
    if (idNumber) rowsById.set(idNumber, [...(rowsById.get(idNumber) ?? []), row]);
    for (const issue of issues) errors.push({ row, ...issue });
    if (issues.length === 0 && parsed.success) candidates.push({ row, fields: parsed.data });
    await progress.advance(i + 1);
  }

  const duplicated = new Set<number>();
  for (const rowNumbers of rowsById.values()) {
    if (rowNumbers.length < 2) continue;
    for (const r of rowNumbers) {
      duplicated.add(r);
      const others = rowNumbers.filter((o) => o !== r).map((o) => `第 ${o} 行`);
      errors.push({ row: r, column: TITLE.idNumber, message: `身份证号与${others.join('、')}重复` });
    }
  }

  const unique = candidates.filter((c) => !duplicated.has(c.row));
  const stored = new Map((await repo.byIdHashes(ctx.db, actor.countyId, unique.map((c) => ctx.crypto.hash(c.fields.idNumber)))).map((m) => [m.idNumberHash, m]));
  const toInsert: MemberImportPayload['rows'] = [];
  let unchanged = 0;
  for (const c of unique) {
    const existing = stored.get(ctx.crypto.hash(c.fields.idNumber));
    if (!existing) {
      toInsert.push(c);
      continue;
    }
    const conflict = existingConflict(actor, ctx.crypto, existing, c.fields);
    if (conflict) errors.push({ row: c.row, column: TITLE.idNumber, message: conflict });
    else unchanged += 1;
  }
  return {
    errors,
    warnings: unknownColumns.length ? [`以下列无法识别，已忽略：${unknownColumns.join('、')}`] : [],
    summary: { toInsert: toInsert.length, unchanged },
    payload: { rows: toInsert, unchanged },
  };
}

/**
 * Inserts the validated rows, all or nothing, after re-checking what may have changed since validation. The rows are
 * written in chunks (`writeInChunks`) so that other requests are answered meanwhile; a member added by someone else
 * since the re-check fails the whole import on the ID number's unique index and nothing stays written.
 */
export async function applyMemberImport(
  ctx: AppContext,
  actor: Actor,
  job: { id: string; fileName: string },
  payload: MemberImportPayload,
  onProgress: (n: number) => void,
): Promise<ApplyOutcome> {
  const live = new Map((await repo.scopeOrgs(ctx.db, actor.countyId, actor.orgPath)).map((o) => [o.id, o]));
  const stored = new Map<string, MemberRow>();
  for (let i = 0; i < payload.rows.length; i += 1000) {
    for (const m of await repo.byIdHashes(ctx.db, actor.countyId, payload.rows.slice(i, i + 1000).map((r) => ctx.crypto.hash(r.fields.idNumber)))) stored.set(m.idNumberHash, m);
  }
  const errors: ImportIssue[] = [];
  const rows: MemberImportPayload['rows'] = [];
  let unchanged = payload.unchanged;
  for (const r of payload.rows) {
    if (!live.has(r.fields.orgId)) {
      errors.push({ row: r.row, column: TITLE.branch, message: '所属支部在校验之后已被撤销或调整，已不在您的管辖范围内' });
      continue;
    }
    if (r.fields.groupId && !live.has(r.fields.groupId)) {
      errors.push({ row: r.row, column: TITLE.group, message: '党小组在校验之后已被撤销或调整' });
      continue;
    }
    const existing = stored.get(ctx.crypto.hash(r.fields.idNumber));
    if (!existing) rows.push(r);
    else {
      const conflict = existingConflict(actor, ctx.crypto, existing, r.fields);
      if (conflict) errors.push({ row: r.row, column: TITLE.idNumber, message: `校验之后他人录入了该身份证号：${conflict}` });
      else unchanged += 1;
    }
  }
  if (errors.length) throw new ImportRejected(`校验之后数据有变化（${errors.length} 处），请重新上传文件`, errors);

  // Encryption and hashing before any write, yielding now and then (17,000 rows of CPU would hold the event loop).
  const prepared: MemberInsert[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    prepared.push({ ...memberColumns(r.fields, ctx.crypto), countyId: actor.countyId, orgPath: live.get(r.fields.orgId)!.path });
    if (i % 100 === 99) await yieldToOthers();
  }
  const counts = { inserted: rows.length, unchanged };
  await writeInChunks(ctx, { id: job.id, countyId: actor.countyId }, {
    rows: prepared,
    write: async (tx, chunk) => {
      await repo.insertMany(tx, [...chunk]);
      return (await repo.byIdHashes(tx, actor.countyId, chunk.map((r) => r.idNumberHash))).map((m) => m.id);
    },
    // The running month's rollup row for each new member (rates and the wall chart read it).
    after: (tx, ids) => membersJoinedRoster(ctx, tx, actor.countyId, [...ids]),
    finish: (tx) =>
      writeAudit(tx, actor, ctx.clock(), {
        action: 'member.import',
        entityType: 'importJob',
        entityId: job.id,
        after: { fileName: job.fileName, ...counts },
        note: `导入党员名册“${job.fileName}”：新增 ${counts.inserted} 人，未变化 ${counts.unchanged} 人`,
      }),
    undo: undoMemberRows,
    onProgress,
  });
  return { result: counts };
}

/** Removes members an unfinished import had added (with their rollup rows), by id. */
export async function undoMemberRows(ex: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  await membersRemovedFromRoster(ex, ids);
  await ex.execute(sql`delete from members where id in (${list})`);
}
