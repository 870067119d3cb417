import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../../testing/harness.js';
import { uuidv7 } from '../../platform/ids.js';
import { markShuttingDown } from './ops.routes.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('health and readiness', () => {
  it('healthz answers without the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('readyz is 200 when the database answers and migrations are applied, 503 otherwise', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', shuttingDown: false } });

    // a migration this build ships but the database lacks
    const last = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1`.execute(t.kefu.db);
    await sql`DELETE FROM schema_migrations WHERE name = ${last.rows[0].name}`.execute(t.kefu.db);
    const pending = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(pending.statusCode).toBe(503);
    expect(pending.json().checks.migrations).toBe('pending');
    await sql`INSERT INTO schema_migrations (name) VALUES (${last.rows[0].name})`.execute(t.kefu.db);
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('every response carries its request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const other = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(other.headers['x-request-id']).not.toBe(res.headers['x-request-id']);
    // a client cannot choose the id that ties log lines together
    const given = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'x-request-id': 'trace-abc-123' } });
    expect(given.statusCode).toBe(404);
    expect(given.headers['x-request-id']).not.toBe('trace-abc-123');
    expect(given.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-/);
  });
});

describe('metrics', () => {
  it('exposes Prometheus text with process, HTTP (by route pattern), job and pool metrics', async () => {
    const admin = as(t.app, t.adminCookie);
    const id = uuidv7();
    await admin({ method: 'GET', url: `/api/v1/jobs/${id}` });
    await admin({ method: 'GET', url: `/api/v1/jobs/${uuidv7()}` });
    await t.kefu.db.insertInto('jobs').values({ id: uuidv7(), name: 'test.metrics', payload: '{}', status: 'dead' }).execute();

    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/jobs\/:id",status="404"\} 2/);
    expect(text).not.toContain(id);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/v1\/jobs\/:id",status="404"\} \d+/);
    expect(text).toMatch(/kefu_jobs\{status="dead"\} [1-9]/);
    expect(text).toMatch(/kefu_jobs\{status="cancelled"\} 0/);
    expect(text).toMatch(/kefu_db_pool_connections\{state="total"\} \d+/);
    expect(text).toContain('kefu_jobs_oldest_due_seconds');
    // unmatched URLs share one label value
    await t.app.inject({ method: 'GET', url: `/no/such/${id}` });
    const again = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(again).toMatch(/http_requests_total\{method="GET",route="\(unmatched\)",status="404"\} \d+/);
    expect(again).not.toContain(`/no/such/${id}`);
  });

  it('requires the metrics token when one is configured', async () => {
    process.env.KEFU_METRICS_TOKEN = 'scrape-secret-1234';
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-1234' } })).statusCode).toBe(200);
    } finally {
      delete process.env.KEFU_METRICS_TOKEN;
    }
  });
});

describe('shutdown', () => {
  it('readyz turns 503 once shutdown began, while healthz stays up', async () => {
    markShuttingDown(t.app);
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'not_ready', checks: { shuttingDown: true } });
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
