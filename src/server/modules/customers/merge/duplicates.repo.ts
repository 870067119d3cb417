import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import type { DB } from '../../../platform/db-schema.js';
import type { PhoneEntry } from '../customers.tables.js';
import type { KeyRow } from './duplicate-groups.js';
import { candidate, KEYS, MEMBER_CAP, narrow } from './duplicate-keys.repo.js';

type Db = Kysely<DB>;

/**
 * The next `budget` distinct name keys of 3+ characters shared by candidate customers, from
 * `fromKey` on (inclusive), in key order, with how many customers hold each and the oldest of
 * them. Scope 全部 walks the name-key index; a narrow scope sorts its own customers (see `narrow`).
 */
export async function scanNameKeys(db: Db, actor: Actor, fromKey: string | null, budget: number): Promise<KeyRow[]> {
  const key = KEYS.name.key;
  const where = sql`${candidate(actor)} AND char_length(${key}) >= 3 ${fromKey === null ? sql`` : sql`AND ${key} >= ${fromKey}`}`;
  const ids = sql`(array_agg(id ORDER BY created_at, id))[1:${sql.lit(MEMBER_CAP)}]`;
  const res = narrow(actor)
    ? await sql<KeyRow>`
      WITH scoped AS MATERIALIZED (SELECT customers.id, customers.created_at, ${key} AS k FROM customers WHERE ${where})
      SELECT k, count(*)::int AS n, ${ids} AS ids FROM scoped GROUP BY k ORDER BY k LIMIT ${budget}`.execute(db)
    : await sql<KeyRow>`
      SELECT ${key} AS k, count(*)::int AS n, (array_agg(customers.id ORDER BY customers.created_at, customers.id))[1:${sql.lit(MEMBER_CAP)}] AS ids
      FROM customers WHERE ${where} GROUP BY ${key} ORDER BY ${key} LIMIT ${budget}`.execute(db);
  return res.rows;
}

/** pg_trgm similarity of each pair of name keys, in one round trip. */
export async function similarities(db: Db, pairs: readonly [string, string][]): Promise<number[]> {
  if (pairs.length === 0) return [];
  const res = await sql<{ s: number }>`
    SELECT similarity(a, b)::float8 AS s FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]) WITH ORDINALITY AS t(a, b, i)
    ORDER BY i`.execute(db);
  return res.rows.map((r) => Number(r.s));
}

export type MemberRow = {
  id: string;
  name: string;
  kind: 'individual' | 'organization';
  phones: PhoneEntry[];
  email: string | null;
  credit_code: string | null;
  id_number_hash: string | null;
  lifecycle_status: 'potential' | 'new' | 'active' | 'at_risk' | 'churned' | 'won_back';
  owner_id: string | null;
  owner_name: string | null;
  created_at: Date;
  version: number;
};

/** The members of a page's groups, still candidates (a merge may have happened meanwhile). */
export async function loadMembers(db: Db, actor: Actor, ids: readonly string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  const res = await sql<MemberRow>`
    SELECT customers.id, customers.name, customers.kind, customers.phones, customers.email, customers.credit_code,
      customers.id_number_hash, customers.lifecycle_status, customers.owner_id, o.display_name AS owner_name,
      customers.created_at, customers.version
    FROM customers LEFT JOIN users o ON o.org_id = customers.org_id AND o.id = customers.owner_id
    WHERE ${candidate(actor)} AND customers.id = ANY(${[...ids]}::uuid[])`.execute(db);
  return res.rows;
}

/** "Not duplicates" judgements among the given customers (both ends in the list). */
export async function notDuplicatePairs(db: Db, orgId: string, ids: readonly string[]): Promise<{ a_id: string; b_id: string }[]> {
  if (ids.length < 2) return [];
  return db
    .selectFrom('customer_not_duplicates')
    .select(['a_id', 'b_id'])
    .where('org_id', '=', orgId)
    .where('a_id', 'in', ids)
    .where('b_id', 'in', ids)
    .execute();
}

/** Records a judgement once (a repeat is a no-op); true when it was new. */
export async function insertNotDuplicate(db: Db, row: { org_id: string; a_id: string; b_id: string; actor_id: string }): Promise<boolean> {
  const res = await db.insertInto('customer_not_duplicates').values(row).onConflict((oc) => oc.doNothing()).returning('a_id').executeTakeFirst();
  return !!res;
}
