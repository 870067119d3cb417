import { sql, type Kysely } from 'kysely';
import type { EnqueueOptions, JobHandler, JobQueue, ScheduleOptions } from './context.js';
import type { DB, JobStatus } from './db-schema.js';
import { uuidv7 } from './ids.js';

/** Exponential backoff: 2 s, 4 s, 8 s … capped at 10 minutes. */
export const backoffMs = (attempt: number) => Math.min(600_000, 1000 * 2 ** attempt);

/** Thrown by a handler for a failure that retrying cannot fix: the job ends `failed` at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** Thrown by `reportProgress` once the job was cancelled, so the handler unwinds. */
export class JobCancelledError extends Error {
  constructor() {
    super('job cancelled');
    this.name = 'JobCancelledError';
  }
}

export type QueueOptions = {
  nodeId: string;
  /** Idle poll interval. */
  pollMs?: number;
  /** Jobs run at the same time on this node. */
  concurrency?: number;
  /** Delay before retry number `attempt + 1` (tests pass `() => 0`). */
  backoff?: (attempt: number) => number;
  /** A running job whose lock is older than this and whose node stopped beating goes back to the queue. */
  staleAfterMs?: number;
  /** A node that has not beaten for this long is considered dead. */
  nodeTimeoutMs?: number;
  heartbeatMs?: number;
  onError?: (err: unknown, context: string) => void;
};

type ClaimedJob = { id: string; name: string; payload: Record<string, unknown>; attempts: number; max_attempts: number };

/** The queue as built here: the `JobQueue` contract plus the maintenance steps tests and the CLI call directly. */
export type DurableJobQueue = JobQueue & {
  readonly nodeId: string;
  /** Enqueues one job for every due schedule (row-locked, so once across nodes). Returns how many. */
  enqueueDueSchedules(): Promise<number>;
  /** Puts jobs of dead nodes back in the queue. Returns how many. */
  recoverStale(): Promise<number>;
  heartbeat(): Promise<void>;
};

/**
 * Durable jobs in PostgreSQL. A job is claimed with FOR UPDATE SKIP LOCKED, so among any
 * number of nodes exactly one runs it; a failed run is retried with backoff until
 * `max_attempts`, then marked dead. Handlers must be idempotent (at-least-once delivery):
 * a node that dies mid-job leaves it `running`, and stale-lock recovery runs it again.
 */
export function createJobQueue(db: Kysely<DB>, opts: QueueOptions): DurableJobQueue {
  const handlers = new Map<string, JobHandler>();
  const schedules = new Map<string, { everySeconds: number; payload: Record<string, unknown>; opts: ScheduleOptions }>();
  const pollMs = opts.pollMs ?? 1000;
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const backoff = opts.backoff ?? backoffMs;
  const staleAfterMs = opts.staleAfterMs ?? 600_000;
  const nodeTimeoutMs = opts.nodeTimeoutMs ?? 120_000;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const onError = opts.onError ?? (() => {});
  let stopped = true;
  let workers: Promise<void>[] = [];
  let schedulesStored = false;
  const sleepers = new Set<() => void>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });

  async function claim(): Promise<ClaimedJob | null> {
    const names = [...handlers.keys()];
    if (names.length === 0) return null;
    const rows = await sql<ClaimedJob>`
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

  /** Final state of a run; only while this node still owns the job (a cancel or a recovery wins). */
  async function finish(jobId: string, values: Record<string, unknown>) {
    await db
      .updateTable('jobs')
      .set(values)
      .where('id', '=', jobId)
      .where('status', '=', 'running')
      .where('locked_by', '=', opts.nodeId)
      .execute();
  }

  async function runOne(): Promise<boolean> {
    const job = await claim();
    if (!job) return false;
    const handler = handlers.get(job.name)!;
    const stillMine = async () => {
      const row = await db.selectFrom('jobs').select(['status', 'locked_by']).where('id', '=', job.id).executeTakeFirst();
      return row?.status === 'running' && row.locked_by === opts.nodeId;
    };
    try {
      const result = await handler(job.payload, {
        db,
        jobId: job.id,
        attempt: job.attempts,
        reportProgress: async (done, total, message) => {
          const updated = await db
            .updateTable('jobs')
            .set({ progress: JSON.stringify({ done, total, ...(message ? { message } : {}) }), locked_at: new Date() })
            .where('id', '=', job.id)
            .where('status', '=', 'running')
            .where('locked_by', '=', opts.nodeId)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) throw new JobCancelledError();
        },
        isCancelled: async () => !(await stillMine()),
      });
      await finish(job.id, {
        status: 'succeeded',
        finished_at: new Date(),
        result: result === undefined ? null : JSON.stringify(result),
        last_error: null,
        locked_at: null,
      });
    } catch (err) {
      if (err instanceof JobCancelledError) return true;
      const message = (err instanceof Error ? err.message : String(err)) || 'error';
      const permanent = err instanceof PermanentJobError;
      const status: JobStatus = permanent ? 'failed' : job.attempts >= job.max_attempts ? 'dead' : 'queued';
      await finish(job.id, {
        status,
        last_error: message.slice(0, 2000),
        run_at: new Date(Date.now() + (status === 'queued' ? backoff(job.attempts) : 0)),
        locked_by: null,
        locked_at: null,
        finished_at: status === 'queued' ? null : new Date(),
      });
    }
    return true;
  }

  async function storeSchedules(): Promise<void> {
    for (const [name, s] of schedules) await upsertSchedule(name, s.everySeconds, s.payload, s.opts);
    schedulesStored = true;
  }

  async function upsertSchedule(name: string, everySeconds: number, payload: Record<string, unknown>, o: ScheduleOptions) {
    const first = o.firstRunAt ?? new Date(Date.now() + everySeconds * 1000);
    // A changed interval takes effect at once if that brings the next run forward; the
    // next run of an unchanged schedule is kept, so restarting nodes never shifts it.
    await sql`
      INSERT INTO job_schedules (name, every_seconds, next_run_at, payload)
      VALUES (${name}, ${everySeconds}, ${first}, ${JSON.stringify(payload)})
      ON CONFLICT (name) DO UPDATE SET
        payload = excluded.payload,
        next_run_at = CASE WHEN job_schedules.every_seconds <> excluded.every_seconds
          THEN least(job_schedules.next_run_at, now() + make_interval(secs => excluded.every_seconds))
          ELSE job_schedules.next_run_at END,
        every_seconds = excluded.every_seconds`.execute(db);
  }

  async function enqueue(tx: Kysely<DB>, name: string, payload: Record<string, unknown>, o: EnqueueOptions = {}) {
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
  }

  async function enqueueDueSchedules(): Promise<number> {
    const names = [...schedules.keys()].filter((n) => handlers.has(n));
    if (names.length === 0) return 0;
    if (!schedulesStored) await storeSchedules();
    return db.transaction().execute(async (tx) => {
      // The row lock makes one node own each due run; advancing next_run_at in the same
      // transaction means the next claimer sees the run as taken.
      const due = await sql<{ name: string; payload: Record<string, unknown> }>`
        SELECT name, payload FROM job_schedules
        WHERE next_run_at <= now() AND name IN (${sql.join(names)})
        ORDER BY next_run_at
        FOR UPDATE SKIP LOCKED`.execute(tx);
      for (const s of due.rows) {
        // One key per schedule: a run still queued or running absorbs the next one, so a
        // slow recurring job never piles up behind itself.
        const jobId = await enqueue(tx, s.name, s.payload, { uniqueKey: `schedule:${s.name}`, maxAttempts: schedules.get(s.name)?.opts.maxAttempts });
        await sql`
          UPDATE job_schedules SET
            next_run_at = next_run_at + make_interval(secs => (every_seconds *
              (floor(extract(epoch FROM (now() - next_run_at)) / every_seconds) + 1))::float8),
            last_enqueued_at = now(),
            last_job_id = ${jobId}
          WHERE name = ${s.name}`.execute(tx);
      }
      return due.rows.length;
    });
  }

  async function recoverStale(): Promise<number> {
    const staleBefore = new Date(Date.now() - staleAfterMs);
    const aliveSince = new Date(Date.now() - nodeTimeoutMs);
    const res = await sql`
      UPDATE jobs SET
        status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
        finished_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
        last_error = 'node ' || coalesce(locked_by, '?') || ' stopped while running the job',
        locked_by = NULL, locked_at = NULL, run_at = now()
      WHERE status = 'running' AND locked_at < ${staleBefore}
        AND (locked_by IS NULL OR locked_by NOT IN (SELECT node_id FROM job_nodes WHERE heartbeat_at > ${aliveSince}))`.execute(db);
    return Number(res.numAffectedRows ?? 0);
  }

  async function heartbeat(): Promise<void> {
    await sql`
      INSERT INTO job_nodes (node_id) VALUES (${opts.nodeId})
      ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now()`.execute(db);
  }

  async function worker(): Promise<void> {
    while (!stopped) {
      let ran = false;
      try {
        ran = await runOne();
      } catch (err) {
        onError(err, 'job run');
      }
      if (!ran && !stopped) await sleep(pollMs);
    }
  }

  async function maintenance(): Promise<void> {
    let lastBeat = 0;
    let lastRecovery = 0;
    while (!stopped) {
      try {
        const now = Date.now();
        if (now - lastBeat >= heartbeatMs) {
          await heartbeat();
          lastBeat = now;
        }
        if (now - lastRecovery >= Math.min(60_000, staleAfterMs)) {
          await recoverStale();
          lastRecovery = now;
        }
        await enqueueDueSchedules();
      } catch (err) {
        onError(err, 'job maintenance');
      }
      if (!stopped) await sleep(pollMs);
    }
  }

  return {
    nodeId: opts.nodeId,
    register(name, handler) {
      handlers.set(name, handler);
    },
    enqueue,
    schedule(name, everySeconds, payload = {}, o = {}) {
      if (!Number.isInteger(everySeconds) || everySeconds < 1) throw new Error(`schedule ${name}: everySeconds must be a positive integer`);
      schedules.set(name, { everySeconds, payload, opts: o });
      const stored = upsertSchedule(name, everySeconds, payload, o);
      // A caller that does not await must not cause an unhandled rejection; start() stores it again.
      stored.catch(() => {});
      return stored;
    },
    enqueueDueSchedules,
    recoverStale,
    heartbeat,
    start() {
      if (!stopped) return;
      stopped = false;
      schedulesStored = false;
      workers = [maintenance(), ...Array.from({ length: concurrency }, () => worker())];
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const wake of [...sleepers]) wake();
      await Promise.all(workers);
      workers = [];
      await db
        .deleteFrom('job_nodes')
        .where('node_id', '=', opts.nodeId)
        .execute()
        .catch(() => {});
    },
    async drain() {
      await recoverStale();
      await enqueueDueSchedules();
      let n = 0;
      while (await runOne()) n++;
      return n;
    },
  };
}

/** Job states an administrator may send back to the queue, and those that may be cancelled. */
export const RETRYABLE: readonly JobStatus[] = ['dead', 'failed', 'cancelled', 'queued'];
export const CANCELLABLE: readonly JobStatus[] = ['queued', 'running'];

/**
 * "Retry now": a dead, failed or cancelled job goes back to the queue with one more attempt
 * allowed; a queued job waiting out its backoff becomes due at once. Returns false when the
 * job is in a state that cannot be retried (running, succeeded) — the caller reports it.
 */
export async function retryJob(db: Kysely<DB>, id: string): Promise<boolean> {
  const res = await sql`
    UPDATE jobs SET
      status = 'queued', run_at = now(), locked_by = NULL, locked_at = NULL, finished_at = NULL,
      max_attempts = greatest(max_attempts, attempts + 1)
    WHERE id = ${id} AND status IN ('dead', 'failed', 'cancelled', 'queued')`.execute(db);
  return Number(res.numAffectedRows ?? 0) > 0;
}

/**
 * Cancels a queued or running job. A running handler learns it at its next `reportProgress`
 * or `isCancelled` check (cancellation is cooperative); its final write is then discarded.
 */
export async function cancelJob(db: Kysely<DB>, id: string): Promise<boolean> {
  const res = await sql`
    UPDATE jobs SET status = 'cancelled', finished_at = now(), locked_at = NULL
    WHERE id = ${id} AND status IN ('queued', 'running')`.execute(db);
  return Number(res.numAffectedRows ?? 0) > 0;
}
