import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginCookie, as, type TestApp } from '../../testing/harness.js';
import { createUser } from '../auth/auth.fixtures.js';
import { uuidv7 } from '../../platform/ids.js';

let t: TestApp;
let admin: ReturnType<typeof as>;
let viewer: ReturnType<typeof as>;
let nobody: ReturnType<typeof as>;
const otherOrg = uuidv7();

async function insertJob(values: { name: string; status?: 'queued' | 'running' | 'succeeded' | 'failed' | 'dead' | 'cancelled'; orgId?: string | null; attempts?: number; maxAttempts?: number; uniqueKey?: string; lastError?: string }) {
  const id = uuidv7();
  await t.kefu.db
    .insertInto('jobs')
    .values({
      id,
      org_id: values.orgId === undefined ? t.orgId : values.orgId,
      name: values.name,
      payload: JSON.stringify({ customerId: 'c-1', password: 'hunter2' }),
      status: values.status ?? 'queued',
      attempts: values.attempts ?? 0,
      max_attempts: values.maxAttempts ?? 5,
      unique_key: values.uniqueKey ?? null,
      last_error: values.lastError ?? null,
      finished_at: ['succeeded', 'failed', 'dead', 'cancelled'].includes(values.status ?? 'queued') ? new Date() : null,
      locked_by: values.status === 'running' ? 'node-x' : null,
      locked_at: values.status === 'running' ? new Date() : null,
    })
    .execute();
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = as(t.app, t.adminCookie);
  await createUser(t.kefu.db, t.orgId, { username: 'ops-viewer', password: 'Viewer-Pass-2026', roleCode: 'ops_viewer', permissions: ['jobs.read'] });
  await createUser(t.kefu.db, t.orgId, { username: 'agent1', password: 'Agent-Pass-2026', roleCode: 'agent', permissions: ['tickets.read'] });
  viewer = as(t.app, await loginCookie(t.app, 'ops-viewer', 'Viewer-Pass-2026'));
  nobody = as(t.app, await loginCookie(t.app, 'agent1', 'Agent-Pass-2026'));
  await t.kefu.db.insertInto('orgs').values({ id: otherOrg, name: 'Other', settings: JSON.stringify({}) }).execute();
});
afterAll(async () => {
  await t?.close();
});

describe('jobs admin API', () => {
  it('lists jobs newest first with cursor pagination and filters', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertJob({ name: 'test.page' }));
    const dead = await insertJob({ name: 'test.page', status: 'dead', attempts: 5, lastError: 'SMTP refused' });
    const foreign = await insertJob({ name: 'test.page', orgId: otherOrg });
    const system = await insertJob({ name: 'test.page', orgId: null });

    const first = await admin({ method: 'GET', url: '/api/v1/jobs?name=test.page&limit=3' });
    expect(first.statusCode).toBe(200);
    const p1 = first.json();
    expect(p1.items.map((j: { id: string }) => j.id)).toEqual([system, dead, ids[4]]);
    expect(p1.nextCursor).toBeTruthy();
    const second = (await admin({ method: 'GET', url: `/api/v1/jobs?name=test.page&limit=3&cursor=${p1.nextCursor}` })).json();
    expect(second.items.map((j: { id: string }) => j.id)).toEqual([ids[3], ids[2], ids[1]]);
    const third = (await admin({ method: 'GET', url: `/api/v1/jobs?name=test.page&limit=3&cursor=${second.nextCursor}` })).json();
    expect(third.items.map((j: { id: string }) => j.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();
    // another organization's job never shows
    expect([...p1.items, ...second.items, ...third.items].some((j: { id: string }) => j.id === foreign)).toBe(false);

    const deadOnly = (await admin({ method: 'GET', url: '/api/v1/jobs?status=dead&name=test.page' })).json();
    expect(deadOnly.items).toHaveLength(1);
    expect(deadOnly.items[0]).toMatchObject({ id: dead, status: 'dead', attempts: 5, lastError: 'SMTP refused', orgId: t.orgId });
    expect(deadOnly.items[0].payload).toBeUndefined();
  });

  it('rejects bad filters and cursors', async () => {
    expect((await admin({ method: 'GET', url: '/api/v1/jobs?status=exploded' })).statusCode).toBe(400);
    expect((await admin({ method: 'GET', url: '/api/v1/jobs?cursor=not-a-cursor' })).statusCode).toBe(400);
    expect((await admin({ method: 'GET', url: '/api/v1/jobs?limit=0' })).statusCode).toBe(400);
    expect((await admin({ method: 'GET', url: '/api/v1/jobs?sort=name' })).statusCode).toBe(400);
  });

  it('shows one job with its payload, secrets redacted; 404 for another org or unknown id', async () => {
    const id = await insertJob({ name: 'test.detail' });
    const res = await viewer({ method: 'GET', url: `/api/v1/jobs/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, name: 'test.detail', status: 'queued', payload: { customerId: 'c-1', password: '[redacted]' } });
    const foreign = await insertJob({ name: 'test.detail', orgId: otherOrg });
    expect((await admin({ method: 'GET', url: `/api/v1/jobs/${foreign}` })).statusCode).toBe(404);
    expect((await admin({ method: 'GET', url: `/api/v1/jobs/${uuidv7()}` })).statusCode).toBe(404);
    expect((await admin({ method: 'GET', url: '/api/v1/jobs/not-a-uuid' })).statusCode).toBe(400);
  });

  it('requires jobs.read to look and jobs.manage to act', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/jobs' })).statusCode).toBe(401);
    expect((await nobody({ method: 'GET', url: '/api/v1/jobs' })).statusCode).toBe(403);
    expect((await nobody({ method: 'GET', url: '/api/v1/jobs/stats' })).statusCode).toBe(403);
    const id = await insertJob({ name: 'test.perm', status: 'dead' });
    expect((await viewer({ method: 'POST', url: `/api/v1/jobs/${id}/retry` })).statusCode).toBe(403);
    expect((await viewer({ method: 'POST', url: `/api/v1/jobs/${id}/cancel` })).statusCode).toBe(403);
    expect((await t.kefu.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('dead');
  });

  it('retries a dead job now, audited; refuses a running one', async () => {
    const id = await insertJob({ name: 'test.retry', status: 'dead', attempts: 5, maxAttempts: 5 });
    const res = await admin({ method: 'POST', url: `/api/v1/jobs/${id}/retry` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'queued', attempts: 5, maxAttempts: 6, finishedAt: null });
    const audit = await t.kefu.db.selectFrom('audit_log').selectAll().where('action', '=', 'job.retry').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ status: 'dead' });
    expect(audit.after).toMatchObject({ status: 'queued' });

    const running = await insertJob({ name: 'test.retry', status: 'running', attempts: 1 });
    const refused = await admin({ method: 'POST', url: `/api/v1/jobs/${running}/retry` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'job_not_retryable', details: { status: 'running' } });
    // the administrator's locale is zh-CN
    expect(refused.json().error.message).toContain('不能重试');
  });

  it('refuses a retry that would duplicate a pending unique job', async () => {
    await insertJob({ name: 'test.uniq', status: 'queued', uniqueKey: 'uniq:1' });
    const dead = await insertJob({ name: 'test.uniq', status: 'dead', uniqueKey: 'uniq:1', attempts: 5 });
    const res = await admin({ method: 'POST', url: `/api/v1/jobs/${dead}/retry` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('job_duplicate');
    expect((await t.kefu.db.selectFrom('jobs').select('status').where('id', '=', dead).executeTakeFirstOrThrow()).status).toBe('dead');
  });

  it('cancels a queued job, audited; refuses a finished one; 404 across orgs', async () => {
    const id = await insertJob({ name: 'test.cancel' });
    const res = await admin({ method: 'POST', url: `/api/v1/jobs/${id}/cancel` });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    expect(await t.kefu.db.selectFrom('audit_log').select('seq').where('action', '=', 'job.cancel').where('entity_id', '=', id).executeTakeFirst()).toBeDefined();
    const again = await admin({ method: 'POST', url: `/api/v1/jobs/${id}/cancel` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('job_not_cancellable');
    const foreign = await insertJob({ name: 'test.cancel', orgId: otherOrg });
    expect((await admin({ method: 'POST', url: `/api/v1/jobs/${foreign}/cancel` })).statusCode).toBe(404);
    expect((await t.kefu.db.selectFrom('jobs').select('status').where('id', '=', foreign).executeTakeFirstOrThrow()).status).toBe('queued');
  });

  it('counts jobs by status', async () => {
    const before = (await admin({ method: 'GET', url: '/api/v1/jobs/stats' })).json();
    await insertJob({ name: 'test.stats', status: 'dead' });
    await insertJob({ name: 'test.stats', status: 'dead' });
    await insertJob({ name: 'test.stats', status: 'succeeded' });
    await insertJob({ name: 'test.stats', orgId: otherOrg, status: 'dead' });
    const res = await viewer({ method: 'GET', url: '/api/v1/jobs/stats' });
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(Object.keys(after.counts).sort()).toEqual(['cancelled', 'dead', 'failed', 'queued', 'running', 'succeeded']);
    expect(after.counts.dead - before.counts.dead).toBe(2);
    expect(after.counts.succeeded - before.counts.succeeded).toBe(1);
    expect(after.byName.find((n: { name: string }) => n.name === 'test.stats')).toEqual({ name: 'test.stats', queued: 0, running: 0, failed: 0, dead: 2 });
    expect(after.oldestDueAt).not.toBeNull();
  });

  it('lists schedules and makes one due now', async () => {
    const res = await viewer({ method: 'GET', url: '/api/v1/jobs/schedules' });
    expect(res.statusCode).toBe(200);
    const prune = res.json().items.find((s: { name: string }) => s.name === 'jobs.prune');
    expect(prune).toMatchObject({ name: 'jobs.prune', everySeconds: 86400 });
    expect(new Date(prune.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    const run = await admin({ method: 'POST', url: '/api/v1/jobs/schedules/jobs.prune/run' });
    expect(run.statusCode).toBe(200);
    expect(new Date(run.json().nextRunAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect((await admin({ method: 'POST', url: '/api/v1/jobs/schedules/no.such/run' })).statusCode).toBe(404);
    // the real queue picks it up: the prune job runs and reports what it removed
    await t.kefu.jobs.drain();
    const ran = await t.kefu.db.selectFrom('jobs').selectAll().where('name', '=', 'jobs.prune').executeTakeFirstOrThrow();
    expect(ran.status).toBe('succeeded');
    expect(ran.result).toEqual({ removed: 0 });
  });
});
