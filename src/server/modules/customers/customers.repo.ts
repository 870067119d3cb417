import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { scopeFilter } from '../../platform/access.js';
import type { DB } from '../../platform/db-schema.js';
import { decodeCursor } from '../../platform/http/pagination.js';
import { likeContains, likePrefix } from '../../platform/sql-like.js';
import type { CustomFieldDef } from '../../../shared/custom-fields.js';
import type { CustomerFilter } from '../../../shared/customers.js';
import { filterExpression } from './customer-filter.js';
import type { CustomerRow, PhoneEntry } from './customers.tables.js';
import { customerSearchTokens, searchQueryAlternatives } from './search-tokens.js';

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

/** 0: the name is the query; 1: the name starts with it; 2: anything else that matched. */
function rankExpression(q: string) {
  const lowered = q.trim().toLowerCase();
  return sql<number>`CASE WHEN lower(customers.name) = ${lowered} THEN 0 WHEN lower(customers.name) LIKE ${likePrefix(lowered)} THEN 1 ELSE 2 END`;
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

/** The customers a search lists (scope, filter and the search condition), without the owner join. */
function matching(db: Kysely<DB>, actor: Actor, opts: Pick<ListOptions, 'filter' | 'customDefs'>, search: Expression<SqlBool>) {
  return db
    .selectFrom('customers')
    .where('customers.org_id', '=', actor.orgId)
    .where('customers.deleted_at', 'is', null)
    .where('customers.merged_into_id', 'is', null)
    .where(customersScope(actor))
    .where(filterExpression(opts.filter, opts.customDefs))
    .where(search);
}

/**
 * A search lists newest first when the planner expects more than `broadRows` matches in total
 * and more than `broadRows` for one alternative: ranking needs every match fetched and sorted (a
 * two-letter initials query matched 55,000 customers: 355 ms), while newest first reads the
 * primary key backwards until the page is full (5 ms). Otherwise the ranked plan stays: newest
 * first through rare tokens (a mobile number, a full pinyin) reads the whole table (3 to 30 s).
 * The estimate is close for the tokens in the column statistics (the 1,000 most common) and the
 * same few thousand for every rarer one; five rare alternatives add up past the threshold, which
 * is why one alternative must pass it on its own.
 */
export const searchTuning = { broadRows: 10_000 };

type PlanNode = { 'Node Type'?: string; 'Plan Rows'?: number; Plans?: PlanNode[] };

async function isBroad(query: { explain(format: 'json'): Promise<Record<string, unknown>[]> }): Promise<boolean> {
  const [row] = await query.explain('json');
  const plan = (row?.['QUERY PLAN'] as { Plan?: PlanNode }[] | undefined)?.[0]?.Plan;
  if (!plan || (plan['Plan Rows'] ?? 0) <= searchTuning.broadRows) return false;
  let widest = -1;
  const walk = (node: PlanNode) => {
    if (node['Node Type'] === 'Bitmap Index Scan') widest = Math.max(widest, node['Plan Rows'] ?? 0);
    node.Plans?.forEach(walk);
  };
  walk(plan);
  // no bitmap scan: the planner reads the table sequentially, so the matches are many
  return widest < 0 || widest > searchTuning.broadRows;
}

type PageId = { id: string; rank: number };

/** A phone number, its last four digits, an e-mail address or a credit code: never broad, no estimate needed. */
const identifying = (q: string) => searchQueryAlternatives(q).alternatives.every((alt) => alt.some((token) => /^(?:ph|p4|em|cc):/.test(token)));

async function searchPage(db: Kysely<DB>, actor: Actor, opts: ListOptions, q: string): Promise<CustomerWithRefs[]> {
  const cursor = decodeCursor(opts.cursor);
  const search = searchCondition(q);
  if (!search) return [];
  const lowered = q.trim().toLowerCase();
  const base = () => matching(db, actor, opts, search);
  const n = opts.limit + 1;
  let ids: Expression<PageId>;
  if (!identifying(q) && (await isBroad(base().select(sql<number>`1`.as('one'))))) {
    const exact = sql<SqlBool>`lower(customers.name) = ${lowered}`;
    // the index on replace(lower(name), ' ', '') finds the exact names
    const exactArm = base()
      .where(sql<SqlBool>`replace(lower(customers.name), ' ', '') = ${lowered.replace(/ /g, '')}`)
      .where(exact)
      .select(['customers.id', sql<number>`0`.as('rank')])
      .$if(cursor?.v === 0, (qb) => qb.where('customers.id', '<', cursor!.id))
      .orderBy('customers.id', 'desc')
      .limit(n);
    const restArm = base()
      .where(sql<SqlBool>`NOT ${exact}`)
      .select(['customers.id', sql<number>`2`.as('rank')])
      .$if(!!cursor && cursor.v !== 0, (qb) => qb.where('customers.id', '<', cursor!.id))
      .orderBy('customers.id', 'desc')
      .limit(n);
    ids = cursor && cursor.v !== 0 ? restArm : db.selectFrom(exactArm.as('e')).selectAll().unionAll(db.selectFrom(restArm.as('r')).selectAll());
  } else {
    const rank = rankExpression(q);
    ids = base()
      .select(['customers.id', rank.as('rank')])
      .$if(!!cursor, (qb) => qb.where(sql<SqlBool>`(${rank} > ${Number(cursor!.v)} OR (${rank} = ${Number(cursor!.v)} AND customers.id < ${cursor!.id}::uuid))`))
      .orderBy(rank)
      .orderBy('customers.id', 'desc')
      .limit(n);
  }
  return db
    .selectFrom(sql<PageId>`${ids}`.as('p'))
    .innerJoin('customers', (j) => j.on('customers.org_id', '=', actor.orgId).onRef('customers.id', '=', 'p.id'))
    .leftJoin('users as o', (j) => j.onRef('o.org_id', '=', 'customers.org_id').onRef('o.id', '=', 'customers.owner_id'))
    .select(COLUMNS)
    .select(['o.display_name as owner_name', 'p.rank'])
    .orderBy('p.rank')
    .orderBy('customers.id', 'desc')
    .limit(n)
    .execute();
}

/**
 * A page of the register: scope, filter and search applied in SQL, keyset-paginated. With a
 * search query the best matches come first (see searchPage), otherwise the chosen sort.
 */
export async function listCustomers(db: Kysely<DB>, actor: Actor, opts: ListOptions): Promise<CustomerWithRefs[]> {
  if (opts.q?.trim()) return searchPage(db, actor, opts, opts.q);
  const cursor = decodeCursor(opts.cursor);
  let query = filtered(db, actor, opts);
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

/** Recomputes stored search tokens after the token rules changed (queued by migration 0008). */
export const SEARCH_TOKENS_REFRESH_JOB = 'customers.search_tokens.refresh';

/**
 * Recomputes the search tokens of every customer whose name has five or more characters (the
 * rows the place and legal-form rule changes), in batches by (org_id, id); a row is written only
 * when its tokens differ and its version is still the one read, so a concurrent edit wins.
 * Idempotent: a rerun finds nothing left to change. Returns how many rows changed.
 */
export async function refreshSearchTokens(db: Kysely<DB>, onBatch?: (scanned: number) => Promise<void>, batch = 1000): Promise<number> {
  let after: { org_id: string; id: string } | null = null;
  let scanned = 0;
  let changed = 0;
  for (;;) {
    const rows = await db
      .selectFrom('customers')
      .select(['org_id', 'id', 'version', 'name', 'name_en', 'phones', 'email', 'credit_code', 'wechat', 'search_tokens'])
      .where(sql<SqlBool>`char_length(name) >= 5`)
      .where('anonymized_at', 'is', null)
      .$if(after !== null, (qb) => qb.where(sql<SqlBool>`(org_id, id) > (${after!.org_id}::uuid, ${after!.id}::uuid)`))
      .orderBy('org_id')
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return changed;
    const updates = rows.flatMap((r) => {
      const phones = (typeof r.phones === 'string' ? JSON.parse(r.phones) : r.phones) as PhoneEntry[];
      const tokens = customerSearchTokens({ name: r.name, nameEn: r.name_en, phones: phones.map((p) => p.value), email: r.email, creditCode: r.credit_code, wechat: r.wechat });
      const old = new Set(r.search_tokens);
      const same = old.size === tokens.length && tokens.every((t) => old.has(t));
      return same ? [] : [{ org_id: r.org_id, id: r.id, version: r.version, tokens }];
    });
    if (updates.length > 0) {
      const result = await sql`
        UPDATE customers c SET search_tokens = u.tokens
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(org_id uuid, id uuid, version integer, tokens text[])
        WHERE c.org_id = u.org_id AND c.id = u.id AND c.version = u.version`.execute(db);
      changed += Number(result.numAffectedRows ?? 0);
    }
    scanned += rows.length;
    const last: { org_id: string; id: string } = rows[rows.length - 1];
    after = { org_id: last.org_id, id: last.id };
    await onBatch?.(scanned);
  }
}
