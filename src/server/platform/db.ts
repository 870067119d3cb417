import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './db-lock.js';
import { preparedPool } from './db-prepared.js';
import type { DB } from './db-schema.js';

// int8 (counts, sequences) as JS numbers: every value we keep in int8 stays far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// date as its ISO text ('2026-11-29'): a calendar day has no time zone to shift it by.
pg.types.setTypeParser(1082, (v) => v);
// numeric stays a string (money is integer fen; numeric values are parsed where they are used).

export type Engine = 'pglite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  engine: Engine;
  pool: pg.Pool;
  /** Present only on the embedded engine. */
  pglite?: PGlite;
  close(): Promise<void>;
};

export type OpenOptions = {
  databaseUrl?: string;
  /** PGlite data directory, or `memory://` for a throw-away database. */
  dataDir?: string;
  /** A PGlite data-directory snapshot to start from (tests load a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
};

/**
 * Session settings of every PostgreSQL connection. Kefu's statements are short and fetch pages:
 * JIT compilation (for plans above cost 100,000) cost 337 ms on a 3 ms register page, and
 * parallel workers started for a search returning 11 rows made it 7× slower under concurrent
 * requests on a 2-core server. An `options` parameter in the database URL replaces these.
 */
const SESSION_OPTIONS = '-c jit=off -c max_parallel_workers_per_gather=0';

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: SESSION_OPTIONS });
    pool.on('error', () => {
      /* idle client errors are reported on the next query */
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparedPool(pool) }) });
    return { db, engine: 'postgres', pool, close: () => db.destroy() };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  const release = dataDir.startsWith('memory://') ? () => {} : acquireDataDirLock(dataDir);
  try {
    const pglite = await PGlite.create({
      dataDir,
      extensions: { pg_trgm },
      loadDataDir: opts.loadDataDir,
    });
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparedPool(pool) }) });
    return {
      db,
      engine: 'pglite',
      pool,
      pglite,
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
