import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { templatePath } from '../testing/template-path.js';
import { recordAudit } from './audit.js';
import { verifyAuditChain } from './audit-verify.js';
import { hashPassword } from './auth/password.js';
import { BackupError, createBackup, readManifest, type DataTarget } from './backup.js';
import { restoreBackup } from './backup-restore.js';
import { bootstrap } from '../bootstrap.js';
import type { DB } from './db-schema.js';
import { openDatabase, type Database } from './db.js';
import { uuidv7 } from './ids.js';
import { migrate } from './migrate.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-backup-test-'));
const baseUrl = process.env.DATABASE_URL;
const createdDbs: string[] = [];

afterAll(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  if (baseUrl && createdDbs.length) {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    for (const name of createdDbs) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

/** A fresh, empty PostgreSQL database (not migrated). */
async function freshPgUrl(): Promise<string> {
  const name = `kefu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE 'C.UTF-8' ENCODING 'UTF8'`);
  await admin.end();
  createdDbs.push(name);
  const url = new URL(baseUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated source on the engine of the run, with data: users, departments, audit rows, a job, a file. */
async function makeSource(label: string): Promise<{ target: DataTarget; database: Database }> {
  const dataDir = path.join(work, `${label}-data`);
  const filesDir = path.join(dataDir, 'files');
  let database: Database;
  let target: DataTarget;
  if (baseUrl) {
    const url = await freshPgUrl();
    database = await openDatabase({ databaseUrl: url });
    await migrate(database.pool);
    target = { databaseUrl: url, dataDir, filesDir };
  } else {
    database = await openDatabase({ dataDir, loadDataDir: new Blob([fs.readFileSync(templatePath())]) });
    target = { dataDir, filesDir };
  }
  const boot = await bootstrap(database.db, { adminPassword: 'Admin-Pass-2026' });
  await seed(database.db, boot.orgId);
  fs.mkdirSync(path.join(filesDir, 'ab', 'cd'), { recursive: true });
  fs.writeFileSync(path.join(filesDir, 'ab', 'cd', 'abcd0000-0000-4000-8000-000000000001'), '客服附件内容');
  return { target, database };
}

async function seed(db: Kysely<DB>, orgId: string) {
  const hash = await hashPassword('Agent-Pass-2026');
  for (let i = 0; i < 25; i++) {
    const id = uuidv7();
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('users')
        .values({ org_id: orgId, id, username: `agent${i}`, display_name: `坐席${i}号 "引号" \\ 反斜杠\t制表`, password_hash: hash, skills: JSON.stringify(['售后', 'VIP']) })
        .execute();
      await recordAudit(tx, { orgId, action: 'user.create', entityType: 'user', entityId: id, actorName: 'test', after: { username: `agent${i}`, note: 'line1\nline2' } });
    });
  }
  await db.insertInto('jobs').values({ id: uuidv7(), org_id: orgId, name: 'test.backup', payload: JSON.stringify({ a: [1, 2] }), status: 'dead', last_error: 'x' }).execute();
}

async function counts(db: Kysely<DB>): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`.execute(db);
  const out: Record<string, number> = {};
  for (const t of tables.rows) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t.name)}`.execute(db);
    out[t.name] = r.rows[0].n;
  }
  return out;
}

async function openTarget(t: DataTarget): Promise<Database> {
  return openDatabase(t.databaseUrl ? { databaseUrl: t.databaseUrl } : { dataDir: t.dataDir });
}

async function freshTarget(label: string): Promise<DataTarget> {
  const dataDir = path.join(work, `${label}-restored`);
  return baseUrl ? { databaseUrl: await freshPgUrl(), dataDir, filesDir: path.join(dataDir, 'files') } : { dataDir, filesDir: path.join(dataDir, 'files') };
}

// Real data directories and initdb: slow on a busy two-core machine.
const SLOW = 240_000;

describe('backup and restore', () => {
  it('round-trips data, audit chain and attachments into a fresh target', async () => {
    const { target, database } = await makeSource('a');
    const before = await counts(database.db);
    const users = await database.db.selectFrom('users').select(['username', 'display_name', 'skills']).orderBy('username').execute();
    await database.close();

    const file = path.join(work, 'a.tar.gz');
    const phases = new Set<string>();
    const manifest = await createBackup({ target, file, onProgress: (e) => phases.add(e.phase) });
    expect(phases).toEqual(new Set(['database', 'files']));
    expect(manifest.kind).toBe(baseUrl ? 'logical' : 'pglite');
    expect(manifest.tables.find((t) => t.name === 'users')?.rows).toBe(26);
    expect(manifest.files).toEqual({ count: 1, bytes: Buffer.byteLength('客服附件内容') });
    expect((await readManifest(file)).createdAt).toBe(manifest.createdAt);
    // refuses to overwrite without force
    await expect(createBackup({ target, file })).rejects.toMatchObject({ key: 'cli.output_exists' });

    const dest = await freshTarget('a');
    const restored = await restoreBackup({ target: dest, file });
    expect(restored.createdAt).toBe(manifest.createdAt);
    const db2 = await openTarget(dest);
    try {
      expect(await counts(db2.db)).toEqual(before);
      expect(await db2.db.selectFrom('users').select(['username', 'display_name', 'skills']).orderBy('username').execute()).toEqual(users);
      const chain = await verifyAuditChain(db2.db);
      expect(chain.ok).toBe(true);
      expect(chain.checked).toBe(25);
    } finally {
      await db2.close();
    }
    expect(fs.readFileSync(path.join(dest.filesDir, 'ab', 'cd', 'abcd0000-0000-4000-8000-000000000001'), 'utf8')).toBe('客服附件内容');

    // the restored target now holds data: a second restore needs --force
    await expect(restoreBackup({ target: dest, file })).rejects.toBeInstanceOf(BackupError);
    await restoreBackup({ target: dest, file, force: true });
    const db3 = await openTarget(dest);
    try {
      expect(await counts(db3.db)).toEqual(before);
    } finally {
      await db3.close();
    }
  }, SLOW);

  // On PostgreSQL every backup is logical, which the first test covers.
  it.skipIf(!!baseUrl)('a logical backup of the embedded engine restores anywhere', async () => {
    const { target, database } = await makeSource('b');
    const before = await counts(database.db);
    await database.close();
    const file = path.join(work, 'b.tar.gz');
    const m = await createBackup({ target, file, logical: true });
    expect(m.kind).toBe('logical');
    const dest = await freshTarget('b');
    await restoreBackup({ target: dest, file });
    const db2 = await openTarget(dest);
    try {
      expect(await counts(db2.db)).toEqual(before);
      expect((await verifyAuditChain(db2.db)).ok).toBe(true);
    } finally {
      await db2.close();
    }
  }, SLOW);

  it('rejects files that are not backups, and unknown migrations', async () => {
    const junk = path.join(work, 'junk.tar.gz');
    fs.writeFileSync(junk, 'not a backup');
    await expect(readManifest(junk)).rejects.toMatchObject({ key: 'cli.backup_invalid' });
    await expect(readManifest(path.join(work, 'missing.tar.gz'))).rejects.toMatchObject({ key: 'cli.backup_not_found' });
    const { target, database } = await makeSource('c');
    await sql`INSERT INTO schema_migrations (name) VALUES ('9999_from_the_future.sql')`.execute(database.db);
    await database.close();
    const file = path.join(work, 'c.tar.gz');
    await createBackup({ target, file });
    await expect(restoreBackup({ target: await freshTarget('c'), file })).rejects.toMatchObject({ key: 'cli.backup_newer' });
  }, SLOW);
});
