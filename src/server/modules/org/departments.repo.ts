import { type Kysely, sql } from 'kysely';
import type { DB, DepartmentRow } from '../../platform/db-schema.js';

export type DepartmentWithCount = DepartmentRow & { member_count: number };

/** Live (not deleted) departments of an org with their direct member counts. */
export async function listDepartments(db: Kysely<DB>, orgId: string): Promise<DepartmentWithCount[]> {
  return db
    .selectFrom('departments as d')
    .selectAll('d')
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .whereRef('u.org_id', '=', 'd.org_id')
        .whereRef('u.department_id', '=', 'd.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('member_count'),
    )
    .where('d.org_id', '=', orgId)
    .where('d.deleted_at', 'is', null)
    .orderBy('d.path')
    .execute() as Promise<DepartmentWithCount[]>;
}

export async function findDepartment(db: Kysely<DB>, orgId: string, id: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('org_id', '=', orgId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function memberCount(db: Kysely<DB>, orgId: string, id: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('department_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function childCount(db: Kysely<DB>, orgId: string, id: string): Promise<number> {
  const row = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('parent_id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A live sibling with the same name (case-insensitive), other than `exceptId`. */
export async function siblingNamed(db: Kysely<DB>, orgId: string, parentId: string | null, name: string, exceptId?: string) {
  let q = db
    .selectFrom('departments')
    .select('id')
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .where(sql`lower(name)`, '=', name.toLowerCase());
  q = parentId ? q.where('parent_id', '=', parentId) : q.where('parent_id', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function departmentWithCode(db: Kysely<DB>, orgId: string, code: string, exceptId?: string) {
  let q = db
    .selectFrom('departments')
    .select('id')
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .where(sql`lower(code)`, '=', code.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

/**
 * Serializes tree changes within one org: two concurrent moves could otherwise each pass the
 * cycle check and together create a loop. The org row is the natural lock.
 */
export async function lockOrgTree(db: Kysely<DB>, orgId: string): Promise<void> {
  await db.selectFrom('orgs').select('id').where('id', '=', orgId).forUpdate().execute();
}

/** Rewrites the materialized path of a department and its whole subtree. */
export async function rewriteSubtreePaths(db: Kysely<DB>, orgId: string, oldPath: string, newPath: string): Promise<number> {
  const result = await db
    .updateTable('departments')
    .set({
      path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})`,
      updated_at: new Date(),
    })
    .where('org_id', '=', orgId)
    .where('path', 'like', `${oldPath}%`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
