import type { Kysely, Selectable } from 'kysely';
import type { CustomFieldsTable, DB } from '../../platform/db-schema.js';

export type CustomFieldRow = Selectable<CustomFieldsTable>;
export type StoredOption = { value: string; label: string; label_en?: string };

export function listCustomFields(db: Kysely<DB>, orgId: string, filter: { entity?: CustomFieldRow['entity']; active?: boolean }): Promise<CustomFieldRow[]> {
  let q = db.selectFrom('custom_fields').selectAll().where('org_id', '=', orgId);
  if (filter.entity) q = q.where('entity', '=', filter.entity);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active);
  return q.orderBy('entity').orderBy('sort').orderBy('created_at').orderBy('id').execute();
}

export function findCustomField(db: Kysely<DB>, orgId: string, id: string): Promise<CustomFieldRow | undefined> {
  return db.selectFrom('custom_fields').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function keyTaken(db: Kysely<DB>, orgId: string, entity: CustomFieldRow['entity'], key: string): Promise<boolean> {
  const row = await db.selectFrom('custom_fields').select('id').where('org_id', '=', orgId).where('entity', '=', entity).where('key', '=', key).executeTakeFirst();
  return !!row;
}

export function insertCustomField(
  db: Kysely<DB>,
  row: Omit<CustomFieldRow, 'version' | 'created_at' | 'updated_at' | 'options'> & { options: StoredOption[] },
): Promise<CustomFieldRow> {
  return db
    .insertInto('custom_fields')
    .values({ ...row, options: JSON.stringify(row.options) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateCustomField(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  version: number,
  patch: { label?: string; label_en?: string | null; options?: StoredOption[]; required?: boolean; sort?: number; active?: boolean; ticket_types?: string[] },
): Promise<CustomFieldRow | undefined> {
  const { options, ...rest } = patch;
  return db
    .updateTable('custom_fields')
    .set((eb) => ({ ...rest, ...(options ? { options: JSON.stringify(options) } : {}), version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteCustomField(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('custom_fields').where('org_id', '=', orgId).where('id', '=', id).execute();
}
