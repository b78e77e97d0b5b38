// Server-sent events for connected boards: one bus subscription fans out to every client of a county; a shared
// heartbeat keeps proxies from closing idle streams; slow or gone clients are dropped, so nothing grows unbounded.
import type { ServerResponse } from 'node:http';
import type { AppEvent, EventBus } from '../../core/events';
import { BOARD_LINK_REVOKED } from './duties-admin.service';
import { DUTY_MONTH_CLOSED } from './duties-months.service';
import { DUTY_CHANGED, type DutyChangedPayload } from './duties.service';

type Client = { res: ServerResponse; countyId: string; linkId: string };

const HEARTBEAT_MS = 15_000;
const MAX_BUFFERED = 1024 * 1024;

export class BoardHub {
  private byCounty = new Map<string, Set<Client>>();
  private seq = 0;
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(events: EventBus) {
    this.unsubscribe = events.subscribe((e) => this.dispatch(e));
    this.heartbeat = setInterval(() => this.broadcastAll(': ping\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    let n = 0;
    for (const s of this.byCounty.values()) n += s.size;
    return n;
  }

  /** Takes over a response as an event stream. A reconnect (Last-Event-ID) is told to refresh fully. */
  add(res: ServerResponse, countyId: string, linkId: string, lastEventId: string | undefined): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n\n`);
    res.write(`id: ${this.seq}\nevent: ${lastEventId !== undefined ? 'refresh' : 'hello'}\ndata: {}\n\n`);
    const client: Client = { res, countyId, linkId };
    let set = this.byCounty.get(countyId);
    if (!set) this.byCounty.set(countyId, (set = new Set()));
    set.add(client);
    const remove = () => this.remove(client);
    res.on('close', remove);
    res.on('error', remove);
  }

  private remove(client: Client): void {
    const set = this.byCounty.get(client.countyId);
    if (!set) return;
    set.delete(client);
    if (set.size === 0) this.byCounty.delete(client.countyId);
  }

  private write(client: Client, chunk: string): void {
    if (client.res.writableLength > MAX_BUFFERED) {
      client.res.destroy();
      this.remove(client);
      return;
    }
    client.res.write(chunk);
  }

  private dispatch(e: AppEvent): void {
    const set = this.byCounty.get(e.countyId);
    if (!set) return;
    if (e.type === DUTY_CHANGED) {
      const p = e.payload as DutyChangedPayload;
      if (p.kind === 'returned') return; // the public board shows progress, not who was sent back
      const data = JSON.stringify({ orgId: p.orgId, month: p.month, orgName: p.orgName, secretaryName: p.secretaryName, title: p.title, status: p.kind, at: p.at });
      const chunk = `id: ${++this.seq}\nevent: change\ndata: ${data}\n\n`;
      for (const c of [...set]) this.write(c, chunk);
    } else if (e.type === DUTY_MONTH_CLOSED) {
      const chunk = `id: ${++this.seq}\nevent: refresh\ndata: {}\n\n`;
      for (const c of [...set]) this.write(c, chunk);
    } else if (e.type === BOARD_LINK_REVOKED) {
      const linkId = (e.payload as { linkId: string }).linkId;
      for (const c of [...set]) {
        if (c.linkId !== linkId) continue;
        c.res.end(`event: revoked\ndata: {}\n\n`);
        this.remove(c);
      }
    }
  }

  private broadcastAll(chunk: string): void {
    for (const set of this.byCounty.values()) for (const c of [...set]) this.write(c, chunk);
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.heartbeat);
    for (const set of this.byCounty.values()) for (const c of set) c.res.end();
    this.byCounty.clear();
  }
}
