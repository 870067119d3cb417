import fs from 'node:fs';
import { sql } from 'kysely';
import type { Kefu } from '../../platform/context.js';
import { MIGRATIONS_DIR } from '../../platform/migrate.js';

export type Readiness = {
  ready: boolean;
  checks: { database: 'ok' | 'error' | 'timeout'; migrations: 'ok' | 'pending' | 'unknown'; shuttingDown: boolean };
};

const DB_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Migrations on disk are read once: a running process never gains new ones. */
let migrationFiles: string[] | null = null;
function expectedMigrations(): string[] {
  migrationFiles ??= fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f));
  return migrationFiles;
}

/**
 * Ready = the database answers `SELECT 1` within 2 s, every migration this build ships is
 * applied, and the process is not shutting down. A load balancer stops routing to a node
 * that is not ready.
 */
export async function readiness(kefu: Kefu, shuttingDown: boolean): Promise<Readiness> {
  const checks: Readiness['checks'] = { database: 'error', migrations: 'unknown', shuttingDown };
  try {
    const ping = await withTimeout(sql`SELECT 1`.execute(kefu.db), DB_TIMEOUT_MS);
    checks.database = ping === 'timeout' ? 'timeout' : 'ok';
  } catch {
    checks.database = 'error';
  }
  if (checks.database === 'ok') {
    try {
      const applied = await withTimeout(sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(kefu.db), DB_TIMEOUT_MS);
      if (applied !== 'timeout') {
        const names = new Set(applied.rows.map((r) => r.name));
        checks.migrations = expectedMigrations().every((f) => names.has(f)) ? 'ok' : 'pending';
      }
    } catch {
      checks.migrations = 'unknown';
    }
  }
  return { ready: checks.database === 'ok' && checks.migrations === 'ok' && !shuttingDown, checks };
}
