import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFieldCrypto, loadMasterKey, masterKeyFile, masterKeyWarning } from './crypto';

describe('master key location', () => {
  const dataDir = '/srv/yanzhen/data';

  it('warns in production mode when the key file is the default one inside the data folder', () => {
    const w = masterKeyWarning({ production: true, secretKey: null, secretKeyFile: null, dataDir });
    expect(w).toContain('/srv/yanzhen/data/secret.key');
    expect(w).toContain('YANZHEN_SECRET_KEY_FILE');
  });

  it('warns when YANZHEN_SECRET_KEY_FILE points inside the data folder (also through ..)', () => {
    expect(masterKeyWarning({ production: true, secretKey: null, secretKeyFile: '/srv/yanzhen/data/keys/k', dataDir })).not.toBeNull();
    expect(masterKeyWarning({ production: true, secretKey: null, secretKeyFile: '/srv/yanzhen/other/../data/k', dataDir: '/srv/yanzhen/data/' })).not.toBeNull();
  });

  it('does not warn with the key file outside the data folder, a sibling folder sharing the prefix, or the key from the environment', () => {
    expect(masterKeyWarning({ production: true, secretKey: null, secretKeyFile: '/etc/yanzhen/secret.key', dataDir })).toBeNull();
    expect(masterKeyWarning({ production: true, secretKey: null, secretKeyFile: '/srv/yanzhen/data-keys/secret.key', dataDir })).toBeNull();
    expect(masterKeyWarning({ production: true, secretKey: Buffer.alloc(32, 7).toString('base64'), secretKeyFile: null, dataDir })).toBeNull();
  });

  it('does not warn outside production mode', () => {
    expect(masterKeyWarning({ production: false, secretKey: null, secretKeyFile: null, dataDir })).toBeNull();
  });

  it('reads and creates the key at YANZHEN_SECRET_KEY_FILE, not in the data folder', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yz-key-'));
    const dir = path.join(tmp, 'data');
    const file = path.join(tmp, 'keys', 'yanzhen.key');
    const key = loadMasterKey({ secretKey: null, secretKeyFile: file, dataDir: dir });
    expect(masterKeyFile({ secretKey: null, secretKeyFile: file, dataDir: dir })).toBe(file);
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(loadMasterKey({ secretKey: null, secretKeyFile: file, dataDir: dir }).equals(key)).toBe(true);
    const c = createFieldCrypto(key);
    expect(c.decrypt(c.encrypt('13800001111'))).toBe('13800001111');
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
