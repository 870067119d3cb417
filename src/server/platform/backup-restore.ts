import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { appliedMigrations, type CopyDriver, ident, listTables, pgliteDriver, postgresDriver } from './backup-copy.js';
import { extractTar } from './backup-tar.js';
import { BackupError, type BackupManifest, type BackupProgress, type DataTarget, listFiles, PGLITE_DUMP, readManifest, tableFile } from './backup.js';
import { acquireDataDirLock } from './db-lock.js';
import { migrate, MIGRATIONS_DIR } from './migrate.js';

const knownMigrations = () => fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f));

/** Applies exactly the migrations the backup was taken at, so its data fits the schema. */
async function migrateTo(pool: pg.Pool, names: string[], work: string) {
  const dir = path.join(work, 'migrations');
  await fs.promises.mkdir(dir, { recursive: true });
  for (const n of names) await fs.promises.copyFile(path.join(MIGRATIONS_DIR, n), path.join(dir, n));
  await migrate(pool, dir);
}

async function copyTablesIn(driver: CopyDriver, work: string, manifest: BackupManifest, onProgress?: BackupProgress) {
  const existing = new Map((await listTables(driver)).map((t) => [t.name, new Set(t.columns)]));
  for (const t of manifest.tables) {
    const cols = existing.get(t.name);
    const missing = cols ? t.columns.filter((c) => !cols.has(c)) : ['(table)'];
    if (missing.length > 0) throw new BackupError('cli.backup_invalid', { file: t.name, reason: `schema lacks ${t.name}.${missing.join(', ')}` });
  }
  const total = manifest.tables.reduce((s, t) => s + t.rows, 0);
  let done = 0;
  onProgress?.({ phase: 'database', done, total });
  await driver.query('BEGIN');
  try {
    // Triggers and foreign-key checks off where the role may (superuser): the rows come from a
    // consistent snapshot, and cyclic references would otherwise have no valid load order.
    await driver.query('SAVEPOINT replica_role');
    try {
      await driver.query('SET LOCAL session_replication_role = replica');
      await driver.query('RELEASE SAVEPOINT replica_role');
    } catch {
      await driver.query('ROLLBACK TO SAVEPOINT replica_role');
    }
    // Migrations may have seeded rows (the target is otherwise empty): the backup's rows replace them.
    const seeded: string[] = [];
    for (const t of manifest.tables) {
      const [r] = await driver.query<{ e: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(t.name)}) AS e`);
      if (r.e) seeded.push(ident(t.name));
    }
    if (seeded.length > 0) await driver.query(`TRUNCATE ${seeded.join(', ')} CASCADE`);
    for (const t of manifest.tables) {
      await driver.copyIn(`COPY ${ident(t.name)} (${t.columns.map(ident).join(', ')})`, path.join(work, tableFile(t.name)));
      done += t.rows;
      onProgress?.({ phase: 'database', done, total });
    }
    for (const s of manifest.sequences) await driver.query('SELECT setval($1::regclass, $2, $3)', [ident(s.name), s.value, s.isCalled]);
    await driver.query('COMMIT');
  } catch (err) {
    await driver.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** Row counts after loading must be the backup's, table by table. */
async function verifyCounts(driver: CopyDriver, manifest: BackupManifest) {
  for (const t of manifest.tables) {
    const [c] = await driver.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${ident(t.name)}`);
    if (Number(c.n) !== t.rows) throw new Error(`restore verification failed: ${t.name} has ${c.n} rows, the backup ${t.rows}`);
  }
}

async function extract(file: string, work: string) {
  try {
    await extractTarFile(file, work);
  } catch (err) {
    throw new BackupError('cli.backup_invalid', { file, reason: (err as Error).message });
  }
}

async function extractTarFile(file: string, dir: string) {
  const source = fs.createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  try {
    await extractTar(gunzip, dir);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

async function emptyDir(dir: string, keep: string[] = []) {
  for (const e of await fs.promises.readdir(dir).catch(() => [] as string[])) {
    if (!keep.includes(e)) await fs.promises.rm(path.join(dir, e), { recursive: true, force: true });
  }
}

async function restoreFiles(work: string, filesDir: string, onProgress?: BackupProgress) {
  const files = await listFiles(path.join(work, 'files'));
  const total = files.reduce((s, f) => s + f.size, 0);
  let done = 0;
  onProgress?.({ phase: 'files', done, total });
  for (const f of files) {
    const target = path.join(filesDir, f.rel);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.copyFile(f.abs, target);
    done += f.size;
    onProgress?.({ phase: 'files', done, total });
  }
}

async function postgresHasData(driver: CopyDriver, manifest: BackupManifest): Promise<boolean> {
  const applied = await appliedMigrations(driver);
  const tables = await listTables(driver);
  if (tables.length > 0 && applied.length === 0) return true; // some other schema lives here
  if (applied.some((m) => !manifest.migrations.includes(m))) return true; // newer than the backup
  for (const t of tables) {
    const [r] = await driver.query<{ e: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(t.name)}) AS e`);
    if (r.e) return true;
  }
  return false;
}

async function restorePostgres(url: string, file: string, manifest: BackupManifest, work: string, force: boolean, onProgress?: BackupProgress) {
  const driver = await postgresDriver(url);
  try {
    if (await postgresHasData(driver, manifest)) {
      if (!force) throw new BackupError('cli.database_not_empty');
      await driver.query('DROP SCHEMA public CASCADE');
      await driver.query('CREATE SCHEMA public');
    }
    await extract(file, work);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await migrateTo(pool, manifest.migrations, work);
      await copyTablesIn(driver, work, manifest, onProgress);
      await verifyCounts(driver, manifest);
      await migrate(pool);
    } finally {
      await pool.end();
    }
  } finally {
    await driver.close();
  }
}

async function restoreEmbedded(target: DataTarget, file: string, manifest: BackupManifest, work: string, force: boolean, onProgress?: BackupProgress) {
  // Held throughout: a server started meanwhile on this directory is refused.
  const release = acquireDataDirLock(target.dataDir);
  try {
    const hasDb = fs.existsSync(path.join(target.dataDir, 'PG_VERSION'));
    const hasFiles = (await listFiles(target.filesDir)).length > 0;
    if (hasDb || hasFiles) {
      if (!force) throw new BackupError('cli.data_dir_empty_required', { dir: target.dataDir });
      await emptyDir(target.dataDir, ['kefu.lock']);
      await emptyDir(target.filesDir);
    }
    await extract(file, work);
    const loadDataDir = manifest.kind === 'pglite' ? new Blob([await fs.promises.readFile(path.join(work, PGLITE_DUMP))]) : undefined;
    onProgress?.({ phase: 'database', done: 0, total: 1 });
    const pglite = await PGlite.create({ dataDir: target.dataDir, extensions: { pg_trgm }, loadDataDir });
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    try {
      const driver = pgliteDriver(pglite);
      if (manifest.kind === 'logical') {
        await migrateTo(pool, manifest.migrations, work);
        await copyTablesIn(driver, work, manifest, onProgress);
      }
      await verifyCounts(driver, manifest);
      await migrate(pool);
      onProgress?.({ phase: 'database', done: 1, total: 1 });
    } finally {
      await pool.end();
      await pglite.close();
    }
  } finally {
    release();
  }
}

/**
 * Restores a backup into `target`, which must hold no data unless `force` (then its data is
 * deleted first). The database is brought to the backup's migration level, loaded, checked
 * row by row count against the manifest, then migrated to this version; attachments follow.
 */
export async function restoreBackup(opts: { target: DataTarget; file: string; force?: boolean; onProgress?: BackupProgress }): Promise<BackupManifest> {
  const file = path.resolve(opts.file);
  const manifest = await readManifest(file);
  const known = new Set(knownMigrations());
  const unknown = manifest.migrations.filter((m) => !known.has(m));
  if (unknown.length > 0) throw new BackupError('cli.backup_newer', { names: unknown.join(', ') });
  const { target } = opts;
  if (target.databaseUrl && manifest.kind !== 'logical') {
    throw new BackupError('cli.backup_engine_mismatch', { kind: 'PGlite', target: 'PostgreSQL' });
  }
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'kefu-restore-'));
  try {
    if (target.databaseUrl) await restorePostgres(target.databaseUrl, file, manifest, work, !!opts.force, opts.onProgress);
    else await restoreEmbedded(target, file, manifest, work, !!opts.force, opts.onProgress);
    if (target.databaseUrl && opts.force) await emptyDir(target.filesDir);
    await restoreFiles(work, target.filesDir, opts.onProgress);
    return manifest;
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}
