import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../../platform/db-schema.js';

/** The last sign of life of a customer: its last activity, else its last edit, else its creation. */
export const lastActivity = sql<Date>`coalesce(customers.last_activity_at, customers.updated_at, customers.created_at)`;

/**
 * Customers the retention policy is due to anonymize: live, not yet anonymized, not merged away
 * (a merged record follows its survivor and is anonymized with it), inactive since `cutoff`.
 */
export function dueForRetention(db: Kysely<DB>, orgId: string, cutoff: Date) {
  return db
    .selectFrom('customers')
    .where('customers.org_id', '=', orgId)
    .where('customers.deleted_at', 'is', null)
    .where('customers.anonymized_at', 'is', null)
    .where('customers.merged_into_id', 'is', null)
    .where(sql<SqlBool>`${lastActivity} < ${cutoff}`);
}

export async function countDue(db: Kysely<DB>, orgId: string, cutoff: Date): Promise<number> {
  const row = await dueForRetention(db, orgId, cutoff).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The policy row, or undefined while the organization never saved one. */
export function findPolicy(db: Kysely<DB>, orgId: string) {
  return db.selectFrom('customer_retention').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

/** Instant `years` calendar years before `now` (29 February falls back to 28 February). */
export function cutoffFor(now: Date, years: number): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCMonth() !== now.getUTCMonth()) d.setUTCDate(0);
  return d;
}
