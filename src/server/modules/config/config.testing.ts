import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../app.js';
import { newSecret } from '../../platform/auth/tokens.js';
import { uuidv7 } from '../../platform/ids.js';
import { createTestKefu } from '../../testing/harness.js';

export type Injector = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

/**
 * Test fixture for the configuration and audit modules: an app on a fresh database, the
 * bootstrap administrator signed in, and users with chosen permissions. Sessions are opened
 * directly in the database so these tests depend only on session resolution, not on the
 * login flow (which has its own tests).
 */
export async function startTestApp() {
  const ctx = await createTestKefu();
  const app: FastifyInstance = await buildApp({ kefu: ctx.kefu });
  await app.ready();
  const db = ctx.kefu.db;
  const orgId = ctx.orgId;
  const adminRow = await db.selectFrom('users').select('id').where('org_id', '=', orgId).where('username', '=', 'admin').executeTakeFirstOrThrow();

  async function sessionFor(userId: string): Promise<Injector> {
    const { secret, hash } = newSecret();
    const now = new Date();
    await db
      .insertInto('sessions')
      .values({ id: hash, org_id: orgId, user_id: userId, created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + 3_600_000), ip: '127.0.0.1' })
      .execute();
    const cookie = `kefu_session=${secret}`;
    return (opts) => app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie } });
  }

  /** A signed-in user whose only role grants `permissions`. */
  async function userWith(permissions: string[], opts: { locale?: 'zh-CN' | 'en'; name?: string } = {}): Promise<Injector & { userId: string }> {
    const roleId = uuidv7();
    const userId = uuidv7();
    const code = `r_${roleId.slice(-12)}`;
    await db.insertInto('roles').values({ org_id: orgId, id: roleId, code, name: code, permissions, scopes: '{}', field_rules: '{}' }).execute();
    await db
      .insertInto('users')
      .values({ org_id: orgId, id: userId, username: `u_${userId.slice(-12)}`, display_name: opts.name ?? '测试用户', skills: '[]', locale: opts.locale ?? 'zh-CN' })
      .execute();
    await db.insertInto('user_roles').values({ org_id: orgId, user_id: userId, role_id: roleId }).execute();
    return Object.assign(await sessionFor(userId), { userId });
  }

  const admin = Object.assign(await sessionFor(adminRow.id), { userId: adminRow.id });
  return {
    app,
    kefu: ctx.kefu,
    db,
    orgId,
    admin,
    userWith,
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
