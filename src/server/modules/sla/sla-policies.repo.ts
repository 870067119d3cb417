import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import type { EscalationRule, SlaPolicyRow } from '../tickets/service-desk.tables.js';

/** Kysely queries of sla_policies and the references their rules point to. */

export type PolicyValues = {
  name: string;
  ticket_types: string[];
  priorities: string[];
  customer_tiers: string[];
  calendar_id: string | null;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  warn_percent: number;
  escalations: EscalationRule[];
  active: boolean;
};

export function listPolicies(db: Kysely<DB>, orgId: string): Promise<SlaPolicyRow[]> {
  return db.selectFrom('sla_policies').selectAll().where('org_id', '=', orgId).orderBy('position').orderBy('id').execute();
}

export function findPolicy(db: Kysely<DB>, orgId: string, id: string): Promise<SlaPolicyRow | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Serializes position changes of one organization's policies until the transaction ends. */
export async function lockPositions(db: Kysely<DB>, orgId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`kefu.sla_policies:${orgId}`}, 0))`.execute(db);
}

export async function nextPosition(db: Kysely<DB>, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('sla_policies')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export function insertPolicy(db: Kysely<DB>, row: PolicyValues & { org_id: string; id: string; position: number }): Promise<SlaPolicyRow> {
  return db
    .insertInto('sla_policies')
    .values({ ...row, escalations: JSON.stringify(row.escalations) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Applies `patch` when the row still has `version`; undefined when it does not (or is gone). */
export function updatePolicy(db: Kysely<DB>, orgId: string, id: string, version: number, patch: Partial<PolicyValues>): Promise<SlaPolicyRow | undefined> {
  return db
    .updateTable('sla_policies')
    .set((eb) => ({
      ...patch,
      ...(patch.escalations ? { escalations: JSON.stringify(patch.escalations) } : {}),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function setPosition(db: Kysely<DB>, orgId: string, id: string, position: number): Promise<void> {
  await db
    .updateTable('sla_policies')
    .set((eb) => ({ position, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('position', '<>', position)
    .execute();
}

export async function deletePolicy(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('sla_policies').where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Which of `ids` are active users of the organization. */
export async function activeUsers(db: Kysely<DB>, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('id').where('org_id', '=', orgId).where('id', 'in', ids).where('status', '=', 'active').execute();
  return new Set(rows.map((r) => r.id));
}

export async function existingTeams(db: Kysely<DB>, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('teams').select('id').where('org_id', '=', orgId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function calendarExists(db: Kysely<DB>, orgId: string, id: string): Promise<boolean> {
  return !!(await db.selectFrom('calendars').select('id').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst());
}
