import { sql, type Kysely } from 'kysely';
import type { EnqueueOptions, JobHandler, JobQueue } from './context.js';
import type { DB } from './db-schema.js';
import { uuidv7 } from './ids.js';

/** Exponential backoff: 2 s, 4 s, 8 s … capped at 10 minutes. */
export const backoffMs = (attempt: number) => Math.min(600_000, 1000 * 2 ** attempt);

type QueueOptions = { nodeId: string; pollMs?: number; concurrency?: number };

/**
 * Durable jobs in PostgreSQL. A job is claimed with FOR UPDATE SKIP LOCKED, so among any
 * number of nodes exactly one runs it; a failed run is retried with backoff until
 * `max_attempts`, then marked dead. Handlers must be idempotent (at-least-once delivery).
 */
export function createJobQueue(db: Kysely<DB>, opts: QueueOptions): JobQueue {
  const handlers = new Map<string, JobHandler>();
  const pollMs = opts.pollMs ?? 1000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function claim(): Promise<{ id: string; name: string; payload: Record<string, unknown>; attempts: number; max_attempts: number } | null> {
    const names = [...handlers.keys()];
    if (names.length === 0) return null;
    const rows = await sql<{ id: string; name: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>`
      UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ${opts.nodeId}, locked_at = now()
      WHERE id = (
        SELECT id FROM jobs
        WHERE status = 'queued' AND run_at <= now() AND name IN (${sql.join(names)})
        ORDER BY run_at, id
        FOR UPDATE SKIP LOCKED
        LIMIT 1
      )
      RETURNING id, name, payload, attempts, max_attempts`.execute(db);
    return rows.rows[0] ?? null;
  }

  async function runOne(): Promise<boolean> {
    const job = await claim();
    if (!job) return false;
    const handler = handlers.get(job.name)!;
    try {
      const result = await handler(job.payload, {
        db,
        jobId: job.id,
        attempt: job.attempts,
        reportProgress: async (done, total, message) => {
          await db.updateTable('jobs').set({ progress: JSON.stringify({ done, total, message }) }).where('id', '=', job.id).execute();
        },
      });
      await db
        .updateTable('jobs')
        .set({ status: 'succeeded', finished_at: new Date(), result: result === undefined ? null : JSON.stringify(result), last_error: null })
        .where('id', '=', job.id)
        .execute();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const dead = job.attempts >= job.max_attempts;
      await db
        .updateTable('jobs')
        .set({
          status: dead ? 'dead' : 'queued',
          last_error: message.slice(0, 2000),
          run_at: new Date(Date.now() + backoffMs(job.attempts)),
          locked_by: null,
          locked_at: null,
          finished_at: dead ? new Date() : null,
        })
        .where('id', '=', job.id)
        .execute();
    }
    return true;
  }

  async function loop() {
    if (stopped) return;
    try {
      while (!stopped && (await runOne())) {
        /* keep draining */
      }
    } catch {
      /* database hiccup: try again on the next tick */
    }
    if (!stopped) timer = setTimeout(() => (running = loop()), pollMs);
  }

  return {
    register(name, handler) {
      handlers.set(name, handler);
    },
    async enqueue(tx, name, payload, o: EnqueueOptions = {}) {
      const id = uuidv7();
      const inserted = await tx
        .insertInto('jobs')
        .values({
          id,
          org_id: o.orgId ?? null,
          name,
          payload: JSON.stringify(payload),
          run_at: o.runAt ?? new Date(),
          unique_key: o.uniqueKey ?? null,
          max_attempts: o.maxAttempts ?? 5,
        })
        .onConflict((oc) => oc.expression(sql`unique_key`).where(sql<boolean>`unique_key IS NOT NULL AND status IN ('queued','running')`).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return inserted.id;
      const existing = await tx
        .selectFrom('jobs')
        .select('id')
        .where('unique_key', '=', o.uniqueKey!)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirstOrThrow();
      return existing.id;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      running = loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    async drain() {
      let n = 0;
      while (await runOne()) n++;
      return n;
    },
  };
}
