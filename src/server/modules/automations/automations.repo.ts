import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import type { AutomationsTable } from '../tickets/service-desk.tables.js';

/** Kysely queries of automations and the references their actions point to. */

export function listAutomations(db: Kysely<DB>, orgId: string) {
  return db.selectFrom('automations').selectAll().where('org_id', '=', orgId).orderBy('kind').orderBy('position').orderBy('id').execute();
}

export function findAutomation(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom('automations').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}
export type AutomationRow = NonNullable<Awaited<ReturnType<typeof findAutomation>>>;

/** Serializes position changes of one organization's automations until the transaction ends. */
export async function lockPositions(db: Kysely<DB>, orgId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`kefu.automations:${orgId}`}, 0))`.execute(db);
}

export async function nextPosition(db: Kysely<DB>, orgId: string, kind: 'trigger' | 'schedule'): Promise<number> {
  const row = await db.selectFrom('automations').select((eb) => eb.fn.max('position').as('max')).where('org_id', '=', orgId).where('kind', '=', kind).executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export function insertAutomation(db: Kysely<DB>, row: Insertable<AutomationsTable>) {
  return db.insertInto('automations').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateAutomation(db: Kysely<DB>, orgId: string, id: string, version: number, patch: Updateable<AutomationsTable>) {
  return db
    .updateTable('automations')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteAutomation(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('automations').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function setPosition(db: Kysely<DB>, orgId: string, id: string, position: number): Promise<void> {
  await db.updateTable('automations').set({ position }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

async function existing(db: Kysely<DB>, table: 'teams' | 'users' | 'canned_replies', orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  let q = db.selectFrom(table).select('id').where('org_id', '=', orgId).where('id', 'in', ids);
  if (table === 'users') q = q.where(sql<boolean>`status = 'active'`);
  return new Set((await q.execute()).map((r) => r.id));
}
export const existingTeams = (db: Kysely<DB>, orgId: string, ids: string[]) => existing(db, 'teams', orgId, ids);
export const activeUsers = (db: Kysely<DB>, orgId: string, ids: string[]) => existing(db, 'users', orgId, ids);
export const existingReplies = (db: Kysely<DB>, orgId: string, ids: string[]) => existing(db, 'canned_replies', orgId, ids);
