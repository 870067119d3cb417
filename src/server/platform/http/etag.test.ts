import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../app.js';
import { as, createTestKefu } from '../../testing/harness.js';
import { notFound, preconditionFailed } from '../errors.js';
import { defineRoute, idParams } from './route.js';
import { adminUserId, sessionCookie } from './test-actors.js';

describe('ETag / If-Match', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let api: ReturnType<typeof as>;
  let calendarId: string;

  beforeAll(async () => {
    ctx = await createTestKefu();
    app = await buildApp({ kefu: ctx.kefu });
    // Test-only endpoints doing optimistic concurrency on the real `calendars` table.
    defineRoute(app, {
      method: 'GET',
      url: '/api/v1/test-etag/calendars/:id',
      summary: 'test: read a calendar',
      tags: ['test'],
      params: idParams,
      handler: async ({ actor, params }) => {
        const row = await ctx.kefu.db
          .selectFrom('calendars')
          .select(['id', 'name', 'version'])
          .where('org_id', '=', actor.orgId)
          .where('id', '=', params.id)
          .executeTakeFirst();
        if (!row) throw notFound('calendar');
        return row;
      },
    });
    defineRoute(app, {
      method: 'PATCH',
      url: '/api/v1/test-etag/calendars/:id',
      summary: 'test: rename a calendar',
      tags: ['test'],
      params: idParams,
      body: z.strictObject({ name: z.string().min(1).max(100) }),
      handler: async ({ actor, params, body, ifMatch }) => {
        const row = await ctx.kefu.db
          .updateTable('calendars')
          .set({ name: body.name, version: sql`version + 1`, updated_at: new Date() })
          .where('org_id', '=', actor.orgId)
          .where('id', '=', params.id)
          .where('version', '=', ifMatch!)
          .returning(['id', 'name', 'version'])
          .executeTakeFirst();
        if (row) return row;
        const exists = await ctx.kefu.db.selectFrom('calendars').select('id').where('org_id', '=', actor.orgId).where('id', '=', params.id).executeTakeFirst();
        throw exists ? preconditionFailed() : notFound('calendar');
      },
    });
    await app.ready();
    api = as(app, await sessionCookie(ctx.kefu.db, ctx.orgId, await adminUserId(ctx.kefu.db, ctx.orgId)));
    calendarId = (await ctx.kefu.db.selectFrom('calendars').select('id').where('org_id', '=', ctx.orgId).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const url = () => `/api/v1/test-etag/calendars/${calendarId}`;

  it('sends the version as ETag on read', async () => {
    const res = await api({ method: 'GET', url: url() });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
  });

  it('requires If-Match on PATCH (428) and refuses a malformed one (400)', async () => {
    const missing = await api({ method: 'PATCH', url: url(), payload: { name: 'x' } });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.code).toBe('if_match_required');
    const bad = await api({ method: 'PATCH', url: url(), headers: { 'if-match': 'yesterday' }, payload: { name: 'x' } });
    expect(bad.statusCode).toBe(400);
    const name = (await api({ method: 'GET', url: url() })).json().name;
    expect(name).not.toBe('x');
  });

  it('applies a change based on the current version and answers the new ETag', async () => {
    const res = await api({ method: 'PATCH', url: url(), headers: { 'if-match': '"1"' }, payload: { name: '节假日历' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({ name: '节假日历', version: 2 });
  });

  it('refuses a change based on a stale version with 412, leaving the row as it was', async () => {
    const res = await api({ method: 'PATCH', url: url(), headers: { 'if-match': '"1"' }, payload: { name: 'lost update' } });
    expect(res.statusCode).toBe(412);
    expect(res.json().error.code).toBe('version_conflict');
    const now = await api({ method: 'GET', url: url() });
    expect(now.json()).toMatchObject({ name: '节假日历', version: 2 });
    // weak validators are accepted too
    const weak = await api({ method: 'PATCH', url: url(), headers: { 'if-match': 'W/"2"' }, payload: { name: '节假日历' } });
    expect(weak.statusCode).toBe(200);
    expect(weak.headers.etag).toBe('"3"');
  });

  it('never answers 304: the version ETag is for If-Match, and API answers are not cached', async () => {
    // A version-only ETag is not unique per representation (/me of two users can both be "1",
    // and derived fields change without a version bump), so conditional GETs get the full answer.
    const res = await api({ method: 'GET', url: url(), headers: { 'if-none-match': '"3"' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(3);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('works the same on a real resource: departments', async () => {
    const created = await api({ method: 'POST', url: '/api/v1/departments', headers: { 'idempotency-key': 'dept-1' }, payload: { name: '投诉处理组' } });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const replay = await api({ method: 'POST', url: '/api/v1/departments', headers: { 'idempotency-key': 'dept-1' }, payload: { name: '投诉处理组' } });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(created.json().id);
    const dept = `/api/v1/departments/${created.json().id}`;
    expect((await api({ method: 'PATCH', url: dept, payload: { name: '投诉组' } })).statusCode).toBe(428);
    const renamed = await api({ method: 'PATCH', url: dept, headers: { 'if-match': '"1"' }, payload: { name: '投诉组' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.headers.etag).toBe('"2"');
    const stale = await api({ method: 'PATCH', url: dept, headers: { 'if-match': '"1"' }, payload: { name: '别的名字' } });
    expect(stale.statusCode).toBe(412);
    const now = await api({ method: 'GET', url: dept });
    expect(now.statusCode).toBe(200);
    expect(now.json()).toMatchObject({ name: '投诉组', version: 2 });
  });
});
