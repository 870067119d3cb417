import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * COPY in and out of either engine, and the catalog questions a logical backup asks. Our
 * own code instead of pg_dump, which is often missing or of the wrong major version.
 */
export interface CopyDriver {
  readonly engine: 'postgres' | 'pglite';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** `COPY … TO STDOUT` into a file. */
  copyOut(copySql: string, file: string): Promise<void>;
  /** `COPY … FROM STDIN` from a file. */
  copyIn(copySql: string, file: string): Promise<void>;
  close(): Promise<void>;
}

export async function postgresDriver(url: string): Promise<CopyDriver> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    engine: 'postgres',
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as T[];
    },
    async copyOut(copySql, file) {
      await pipeline(client.query(copyTo(`${copySql} TO STDOUT`)), fs.createWriteStream(file));
    },
    async copyIn(copySql, file) {
      await pipeline(fs.createReadStream(file), client.query(copyFrom(`${copySql} FROM STDIN`)));
    },
    close: () => client.end(),
  };
}

/** PGlite has no COPY protocol stream; it reads and writes COPY data through the `/dev/blob` device. */
export function pgliteDriver(pglite: PGlite): CopyDriver {
  return {
    engine: 'pglite',
    async query<T>(text: string, params: unknown[] = []) {
      return (await pglite.query<T>(text, params)).rows;
    },
    async copyOut(copySql, file) {
      const r = await pglite.query(`${copySql} TO '/dev/blob'`);
      await fs.promises.writeFile(file, r.blob ? Buffer.from(await r.blob.arrayBuffer()) : Buffer.alloc(0));
    },
    async copyIn(copySql, file) {
      await pglite.query(`${copySql} FROM '/dev/blob'`, [], { blob: new Blob([await fs.promises.readFile(file)]) });
    },
    close: async () => {},
  };
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export type TableInfo = { name: string; columns: string[] };

/**
 * The ordinary tables of the public schema, parents before children (foreign keys), so a
 * restore inserts referenced rows first. Generated columns are left out: COPY cannot set them.
 */
export async function listTables(driver: CopyDriver): Promise<TableInfo[]> {
  const tables = await driver.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'schema_migrations'
    ORDER BY c.relname`);
  const deps = await driver.query<{ child: string; parent: string }>(`
    SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint k
    JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pl ON pl.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public'`);
  const cols = await driver.query<{ table: string; column: string }>(`
    SELECT c.relname AS "table", a.attname AS "column" FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`);
  const names = tables.map((t) => t.name);
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const d of deps) if (d.child !== d.parent && parents.has(d.child) && parents.has(d.parent)) parents.get(d.child)!.add(d.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p)));
    // A cycle of foreign keys has no order; take the rest alphabetically (the restore
    // disables triggers where it may, and checks run at the end of each COPY statement).
    const next = ready.length > 0 ? ready : names.filter((n) => !placed.has(n)).slice(0, 1);
    for (const n of next) {
      placed.add(n);
      ordered.push(n);
    }
  }
  const columns = new Map<string, string[]>();
  for (const c of cols) if (parents.has(c.table)) (columns.get(c.table) ?? columns.set(c.table, []).get(c.table)!).push(c.column);
  return ordered.map((name) => ({ name, columns: columns.get(name) ?? [] }));
}

export type SequenceInfo = { name: string; value: number; isCalled: boolean };

export async function listSequences(driver: CopyDriver): Promise<SequenceInfo[]> {
  const seqs = await driver.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`);
  const out: SequenceInfo[] = [];
  for (const s of seqs) {
    const [row] = await driver.query<{ last_value: string | number; is_called: boolean }>(`SELECT last_value, is_called FROM ${ident(s.name)}`);
    out.push({ name: s.name, value: Number(row.last_value), isCalled: row.is_called });
  }
  return out;
}

export async function appliedMigrations(driver: CopyDriver): Promise<string[]> {
  const exists = await driver.query<{ t: string | null }>(`SELECT to_regclass('public.schema_migrations')::text AS t`);
  if (!exists[0]?.t) return [];
  return (await driver.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
}
