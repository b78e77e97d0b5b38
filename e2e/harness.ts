// Browser end-to-end harness: the real server as a child process (own data dir, own PostgreSQL database when
// DATABASE_URL is set), an API client for arranging and checking, and Chromium through playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { composeIdNumber, type Me } from '@yanzhen/domain';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots');
export const ADMIN = { username: 'e2eadmin', password: 'Yanzhen@2026e2e' };
export const DEMO_PASSWORD_FALLBACK = 'Yanzhen@2026';

/** Browser tests run when Chromium is installed; in CI a missing Chromium fails instead of skipping. */
export const hasChromium = fs.existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`未找到 Chromium（${CHROMIUM_PATH}）：CI 中浏览器测试不能跳过`);
  console.warn('未找到 Chromium：请运行 apt-get install -y chromium fonts-wqy-microhei');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A session against the API with the cookie and CSRF token, for arranging data and checking outcomes. */
export class ApiClient {
  cookie = '';
  csrf = '';
  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<Me> {
    const me = await this.call<Me>('POST', '/api/auth/login', { username, password });
    this.csrf = me.csrfToken;
    return me;
  }

  async raw(method: string, p: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + p, { method, headers, body: payload });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  async call<T>(method: string, p: string, body?: unknown): Promise<T> {
    const res = await this.raw(method, p, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get = <T>(p: string) => this.call<T>('GET', p);
  post = <T>(p: string, body?: unknown) => this.call<T>('POST', p, body ?? {});
  put = <T>(p: string, body: unknown) => this.call<T>('PUT', p, body);
}

export type DemoAccount = { username: string; password: string; role: string };
export type Server = { baseUrl: string; demoAccounts: DemoAccount[]; admin: ApiClient; close: () => Promise<void> };

/** Starts the real server (e2e/serve.ts, i.e. main.ts with the built web) on a free loopback port. */
export async function startServer(): Promise<Server> {
  if (!fs.existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) throw new Error('web/dist 不存在：请先运行 npm run build:web');
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    YANZHEN_DATA_DIR: dataDir,
    YANZHEN_DEMO_MEMBERS: process.env.YANZHEN_DEMO_MEMBERS ?? '400',
    YANZHEN_ADMIN_USERNAME: ADMIN.username,
    YANZHEN_ADMIN_PASSWORD: ADMIN.password,
    YANZHEN_REQUIRE_PASSWORD_CHANGE: 'false',
    // The browser tests open many sessions of one account (a context per test, plus the API client): no cap of 5 here.
    YANZHEN_MAX_SESSIONS: '100',
    NODE_ENV: 'test',
  };
  let dropDatabase: (() => Promise<void>) | null = null;
  if (process.env.DATABASE_URL) {
    const name = `yanzhen_e2e_${process.pid}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    delete env.DATABASE_URL;
  }

  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'e2e', 'serve.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let demoAccounts: DemoAccount[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`服务器启动超时：\n${output}`)), 170_000);
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      for (const line of output.split('\n')) {
        if (!line.startsWith('{"ready"')) continue;
        demoAccounts = (JSON.parse(line) as { demoAccounts: DemoAccount[] }).demoAccounts;
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`服务器进程退出（${code}）：\n${output}`));
    });
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await dropDatabase?.().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await ready;
    const health = await fetch(`${baseUrl}/api/health`);
    if (!health.ok) throw new Error(`/api/health → ${health.status}`);
  } catch (err) {
    await close();
    throw err;
  }
  const admin = new ApiClient(baseUrl);
  await admin.login(ADMIN.username, ADMIN.password);
  return { baseUrl, demoAccounts, admin, close };
}

type TreeItem = { id: string; parentId: string | null; name: string; type: string; subtreeMemberCount: number };

/**
 * Makes sure the county has a town committee with two branches and members to work with: the demo county when
 * it is loaded, otherwise a small one made here through the API.
 */
export async function ensureCounty(api: ApiClient): Promise<{ branches: TreeItem[]; town: TreeItem }> {
  let { items } = await api.get<{ items: TreeItem[] }>('/api/orgs/tree');
  const root = items.find((i) => i.parentId === null)!;
  if (root.subtreeMemberCount < 10) {
    const town = await api.post<TreeItem>('/api/orgs', { parentId: root.id, name: '中共测试镇委员会', shortName: '测试镇党委', type: 'committee', sector: 'town' });
    const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周杰', '吴敏', '徐强', '孙燕', '马超', '朱琳', '胡斌', '郭晶'];
    let n = 0;
    for (const b of ['西官村党支部', '东关社区党支部']) {
      const br = await api.post<TreeItem>('/api/orgs', { parentId: town.id, name: b, type: 'branch', sector: b.includes('村') ? 'rural' : 'community' });
      for (let i = 0; i < 8; i++, n++) {
        const birth = `19${60 + n}-0${(n % 9) + 1}-1${n % 9}`;
        const gender = n % 2 ? 'female' : 'male';
        await api.post('/api/members', {
          name: names[n], gender, ethnicity: '汉族', birthDate: birth, idNumber: composeIdNumber('610102', birth, 10 + n, gender),
          education: 'bachelor', occupation: 'farmer', phone: `1380000${1000 + n}`, address: '测试镇西街1号',
          joinDate: `20${10 + (n % 10)}-07-01`, fullMembershipDate: `20${11 + (n % 10)}-07-01`, status: 'full', categories: ['inService'], orgId: br.id,
        });
      }
    }
    items = (await api.get<{ items: TreeItem[] }>('/api/orgs/tree')).items;
  }
  const branches = items.filter((i) => i.type === 'branch' && i.subtreeMemberCount > 0);
  const branch = branches[0];
  let town = items.find((i) => i.id === branch.parentId)!;
  while (town.parentId && items.find((i) => i.id === town.parentId)?.parentId) town = items.find((i) => i.id === town.parentId)!;
  return { branches, town };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const OFFICE = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export async function newPage(browser: Browser, viewport = OFFICE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

export async function loginUi(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/**
 * Waits for an element by test id; on timeout the error carries what the page showed instead (an error message,
 * a toast), so a failure in CI says why without a rerun.
 */
export async function waitForTestId(page: Page, testId: string, timeout = 30_000): Promise<void> {
  try {
    await page.getByTestId(testId).waitFor({ timeout });
  } catch (err) {
    const body = await page.locator('body').innerText().catch(() => '（无法读取页面）');
    throw new Error(`等待 ${testId} 超时（${timeout} ms）。页面此时显示：\n${body.slice(0, 3000)}\n原始错误：${(err as Error).message}`);
  }
}
