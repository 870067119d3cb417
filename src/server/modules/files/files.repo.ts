import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, FilesTable } from '../../platform/db-schema.js';

export type FileRow = Selectable<FilesTable>;

export async function insertFile(db: Kysely<DB>, row: Insertable<FilesTable>): Promise<FileRow> {
  return db.insertInto('files').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A live (not deleted) file of the organization. */
export function findFile(db: Kysely<DB>, orgId: string, id: string): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('org_id', '=', orgId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function softDelete(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.updateTable('files').set({ deleted_at: new Date() }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function linkFiles(db: Kysely<DB>, orgId: string, ids: string[], entityType: string, entityId: string): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('files')
    .set({ entity_type: entityType, entity_id: entityId })
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Files deleted longer ago than the recycle period, whose bytes may go. */
export function deletedBefore(db: Kysely<DB>, before: Date, limit: number) {
  return db.selectFrom('files').select(['org_id', 'id', 'storage_key']).where('deleted_at', '<', before).orderBy('deleted_at').limit(limit).execute();
}

export async function hardDelete(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('files').where('org_id', '=', orgId).where('id', '=', id).execute();
}
