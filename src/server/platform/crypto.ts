import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kefu } from './context.js';

/**
 * Encryption of secrets at rest (TOTP seeds, ID numbers): AES-256-GCM with keys derived by
 * HKDF from one master key. The master key is, in order:
 *  1. `KEFU_SECRET` (config.secret) — what a multi-node deployment should set;
 *  2. on the embedded engine, `<dataDir>/secret.key` (created once, mode 0600) — it lies inside
 *     the data directory, so PGlite's own dump (`kefu backup` of kind pglite) carries it; a key
 *     row in `system_secrets` (restored from a PostgreSQL backup) takes precedence over the file;
 *  3. on PostgreSQL, a random key in the `system_secrets` table, created once and shared by
 *     every node that opens the database.
 * An in-memory database gets a per-process key: its data dies with the process anyway.
 */
export type CryptoHost = Pick<Kefu, 'config' | 'database'>;

type Keys = { enc: Buffer; index: Buffer; kid: string };

const keyCache = new WeakMap<object, Promise<Keys>>();
const FORMAT = 'enc1';
const MASTER_KEY_NAME = 'master_key';

async function loadMasterKey(host: CryptoHost): Promise<Buffer> {
  if (host.config.secret) return Buffer.from(host.config.secret, 'utf8');
  if (host.database.engine === 'pglite') {
    // A logical backup taken on PostgreSQL and restored here brings its key along in the table.
    const restored = host.database.db
      ? await host.database.db.selectFrom('system_secrets').select('value').where('name', '=', MASTER_KEY_NAME).executeTakeFirst()
      : undefined;
    if (restored) return Buffer.from(restored.value, 'base64');
    const dataDir = host.config.dataDir;
    if (!dataDir || dataDir.startsWith('memory://')) return randomBytes(32);
    return readOrCreateKeyFile(path.join(dataDir, 'secret.key'));
  }
  const fresh = randomBytes(32).toString('base64');
  // Two nodes starting together both try; the first insert wins and both read the same row.
  await host.database.db
    .insertInto('system_secrets')
    .values({ name: MASTER_KEY_NAME, value: fresh })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await host.database.db.selectFrom('system_secrets').select('value').where('name', '=', MASTER_KEY_NAME).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}

function readOrCreateKeyFile(file: string): Buffer {
  try {
    return decodeKeyFile(fs.readFileSync(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    // 'wx' fails if the file appeared meanwhile: then the other writer's key is the one.
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return decodeKeyFile(fs.readFileSync(file, 'utf8'), file);
  }
}

function decodeKeyFile(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key (密钥文件无效)`);
  return key;
}

function deriveKeys(master: Buffer): Keys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, 'kefu', info, 32));
  const enc = derive('kefu/aes-256-gcm/v1');
  // The key id lets a decrypt fail with a clear message when the master key was changed.
  const kid = createHash('sha256').update(enc).digest('hex').slice(0, 8);
  return { enc, index: derive('kefu/blind-index/v1'), kid };
}

function keysFor(host: CryptoHost): Promise<Keys> {
  let keys = keyCache.get(host.database);
  if (!keys) {
    keys = loadMasterKey(host).then(deriveKeys);
    keyCache.set(host.database, keys);
    keys.catch(() => keyCache.delete(host.database));
  }
  return keys;
}

/**
 * Encrypts a string. `context` (e.g. `users.totp_secret:<userId>`) is bound to the ciphertext
 * as associated data, so a value copied into another row does not decrypt there.
 */
export async function encryptSecret(host: CryptoHost, plaintext: string, context = ''): Promise<string> {
  const { enc, kid } = await keysFor(host);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', enc, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, kid, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join(':');
}

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** Decrypts what `encryptSecret` produced with the same context; throws DecryptionError otherwise. */
export async function decryptSecret(host: CryptoHost, ciphertext: string, context = ''): Promise<string> {
  const parts = ciphertext.split(':');
  if (parts.length !== 5 || parts[0] !== FORMAT) throw new DecryptionError('not an encrypted value');
  const { enc, kid } = await keysFor(host);
  if (parts[1] !== kid) throw new DecryptionError('value was encrypted with another master key (KEFU_SECRET changed?)');
  try {
    const decipher = createDecipheriv('aes-256-gcm', enc, Buffer.from(parts[2], 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(parts[4], 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(parts[3], 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('value failed authentication (tampered, or wrong context)');
  }
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(`${FORMAT}:`);
}

/**
 * Keyed hash for equality search over encrypted values (e.g. find a customer by ID number
 * without storing it in clear): HMAC-SHA256 with a key separate from the encryption key.
 */
export async function blindIndex(host: CryptoHost, value: string): Promise<string> {
  const { index } = await keysFor(host);
  return createHmac('sha256', index).update(value, 'utf8').digest('hex');
}
