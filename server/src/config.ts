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
  };
}
