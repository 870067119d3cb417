import { type Insertable, type Kysely, type Selectable, type Updateable, sql } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import type { DB } from '../../../platform/db-schema.js';
import { customersScope } from '../customers.repo.js';
import type { CustomerImportsTable, CustomerRow } from '../customers.tables.js';
import type { StaffUser } from './import-row.js';

/** Queries of the import: its own row, batched duplicate probes, the staff directory. */

export type ImportRow = Selectable<CustomerImportsTable>;

export async function insertImport(db: Kysely<DB>, row: Insertable<CustomerImportsTable>) {
  return db.insertInto('customer_imports').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findImport(db: Kysely<DB>, orgId: string, id: string, opts: { lock?: boolean } = {}) {
  let q = db.selectFrom('customer_imports').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listImports(db: Kysely<DB>, orgId: string, createdBy: string, limit: number) {
  return db
    .selectFrom('customer_imports')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('created_by', '=', createdBy)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function updateImport(db: Kysely<DB>, orgId: string, id: string, set: Updateable<CustomerImportsTable>) {
  return db
    .updateTable('customer_imports')
    .set({ ...set, updated_at: new Date() })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Active staff of the organization: who a 负责人 column may name. */
export async function activeStaff(db: Kysely<DB>, orgId: string): Promise<StaffUser[]> {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'department_id']).where('org_id', '=', orgId).where('status', '=', 'active').execute();
}

export type KeyKind = 'phone' | 'email' | 'credit_code' | 'id_number';
export type KeyHit = { id: string; name: string };
export type ChunkKeys = Record<KeyKind, string[]>;

/**
 * Live customers holding any of a chunk's keys: one query per key kind for the whole chunk
 * (never one per row). Answers `kind:value` → customers. Merged and anonymized customers do
 * not count, as in duplicate-candidates.ts.
 *
 * Each key is probed through a LATERAL subquery with its own equality: PostgreSQL then uses
 * the key's index for every key. The `= ANY(array)` form was planned as a full scan once the
 * table had grown inside the import's transaction (statistics lag), which made a big import
 * quadratic.
 */
export async function findKeyHolders(db: Kysely<DB>, orgId: string, keys: ChunkKeys): Promise<Map<string, KeyHit[]>> {
  const live = sql`c.deleted_at IS NULL AND c.merged_into_id IS NULL AND c.anonymized_at IS NULL`;
  const probes: Record<KeyKind, ReturnType<typeof sql>> = {
    phone: sql`SELECT c.id, c.name FROM customer_phones p JOIN customers c ON c.org_id = p.org_id AND c.id = p.customer_id
      WHERE p.org_id = ${orgId} AND p.phone = k.key AND ${live}`,
    email: sql`SELECT c.id, c.name FROM customers c WHERE c.org_id = ${orgId} AND lower(c.email) = k.key AND c.email IS NOT NULL AND ${live}`,
    credit_code: sql`SELECT c.id, c.name FROM customers c WHERE c.org_id = ${orgId} AND c.credit_code = k.key AND c.credit_code IS NOT NULL AND ${live}`,
    id_number: sql`SELECT c.id, c.name FROM customers c WHERE c.org_id = ${orgId} AND c.id_number_hash = k.key AND c.id_number_hash IS NOT NULL AND ${live}`,
  };
  const out = new Map<string, KeyHit[]>();
  for (const kind of Object.keys(probes) as KeyKind[]) {
    const values = [...new Set(keys[kind])];
    if (values.length === 0) continue;
    // LIMIT keeps each probe a separate index lookup (an unlimited subquery would be flattened into a join).
    const rows = await sql<{ key: string; id: string; name: string }>`
      SELECT k.key, x.id, x.name FROM unnest(${values}::text[]) AS k(key) CROSS JOIN LATERAL (${probes[kind]} LIMIT 20) x`.execute(db);
    for (const r of rows.rows) {
      const k = `${kind}:${r.key}`;
      const list = out.get(k) ?? [];
      if (!list.some((h) => h.id === r.id)) list.push({ id: r.id, name: r.name });
      out.set(k, list);
    }
  }
  return out;
}

/**
 * Fresh planner statistics for the tables an import reads and grows. The embedded engine has
 * no autovacuum, and inside the import's transaction the statistics lag the rows it added;
 * stale ones turn the duplicate probes into full scans. ANALYZE holds a lock that conflicts
 * with another ANALYZE until its transaction ends, so this gives up after a moment instead of
 * waiting for a concurrent import (its probes are then merely slower). A table the user does
 * not own is skipped by PostgreSQL with a warning, not an error.
 */
export async function analyzeTables(db: Kysely<DB>, tables: readonly ('customers' | 'customer_phones')[], opts: { inTransaction: boolean }): Promise<boolean> {
  const analyze = sql`ANALYZE ${sql.join(tables.map((name) => sql.table(name)))}`;
  if (!opts.inTransaction) {
    return db
      .transaction()
      .execute(async (tx) => {
        await sql`SET LOCAL lock_timeout = '200ms'`.execute(tx);
        await analyze.execute(tx);
        return true;
      })
      .catch(() => false);
  }
  // Inside the import: a savepoint, so a lock timeout does not abort the import's transaction,
  // and the previous lock_timeout back afterwards (the import's own row locks may wait).
  const previous = (await sql<{ v: string }>`SELECT current_setting('lock_timeout') AS v`.execute(db)).rows[0].v;
  await sql`SAVEPOINT kefu_import_analyze`.execute(db);
  try {
    await sql`SET LOCAL lock_timeout = '200ms'`.execute(db);
    await analyze.execute(db);
    await sql`RELEASE SAVEPOINT kefu_import_analyze`.execute(db);
    await sql`SELECT set_config('lock_timeout', ${previous}, true)`.execute(db);
    return true;
  } catch {
    await sql`ROLLBACK TO SAVEPOINT kefu_import_analyze`.execute(db);
    await sql`RELEASE SAVEPOINT kefu_import_analyze`.execute(db);
    return false;
  }
}

/** The planner's idea of how many customers there are (all organizations). */
export async function estimatedCustomers(db: Kysely<DB>): Promise<number> {
  const row = await sql<{ n: number }>`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'customers'::regclass`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** The customers a chunk will update, if in the actor's scope; locked until the import commits. */
export async function loadForUpdate(db: Kysely<DB>, actor: Actor, ids: readonly string[], lock: boolean): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('customers')
    .selectAll('customers')
    .where('customers.org_id', '=', actor.orgId)
    .where('customers.id', 'in', ids)
    .where('customers.deleted_at', 'is', null)
    .where(customersScope(actor));
  if (lock) q = q.forUpdate();
  return q.execute();
}

/** The GIN indexes of customers (search tokens, tags, custom fields) that an import fills. */
const CUSTOMER_GIN_INDEXES = ['customers_search_idx', 'customers_tags_idx', 'customers_custom_idx'] as const;

/**
 * For the import's transaction only: GIN entries collect in each index's pending list (up to
 * 256 MB) instead of being merged into the index every 4 MB. Measured on 1,000,000 customers:
 * 20,000 inserted rows 15.2 s → 1.7 s. The rows are searchable at once (a search reads the
 * pending list too, ~65 ms slower until the merge); `mergeGinPendingLists` folds them in
 * afterwards, in a job.
 */
export async function deferGinMerges(tx: Kysely<DB>): Promise<void> {
  await sql`SET LOCAL gin_pending_list_limit = '256MB'`.execute(tx);
}

/** Folds the pending lists into the indexes (what autovacuum would do later); returns the pages merged. */
export async function mergeGinPendingLists(db: Kysely<DB>): Promise<number> {
  let pages = 0;
  for (const name of CUSTOMER_GIN_INDEXES) {
    const r = await sql<{ n: number }>`SELECT gin_clean_pending_list(${name}::regclass) AS n`.execute(db);
    pages += Number(r.rows[0]?.n ?? 0);
  }
  return pages;
}
