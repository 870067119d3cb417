import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../platform/auth/password.js';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';

/** Test fixtures for the auth module: users with roles, inserted directly. */

export async function createRole(db: Kysely<DB>, orgId: string, code: string, permissions: string[]): Promise<string> {
  const existing = await db.selectFrom('roles').select('id').where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
  if (existing) return existing.id;
  const id = uuidv7();
  await db
    .insertInto('roles')
    .values({ org_id: orgId, id, code, name: code, permissions, scopes: JSON.stringify({}), field_rules: JSON.stringify({}) })
    .execute();
  return id;
}

export async function createUser(
  db: Kysely<DB>,
  orgId: string,
  opts: { username: string; password: string; roleCode?: string; permissions?: string[]; status?: 'active' | 'disabled'; displayName?: string },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('users')
    .values({
      org_id: orgId,
      id,
      username: opts.username,
      display_name: opts.displayName ?? opts.username,
      password_hash: await hashPassword(opts.password),
      password_changed_at: new Date(),
      status: opts.status ?? 'active',
      skills: JSON.stringify([]),
    })
    .execute();
  const roleId = await createRole(db, orgId, opts.roleCode ?? 'agent', opts.permissions ?? ['customers.read', 'tickets.read', 'tickets.create']);
  await db.insertInto('user_roles').values({ org_id: orgId, user_id: id, role_id: roleId }).execute();
  return id;
}

export async function setSecuritySettings(db: Kysely<DB>, orgId: string, security: Record<string, unknown>): Promise<void> {
  const org = await db.selectFrom('orgs').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
  await db
    .updateTable('orgs')
    .set({ settings: JSON.stringify({ ...org.settings, security }) })
    .where('id', '=', orgId)
    .execute();
}

export function sessionCookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'kefu_session');
  if (!c || !c.value) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return `kefu_session=${c.value}`;
}

export async function login(app: FastifyInstance, body: Record<string, unknown>, remoteAddress = '127.0.0.1') {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress });
}

export async function auditActions(db: Kysely<DB>, orgId: string, action: string) {
  return db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('action', '=', action).orderBy('seq').execute();
}
