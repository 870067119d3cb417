import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu } from '../testing/harness.js';
import { blindIndex, type CryptoHost, decryptSecret, DecryptionError, encryptSecret, isEncrypted } from './crypto.js';

/** A stand-in host: only config and the engine name matter for key loading. */
function fakeHost(config: { secret?: string; dataDir: string }): CryptoHost {
  return { config: config as CryptoHost['config'], database: { engine: 'pglite' } as CryptoHost['database'] };
}

describe('secret encryption', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  let dir: string;
  beforeAll(async () => {
    ctx = await createTestKefu();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-crypto-'));
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips, with a fresh IV each time', async () => {
    const a = await encryptSecret(ctx.kefu, '110101199003071234', 'customers.id_number:1');
    const b = await encryptSecret(ctx.kefu, '110101199003071234', 'customers.id_number:1');
    expect(a).not.toBe(b);
    expect(isEncrypted(a)).toBe(true);
    expect(a).not.toContain('1234');
    expect(await decryptSecret(ctx.kefu, a, 'customers.id_number:1')).toBe('110101199003071234');
  });

  it('refuses another context, tampering and non-ciphertext', async () => {
    const c = await encryptSecret(ctx.kefu, 'JBSWY3DPEHPK3PXP', 'users.totp_secret:a');
    await expect(decryptSecret(ctx.kefu, c, 'users.totp_secret:b')).rejects.toBeInstanceOf(DecryptionError);
    const parts = c.split(':');
    parts[3] = Buffer.from('tampered!!').toString('base64url');
    await expect(decryptSecret(ctx.kefu, parts.join(':'), 'users.totp_secret:a')).rejects.toBeInstanceOf(DecryptionError);
    await expect(decryptSecret(ctx.kefu, 'plain text', '')).rejects.toThrow('not an encrypted value');
  });

  it('with KEFU_SECRET, every node derives the same key', async () => {
    const one = fakeHost({ secret: 'a-long-enough-secret-value', dataDir: 'memory://' });
    const two = fakeHost({ secret: 'a-long-enough-secret-value', dataDir: 'memory://' });
    const other = fakeHost({ secret: 'another-long-secret-value', dataDir: 'memory://' });
    const c = await encryptSecret(one, 'x');
    expect(await decryptSecret(two, c)).toBe('x');
    await expect(decryptSecret(other, c)).rejects.toThrow(/another master key/);
    expect(await blindIndex(one, '13800138000')).toBe(await blindIndex(two, '13800138000'));
    expect(await blindIndex(one, '13800138000')).not.toBe(await blindIndex(other, '13800138000'));
  });

  it('without KEFU_SECRET on the embedded engine, keeps a 0600 key file in the data directory', async () => {
    const first = fakeHost({ dataDir: dir });
    const c = await encryptSecret(first, 'kept across restarts');
    const file = path.join(dir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    const restarted = fakeHost({ dataDir: dir });
    expect(await decryptSecret(restarted, c)).toBe('kept across restarts');
  });

  it.skipIf(!!process.env.DATABASE_URL)('on the embedded engine, a key row restored from PostgreSQL wins over the key file', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    await ctx.kefu.db.insertInto('system_secrets').values({ name: 'master_key', value: key }).execute();
    try {
      const restored: CryptoHost = { config: { ...ctx.kefu.config, dataDir: dir }, database: { ...ctx.kefu.database } };
      const c = await encryptSecret(restored, 'from postgres');
      const again: CryptoHost = { config: { ...ctx.kefu.config, dataDir: 'memory://' }, database: { ...ctx.kefu.database } };
      expect(await decryptSecret(again, c)).toBe('from postgres');
      await expect(decryptSecret(fakeHost({ dataDir: dir }), c)).rejects.toBeInstanceOf(DecryptionError);
    } finally {
      await ctx.kefu.db.deleteFrom('system_secrets').execute();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)('without KEFU_SECRET on PostgreSQL, shares one key in system_secrets', async () => {
    const c = await encryptSecret(ctx.kefu, 'shared by nodes');
    const rows = await ctx.kefu.db.selectFrom('system_secrets').selectAll().execute();
    expect(rows).toHaveLength(1);
    // A second node on the same database: same key from the table.
    const nodeB: CryptoHost = { config: { ...ctx.kefu.config }, database: { ...ctx.kefu.database } };
    expect(await decryptSecret(nodeB, c)).toBe('shared by nodes');
  });
});
