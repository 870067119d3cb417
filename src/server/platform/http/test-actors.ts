import type { Kysely } from 'kysely';
import { PERMISSIONS } from '../../../shared/permissions.js';
import type { DB } from '../db-schema.js';
import { uuidv7 } from '../ids.js';
import { newSecret, SESSION_COOKIE } from '../auth/tokens.js';

/**
 * Test fixtures for API-convention tests: users with chosen permissions, extra organizations and
 * signed-in sessions written straight to the tables the authentication hook reads, so these
 * tests do not depend on the login flow.
 */

/** A session for the user; returns the `Cookie` header value. */
export async function sessionCookie(db: Kysely<DB>, orgId: string, userId: string): Promise<string> {
  const { secret, hash } = newSecret();
  const now = Date.now();
  await db
    .insertInto('sessions')
    .values({
      id: hash,
      org_id: orgId,
      user_id: userId,
      created_at: new Date(now),
      last_seen_at: new Date(now),
      expires_at: new Date(now + 8 * 3_600_000),
      ip: '127.0.0.1',
    })
    .execute();
  return `${SESSION_COOKIE}=${secret}`;
}

export async function adminUserId(db: Kysely<DB>, orgId: string): Promise<string> {
  const row = await db.selectFrom('users').select('id').where('org_id', '=', orgId).where('username', '=', 'admin').executeTakeFirstOrThrow();
  return row.id;
}

/** A user holding exactly `permissions` (through a role of their own), with a session cookie. */
export async function userWith(db: Kysely<DB>, orgId: string, permissions: string[], username = `u${uuidv7().slice(-8)}`) {
  const roleId = uuidv7();
  const userId = uuidv7();
  await db
    .insertInto('roles')
    .values({ org_id: orgId, id: roleId, code: `r_${username}`, name: username, permissions, scopes: JSON.stringify({}), field_rules: JSON.stringify({}) })
    .execute();
  await db.insertInto('users').values({ org_id: orgId, id: userId, username, display_name: username, skills: JSON.stringify([]) }).execute();
  await db.insertInto('user_roles').values({ org_id: orgId, user_id: userId, role_id: roleId }).execute();
  return { userId, cookie: await sessionCookie(db, orgId, userId) };
}

/** A second organization with an all-permission user, for tenant-isolation checks. */
export async function otherOrg(db: Kysely<DB>, name = '另一家公司') {
  const orgId = uuidv7();
  await db.insertInto('orgs').values({ id: orgId, name, settings: JSON.stringify({}) }).execute();
  await db.insertInto('audit_heads').values({ org_id: orgId }).execute();
  const user = await userWith(db, orgId, [...PERMISSIONS], 'admin');
  return { orgId, ...user };
}
