// A Fastify app over the worker's test database, with a settable clock and helpers to call it as a given account.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@yanzhen/domain';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import type { AppContext } from '../core/context';
import { createFieldCrypto } from '../core/crypto';
import { EventBus } from '../core/events';
import { getTestDatabase, resetDatabase } from './test-db';
import { seedBase, type BaseFixture } from './factories';

export const TEST_PASSWORD = 'Test@2026pass';
const TEST_KEY = randomBytes(32);

export type TestClock = { now: Date; set: (iso: string) => void; advance: (ms: number) => void };

export type Session = {
  cookie: string;
  csrf: string;
  inject: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
};

export type TestEnv = {
  app: FastifyInstance;
  ctx: AppContext;
  clock: TestClock;
  base: BaseFixture;
  login: (username: string, password?: string) => Promise<Session>;
  as: (role: Role | 'townAdmin' | 'otherTownAdmin') => Promise<Session>;
  close: () => Promise<void>;
};

/** Fresh data for one test: empties the database, seeds the base fixture, builds the app. */
export async function createTestEnv(opts: { now?: string; config?: Partial<Config> } = {}): Promise<TestEnv> {
  const database = await getTestDatabase();
  await resetDatabase(database);
  const clockState = { now: new Date(opts.now ?? '2026-06-15T02:00:00Z') };
  const clock: TestClock = {
    get now() {
      return clockState.now;
    },
    set: (iso) => {
      clockState.now = new Date(iso);
    },
    advance: (ms) => {
      clockState.now = new Date(clockState.now.getTime() + ms);
    },
  };
  const config = { ...loadConfig({}), dataDir: path.join(os.tmpdir(), 'yanzhen-test'), demo: false, ...opts.config };
  const ctx: AppContext = { database, db: database.db, clock: () => clockState.now, crypto: createFieldCrypto(TEST_KEY), config, events: new EventBus() };
  const base = await seedBase(ctx);
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();

  async function login(username: string, password = TEST_PASSWORD): Promise<Session> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const csrf = res.json().csrfToken as string;
    const inject = (o: InjectOptions) => app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
    return {
      cookie,
      csrf,
      inject,
      get: (url) => inject({ method: 'GET', url }),
      post: (url, payload) => inject({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
      put: (url, payload) => inject({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
      del: (url) => inject({ method: 'DELETE', url }),
    };
  }

  const usernames: Record<string, string> = {
    countyAdmin: 'county',
    committeeAdmin: 'town1',
    townAdmin: 'town1',
    otherTownAdmin: 'town2',
    branchSecretary: 'secretary1',
    instructor: 'instructor1',
    member: 'member1',
  };
  return { app, ctx, clock, base, login, as: (role) => login(usernames[role]), close: () => app.close() };
}
