import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu } from '../testing/harness.js';
import { openDatabase, type Database } from './db.js';
import { cancelJob, createJobQueue, PermanentJobError, retryJob } from './jobs.js';

type TestKefu = Awaited<ReturnType<typeof createTestKefu>>;
let t: TestKefu;

beforeAll(async () => {
  t = await createTestKefu();
  await sql`CREATE TABLE job_effects (job_id uuid NOT NULL, queue text NOT NULL)`.execute(t.kefu.db);
});
afterAll(async () => {
  await t?.close();
});

const fast = { backoff: () => 0, pollMs: 20 };
const jobRow = (id: string) => t.kefu.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('job queue', () => {
  it('retries a failing job with backoff until it succeeds', async () => {
    const q = createJobQueue(t.kefu.db, { nodeId: 'n-retry', ...fast });
    let calls = 0;
    q.register('test.flaky', async () => {
      calls++;
      if (calls < 3) throw new Error(`boom ${calls}`);
      return { ok: true };
    });
    const id = await q.enqueue(t.kefu.db, 'test.flaky', {});
    expect(await q.drain()).toBe(3);
    const row = await jobRow(id);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(3);
    expect(row.result).toEqual({ ok: true });
    expect(row.last_error).toBeNull();
  });

  it('marks a job dead after max_attempts', async () => {
    const q = createJobQueue(t.kefu.db, { nodeId: 'n-dead', ...fast });
    q.register('test.always_fails', async () => {
      throw new Error('always broken');
    });
    const id = await q.enqueue(t.kefu.db, 'test.always_fails', {}, { maxAttempts: 4 });
    await q.drain();
    const row = await jobRow(id);
    expect(row.status).toBe('dead');
    expect(row.attempts).toBe(4);
    expect(row.last_error).toBe('always broken');
    expect(row.finished_at).not.toBeNull();
  });

  it('waits out the backoff before retrying', async () => {
    const q = createJobQueue(t.kefu.db, { nodeId: 'n-backoff', backoff: () => 60_000 });
    q.register('test.backoff', async () => {
      throw new Error('later');
    });
    const id = await q.enqueue(t.kefu.db, 'test.backoff', {});
    expect(await q.drain()).toBe(1);
    const row = await jobRow(id);
    expect(row.status).toBe('queued');
    expect(row.run_at.getTime()).toBeGreaterThan(Date.now() + 50_000);
    // "retry now" makes it due immediately
    expect(await retryJob(t.kefu.db, id)).toBe(true);
    expect(await q.drain()).toBe(1);
    expect((await jobRow(id)).attempts).toBe(2);
  });

  it('ends a permanent failure as failed without retries', async () => {
    const q = createJobQueue(t.kefu.db, { nodeId: 'n-perm', ...fast });
    q.register('test.permanent', async () => {
      throw new PermanentJobError('bad payload');
    });
    const id = await q.enqueue(t.kefu.db, 'test.permanent', {});
    await q.drain();
    const row = await jobRow(id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
  });

  it('keeps one job per unique_key while it is pending', async () => {
    const q = createJobQueue(t.kefu.db, { nodeId: 'n-unique', ...fast });
    const a = await q.enqueue(t.kefu.db, 'test.unique', { n: 1 }, { uniqueKey: 'customer:42:recompute' });
    const b = await q.enqueue(t.kefu.db, 'test.unique', { n: 2 }, { uniqueKey: 'customer:42:recompute' });
    expect(b).toBe(a);
    const rows = await t.kefu.db.selectFrom('jobs').select('id').where('unique_key', '=', 'customer:42:recompute').execute();
    expect(rows).toHaveLength(1);
  });

  it('leaves no job when the enqueueing transaction rolls back', async () => {
    const q = createJobQueue(t.kefu.db, { nodeId: 'n-tx', ...fast });
    let jobId = '';
    await expect(
      t.kefu.db.transaction().execute(async (tx) => {
        jobId = await q.enqueue(tx, 'test.tx', {});
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(jobId).not.toBe('');
    expect(await t.kefu.db.selectFrom('jobs').select('id').where('id', '=', jobId).executeTakeFirst()).toBeUndefined();
  });

  it('records progress and lets an administrator cancel a running job', async () => {
    const q = createJobQueue(t.kefu.db, { nodeId: 'n-cancel', ...fast });
    let steps = 0;
    let cancelledSeen = false;
    q.register('test.long', async (_payload, ctx) => {
      for (let i = 0; i < 100; i++) {
        try {
          await ctx.reportProgress(i, 100, `step ${i}`);
        } catch (err) {
          cancelledSeen = true;
          throw err;
        }
        steps++;
        if (i === 2) await cancelJob(t.kefu.db, ctx.jobId);
      }
      return 'finished';
    });
    const id = await q.enqueue(t.kefu.db, 'test.long', {});
    await q.drain();
    const row = await jobRow(id);
    expect(cancelledSeen).toBe(true);
    expect(steps).toBe(3);
    expect(row.status).toBe('cancelled');
    expect(row.progress).toEqual({ done: 2, total: 100, message: 'step 2' });
    expect(row.result).toBeNull();
  });

  it('does not run a cancelled queued job, and retry brings it back', async () => {
    const q = createJobQueue(t.kefu.db, { nodeId: 'n-cancel2', ...fast });
    let runs = 0;
    q.register('test.cancel_queued', async () => {
      runs++;
    });
    const id = await q.enqueue(t.kefu.db, 'test.cancel_queued', {});
    expect(await cancelJob(t.kefu.db, id)).toBe(true);
    expect(await q.drain()).toBe(0);
    expect(runs).toBe(0);
    expect(await cancelJob(t.kefu.db, id)).toBe(false);
    expect(await retryJob(t.kefu.db, id)).toBe(true);
    expect(await q.drain()).toBe(1);
    expect(runs).toBe(1);
    expect((await jobRow(id)).status).toBe('succeeded');
    expect(await retryJob(t.kefu.db, id)).toBe(false);
  });

  it('retries a dead job once more on request', async () => {
    const q = createJobQueue(t.kefu.db, { nodeId: 'n-retry-dead', ...fast });
    let fail = true;
    q.register('test.dead_then_ok', async () => {
      if (fail) throw new Error('down');
    });
    const id = await q.enqueue(t.kefu.db, 'test.dead_then_ok', {}, { maxAttempts: 2 });
    await q.drain();
    expect((await jobRow(id)).status).toBe('dead');
    fail = false;
    expect(await retryJob(t.kefu.db, id)).toBe(true);
    await q.drain();
    const row = await jobRow(id);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(3);
  });

  it('puts a running job of a dead node back in the queue, not one of a live node', async () => {
    const q = createJobQueue(t.kefu.db, { nodeId: 'n-live', ...fast });
    await q.heartbeat();
    const old = new Date(Date.now() - 11 * 60_000);
    const insert = (id: string, node: string, attempts = 1, max = 5) =>
      t.kefu.db
        .insertInto('jobs')
        .values({ id, name: 'test.stale', payload: '{}', status: 'running', attempts, max_attempts: max, locked_by: node, locked_at: old })
        .execute();
    const ghost = '01900000-0000-7000-8000-000000000001';
    const live = '01900000-0000-7000-8000-000000000002';
    const exhausted = '01900000-0000-7000-8000-000000000003';
    await insert(ghost, 'n-ghost');
    await insert(live, 'n-live');
    await insert(exhausted, 'n-ghost', 5, 5);
    expect(await q.recoverStale()).toBe(2);
    expect((await jobRow(ghost)).status).toBe('queued');
    expect((await jobRow(ghost)).last_error).toContain('n-ghost');
    expect((await jobRow(live)).status).toBe('running');
    expect((await jobRow(exhausted)).status).toBe('dead');
    await t.kefu.db.deleteFrom('jobs').where('id', 'in', [ghost, live, exhausted]).execute();
  });

  it('enqueues each due schedule run exactly once across nodes', async () => {
    const queues = ['s1', 's2', 's3'].map((n) => createJobQueue(t.kefu.db, { nodeId: n, ...fast }));
    for (const q of queues) {
      q.register('test.every_minute', async () => {});
      await q.schedule('test.every_minute', 60, { kind: 'tick' }, { firstRunAt: new Date(Date.now() - 3.5 * 60_000) });
    }
    const counts = await Promise.all(queues.map((q) => q.enqueueDueSchedules()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const jobs = await t.kefu.db.selectFrom('jobs').selectAll().where('name', '=', 'test.every_minute').execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload).toEqual({ kind: 'tick' });
    const s = await t.kefu.db.selectFrom('job_schedules').selectAll().where('name', '=', 'test.every_minute').executeTakeFirstOrThrow();
    // missed runs are not replayed: the next run is the next slot in the future
    expect(s.next_run_at.getTime()).toBeGreaterThan(Date.now());
    expect(s.next_run_at.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(s.last_job_id).toBe(jobs[0].id);
    // not due again yet
    expect(await queues[0].enqueueDueSchedules()).toBe(0);
    // re-declaring on restart keeps the next run
    await queues[1].schedule('test.every_minute', 60, { kind: 'tick' });
    const again = await t.kefu.db.selectFrom('job_schedules').select('next_run_at').where('name', '=', 'test.every_minute').executeTakeFirstOrThrow();
    expect(again.next_run_at.getTime()).toBe(s.next_run_at.getTime());
    expect(() => queues[0].schedule('test.bad', 0)).toThrow('positive integer');
  });
});

describe('two queues on one database', () => {
  it('run each of 50 jobs exactly once', async () => {
    // Separate connection pools on PostgreSQL, as two server processes would have.
    const url = t.kefu.config.databaseUrl;
    const second: Database | null = url ? await openDatabase({ databaseUrl: url, poolSize: 4 }) : null;
    const dbB = second?.db ?? t.kefu.db;
    const qa = createJobQueue(t.kefu.db, { nodeId: 'node-a', concurrency: 3, ...fast });
    const qb = createJobQueue(dbB, { nodeId: 'node-b', concurrency: 3, ...fast });
    for (const [q, label] of [
      [qa, 'a'],
      [qb, 'b'],
    ] as const) {
      q.register('test.effect', async (_p, ctx) => {
        await sql`INSERT INTO job_effects (job_id, queue) VALUES (${ctx.jobId}, ${label})`.execute(ctx.db);
        await new Promise((r) => setTimeout(r, 5));
      });
    }
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await qa.enqueue(t.kefu.db, 'test.effect', { i }));
    qa.start();
    qb.start();
    try {
      await waitFor(async () => {
        const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM jobs WHERE name = 'test.effect' AND status = 'succeeded'`.execute(t.kefu.db);
        return r.rows[0].n === 50;
      });
    } finally {
      await qa.stop();
      await qb.stop();
    }
    const effects = await sql<{ job_id: string; n: number }>`SELECT job_id, count(*)::int AS n FROM job_effects GROUP BY job_id`.execute(t.kefu.db);
    expect(effects.rows).toHaveLength(50);
    expect(effects.rows.every((r) => r.n === 1)).toBe(true);
    expect(new Set(effects.rows.map((r) => r.job_id))).toEqual(new Set(ids));
    if (second) {
      const byQueue = await sql<{ queue: string }>`SELECT DISTINCT queue FROM job_effects`.execute(t.kefu.db);
      // both nodes really competed for the jobs
      expect(byQueue.rows.length).toBe(2);
      await second.close();
    }
    // a stopped node removes its heartbeat
    expect(await t.kefu.db.selectFrom('job_nodes').select('node_id').where('node_id', 'in', ['node-a', 'node-b']).execute()).toHaveLength(0);
  });
});
