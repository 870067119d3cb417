import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db-schema.js';
import { AppError } from '../errors.js';

export const RATE_WINDOW_MS = 60_000;
/** How often local counts are pushed to the shared table and the global totals read back. */
export const RATE_FLUSH_MS = 1_000;
/** Windows older than this are deleted by the maintenance job. */
export const RATE_RETENTION_MS = 10 * 60_000;

const IDLE_REFRESH_MS = 10_000;
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

type Counter = {
  key: string;
  windowStart: number;
  /** Requests counted here and not yet added to the shared table. */
  pending: number;
  /** The shared total (all nodes) as of the last flush, including our flushed requests. */
  global: number;
  lastHit: number;
};

export type Decision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

/**
 * Fixed-window request counters shared by every node through the `rate_limits` table, without a
 * database round-trip per request: each node counts locally and, about once a second, adds its
 * deltas to the table (count = count + delta) and reads the global totals back. A request is
 * decided from the last known global total plus the local unflushed count, so N nodes can
 * overshoot a limit by at most what they admit in one flush interval.
 */
export class RateLimiter {
  private counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key` and decides whether it may proceed. */
  hit(key: string): Decision {
    const t = this.now();
    const windowStart = Math.floor(t / RATE_WINDOW_MS) * RATE_WINDOW_MS;
    const id = `${windowStart}|${key}`;
    let c = this.counters.get(id);
    if (!c) {
      c = { key, windowStart, pending: 0, global: 0, lastHit: t };
      this.counters.set(id, c);
    }
    c.lastHit = t;
    const resetSeconds = Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - t) / 1000));
    const used = c.global + c.pending;
    if (used >= this.limit) return { allowed: false, limit: this.limit, remaining: 0, resetSeconds };
    c.pending++;
    this.schedule();
    return { allowed: true, limit: this.limit, remaining: Math.max(0, this.limit - used - 1), resetSeconds };
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => {
        /* the database is unreachable: keep counting locally and try again on the next hit */
      });
    }, RATE_FLUSH_MS);
    this.timer.unref();
  }

  /** Pushes local deltas to the shared table and refreshes the global totals of current windows. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushing = this.doFlush().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    const now = this.now();
    const currentWindow = Math.floor(now / RATE_WINDOW_MS) * RATE_WINDOW_MS;
    const dirty: { c: Counter; delta: number }[] = [];
    const idle: Counter[] = [];
    for (const [id, c] of this.counters) {
      if (c.pending > 0) dirty.push({ c, delta: c.pending });
      else if (c.windowStart !== currentWindow) this.counters.delete(id);
      // Keys in use lately also learn what other nodes counted; long-idle ones keep their
      // last known total (an underestimate at worst) until they are used again.
      else if (now - c.lastHit <= IDLE_REFRESH_MS) idle.push(c);
    }
    if (dirty.length > 0) {
      // Deltas are taken out before the write; requests counted meanwhile stay pending.
      for (const d of dirty) d.c.pending -= d.delta;
      try {
        const rows = await sql<{ key: string; window_start: Date; count: number }>`
          INSERT INTO rate_limits (key, window_start, count)
          VALUES ${sql.join(dirty.map((d) => sql`(${d.c.key}, ${new Date(d.c.windowStart)}, ${d.delta})`))}
          ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + EXCLUDED.count
          RETURNING key, window_start, count`.execute(this.db);
        for (const row of rows.rows) {
          const c = this.counters.get(`${new Date(row.window_start).getTime()}|${row.key}`);
          if (c) c.global = Math.max(c.global, row.count);
        }
      } catch (err) {
        for (const d of dirty) d.c.pending += d.delta;
        this.schedule();
        throw err;
      }
    }
    if (idle.length > 0) {
      const rows = await this.db
        .selectFrom('rate_limits')
        .select(['key', 'count'])
        .where('window_start', '=', new Date(currentWindow))
        .where('key', 'in', idle.map((c) => c.key))
        .execute();
      for (const row of rows) {
        const c = this.counters.get(`${currentWindow}|${row.key}`);
        if (c) c.global = Math.max(c.global, row.count);
      }
    }
    if ([...this.counters.values()].some((c) => c.pending > 0)) this.schedule();
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush().catch(() => {});
  }
}

/** Deletes counters of windows that ended long ago. */
export async function purgeRateLimits(db: Kysely<DB>, now = new Date()): Promise<number> {
  const res = await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(now.getTime() - RATE_RETENTION_MS))
    .executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}

/** Health probes, metrics and the web UI's static files are never limited. */
export function isLimited(req: FastifyRequest): boolean {
  const path = req.url.split('?', 1)[0];
  if (UNLIMITED_PATHS.has(path)) return false;
  if (path.startsWith('/api/')) return true;
  return req.method !== 'GET' && req.method !== 'HEAD';
}

/** Per signed-in actor; per client address when anonymous. */
export function rateKey(req: FastifyRequest): string {
  return req.actor ? `u:${req.actor.orgId}:${req.actor.userId}` : `ip:${req.ip}`;
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimiter: RateLimiter;
  }
}

/** Installs the limiter as an onRequest hook; it must come after authentication. */
export function installRateLimit(app: FastifyInstance): void {
  const limiter = new RateLimiter(app.kefu.db, app.kefu.config.rateLimitPerMinute);
  app.decorate('rateLimiter', limiter);
  app.addHook('onRequest', async (req, reply) => {
    if (!isLimited(req)) return;
    const d = limiter.hit(rateKey(req));
    reply.header('ratelimit-limit', String(d.limit));
    reply.header('ratelimit-remaining', String(d.remaining));
    reply.header('ratelimit-reset', String(d.resetSeconds));
    if (!d.allowed) {
      reply.header('retry-after', String(d.resetSeconds));
      throw new AppError('rate_limited', 429, { retryAfter: d.resetSeconds });
    }
  });
  app.addHook('onClose', async () => {
    await limiter.close();
  });
}
