// Org moves and merges rewrite the copied org path of every registered table (db/schema/org-paths.ts): a development
// file below a moved or merged org is then in the new parent's scope and out of the old one's (issue 10: it was not).
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { developmentFiles, formNumbers, orgs } from '../../db/schema/index';
import { buildDevelopmentFile } from '../development/development.fixtures';
import { buildOrg } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
afterEach(async () => env?.close());

async function pathOf(id: string): Promise<string> {
  const [row] = await env.ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id));
  return row.path;
}

async function expectFileSeenBy(devFileId: string, seenBy: 'committeeAdmin' | 'otherTownAdmin', hiddenFrom: 'committeeAdmin' | 'otherTownAdmin') {
  expect((await (await env.as(seenBy)).get(`/api/development/files/${devFileId}`)).statusCode).toBe(200);
  expect((await (await env.as(hiddenFrom)).get(`/api/development/files/${devFileId}`)).statusCode).toBe(404);
}

describe('org path registry: moves and merges', () => {
  it('moves a branch to another town: its development file and form number follow', async () => {
    env = await createTestEnv();
    const { base } = env;
    const { devFileId, formNumberId } = await buildDevelopmentFile(env.ctx, base.countyId, base.branch1);
    await expectFileSeenBy(devFileId, 'committeeAdmin', 'otherTownAdmin');

    const county = await env.as('countyAdmin');
    const res = await county.post(`/api/orgs/${base.branch1.id}/move`, { newParentId: base.town2.id, version: 1 });
    expect(res.statusCode).toBe(200);

    const newPath = await pathOf(base.branch1.id);
    expect(newPath.startsWith(base.town2.path)).toBe(true);
    const [file] = await env.ctx.db.select({ orgPath: developmentFiles.orgPath }).from(developmentFiles).where(eq(developmentFiles.id, devFileId));
    expect(file.orgPath).toBe(newPath);
    const [number] = await env.ctx.db.select({ orgPath: formNumbers.orgPath }).from(formNumbers).where(eq(formNumbers.id, formNumberId));
    expect(number.orgPath).toBe(newPath);
    await expectFileSeenBy(devFileId, 'otherTownAdmin', 'committeeAdmin');
  });

  it('merges a general branch into one of another town: the development file of a branch below it follows', async () => {
    env = await createTestEnv();
    const { base } = env;
    const general1 = await buildOrg(env.ctx, base.countyId, base.town1, { name: '城关社区党总支', type: 'generalBranch', sector: 'community' });
    const below = await buildOrg(env.ctx, base.countyId, general1, { name: '城关第一党支部', type: 'branch', sector: 'community' });
    const general2 = await buildOrg(env.ctx, base.countyId, base.town2, { name: '代字营社区党总支', type: 'generalBranch', sector: 'community' });
    const { devFileId } = await buildDevelopmentFile(env.ctx, base.countyId, below);
    await expectFileSeenBy(devFileId, 'committeeAdmin', 'otherTownAdmin');

    const county = await env.as('countyAdmin');
    const res = await county.post(`/api/orgs/${general1.id}/merge`, { intoId: general2.id, version: 1 });
    expect(res.statusCode).toBe(200);

    const newPath = await pathOf(below.id);
    expect(newPath).toBe(`${general2.path}${newPath.split('/').at(-2)}/`);
    const [file] = await env.ctx.db.select({ orgPath: developmentFiles.orgPath }).from(developmentFiles).where(eq(developmentFiles.id, devFileId));
    expect(file.orgPath).toBe(newPath);
    await expectFileSeenBy(devFileId, 'otherTownAdmin', 'committeeAdmin');
  });

  it('merges a branch into one of another town: the development file on it moves to the target branch', async () => {
    env = await createTestEnv();
    const { base } = env;
    const { devFileId, formNumberId } = await buildDevelopmentFile(env.ctx, base.countyId, base.branch1);
    await expectFileSeenBy(devFileId, 'committeeAdmin', 'otherTownAdmin');

    const county = await env.as('countyAdmin');
    const res = await county.post(`/api/orgs/${base.branch1.id}/merge`, { intoId: base.branch2.id, version: 1 });
    expect(res.statusCode).toBe(200);

    const [file] = await env.ctx.db.select({ orgId: developmentFiles.orgId, orgPath: developmentFiles.orgPath }).from(developmentFiles).where(eq(developmentFiles.id, devFileId));
    expect(file).toEqual({ orgId: base.branch2.id, orgPath: base.branch2.path });
    const [number] = await env.ctx.db.select({ orgPath: formNumbers.orgPath }).from(formNumbers).where(eq(formNumbers.id, formNumberId));
    expect(number.orgPath).toBe(base.branch2.path);
    // town1's account was bound to neither branch, so it keeps its scope: it no longer sees the file, town2's does.
    await expectFileSeenBy(devFileId, 'otherTownAdmin', 'committeeAdmin');
  });
});
