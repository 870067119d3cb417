import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../app.js';
import { as, createTestKefu } from '../../testing/harness.js';
import { uuidv7 } from '../ids.js';
import { IDEMPOTENCY_TTL_MS, purgeIdempotencyKeys } from './idempotency.js';
import { defineRoute } from './route.js';
import { adminUserId, sessionCookie, userWith } from './test-actors.js';

describe('Idempotency-Key on POST', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let api: ReturnType<typeof as>;
  let cookie: string;
  let failNext = false;
  let gate: Promise<void> | null = null;

  const calendarCount = async () => Number((await ctx.kefu.db.selectFrom('calendars').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    ctx = await createTestKefu();
    app = await buildApp({ kefu: ctx.kefu });
    // Test-only endpoint with a real side effect: each call creates a calendar.
    defineRoute(app, {
      method: 'POST',
      url: '/api/v1/test-idempotency/calendars',
      summary: 'test: create a calendar',
      tags: ['test'],
      body: z.strictObject({ name: z.string().min(1) }),
      handler: async ({ actor, body, reply }) => {
        if (gate) await gate;
        if (failNext) {
          failNext = false;
          throw new Error('boom');
        }
        const id = uuidv7();
        await ctx.kefu.db
          .insertInto('calendars')
          .values({ org_id: actor.orgId, id, name: body.name, weekly_hours: JSON.stringify([[], [], [], [], [], [], []]) })
          .execute();
        reply.header('location', `/api/v1/calendars/${id}`);
        return { id, name: body.name, version: 1 };
      },
    });
    await app.ready();
    cookie = await sessionCookie(ctx.kefu.db, ctx.orgId, await adminUserId(ctx.kefu.db, ctx.orgId));
    api = as(app, cookie);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const post = (key: string | undefined, payload: unknown, who = api) =>
    who({ method: 'POST', url: '/api/v1/test-idempotency/calendars', payload: payload as object, headers: key === undefined ? {} : { 'idempotency-key': key } });

  it('runs a request once and replays the stored answer for the same key and body', async () => {
    const before = await calendarCount();
    const first = await post('key-1', { name: '客服日历' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post('key-1', { name: '客服日历' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(again.headers.etag).toBe('"1"');
    expect(again.headers.location).toBe(first.headers.location);
    expect(await calendarCount()).toBe(before + 1);
    // Without a key, every POST runs.
    await post(undefined, { name: 'a' });
    await post(undefined, { name: 'a' });
    expect(await calendarCount()).toBe(before + 3);
  });

  it('treats key order in the body as the same request', async () => {
    const r1 = await api({ method: 'POST', url: '/api/v1/test-idempotency/calendars', headers: { 'idempotency-key': 'k-order', 'content-type': 'application/json' }, payload: '{"name":"x"}' });
    const r2 = await api({ method: 'POST', url: '/api/v1/test-idempotency/calendars', headers: { 'idempotency-key': 'k-order', 'content-type': 'application/json' }, payload: '{ "name" : "x" }' });
    expect(r1.statusCode).toBe(201);
    expect(r2.headers['idempotent-replayed']).toBe('true');
  });

  it('answers 422 when the key is reused with another body or path', async () => {
    await post('key-2', { name: 'one' });
    const other = await post('key-2', { name: 'two' });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_mismatch');
    const invalid = await api({ method: 'POST', url: '/api/v1/positions', headers: { 'idempotency-key': 'key-2' }, payload: { name: 'one' } });
    // validation comes first (400); a valid body on another path is a mismatch
    expect(invalid.statusCode).toBe(400);
    const valid = await api({
      method: 'POST',
      url: '/api/v1/positions',
      headers: { 'idempotency-key': 'key-2' },
      payload: { code: 'QA', name: '质检' },
    });
    expect(valid.statusCode).toBe(422);
    expect(valid.json().error.code).toBe('idempotency_mismatch');
  });

  it('answers 409 while the first request is still running', async () => {
    let release!: () => void;
    gate = new Promise<void>((r) => (release = r));
    const slow = post('key-3', { name: 'slow' });
    // wait until the first request holds the key
    for (let i = 0; i < 100; i++) {
      const row = await ctx.kefu.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'key-3').executeTakeFirst();
      if (row) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const concurrent = await post('key-3', { name: 'slow' });
    expect(concurrent.statusCode).toBe(409);
    expect(concurrent.json().error.code).toBe('idempotency_in_progress');
    release();
    gate = null;
    expect((await slow).statusCode).toBe(201);
    expect((await post('key-3', { name: 'slow' })).headers['idempotent-replayed']).toBe('true');
  });

  it('releases the key when the request fails, so the client may retry', async () => {
    failNext = true;
    const failed = await post('key-4', { name: 'retry me' });
    expect(failed.statusCode).toBe(500);
    expect(await ctx.kefu.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'key-4').executeTakeFirst()).toBeUndefined();
    const retried = await post('key-4', { name: 'retry me' });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps keys per actor and validates the header', async () => {
    const other = await userWith(ctx.kefu.db, ctx.orgId, []);
    const mine = await post('shared-key', { name: 'mine' });
    const theirs = await post('shared-key', { name: 'theirs' }, as(app, other.cookie));
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
    for (const bad of ['', 'has space', 'x'.repeat(201), '中文']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/test-idempotency/calendars',
        payload: { name: 'x' },
        headers: { cookie, 'idempotency-key': bad },
      });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.details[0].path).toEqual(['headers', 'Idempotency-Key']);
    }
    expect((await post('x'.repeat(200), { name: 'long key' })).statusCode).toBe(201);
  });

  it('forgets keys after 24 hours', async () => {
    await post('key-old', { name: 'old' });
    const dayAgo = new Date(Date.now() - IDEMPOTENCY_TTL_MS - 60_000);
    await ctx.kefu.db.updateTable('idempotency_keys').set({ created_at: dayAgo }).where('key', '=', 'key-old').execute();
    const fresh = await post('key-old', { name: 'different body, new day' });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    await ctx.kefu.db.updateTable('idempotency_keys').set({ created_at: dayAgo }).where('key', '=', 'key-1').execute();
    const removed = await purgeIdempotencyKeys(ctx.kefu.db);
    expect(removed).toBe(1);
    expect(await ctx.kefu.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'key-1').executeTakeFirst()).toBeUndefined();
  });
});
