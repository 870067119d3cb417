import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGunzip, createGzip } from 'node:zlib';
import { appliedMigrations, type CopyDriver, ident, listSequences, listTables, pgliteDriver, postgresDriver, type SequenceInfo } from './backup-copy.js';
import { filterTar, TarWriter } from './backup-tar.js';
import { openDatabase } from './db.js';
import { MIGRATIONS_DIR } from './migrate.js';

/**
 * `kefu backup` / `kefu restore`. A backup is a `.tar.gz` holding `manifest.json`, the
 * database and the attachments (`files/…`). The database part is either
 *  - `pglite`: the embedded engine's data directory (`dumpDataDir`), restorable into a data dir;
 *  - `logical`: one COPY file per table in dependency order, written by our own code (no pg_dump),
 *    restorable into an empty PostgreSQL database or a fresh embedded data directory.
 */

export type BackupKind = 'pglite' | 'logical';

export type BackupManifest = {
  format: 'kefu-backup';
  formatVersion: 1;
  kind: BackupKind;
  engine: 'pglite' | 'postgres';
  createdAt: string;
  kefuVersion: string;
  migrations: string[];
  tables: { name: string; columns: string[]; rows: number }[];
  sequences: SequenceInfo[];
  files: { count: number; bytes: number };
};

/** Where the data lives: PostgreSQL when `databaseUrl` is set, else the embedded data directory. */
export type DataTarget = { databaseUrl?: string; dataDir: string; filesDir: string };

export type BackupProgress = (event: { phase: 'database' | 'files'; done: number; total: number }) => void;

/** An expected failure; `key` names a message in the `cli.*` catalogue (both languages). */
export class BackupError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'BackupError';
  }
}

export const PGLITE_DUMP = 'database/pglite.tar';
export const tableFile = (name: string) => `database/${name}.copy`;

function kefuVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function listFiles(root: string): Promise<{ rel: string; abs: string; size: number }[]> {
  const out: { rel: string; abs: string; size: number }[] = [];
  const walk = async (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (rel === '' && e.name === 'tmp') continue; // uploads in progress
      const abs = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(abs, r);
      else if (e.isFile()) out.push({ rel: r, abs, size: (await fs.promises.stat(abs)).size });
    }
  };
  await walk(root, '');
  return out;
}

async function copyTablesOut(driver: CopyDriver, dir: string, onProgress?: BackupProgress) {
  // One snapshot for counts, data and sequences: the backup is consistent even while nodes write.
  await driver.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const migrations = await appliedMigrations(driver);
    const tables: BackupManifest['tables'] = [];
    for (const t of await listTables(driver)) {
      const [c] = await driver.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${ident(t.name)}`);
      tables.push({ ...t, rows: Number(c.n) });
    }
    const total = tables.reduce((s, t) => s + t.rows, 0);
    let done = 0;
    onProgress?.({ phase: 'database', done, total });
    await fs.promises.mkdir(path.join(dir, 'database'), { recursive: true });
    for (const t of tables) {
      await driver.copyOut(`COPY ${ident(t.name)} (${t.columns.map(ident).join(', ')})`, path.join(dir, tableFile(t.name)));
      done += t.rows;
      onProgress?.({ phase: 'database', done, total });
    }
    const sequences = await listSequences(driver);
    await driver.query('COMMIT');
    return { migrations, tables, sequences };
  } catch (err) {
    await driver.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** Writes a backup of `target` to `file` (via `file.partial`, renamed when complete). */
export async function createBackup(opts: { target: DataTarget; file: string; logical?: boolean; force?: boolean; onProgress?: BackupProgress }): Promise<BackupManifest> {
  const file = path.resolve(opts.file);
  if (fs.existsSync(file) && !opts.force) throw new BackupError('cli.output_exists', { file });
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'kefu-backup-'));
  const { target } = opts;
  let closeDb: () => Promise<void> = async () => {};
  try {
    let manifestDb: Pick<BackupManifest, 'kind' | 'engine' | 'migrations' | 'tables' | 'sequences'>;
    if (target.databaseUrl) {
      const driver = await postgresDriver(target.databaseUrl);
      try {
        manifestDb = { kind: 'logical', engine: 'postgres', ...(await copyTablesOut(driver, work, opts.onProgress)) };
      } finally {
        await driver.close();
      }
    } else {
      // Opening takes the data-directory lock: a running server on this directory refuses us.
      const database = await openDatabase({ dataDir: target.dataDir });
      closeDb = database.close;
      const driver = pgliteDriver(database.pglite!);
      if (opts.logical) {
        manifestDb = { kind: 'logical', engine: 'pglite', ...(await copyTablesOut(driver, work, opts.onProgress)) };
      } else {
        const migrations = await appliedMigrations(driver);
        const tables: BackupManifest['tables'] = [];
        for (const t of await listTables(driver)) {
          const [c] = await driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(t.name)}`);
          tables.push({ ...t, rows: c.n });
        }
        opts.onProgress?.({ phase: 'database', done: 0, total: 1 });
        const dump = Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer());
        // The data directory also holds our lock file and (by default) the attachments; both
        // stay out of the database image — attachments travel as files/ entries.
        const image = filterTar(dump, (n) => n === 'kefu.lock' || n === 'files' || n.startsWith('files/'));
        await fs.promises.mkdir(path.join(work, 'database'), { recursive: true });
        await fs.promises.writeFile(path.join(work, PGLITE_DUMP), image);
        opts.onProgress?.({ phase: 'database', done: 1, total: 1 });
        manifestDb = { kind: 'pglite', engine: 'pglite', migrations, tables, sequences: [] };
      }
    }
    const files = await listFiles(target.filesDir);
    const manifest: BackupManifest = {
      format: 'kefu-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      kefuVersion: kefuVersion(),
      ...manifestDb,
      files: { count: files.length, bytes: files.reduce((s, f) => s + f.size, 0) },
    };

    const partial = `${file}.partial`;
    const gzip = createGzip({ level: 6 });
    const sink = fs.createWriteStream(partial);
    const finished = new Promise<void>((resolve, reject) => {
      sink.on('finish', resolve);
      sink.on('error', reject);
      gzip.on('error', reject);
    });
    gzip.pipe(sink);
    const tar = new TarWriter(gzip);
    await tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
    if (manifest.kind === 'pglite') await tar.addFile(PGLITE_DUMP, path.join(work, PGLITE_DUMP));
    else for (const t of manifest.tables) await tar.addFile(tableFile(t.name), path.join(work, tableFile(t.name)));
    let bytes = 0;
    opts.onProgress?.({ phase: 'files', done: 0, total: manifest.files.bytes });
    for (const f of files) {
      bytes += await tar.addFile(`files/${f.rel}`, f.abs);
      opts.onProgress?.({ phase: 'files', done: bytes, total: manifest.files.bytes });
    }
    await tar.finish();
    gzip.end();
    await finished;
    await fs.promises.rename(partial, file);
    return manifest;
  } finally {
    await closeDb();
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}

/** Reads only the manifest (the first entry) of a backup file. */
export async function readManifest(file: string): Promise<BackupManifest> {
  if (!fs.existsSync(file)) throw new BackupError('cli.backup_not_found', { file });
  const invalid = (reason: string) => new BackupError('cli.backup_invalid', { file, reason });
  const input = fs.createReadStream(file).pipe(createGunzip());
  let buf: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of input) {
      buf = Buffer.concat([buf, chunk as Buffer]);
      if (buf.length < 512) continue;
      const name = buf.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      if (name !== 'manifest.json') throw invalid('manifest.json is not the first entry');
      const size = Number.parseInt(buf.toString('ascii', 124, 136).replace(/\0.*$/, '').trim(), 8);
      if (!(size > 0 && size < 16 * 1024 * 1024)) throw invalid('bad manifest size');
      if (buf.length < 512 + size) continue;
      const m = JSON.parse(buf.toString('utf8', 512, 512 + size)) as BackupManifest;
      if (m.format !== 'kefu-backup' || m.formatVersion !== 1 || (m.kind !== 'pglite' && m.kind !== 'logical') || !Array.isArray(m.tables)) {
        throw invalid('unknown format');
      }
      return m;
    }
    throw invalid('file ends before the manifest');
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw invalid((err as Error).message);
  } finally {
    input.destroy();
  }
}
