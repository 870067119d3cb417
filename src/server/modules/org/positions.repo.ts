import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db-schema.js';

const withUserCount = (db: Kysely<DB>, orgId: string) =>
  db
    .selectFrom('positions as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .whereRef('u.org_id', '=', 'p.org_id')
        .whereRef('u.position_id', '=', 'p.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('user_count'),
    )
    .where('p.org_id', '=', orgId);

export async function listPositions(db: Kysely<DB>, orgId: string) {
  return withUserCount(db, orgId).orderBy('p.code').execute();
}

export async function findPosition(db: Kysely<DB>, orgId: string, id: string) {
  return withUserCount(db, orgId).where('p.id', '=', id).executeTakeFirst();
}

export async function positionWithCode(db: Kysely<DB>, orgId: string, code: string, exceptId?: string) {
  let q = db.selectFrom('positions').select('id').where('org_id', '=', orgId).where(sql`lower(code)`, '=', code.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}
