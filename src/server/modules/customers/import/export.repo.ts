import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../platform/db-schema.js';

/**
 * A customer's sort timestamp to the microsecond, as ISO text. A JavaScript Date keeps only
 * milliseconds, so a keyset cursor built from one skips every row that shares the millisecond
 * but not the microseconds (all customers created in one transaction, e.g. by an import).
 */
export async function exactTimestamp(db: Kysely<DB>, orgId: string, id: string, column: 'created_at' | 'updated_at' | 'last_activity_at'): Promise<string> {
  const row = await sql<{ v: string | null }>`
    SELECT to_char(${sql.ref(`customers.${column}`)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS v
    FROM customers WHERE customers.org_id = ${orgId} AND customers.id = ${id}`.execute(db);
  // never-active customers sort as '-infinity' (see customers.repo.ts)
  return row.rows[0]?.v ?? '-infinity';
}
