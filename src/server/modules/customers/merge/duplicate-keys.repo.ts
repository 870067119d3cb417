import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import { scopeOf } from '../../../platform/access.js';
import type { DB } from '../../../platform/db-schema.js';
import { customersScope } from '../customers.repo.js';
import type { DuplicateReason } from './merge.schema.js';

type Db = Kysely<DB>;
export type ExactReason = Exclude<DuplicateReason, 'name_similar'>;

/** The most members a group lists (the count is still exact). */
export const MEMBER_CAP = 20;

/**
 * Each exact key as the migration indexed it: `index` is the bare key index (customer_phones'
 * primary key, the partial key indexes of customers), `from` joins in the customer.
 */
export const KEYS: Record<ExactReason, { key: RawBuilder<string>; index: (orgId: string) => RawBuilder<unknown>; from: RawBuilder<unknown> }> = {
  id_number: keyOfCustomers(sql`customers.id_number_hash`, sql`customers.id_number_hash IS NOT NULL`),
  credit_code: keyOfCustomers(sql`customers.credit_code`, sql`customers.credit_code IS NOT NULL`),
  email: keyOfCustomers(sql`lower(customers.email)`, sql`customers.email IS NOT NULL`),
  name: keyOfCustomers(sql`replace(lower(customers.name), ' ', '')`, sql`true`),
  phone: {
    key: sql`p.phone`,
    index: (orgId) => sql`customer_phones p WHERE p.org_id = ${orgId}`,
    from: sql`customer_phones p JOIN customers ON customers.org_id = p.org_id AND customers.id = p.customer_id`,
  },
};

function keyOfCustomers(key: RawBuilder<string>, present: RawBuilder<SqlBool>) {
  // the predicates of the partial indexes, so the planner can use them
  return { key, index: (orgId: string) => sql`customers WHERE customers.org_id = ${orgId} AND customers.deleted_at IS NULL AND ${present}`, from: sql`customers` };
}

/** Customers that can be proposed: live, not merged away, not anonymized, in the caller's scope. */
export const candidate = (actor: Actor) =>
  sql<SqlBool>`customers.org_id = ${actor.orgId} AND customers.deleted_at IS NULL AND customers.merged_into_id IS NULL AND customers.anonymized_at IS NULL AND ${customersScope(actor)}`;

/**
 * A scope narrower than 全部 (本人, 本部门 …) covers few customers: collect them first through
 * the owner and department indexes, then group. Walking a whole key index to find one owner's
 * rows costs seconds at a million customers (measured: 35 s cold for phones on PostgreSQL 15).
 */
export const narrow = (actor: Actor) => scopeOf(actor, 'customers') !== 'all';

export type ExactGroupRow = { key: string; n: number; ids: string[] };
export type ExactBatch = { groups: ExactGroupRow[]; lastKey: string | null; more: boolean };

const members = (prefix: RawBuilder<unknown>) => sql`(array_agg(${prefix}id ORDER BY ${prefix}created_at, ${prefix}id))[1:${sql.lit(MEMBER_CAP)}]`;

/**
 * Up to `limit` keys after `after` (in key order) shared by more than one candidate customer,
 * with their oldest members first. Scope 全部: `GROUP BY key HAVING count(*) > 1` over the
 * bare key index (stops after `limit` keys), then each key's candidates checked through the
 * same index; keys that only deleted, merged or anonymized customers shared drop out there, so
 * a batch may hold fewer groups than keys read (`lastKey` is where the next batch starts).
 */
export async function exactGroups(db: Db, actor: Actor, reason: ExactReason, after: string | null, limit: number): Promise<ExactBatch> {
  const { key, index, from } = KEYS[reason];
  const afterKey = (k: RawBuilder<unknown>) => (after === null ? sql`` : sql`AND ${k} > ${after}`);
  if (narrow(actor)) {
    // Scope first; phones read from the card itself (the same normalized values customer_phones holds).
    const scoped =
      reason === 'phone'
        ? sql`SELECT customers.id, customers.created_at, ph.value AS key FROM customers CROSS JOIN LATERAL jsonb_to_recordset(customers.phones) AS ph(value text) WHERE ${candidate(actor)} ${afterKey(sql`ph.value`)}`
        : sql`SELECT customers.id, customers.created_at, ${key} AS key FROM customers WHERE ${candidate(actor)} AND ${key} IS NOT NULL ${afterKey(key)}`;
    const res = await sql<ExactGroupRow>`
      WITH scoped AS MATERIALIZED (${scoped})
      SELECT key, count(*)::int AS n, ${members(sql``)} AS ids
      FROM scoped GROUP BY key HAVING count(*) > 1 ORDER BY key LIMIT ${limit}`.execute(db);
    return { groups: res.rows, lastKey: res.rows.at(-1)?.key ?? null, more: res.rows.length === limit };
  }
  const res = await sql<{ key: string; n: number; ids: string[] | null }>`
    WITH keys AS MATERIALIZED (
      SELECT ${key} AS key FROM ${index(actor.orgId)} ${afterKey(key)}
      GROUP BY ${key} HAVING count(*) > 1 ORDER BY ${key} LIMIT ${limit}
    )
    SELECT keys.key, g.n, g.ids FROM keys CROSS JOIN LATERAL (
      SELECT count(*)::int AS n, ${members(sql`customers.`)} AS ids
      FROM ${from} WHERE ${candidate(actor)} ${reason === 'phone' ? sql`AND p.org_id = ${actor.orgId}` : sql``} AND ${key} = keys.key
    ) g
    ORDER BY keys.key`.execute(db);
  return {
    groups: res.rows.filter((r) => r.n > 1).map((r) => ({ key: r.key, n: r.n, ids: r.ids ?? [] })),
    lastKey: res.rows.at(-1)?.key ?? null,
    more: res.rows.length === limit,
  };
}
