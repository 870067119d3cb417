import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../app.js';
import { as, createTestKefu } from '../../testing/harness.js';
import { decodeCursor, pageQuery, sortParam, toPage } from './pagination.js';
import { defineRoute, routeRegistry } from './route.js';
import { adminUserId, sessionCookie } from './test-actors.js';

/** Bad input against the API conventions: prototype pollution, SQL in filters and sorts, paging abuse. */
describe('API conventions under bad input', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let api: ReturnType<typeof as>;
  const userCount = async () => Number((await ctx.kefu.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    ctx = await createTestKefu();
    app = await buildApp({ kefu: ctx.kefu });
    // A list endpoint built the conventional way: allowlisted sort, enum filter, free-text filter.
    defineRoute(app, {
      method: 'GET',
      url: '/api/v1/test-conventions/users',
      summary: 'test: list users',
      tags: ['test'],
      query: z.strictObject({
        ...pageQuery,
        sort: sortParam(['username', 'created_at'], 'username'),
        status: z.enum(['active', 'disabled']).optional(),
        q: z.string().trim().max(64).optional(),
      }),
      handler: async ({ actor, query }) => {
        const after = decodeCursor(query.cursor);
        let q = ctx.kefu.db.selectFrom('users').select(['id', 'username', 'status']).where('org_id', '=', actor.orgId);
        if (query.status) q = q.where('status', '=', query.status);
        if (query.q) q = q.where('username', 'like', `%${query.q}%`);
        if (after && typeof after.v === 'string') q = q.where('username', '>', after.v);
        const rows = await q.orderBy(query.sort.column, query.sort.direction).orderBy('id').limit(query.limit + 1).execute();
        return toPage(rows, query.limit, (r) => r.username, (r) => ({ id: r.id, username: r.username }));
      },
    });
    await app.ready();
    api = as(app, await sessionCookie(ctx.kefu.db, ctx.orgId, await adminUserId(ctx.kefu.db, ctx.orgId)));
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('drops __proto__ and constructor.prototype keys from JSON without polluting Object.prototype', async () => {
    const payloads = [
      '{"name":"proto","url":"https://hooks.example.com/a","events":["*"],"__proto__":{"polluted":"yes","isAdmin":true}}',
      '{"name":"ctor","url":"https://hooks.example.com/b","events":["*"],"constructor":{"prototype":{"polluted":"yes"}}}',
    ];
    for (const payload of payloads) {
      const res = await api({ method: 'POST', url: '/api/v1/webhooks', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode, payload).toBe(201);
      expect(res.json().polluted).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // nested inside an array element too
    const nested = await api({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":"n","url":"https://hooks.example.com/c","events":["*"],"x":[{"__proto__":{"polluted":"yes"}}]}',
    });
    expect(nested.statusCode).toBe(400); // `x` is an unknown field; the pollution attempt went nowhere
    expect(Object.prototype).not.toHaveProperty('polluted');
    // in the query string
    const query = await api({ method: 'GET', url: '/api/v1/webhooks?__proto__[polluted]=yes&constructor[prototype][polluted]=yes' });
    expect([200, 400]).toContain(query.statusCode);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses SQL in sort and enum filters with 400 and changes nothing', async () => {
    const before = await userCount();
    const routes = ['/api/v1/test-conventions/users'];
    // The users list of the org module, when present, must behave the same.
    if (routeRegistry.some((r) => r.method === 'GET' && r.url === '/api/v1/users')) routes.push('/api/v1/users');
    for (const route of routes) {
      for (const qs of [
        'sort=name;drop table users',
        'sort=username;drop table users',
        'sort=username%20desc',
        'sort=(select 1)',
        "status=' OR 1=1--",
        'status=active%27%3B%20DELETE%20FROM%20users%3B--',
        'limit=1;drop table users',
        'limit=100000',
        'limit=-1',
        'cursor=%27%20OR%201%3D1--',
      ]) {
        const res = await api({ method: 'GET', url: `${route}?${qs}` });
        expect(res.statusCode, `${route}?${qs}`).toBe(400);
        expect(res.json().error.code).toBe('validation');
      }
      const ok = await api({ method: 'GET', url: `${route}?sort=-created_at&status=active` });
      expect(ok.statusCode, route).toBe(200);
    }
    expect(await userCount()).toBe(before);
  });

  it('treats SQL in free-text filters as plain text', async () => {
    const all = await api({ method: 'GET', url: '/api/v1/test-conventions/users' });
    expect(all.json().items.length).toBeGreaterThan(0);
    const injected = await api({ method: 'GET', url: `/api/v1/test-conventions/users?q=${encodeURIComponent("' OR 1=1--")}` });
    expect(injected.statusCode).toBe(200);
    expect(injected.json().items).toEqual([]);
    const wildcard = await api({ method: 'GET', url: `/api/v1/test-conventions/users?q=${encodeURIComponent('%')}` });
    expect(wildcard.statusCode).toBe(200);
  });

  it('refuses unknown query parameters on strict lists (no hidden filters)', async () => {
    const res = await api({ method: 'GET', url: '/api/v1/test-conventions/users?org_id=00000000-0000-0000-0000-000000000000' });
    expect(res.statusCode).toBe(400);
  });
});
