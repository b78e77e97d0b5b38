// Settings from the environment, read once at start-up.
import path from 'node:path';

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  demo: boolean;
  demoMembers: number;
  adminUsername: string | null;
  adminPassword: string | null;
  secretKey: string | null;
  /** YANZHEN_SECRET_KEY_FILE: where the key file is kept (default: `secret.key` in the data folder). */
  secretKeyFile: string | null;
  webDist: string;
  secureCookies: boolean;
  /** Which proxies' X-Forwarded-For is believed (Fastify `trustProxy`): off unless set, so no client can forge its address. */
  trustProxy: boolean | number | string[];
  /** A session ends this many hours after login, however active (等保: absolute lifetime). */
  sessionMaxHours: number;
  /** Concurrent sessions per account; a new login ends the oldest beyond this. */
  maxSessions: number;
  /** Audit entries older than this move to the archive (`npm run audit:archive`); never below 180 days. */
  auditRetentionDays: number;
};

/** `YANZHEN_TRUST_PROXY`: unset/`false` off; a number = that many proxy hops; otherwise a comma list of proxy addresses or CIDRs. */
export function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  const v = value?.trim();
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

const positiveInt = (value: string | undefined, fallback: number, name: string, min = 1): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`设置 ${name}=${value} 无效：须为不小于 ${min} 的整数`);
  return n;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '../..');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.YANZHEN_DATA_DIR ?? path.join(root, 'data')),
    demo: (env.YANZHEN_DEMO ?? 'true') !== 'false',
    demoMembers: Number(env.YANZHEN_DEMO_MEMBERS ?? 17000),
    adminUsername: env.YANZHEN_ADMIN_USERNAME || null,
    adminPassword: env.YANZHEN_ADMIN_PASSWORD || null,
    secretKey: env.YANZHEN_SECRET_KEY || null,
    secretKeyFile: env.YANZHEN_SECRET_KEY_FILE ? path.resolve(env.YANZHEN_SECRET_KEY_FILE) : null,
    webDist: path.join(root, 'web', 'dist'),
    secureCookies: env.YANZHEN_SECURE_COOKIES === 'true',
    trustProxy: parseTrustProxy(env.YANZHEN_TRUST_PROXY),
    sessionMaxHours: positiveInt(env.YANZHEN_SESSION_MAX_HOURS, 12, 'YANZHEN_SESSION_MAX_HOURS'),
    maxSessions: positiveInt(env.YANZHEN_MAX_SESSIONS, 5, 'YANZHEN_MAX_SESSIONS'),
    auditRetentionDays: positiveInt(env.YANZHEN_AUDIT_RETENTION_DAYS, 180, 'YANZHEN_AUDIT_RETENTION_DAYS', 180),
  };
}
