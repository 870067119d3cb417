import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { cleanText } from '../../../shared/text-clean.js';

export type DuplicateKeys = {
  phones?: readonly string[];
  email?: string | null;
  creditCode?: string | null;
  idNumberHash?: string | null;
  name?: string | null;
};
export type CandidateRow = { id: string; name: string; kind: 'individual' | 'organization'; owner_name: string | null; created_at: Date; reasons: string[] };

/** The name as compared for duplicates: cleaned, case and spaces ignored. */
export const nameKey = (name: string) => cleanText(name).toLowerCase().replace(/\s+/g, '');

/**
 * Live customers of the organization that share a normalized phone, e-mail, credit code or ID
 * number with the given values, or have the same name (case and spaces ignored). Scope is not
 * applied on purpose: a duplicate owned by a colleague is still a duplicate (only names and
 * owners are shown, never the matching personal data).
 */
export async function findDuplicateCandidates(db: Kysely<DB>, orgId: string, keys: DuplicateKeys, opts: { excludeId?: string; limit?: number } = {}): Promise<CandidateRow[]> {
  // One indexed probe per key, united: an OR over them would defeat the indexes.
  const probes: ReturnType<typeof sql>[] = [];
  const live = sql`c.org_id = ${orgId} AND c.deleted_at IS NULL`;
  const phones = [...new Set(keys.phones ?? [])];
  if (phones.length > 0) {
    probes.push(sql`SELECT p.customer_id AS id, 'phone' AS reason FROM customer_phones p WHERE p.org_id = ${orgId} AND p.phone IN (${sql.join(phones)})`);
  }
  if (keys.email) probes.push(sql`SELECT c.id, 'email' AS reason FROM customers c WHERE ${live} AND lower(c.email) = ${keys.email.toLowerCase()}`);
  if (keys.creditCode) probes.push(sql`SELECT c.id, 'credit_code' AS reason FROM customers c WHERE ${live} AND c.credit_code = ${keys.creditCode}`);
  if (keys.idNumberHash) probes.push(sql`SELECT c.id, 'id_number' AS reason FROM customers c WHERE ${live} AND c.id_number_hash = ${keys.idNumberHash}`);
  if (keys.name && nameKey(keys.name).length >= 2) {
    probes.push(sql`SELECT c.id, 'name' AS reason FROM customers c WHERE ${live} AND replace(lower(c.name), ' ', '') = ${nameKey(keys.name)}`);
  }
  if (probes.length === 0) return [];
  const rows = await sql<CandidateRow>`
    WITH hits AS (${sql.join(probes, sql` UNION ALL `)})
    SELECT c.id, c.name, c.kind, o.display_name AS owner_name, c.created_at, array_agg(DISTINCT h.reason ORDER BY h.reason) AS reasons
    FROM hits h
    JOIN customers c ON c.org_id = ${orgId} AND c.id = h.id
    LEFT JOIN users o ON o.org_id = c.org_id AND o.id = c.owner_id
    WHERE c.deleted_at IS NULL AND c.merged_into_id IS NULL AND c.anonymized_at IS NULL
      ${opts.excludeId ? sql`AND c.id <> ${opts.excludeId}` : sql``}
    GROUP BY c.id, c.name, c.kind, o.display_name, c.created_at
    ORDER BY count(*) DESC, c.created_at DESC
    LIMIT ${opts.limit ?? 10}`.execute(db);
  return rows.rows;
}
