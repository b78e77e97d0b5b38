// Field encryption at rest (AES-256-GCM) with a keyed hash (HMAC-SHA-256) for exact lookup.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type FieldCrypto = {
  encrypt: (plain: string) => string;
  decrypt: (stored: string) => string;
  /** Deterministic keyed hash: equal inputs give equal hashes, which are useless without the key. */
  hash: (plain: string) => string;
};

const VERSION = 'v1';

export function createFieldCrypto(masterKey: Buffer): FieldCrypto {
  if (masterKey.length !== 32) throw new Error('YANZHEN_SECRET_KEY 须为32字节（base64 编码）');
  // Separate keys for encryption and hashing, derived from the one master key.
  const encKey = createHash('sha256').update(masterKey).update('yanzhen:enc').digest();
  const macKey = createHash('sha256').update(masterKey).update('yanzhen:mac').digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    decrypt(stored) {
      const [version, iv, tag, body] = stored.split(':');
      if (version !== VERSION) throw new Error(`unknown ciphertext version ${version}`);
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    hash(plain) {
      return createHmac('sha256', macKey).update(plain).digest('base64url');
    },
  };
}

export type MasterKeySource = { secretKey: string | null; secretKeyFile?: string | null; dataDir: string };

/** Where the key file is: YANZHEN_SECRET_KEY_FILE, else `secret.key` in the data folder. */
export const masterKeyFile = (opts: MasterKeySource): string => path.resolve(opts.secretKeyFile ?? path.join(opts.dataDir, 'secret.key'));

/**
 * The master key: from YANZHEN_SECRET_KEY, else the key file (YANZHEN_SECRET_KEY_FILE, or `secret.key` in the data
 * folder), created 0600 on first start when it does not exist.
 */
export function loadMasterKey(opts: MasterKeySource): Buffer {
  if (opts.secretKey) return Buffer.from(opts.secretKey, 'base64');
  const file = masterKeyFile(opts);
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/**
 * The start-up warning of production mode when the key lives in the data folder: a copy of the folder (a backup, a
 * stolen disk) then carries the key with the data it protects. Null when there is nothing to warn about.
 */
export function masterKeyWarning(opts: MasterKeySource & { production: boolean }): string | null {
  if (!opts.production || opts.secretKey) return null;
  const file = masterKeyFile(opts);
  const rel = path.relative(path.resolve(opts.dataDir), file);
  const inside = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  if (!inside) return null;
  return `警告：字段加密密钥文件 ${file} 位于数据目录中，数据目录的任何副本（备份、拷走的磁盘）都带着解密它的密钥。请把密钥放到数据目录以外（设置 YANZHEN_SECRET_KEY_FILE 或 YANZHEN_SECRET_KEY，见 README“密钥”一节）。`;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
