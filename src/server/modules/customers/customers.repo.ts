import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { scopeFilter } from '../../platform/access.js';
import type { DB } from '../../platform/db-schema.js';
import { decodeCursor } from '../../platform/http/pagination.js';
import type { CustomFieldDef } from '../../../shared/custom-fields.js';
import type { CustomerFilter } from '../../../shared/customers.js';
import { filterExpression } from './customer-filter.js';
import type { CustomerRow, PhoneEntry } from './customers.tables.js';
import { searchQueryAlternatives } from './search-tokens.js';

export type CustomerWithRefs = Omit<CustomerRow, 'search_tokens'> & { owner_name: string | null; rank?: number; sort_key?: string };

const COLUMNS = [
  'customers.org_id', 'customers.id', 'customers.kind', 'customers.name', 'customers.name_en', 'customers.gender',
  'customers.birthday', 'customers.phones', 'customers.email', 'customers.wechat', 'customers.province_code',
  'customers.city_code', 'customers.district_code', 'customers.address', 'customers.company', 'customers.job_title',
  'customers.credit_code', 'customers.industry', 'customers.company_size', 'customers.legal_rep',
  'customers.registered_capital_fen', 'customers.id_number_enc', 'customers.id_number_hash', 'customers.id_number_masked',
  'customers.source_channel', 'customers.owner_id', 'customers.department_id', 'customers.lifecycle_status',
  'customers.class_marketing', 'customers.class_management', 'customers.class_product', 'customers.is_internal',
  'customers.tags', 'customers.custom', 'customers.preferences', 'customers.remark', 'customers.last_activity_at',
  'customers.merged_into_id', 'customers.anonymized_at', 'customers.created_by', 'customers.version',
  'customers.created_at', 'customers.updated_at', 'customers.deleted_at',
] as const;

/** The customers resource: owned by the account manager, belonging to the owner's department. */
export const customersScope = (actor: Actor) =>
  scopeFilter(actor, 'customers', { ownerColumn: 'customers.owner_id', departmentColumn: 'customers.department_id' });

function baseQuery(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('customers')
    .leftJoin('users as o', (j) => j.onRef('o.org_id', '=', 'customers.org_id').onRef('o.id', '=', 'customers.owner_id'))
    .select(COLUMNS)
    .select('o.display_name as owner_name')
    .where('customers.org_id', '=', orgId)
    .where('customers.deleted_at', 'is', null);
}

/** One live customer (merged and anonymized ones included) if it lies in the actor's scope. */
export async function findCustomerInScope(db: Kysely<DB>, actor: Actor, id: string): Promise<CustomerWithRefs | undefined> {
  return baseQuery(db, actor.orgId).where('customers.id', '=', id).where(customersScope(actor)).executeTakeFirst();
}

export async function findCustomersInScope(db: Kysely<DB>, actor: Actor, ids: readonly string[]): Promise<CustomerWithRefs[]> {
  if (ids.length === 0) return [];
  return baseQuery(db, actor.orgId).where('customers.id', 'in', ids).where(customersScope(actor)).execute();
}

/** The row for an update, locked until the transaction ends; scope checked by the caller. */
export async function lockCustomer(db: Kysely<DB>, orgId: string, id: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('org_id', '=', orgId).where('id', '=', id).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
}

/**
 * Inside a write that hangs records off a customer: holds the customer row (FOR SHARE) until the
 * transaction ends, so a concurrent merge or anonymization (FOR UPDATE) waits for it or goes first.
 */
export async function shareLockCustomer(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'merged_into_id', 'anonymized_at'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .forShare()
    .executeTakeFirst();
}

/**
 * The search-box condition: any alternative whose tokens are all present (GIN `@>`), plus a
 * substring re-check for Chinese text (bigrams present do not prove they are adjacent).
 */
export function searchCondition(q: string): Expression<SqlBool> | null {
  const { alternatives, nameContains } = searchQueryAlternatives(q);
  if (alternatives.length === 0) return null;
  const parts = alternatives.map((tokens) => {
    const has = sql<SqlBool>`customers.search_tokens @> ${tokens}::text[]`;
    const nameOnly = nameContains && tokens.every((tk) => tk.startsWith('n:'));
    return nameOnly ? sql<SqlBool>`(${has} AND replace(lower(customers.name), ' ', '') LIKE ${likeContains(nameContains)})` : has;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** 0: the name is the query; 1: the name starts with it; 2: anything else that matched. */
function rankExpression(q: string) {
  const lowered = q.trim().toLowerCase();
  return sql<number>`CASE WHEN lower(customers.name) = ${lowered} THEN 0 WHEN lower(customers.name) LIKE ${`${lowered.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} THEN 1 ELSE 2 END`;
}

export type ListOptions = {
  q?: string;
  filter?: CustomerFilter;
  customDefs: readonly CustomFieldDef[];
  sort: { column: 'created_at' | 'updated_at' | 'name' | 'last_activity_at'; direction: 'asc' | 'desc' };
  limit: number;
  cursor?: string;
};

const SORT_SQL = {
  created_at: sql`customers.created_at`,
  updated_at: sql`customers.updated_at`,
  name: sql`customers.name`,
  // never-active customers sort as the oldest activity
  last_activity_at: sql`coalesce(customers.last_activity_at, '-infinity'::timestamptz)`,
} as const;
const CURSOR_CAST = { created_at: 'timestamptz', updated_at: 'timestamptz', name: 'text', last_activity_at: 'timestamptz' } as const;

function filtered(db: Kysely<DB>, actor: Actor, opts: Pick<ListOptions, 'q' | 'filter' | 'customDefs'>) {
  let query = baseQuery(db, actor.orgId)
    .where('customers.merged_into_id', 'is', null)
    .where(customersScope(actor))
    .where(filterExpression(opts.filter, opts.customDefs));
  const search = opts.q ? searchCondition(opts.q) : null;
  if (opts.q && !search) query = query.where(sql<SqlBool>`false`);
  if (search) query = query.where(search);
  return query;
}

/**
 * A page of the register: scope, filter and search applied in SQL, keyset-paginated. With a
 * search query the best matches come first (rank, then newest), otherwise the chosen sort.
 */
export async function listCustomers(db: Kysely<DB>, actor: Actor, opts: ListOptions): Promise<CustomerWithRefs[]> {
  const cursor = decodeCursor(opts.cursor);
  let query = filtered(db, actor, opts);
  if (opts.q?.trim()) {
    const rank = rankExpression(opts.q);
    if (cursor) query = query.where(sql<SqlBool>`(${rank} > ${Number(cursor.v)} OR (${rank} = ${Number(cursor.v)} AND customers.id < ${cursor.id}::uuid))`);
    return query.select(rank.as('rank')).orderBy(rank).orderBy('customers.id', 'desc').limit(opts.limit + 1).execute();
  }
  const { column, direction } = opts.sort;
  const col = SORT_SQL[column];
  if (cursor) {
    const op = sql.raw(direction === 'asc' ? '>' : '<');
    query = query.where(sql<SqlBool>`(${col}, customers.id) ${op} (cast(${cursor.v} as ${sql.raw(CURSOR_CAST[column])}), cast(${cursor.id} as uuid))`);
  }
  // The cursor carries the sort value as PostgreSQL prints it: a JavaScript Date would cut the
  // microseconds off, and rows created within one millisecond would be skipped.
  return query
    .select(sql<string>`${col}::text`.as('sort_key'))
    .orderBy(col, direction)
    .orderBy('customers.id', direction)
    .limit(opts.limit + 1)
    .execute();
}

/** How many customers of the actor's scope match (the live count of a segment or view). */
export async function countCustomers(db: Kysely<DB>, actor: Actor, opts: Pick<ListOptions, 'q' | 'filter' | 'customDefs'>): Promise<number> {
  let query = db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customers.org_id', '=', actor.orgId)
    .where('customers.deleted_at', 'is', null)
    .where('customers.merged_into_id', 'is', null)
    .where(customersScope(actor))
    .where(filterExpression(opts.filter, opts.customDefs));
  const search = opts.q ? searchCondition(opts.q) : null;
  if (search) query = query.where(search);
  else if (opts.q?.trim()) return 0;
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Keeps `customer_phones` equal to the customer's phones (duplicate checks and caller lookup read it). */
export async function replacePhones(db: Kysely<DB>, orgId: string, customerId: string, phones: readonly PhoneEntry[]): Promise<void> {
  await db.deleteFrom('customer_phones').where('org_id', '=', orgId).where('customer_id', '=', customerId).execute();
  if (phones.length === 0) return;
  await db
    .insertInto('customer_phones')
    .values(phones.map((p) => ({ org_id: orgId, customer_id: customerId, phone: p.value })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** An active user of the org, with their department (the new owner of a customer). */
export async function findActiveUser(db: Kysely<DB>, orgId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'department_id'])
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function insertStatusHistory(
  db: Kysely<DB>,
  row: { org_id: string; id: string; customer_id: string; from_status: string | null; to_status: string; reason: string; actor_id: string | null },
): Promise<void> {
  await db.insertInto('customer_status_history').values(row).execute();
}

export async function statusHistory(db: Kysely<DB>, orgId: string, customerId: string) {
  return db
    .selectFrom('customer_status_history as h')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'h.org_id').onRef('u.id', '=', 'h.actor_id'))
    .select(['h.id', 'h.from_status', 'h.to_status', 'h.reason', 'h.at', 'h.actor_id', 'u.display_name as actor_name'])
    .where('h.org_id', '=', orgId)
    .where('h.customer_id', '=', customerId)
    .orderBy('h.at', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
}
