import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../app.js';
import { sha256 } from '../../platform/auth/tokens.js';
import { defineRoute } from '../../platform/http/route.js';
import { createTestKefu, loginCookie } from '../../testing/harness.js';
import { auditActions, createUser } from './auth.fixtures.js';

describe('personal API tokens', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let cookie: string;
  const as = (c: string) => ({ cookie: c });
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  beforeAll(async () => {
    ctx = await createTestKefu();
    app = await buildApp({ kefu: ctx.kefu });
    // A probe route guarded by a permission, to see scopes and refusals at work.
    defineRoute(app, {
      method: 'GET',
      url: '/api/v1/test-probe/tickets',
      summary: 'test probe',
      tags: ['test'],
      permission: 'tickets.read',
      response: z.object({ ok: z.boolean() }),
      handler: async () => ({ ok: true }),
    });
    await app.ready();
    await createUser(ctx.kefu.db, ctx.orgId, { username: 'integrator', password: 'Integrator-2026', permissions: ['customers.read', 'tickets.read'], roleCode: 'integration' });
    await createUser(ctx.kefu.db, ctx.orgId, { username: 'other01', password: 'Other-One-2026', permissions: ['customers.read'], roleCode: 'reader' });
    cookie = await loginCookie(app, 'integrator', 'Integrator-2026');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const create = (payload: object, c = cookie) => app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: as(c), payload });

  it('creates a token, shows its secret once and stores only its hash', async () => {
    const res = await create({ name: '工单同步', expiresInDays: 30 });
    expect(res.statusCode).toBe(201);
    const { token, secret } = res.json();
    expect(secret).toMatch(/^kefu_[\w-]{43}$/);
    expect(token).toMatchObject({ name: '工单同步', scopes: [], status: 'active', lastUsedAt: null, revokedAt: null });
    expect(secret.startsWith(token.prefix)).toBe(true);
    expect(new Date(token.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const row = await ctx.kefu.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(secret));
    const list = await app.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: as(cookie) });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(token.id);
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain(row.token_hash);
    expect((await auditActions(ctx.kefu.db, ctx.orgId, 'api_token.create')).length).toBe(1);
  });

  it('authenticates with Bearer and records last use', async () => {
    const { token, secret } = (await create({ name: 'reader' })).json();
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'integrator', authKind: 'token', permissions: ['customers.read', 'tickets.read'] });
    const row = await ctx.kefu.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer('kefu_nonsense') })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer('not-a-kefu-token') })).statusCode).toBe(401);
  });

  it('narrows a token to its scopes; a refused access is audited', async () => {
    const { secret } = (await create({ name: 'customers only', scopes: ['customers.read'] })).json();
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) });
    expect(me.json().permissions).toEqual(['customers.read']);
    const denied = await app.inject({ method: 'GET', url: '/api/v1/test-probe/tickets?q=1', headers: bearer(secret) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
    const withSession = await app.inject({ method: 'GET', url: '/api/v1/test-probe/tickets', headers: as(cookie) });
    expect(withSession.statusCode).toBe(200);
    const audits = await auditActions(ctx.kefu.db, ctx.orgId, 'access.denied');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity_type: 'route', entity_id: 'GET /api/v1/test-probe/tickets', actor_name: 'integrator' });
    expect(audits[0].after).toMatchObject({ permission: 'tickets.read', url: '/api/v1/test-probe/tickets' });
  });

  it('refuses scopes the owner does not hold, and unknown permissions', async () => {
    const res = await create({ name: 'too wide', scopes: ['customers.read', 'org.users.manage'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'token_scope_not_held', details: { scopes: ['org.users.manage'] } });
    expect((await create({ name: 'bogus', scopes: ['everything'] })).statusCode).toBe(400);
    expect((await create({ name: '' })).statusCode).toBe(400);
    expect((await create({ name: 'x', expiresInDays: 0 })).statusCode).toBe(400);
    expect((await create({ name: 'x', userId: 'someone' })).statusCode).toBe(400);
  });

  it('a token cannot mint tokens or change the password', async () => {
    const { secret } = (await create({ name: 'no escalation', scopes: ['customers.read'] })).json();
    const mint = await app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: bearer(secret), payload: { name: 'wider' } });
    expect(mint.statusCode).toBe(403);
    expect(mint.json().error.code).toBe('session_required');
    const pw = await app.inject({ method: 'POST', url: '/api/v1/me/password', headers: bearer(secret), payload: { currentPassword: 'x', newPassword: 'Brand-New-2026' } });
    expect(pw.json().error.code).toBe('session_required');
  });

  it('revocation takes effect at once, even for a cached token', async () => {
    const { token, secret } = (await create({ name: 'short-lived' })).json();
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) })).statusCode).toBe(200);
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${token.id}`, headers: as(cookie) });
    expect(del.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) })).statusCode).toBe(401);
    const list = (await app.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: as(cookie) })).json();
    expect(list.items.find((i: { id: string }) => i.id === token.id).status).toBe('revoked');
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${token.id}`, headers: as(cookie) })).statusCode).toBe(204);
  });

  it('a token revokes only itself; nobody revokes tokens of others', async () => {
    const a = (await create({ name: 'a' })).json();
    const b = (await create({ name: 'b' })).json();
    const cross = await app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${b.token.id}`, headers: bearer(a.secret) });
    expect(cross.statusCode).toBe(403);
    const self = await app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${a.token.id}`, headers: bearer(a.secret) });
    expect(self.statusCode).toBe(204);
    const otherCookie = await loginCookie(app, 'other01', 'Other-One-2026');
    const foreign = await app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${b.token.id}`, headers: as(otherCookie) });
    expect(foreign.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(b.secret) })).statusCode).toBe(200);
  });

  it('an expired token no longer works', async () => {
    const { token, secret } = (await create({ name: 'expiring', expiresInDays: 1 })).json();
    await ctx.kefu.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', token.id).execute();
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) })).statusCode).toBe(401);
    const list = (await app.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: as(cookie) })).json();
    expect(list.items.find((i: { id: string }) => i.id === token.id).status).toBe('expired');
  });

  it('a disabled owner loses token access once invalidated', async () => {
    const { secret } = (await create({ name: 'owner check' })).json();
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) })).statusCode).toBe(200);
    const { invalidateActor } = await import('../../platform/auth/actor-cache.js');
    const user = await ctx.kefu.db.selectFrom('users').select('id').where('username', '=', 'integrator').executeTakeFirstOrThrow();
    await ctx.kefu.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    await invalidateActor(ctx.kefu, ctx.orgId, user.id);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) })).statusCode).toBe(401);
    await ctx.kefu.db.updateTable('users').set({ status: 'active' }).where('id', '=', user.id).execute();
  });
});
