import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg } from '../../test/factories';
import { getTestDatabase } from '../../test/test-db';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { generateYear, itemOf, uploadFile } from './duties.fixtures';

let env: TestEnv;
// The worker's database starts (PGlite boots and migrates) in the hook, not inside the first test's time limit.
beforeAll(() => getTestDatabase().then(() => undefined));
afterEach(async () => env?.close());

type Board = { towns: { name: string; rank: number | null; orgs: { id: string; name: string; rates: (number | null)[]; stars: (number | null)[]; marks: (string | null)[] }[] }[]; ticker: { title: string; orgName: string; status: string }[]; totals: { orgs: number } };

/** Reads server-sent events from a stream until `until` matches one, returning the events seen. */
async function readEvents(res: Response, until: (e: { event: string; data: string }) => boolean): Promise<{ event: string; data: string; id?: string }[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: string; id?: string }[] = [];
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buf += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      const e = { event: 'message', data: '', id: undefined as string | undefined };
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) e.event = line.slice(7);
        if (line.startsWith('data: ')) e.data = line.slice(6);
        if (line.startsWith('id: ')) e.id = line.slice(4);
      }
      if (block.startsWith(':') || block.startsWith('retry')) continue;
      events.push(e);
      if (until(e)) {
        await reader.cancel();
        return events;
      }
    }
  }
}

describe('quality board', () => {
  it('ranks only towns and streets, lists them by rank, and shows a county-level unit after them unranked', async () => {
    env = await createTestEnv();
    await buildOrg(env.ctx, env.base.countyId, env.base.root, { name: '县中学党支部', type: 'branch', sector: 'school' });
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    const county = await env.as('countyAdmin');
    const link = (await county.post('/api/duties/board-links', { name: '大屏' })).json();
    const board = (await env.app.inject({ method: 'GET', url: `/api${link.url}` })).json() as Board;
    expect(board.towns.map((t) => t.rank)).toEqual([1, 2, null]);
    expect(board.towns[2].name).toBe('县中学党支部');
    expect(board.towns[2].orgs.map((o) => o.name)).toEqual(['县中学党支部']);
  });

  it('serves the board through a revocable link without login, grouped by town, without personal data beyond names', async () => {
    env = await createTestEnv();
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    const county = await env.as('countyAdmin');
    const link = await county.post('/api/duties/board-links', { name: '县委院内大屏' });
    expect(link.statusCode).toBe(200);
    const url = `/api${link.json().url.replace('/board/', '/board/')}`;
    expect((await county.get('/api/duties/board-links')).json().items[0]).toMatchObject({ name: '县委院内大屏', url: null, revokedAt: null });
    const res = await env.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const board = res.json() as Board;
    expect(board.towns.map((t) => t.name).sort()).toEqual(['代字营镇党委', '城关镇党委'].sort());
    expect(board.totals.orgs).toBe(4);
    const town1 = board.towns.find((t) => t.name === '城关镇党委')!;
    expect(town1.orgs.map((o) => o.name)).toEqual(['城关镇党委', '西官村党支部']);
    expect(town1.orgs[0].rates).toHaveLength(12);
    expect(town1.orgs[0].rates[5]).toBe(0);
    expect(town1.orgs[0].rates[0]).toBeNull();
    expect(JSON.stringify(board)).not.toMatch(/idNumber|phone|\d{17}[\dX]/);

    const revoked = await county.post(`/api/duties/board-links/${link.json().id}/revoke`);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: '/api/board/not-a-real-token' })).statusCode).toBe(404);
  });

  it('pushes a completed item to a connected board within the stream, and a reconnect is told to refresh', async () => {
    env = await createTestEnv();
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    const county = await env.as('countyAdmin');
    const link = (await county.post('/api/duties/board-links', { name: '大屏' })).json();
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    const token = link.url.split('/').pop();
    const stream = await fetch(`${base}/api/board/${token}/stream`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');

    const secretary = await env.as('branchSecretary');
    const item = await itemOf(env.ctx, env.base.branch1.id, '召开一次党建工作例会', '2026-06');
    const photo = await uploadFile(secretary, 'a.jpg');
    const events = readEvents(stream, (e) => e.event === 'change');
    const sent = await secretary.post(`/api/duties/items/${item.id}/submit`, { text: '研究部署党建工作', participants: ['张三'], fileIds: [photo.body.id], version: 1 });
    expect(sent.statusCode).toBe(200);
    const seen = await events;
    const change = seen.find((e) => e.event === 'change')!;
    expect(JSON.parse(change.data)).toMatchObject({ orgName: '西官村党支部', title: '召开一次党建工作例会', status: 'submitted' });
    const board = (await (await fetch(`${base}/api/board/${token}`)).json()) as Board;
    expect(board.ticker[0]).toMatchObject({ orgName: '西官村党支部', title: '召开一次党建工作例会', status: 'submitted' });

    const again = await fetch(`${base}/api/board/${token}/stream`, { headers: { 'last-event-id': change.id ?? '1' } });
    const first = await readEvents(again, () => true);
    expect(first[0].event).toBe('refresh');
    // Revoking the link ends open streams.
    const third = await fetch(`${base}/api/board/${token}/stream`);
    const ended = readEvents(third, (e) => e.event === 'revoked');
    await county.post(`/api/duties/board-links/${link.id}/revoke`);
    expect((await ended).map((e) => e.event)).toContain('revoked');
  });
});
