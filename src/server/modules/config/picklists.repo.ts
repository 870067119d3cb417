import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, PicklistItemsTable, PicklistsTable } from '../../platform/db-schema.js';

export type PicklistRow = Selectable<PicklistsTable>;
export type ItemRow = Selectable<PicklistItemsTable>;

export function listPicklists(db: Kysely<DB>, orgId: string): Promise<(PicklistRow & { item_count: number })[]> {
  return db
    .selectFrom('picklists as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('picklist_items as i')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('i.org_id', '=', 'p.org_id')
        .whereRef('i.picklist_id', '=', 'p.id')
        .where('i.active', '=', true)
        .as('item_count'),
    )
    .where('p.org_id', '=', orgId)
    .orderBy('p.code')
    .execute() as Promise<(PicklistRow & { item_count: number })[]>;
}

export function findPicklist(db: Kysely<DB>, orgId: string, code: string): Promise<PicklistRow | undefined> {
  return db.selectFrom('picklists').selectAll().where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

export function insertPicklist(db: Kysely<DB>, row: Pick<PicklistRow, 'org_id' | 'id' | 'code' | 'name' | 'name_en' | 'hierarchical'>): Promise<PicklistRow> {
  return db.insertInto('picklists').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updatePicklist(db: Kysely<DB>, orgId: string, id: string, version: number, patch: { name?: string; name_en?: string | null }) {
  return db
    .updateTable('picklists')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function listItems(db: Kysely<DB>, orgId: string, picklistId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('picklist_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('picklist_id', '=', picklistId)
    .orderBy('sort')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function itemCodeTaken(db: Kysely<DB>, orgId: string, picklistId: string, code: string): Promise<boolean> {
  const r = await db.selectFrom('picklist_items').select('id').where('org_id', '=', orgId).where('picklist_id', '=', picklistId).where('code', '=', code).executeTakeFirst();
  return !!r;
}

export function insertItem(
  db: Kysely<DB>,
  row: Pick<ItemRow, 'org_id' | 'id' | 'picklist_id' | 'parent_id' | 'code' | 'label' | 'label_en' | 'sort'>,
): Promise<ItemRow> {
  return db.insertInto('picklist_items').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateItem(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  version: number,
  patch: { label?: string; label_en?: string | null; parent_id?: string | null; sort?: number; active?: boolean },
): Promise<ItemRow | undefined> {
  return db
    .updateTable('picklist_items')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Sets `active` on many items of one list (cascading a deactivation to descendants). */
export async function setItemsActive(db: Kysely<DB>, orgId: string, ids: string[], active: boolean): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('picklist_items')
    .set((eb) => ({ active, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}

export async function setItemSort(db: Kysely<DB>, orgId: string, id: string, sort: number): Promise<void> {
  await db
    .updateTable('picklist_items')
    .set((eb) => ({ sort, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Serializes structural edits (moves, reorders, new items) of one list until the transaction ends. */
export async function lockPicklist(db: Kysely<DB>, orgId: string, picklistId: string): Promise<void> {
  await db.selectFrom('picklists').select('id').where('org_id', '=', orgId).where('id', '=', picklistId).forNoKeyUpdate().execute();
}
