import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { as, createTestKefu } from '../../testing/harness.js';
import { purgeRateLimits, RATE_WINDOW_MS, RateLimiter } from './rate-limit.js';
import { adminUserId, sessionCookie, userWith } from './test-actors.js';

/** Counts are per fixed minute: start a scenario early in a window so it cannot straddle two. */
async function freshWindow() {
  const left = RATE_WINDOW_MS - (Date.now() % RATE_WINDOW_MS);
  if (left < 15_000) await new Promise((r) => setTimeout(r, left + 50));
}

const LIMIT = 5;

describe('rate limits', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let cookie: string;
  beforeAll(async () => {
    ctx = await createTestKefu({ rateLimitPerMinute: LIMIT });
    app = await buildApp({ kefu: ctx.kefu });
    await app.ready();
    cookie = await sessionCookie(ctx.kefu.db, ctx.orgId, await adminUserId(ctx.kefu.db, ctx.orgId));
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('answers the 6th request of a minute with 429, Retry-After and RateLimit headers', async () => {
    await freshWindow();
    const api = as(app, cookie);
    for (let i = 1; i <= LIMIT; i++) {
      const res = await api({ method: 'GET', url: '/api/v1/webhooks' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe(String(LIMIT));
      expect(res.headers['ratelimit-remaining']).toBe(String(LIMIT - i));
    }
    const over = await api({ method: 'GET', url: '/api/v1/webhooks' });
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toMatchObject({ code: 'rate_limited', message: '请求过于频繁，请稍后再试' });
    const retryAfter = Number(over.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.headers['ratelimit-remaining']).toBe('0');
    expect(over.headers['ratelimit-reset']).toBe(String(retryAfter));

    // another user has an allowance of their own; health probes are never limited
    const other = await userWith(ctx.kefu.db, ctx.orgId, ['webhooks.manage']);
    expect((await as(app, other.cookie)({ method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(200);
    for (let i = 0; i < LIMIT + 2; i++) {
      const probe = await app.inject({ method: 'GET', url: '/healthz' });
      expect(probe.statusCode).not.toBe(429);
      expect(probe.headers['ratelimit-limit']).toBeUndefined();
    }

    // the refused request was not counted; the counts reach the shared table on flush
    await app.rateLimiter.flush();
    const rows = await ctx.kefu.db.selectFrom('rate_limits').select(['key', 'count']).where('key', 'like', 'u:%').orderBy('count', 'desc').execute();
    expect(rows.map((r) => r.count)).toEqual([LIMIT, 1]);
  });

  it('limits anonymous callers per client address', async () => {
    await freshWindow();
    const codes: number[] = [];
    for (let i = 0; i <= LIMIT; i++) codes.push((await app.inject({ method: 'GET', url: '/api/v1/webhooks' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const en = await app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toBe('Too many requests; try again later');
    const fromElsewhere = await app.inject({ method: 'GET', url: '/api/v1/webhooks', remoteAddress: '203.0.113.7' });
    expect(fromElsewhere.statusCode).toBe(401);
  });

  it('shares counts between server instances through the database', async () => {
    await freshWindow();
    // A second node on the same database.
    const second = await buildApp({ kefu: ctx.kefu });
    await second.ready();
    try {
      const user = await userWith(ctx.kefu.db, ctx.orgId, ['webhooks.manage']);
      const onA = as(app, user.cookie);
      const onB = as(second, user.cookie);
      for (let i = 0; i < 3; i++) expect((await onA({ method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(200);
      await app.rateLimiter.flush();
      // B has not heard of A's requests before its own flush: local + last known global
      for (let i = 0; i < 2; i++) expect((await onB({ method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(200);
      await second.rateLimiter.flush();
      const refusedOnB = await onB({ method: 'GET', url: '/api/v1/webhooks' });
      expect(refusedOnB.statusCode).toBe(429);
      // A learns the global total on its next flush
      await app.rateLimiter.flush();
      expect((await onA({ method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });

  it.runIf(Boolean(process.env.DATABASE_URL))('shares counts between two processes-worth of Kefu on one PostgreSQL database', async () => {
    await freshWindow();
    const nodeB = await createTestKefu({ rateLimitPerMinute: LIMIT, nodeId: 'node-b' }, { reuseDatabaseUrl: ctx.databaseUrl! });
    const appB = await buildApp({ kefu: nodeB.kefu });
    await appB.ready();
    try {
      const user = await userWith(ctx.kefu.db, ctx.orgId, ['webhooks.manage']);
      for (let i = 0; i < 4; i++) expect((await as(app, user.cookie)({ method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(200);
      await app.rateLimiter.flush();
      expect((await as(appB, user.cookie)({ method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(200);
      await appB.rateLimiter.flush();
      expect((await as(appB, user.cookie)({ method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(429);
    } finally {
      await appB.close();
      await nodeB.close();
    }
  });

  it('starts counting afresh in the next window and purges old windows', async () => {
    let now = 10 * RATE_WINDOW_MS + 1_000;
    const limiter = new RateLimiter(ctx.kefu.db, 2, () => now);
    expect(limiter.hit('k').allowed).toBe(true);
    expect(limiter.hit('k').allowed).toBe(true);
    const refused = limiter.hit('k');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 59 });
    now += RATE_WINDOW_MS;
    expect(limiter.hit('k')).toMatchObject({ allowed: true, remaining: 1 });
    await limiter.close();
    const stored = await ctx.kefu.db.selectFrom('rate_limits').select(['window_start', 'count']).where('key', '=', 'k').orderBy('window_start').execute();
    expect(stored.map((r) => r.count)).toEqual([2, 1]);
    // both windows are in 1970: long over
    expect(await purgeRateLimits(ctx.kefu.db)).toBeGreaterThanOrEqual(2);
    expect(await ctx.kefu.db.selectFrom('rate_limits').select('key').where('key', '=', 'k').execute()).toEqual([]);
  });
});
