import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { scopeFilter, scopeOf } from '../../platform/access.js';
import { executeCompiledOnce } from '../../platform/db-compiled.js';
import type { DB, UserRow } from '../../platform/db-schema.js';
import { decodeCursor } from '../../platform/http/pagination.js';
import { likeContains } from './org.common.js';
import type { ListUsersQuery } from './users.schema.js';

type UserSecret = 'password_hash' | 'totp_secret' | 'totp_last_step';
export type UserWithRefs = Omit<UserRow, UserSecret> & {
  department_name: string | null;
  position_name: string | null;
  roles: { id: string; code: string; name: string }[];
};

const USER_COLUMNS = [
  'users.org_id', 'users.id', 'users.username', 'users.display_name', 'users.email', 'users.phone', 'users.department_id',
  'users.position_id', 'users.status', 'users.skills', 'users.locale', 'users.password_changed_at', 'users.totp_enabled',
  'users.last_login_at', 'users.version', 'users.created_at', 'users.updated_at',
] as const;
export type UserRoleRef = { user_id: string; id: string; code: string; name: string };

/**
 * Users joined with their department and position names and their roles, in one statement
 * (a read is one round trip); never the secrets.
 */
function baseQuery(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('users')
    .leftJoin('departments as d', (j) => j.onRef('d.org_id', '=', 'users.org_id').onRef('d.id', '=', 'users.department_id'))
    .leftJoin('positions as p', (j) => j.onRef('p.org_id', '=', 'users.org_id').onRef('p.id', '=', 'users.position_id'))
    .select(USER_COLUMNS)
    .select(['d.name as department_name', 'p.name as position_name'])
    .select(
      sql<UserWithRefs['roles']>`coalesce((
        SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name) ORDER BY r.code)
        FROM user_roles ur JOIN roles r ON r.org_id = ur.org_id AND r.id = ur.role_id
        WHERE ur.org_id = users.org_id AND ur.user_id = users.id), '[]'::json)`.as('roles'),
    )
    .where('users.org_id', '=', orgId);
}

/** The users resource: a user "owns" their own row and belongs to their department. */
export const usersScope = (actor: Actor) => scopeFilter(actor, 'users', { ownerColumn: 'users.id', departmentColumn: 'users.department_id' });

const SORT_COLUMNS = { username: 'users.username', display_name: 'users.display_name', created_at: 'users.created_at' } as const;
const CURSOR_CAST = { username: 'text', display_name: 'text', created_at: 'timestamptz' } as const;

export async function listUsers(db: Kysely<DB>, actor: Actor, query: ListUsersQuery): Promise<UserWithRefs[]> {
  let q = baseQuery(db, actor.orgId).where(usersScope(actor));
  if (query.q) {
    const pattern = likeContains(query.q);
    q = q.where((eb) => eb.or([eb('users.display_name', 'ilike', pattern), eb('users.username', 'ilike', pattern)]));
  }
  if (query.departmentId) {
    const deptId = query.departmentId;
    q = query.includeSubDepartments
      ? q.where(
          'users.department_id',
          'in',
          db
            .selectFrom('departments as sub')
            .select('sub.id')
            .where('sub.org_id', '=', actor.orgId)
            .where(
              'sub.path',
              'like',
              db
                .selectFrom('departments as anc')
                .select(sql<string>`anc.path || '%'`.as('p'))
                .where('anc.org_id', '=', actor.orgId)
                .where('anc.id', '=', deptId),
            ),
        )
      : q.where('users.department_id', '=', deptId);
  }
  if (query.status) q = q.where('users.status', '=', query.status);
  if (query.roleId) {
    const roleId = query.roleId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as ur')
          .select('ur.role_id')
          .whereRef('ur.org_id', '=', 'users.org_id')
          .whereRef('ur.user_id', '=', 'users.id')
          .where('ur.role_id', '=', roleId),
      ),
    );
  }
  const { column, direction } = query.sort;
  const col = sql.ref(SORT_COLUMNS[column]);
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const cast = sql.raw(CURSOR_CAST[column]);
    const op = sql.raw(direction === 'asc' ? '>' : '<');
    q = q.where(sql<boolean>`(${col}, users.id) ${op} (cast(${cursor.v} as ${cast}), cast(${cursor.id} as uuid))`);
  }
  return q
    .orderBy(col, direction)
    .orderBy('users.id', direction)
    .limit(query.limit + 1)
    .execute();
}

/** One user if it exists in the org and lies in the actor's scope. */
export async function findUserInScope(db: Kysely<DB>, actor: Actor, id: string): Promise<UserWithRefs | undefined> {
  // The hottest read of the module: compiled once per data-scope shape (see db-compiled.ts).
  const shape = `org.users.byId:${scopeOf(actor, 'users')}:${actor.departmentId ? 'dept' : 'nodept'}`;
  const rows = await executeCompiledOnce(db, shape, { orgId: actor.orgId, id, userId: actor.userId, departmentId: actor.departmentId }, (m) => {
    const markerActor = { ...actor, orgId: m('orgId'), userId: m('userId'), departmentId: actor.departmentId ? m('departmentId') : null };
    return baseQuery(db, m('orgId')).where('users.id', '=', m('id')).where(usersScope(markerActor));
  });
  return rows[0];
}

export async function rolesOfUsers(db: Kysely<DB>, orgId: string, userIds: readonly string[]): Promise<UserRoleRef[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', (j) => j.onRef('r.org_id', '=', 'ur.org_id').onRef('r.id', '=', 'ur.role_id'))
    .select(['ur.user_id', 'r.id', 'r.code', 'r.name'])
    .where('ur.org_id', '=', orgId)
    .where('ur.user_id', 'in', userIds)
    .orderBy('r.code')
    .execute();
}

export async function userWithUsername(db: Kysely<DB>, orgId: string, username: string, exceptId?: string) {
  let q = db.selectFrom('users').select('id').where('org_id', '=', orgId).where(sql`lower(username)`, '=', username.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function replaceUserRoles(db: Kysely<DB>, orgId: string, userId: string, roleIds: readonly string[]): Promise<void> {
  await db.deleteFrom('user_roles').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  if (roleIds.length > 0) {
    await db
      .insertInto('user_roles')
      .values(roleIds.map((roleId) => ({ org_id: orgId, user_id: userId, role_id: roleId })))
      .execute();
  }
}

/** Active users other than `exceptUserId` who hold the system administrator role. */
export async function otherActiveAdmins(db: Kysely<DB>, orgId: string, exceptUserId: string): Promise<number> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as ur', (j) => j.onRef('ur.org_id', '=', 'u.org_id').onRef('ur.user_id', '=', 'u.id'))
    .innerJoin('roles as r', (j) => j.onRef('r.org_id', '=', 'ur.org_id').onRef('r.id', '=', 'ur.role_id'))
    .select((eb) => eb.fn.count<number>('u.id').distinct().as('n'))
    .where('u.org_id', '=', orgId)
    .where('u.id', '!=', exceptUserId)
    .where('u.status', '=', 'active')
    .where('r.is_system', '=', true)
    .where('r.code', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
