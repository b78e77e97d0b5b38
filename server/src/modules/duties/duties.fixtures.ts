// Test helpers for duties: a generated year, evidence files, and a multipart upload through the API.
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { boardLinks, dutyItems, dutyNotices, dutyRectifications, dutySupervisors, dutyWarnings, orgs } from '../../db/schema/index';
import { filesRepository } from '../files/files.repository';
import type { Session } from '../../test/test-app';
import { dutiesRepository } from './duties.repository';
import { ensureYearTemplates, generateForOrgs } from './duties-templates.service';

export const jpeg = (size = 2048): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size)]);

export function multipart(fileName: string, content: Buffer, mime = 'application/octet-stream') {
  const boundary = `----yanzhen${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadFile(s: Session, fileName = 'photo.jpg', content = jpeg(), query = ''): Promise<{ status: number; body: { id: string; mime: string; url: string } & { error?: { message: string } } }> {
  const res = await s.inject({ method: 'POST', url: `/api/files${query}`, ...multipart(fileName, content) });
  return { status: res.statusCode, body: res.json() };
}

/** Generates the year's timetable of every org of the county directly (from `from`), as the county administrator would. */
export async function generateYear(ctx: AppContext, countyId: string, year: number, from: string): Promise<number> {
  const orgList = await dutiesRepository.orgsForDuties(ctx.db, countyId);
  return ctx.db.transaction((tx) => generateForOrgs(tx, countyId, year, orgList, from, ctx.clock()));
}

export async function itemOf(ctx: AppContext, orgId: string, title: string, periodKey: string) {
  const [row] = await ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, orgId), eq(dutyItems.title, title), eq(dutyItems.periodKey, periodKey)));
  return row;
}

/** One record of each duty / file kind for an org, for the permission matrix (ids by route parameter). */
export type DutyMatrixIds = { fileId: string; dutyItemId: string; rectificationId: string; templateItemId: string; supervisorId: string; boardLinkId: string; noticeId: string };

export async function dutyMatrixRecords(ctx: AppContext, countyId: string, orgId: string, accountId: string): Promise<DutyMatrixIds> {
  const now = ctx.clock();
  const orgList = await dutiesRepository.orgsForDuties(ctx.db, countyId, sql`${orgs.id} = ${orgId}`);
  await ctx.db.transaction((tx) => generateForOrgs(tx, countyId, 2026, orgList, '2026-01-01', now));
  const [item] = await ctx.db.select().from(dutyItems).where(eq(dutyItems.orgId, orgId)).limit(1);
  const templates = await ensureYearTemplates(ctx.db, countyId, 2026, now);
  const file = await filesRepository.insert(ctx.db, { countyId, sha256: randomBytes(8).toString('hex'), mime: 'image/jpeg', size: 10, originalName: 'm.jpg', orgPath: item.orgPath, createdBy: accountId }, jpeg(6));
  const [rect] = await ctx.db.insert(dutyRectifications).values({ countyId, orgId, orgPath: item.orgPath, itemId: item.id, problem: '矩阵测试问题', deadline: '2026-12-31', createdBy: accountId, createdByName: '矩阵' }).returning();
  const [sup] = await ctx.db.insert(dutySupervisors).values({ countyId, accountId, orgId, orgPath: item.orgPath }).returning();
  const [link] = await ctx.db.insert(boardLinks).values({ countyId, name: '矩阵', tokenHash: randomBytes(16).toString('hex') }).returning();
  const [warning] = await ctx.db.insert(dutyWarnings).values({ countyId, orgId, orgPath: item.orgPath, month: '2025-12', level: 'yellow', reasons: ['矩阵测试'], raisedAt: now }).returning();
  const [notice] = await ctx.db.insert(dutyNotices).values({ countyId, accountId, warningId: warning.id, text: '矩阵测试通知', createdAt: now }).returning();
  return { fileId: file.id, dutyItemId: item.id, rectificationId: rect.id, templateItemId: templates[0].items[0].id, supervisorId: sup.id, boardLinkId: link.id, noticeId: notice.id };
}
