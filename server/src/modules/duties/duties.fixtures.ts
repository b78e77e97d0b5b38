// Test helpers for duties: a generated year, evidence files, and a multipart upload through the API.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { dutyItems } from '../../db/schema/index';
import type { Session } from '../../test/test-app';
import { dutiesRepository } from './duties.repository';
import { generateForOrgs } from './duties-templates.service';

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
