import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../../platform/db-schema.js';
import type { CustomerMergesTable, CustomerRow } from '../customers.tables.js';

type Tx = Kysely<DB>;
export type MergeRecord = Selectable<CustomerMergesTable>;

/**
 * Locks two customers in id order, so two merges of the same pair (in either direction) or of
 * overlapping pairs queue behind each other instead of deadlocking. Deleted rows come back too:
 * the caller decides what a deleted or merged customer means.
 */
export async function lockPair(tx: Tx, orgId: string, a: string, b: string): Promise<Map<string, CustomerRow>> {
  const rows = new Map<string, CustomerRow>();
  for (const id of [a, b].sort()) {
    const row = await tx.selectFrom('customers').selectAll().where('org_id', '=', orgId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (row) rows.set(id, row);
  }
  return rows;
}

/**
 * The full row as JSON, taken by the database: timestamps keep their microseconds, so undo
 * writes back exactly what was there (a JS Date would round them to milliseconds).
 */
export async function snapshotOf(tx: Tx, orgId: string, id: string): Promise<Record<string, unknown>> {
  const res = await sql<{ snap: Record<string, unknown> }>`SELECT to_jsonb(c) AS snap FROM customers c WHERE c.org_id = ${orgId} AND c.id = ${id}`.execute(tx);
  return res.rows[0]!.snap;
}

export async function insertMerge(tx: Tx, row: Omit<MergeRecord, 'at' | 'undone_at' | 'undone_by'>): Promise<void> {
  await tx
    .insertInto('customer_merges')
    .values({ ...row, survivor_before: JSON.stringify(row.survivor_before), merged_before: JSON.stringify(row.merged_before), moved: JSON.stringify(row.moved) })
    .execute();
}

export async function findMerge(db: Tx, orgId: string, id: string, opts: { lock?: boolean } = {}): Promise<MergeRecord | undefined> {
  const q = db.selectFrom('customer_merges').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

/**
 * The newest merge after `merge` that is not undone and touched either of its customers: undoing
 * `merge` first would restore cards and records that merge has since built upon.
 */
export async function laterBlockingMerge(db: Tx, merge: Pick<MergeRecord, 'org_id' | 'id' | 'survivor_id' | 'merged_id'>): Promise<string | null> {
  const people = [merge.survivor_id, merge.merged_id];
  const row = await db
    .selectFrom('customer_merges')
    .select('id')
    .where('org_id', '=', merge.org_id)
    .where('undone_at', 'is', null)
    .where('id', '<>', merge.id)
    // compared with the stored time: a JS Date would drop the microseconds
    .where(sql<boolean>`(at, id) > (SELECT x.at, x.id FROM customer_merges x WHERE x.org_id = ${merge.org_id} AND x.id = ${merge.id})`)
    .where((eb) => eb.or([eb('survivor_id', 'in', people), eb('merged_id', 'in', people)]))
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function markUndone(tx: Tx, orgId: string, id: string, userId: string): Promise<void> {
  await tx.updateTable('customer_merges').set({ undone_at: new Date(), undone_by: userId }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export type MergeListRow = MergeRecord & { actor_name: string | null; undone_by_name: string | null };

/** Merges a customer took part in, newest first (a handful per customer at most). */
export async function listMergesOf(db: Tx, orgId: string, customerId: string): Promise<MergeListRow[]> {
  return db
    .selectFrom('customer_merges as m')
    .leftJoin('users as a', (j) => j.onRef('a.org_id', '=', 'm.org_id').onRef('a.id', '=', 'm.actor_id'))
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'm.org_id').onRef('u.id', '=', 'm.undone_by'))
    .selectAll('m')
    .select(['a.display_name as actor_name', 'u.display_name as undone_by_name'])
    .where('m.org_id', '=', orgId)
    .where((eb) => eb.or([eb('m.survivor_id', '=', customerId), eb('m.merged_id', '=', customerId)]))
    .orderBy('m.at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(200)
    .execute();
}

/** Everything of a customer row that a merge may change and undo puts back (not its key or version). */
export const RESTORED_COLUMNS = [
  'kind', 'name', 'name_en', 'gender', 'birthday', 'phones', 'email', 'wechat', 'province_code', 'city_code',
  'district_code', 'address', 'company', 'job_title', 'credit_code', 'industry', 'company_size', 'legal_rep',
  'registered_capital_fen', 'id_number_enc', 'id_number_hash', 'id_number_masked', 'source_channel', 'owner_id',
  'department_id', 'lifecycle_status', 'class_marketing', 'class_management', 'class_product', 'is_internal', 'tags',
  'custom', 'preferences', 'remark', 'last_activity_at', 'merged_into_id', 'anonymized_at', 'created_by', 'created_at',
  'deleted_at',
] as const satisfies readonly (keyof CustomerRow)[];

/**
 * Writes a row back as a snapshot (`customer_merges.*_before`, a JSON copy of the full row)
 * holds it, with the next version; returns the row as stored.
 */
export async function restoreCustomer(tx: Tx, orgId: string, snapshot: Record<string, unknown>, opts: { version: number; searchTokens: string[] }): Promise<CustomerRow> {
  const values: Record<string, unknown> = {};
  for (const col of RESTORED_COLUMNS) values[col] = snapshot[col] ?? null;
  // jsonb values go as JSON text (the driver would send a JS array as a PostgreSQL array)
  values.phones = JSON.stringify(snapshot.phones ?? []);
  values.custom = JSON.stringify(snapshot.custom ?? {});
  values.preferences = JSON.stringify(snapshot.preferences ?? {});
  values.tags = (snapshot.tags as string[] | undefined) ?? [];
  return tx
    .updateTable('customers')
    .set({ ...(values as object), search_tokens: opts.searchTokens, version: opts.version, updated_at: new Date() })
    .where('org_id', '=', orgId)
    .where('id', '=', snapshot.id as string)
    .returningAll()
    .executeTakeFirstOrThrow();
}
