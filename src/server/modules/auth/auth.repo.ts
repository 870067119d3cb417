import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import type { CursorValue } from '../../platform/http/pagination.js';

/** Kysely queries of the auth module; `db` may be a transaction. */

export { findOrg } from '../../platform/orgs.js';

const USER_AUTH_COLUMNS = [
  'id',
  'org_id',
  'username',
  'display_name',
  'email',
  'locale',
  'department_id',
  'status',
  'password_hash',
  'password_changed_at',
  'totp_secret',
  'totp_enabled',
  'version',
] as const;

export async function findUserByUsername(db: Kysely<DB>, orgId: string, username: string) {
  return db
    .selectFrom('users')
    .select(USER_AUTH_COLUMNS)
    .where('org_id', '=', orgId)
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function findUser(db: Kysely<DB>, orgId: string, userId: string, opts: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('users').select(USER_AUTH_COLUMNS).where('org_id', '=', orgId).where('id', '=', userId);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type AuthUser = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export async function markLoggedIn(db: Kysely<DB>, orgId: string, userId: string) {
  await db.updateTable('users').set({ last_login_at: new Date() }).where('org_id', '=', orgId).where('id', '=', userId).execute();
}

export async function findSession(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'org_id', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'mfa_pending', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<DB>, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Open sessions of a user, newest first, keyset-paginated by (created_at, id). */
export async function listOpenSessions(
  db: Kysely<DB>,
  orgId: string,
  userId: string,
  opts: { limit: number; after: CursorValue | null; seenAfter: Date; createdAfter: Date },
) {
  const now = new Date();
  let q = db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('mfa_pending', '=', false)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', opts.seenAfter)
    .where('created_at', '>', opts.createdAfter);
  if (opts.after && typeof opts.after.v === 'string') {
    const at = new Date(opts.after.v);
    const id = opts.after.id;
    q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit + 1).execute();
}

export type SessionListRow = Awaited<ReturnType<typeof listOpenSessions>>[number];

export async function updateUser(
  db: Kysely<DB>,
  orgId: string,
  userId: string,
  set: Partial<{ locale: 'zh-CN' | 'en'; display_name: string; password_hash: string; password_changed_at: Date; totp_secret: string | null; totp_enabled: boolean; totp_last_step: number | null }>,
) {
  return db
    .updateTable('users')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .returning(['version'])
    .executeTakeFirstOrThrow();
}

const TOKEN_COLUMNS = ['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'] as const;

export async function insertToken(
  db: Kysely<DB>,
  row: { org_id: string; id: string; user_id: string; name: string; token_hash: string; prefix: string; scopes: string[]; expires_at: Date | null; created_at: Date },
) {
  return db.insertInto('api_tokens').values(row).returning(TOKEN_COLUMNS).executeTakeFirstOrThrow();
}

export async function listTokens(db: Kysely<DB>, orgId: string, userId: string, opts: { limit: number; after: CursorValue | null }) {
  let q = db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('org_id', '=', orgId).where('user_id', '=', userId);
  if (opts.after && typeof opts.after.v === 'string') {
    const at = new Date(opts.after.v);
    const id = opts.after.id;
    q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit + 1).execute();
}

export type TokenRow = Awaited<ReturnType<typeof listTokens>>[number];

export async function findToken(db: Kysely<DB>, orgId: string, userId: string, id: string) {
  return db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('org_id', '=', orgId).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function revokeToken(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(TOKEN_COLUMNS)
    .executeTakeFirst();
}
