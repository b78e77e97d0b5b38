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

/** The master key: from YANZHEN_SECRET_KEY, else a key file in the data folder created on first start (0600). */
export function loadMasterKey(opts: { secretKey: string | null; dataDir: string }): Buffer {
  if (opts.secretKey) return Buffer.from(opts.secretKey, 'base64');
  const file = path.join(opts.dataDir, 'secret.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
