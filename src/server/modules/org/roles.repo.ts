import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';

const withUserCount = (db: Kysely<DB>, orgId: string) =>
  db
    .selectFrom('roles as r')
    .selectAll('r')
    .select((eb) =>
      eb
        .selectFrom('user_roles as ur')
        .whereRef('ur.org_id', '=', 'r.org_id')
        .whereRef('ur.role_id', '=', 'r.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('user_count'),
    )
    .where('r.org_id', '=', orgId);

export async function listRoles(db: Kysely<DB>, orgId: string) {
  return withUserCount(db, orgId).orderBy('r.is_system', 'desc').orderBy('r.code').execute();
}

export async function findRole(db: Kysely<DB>, orgId: string, id: string) {
  return withUserCount(db, orgId).where('r.id', '=', id).executeTakeFirst();
}

export async function roleWithCode(db: Kysely<DB>, orgId: string, code: string) {
  return db.selectFrom('roles').select('id').where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

/** Roles by id within the org (unknown ids are simply absent). */
export async function rolesByIds(db: Kysely<DB>, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('roles').selectAll().where('org_id', '=', orgId).where('id', 'in', ids).execute();
}
