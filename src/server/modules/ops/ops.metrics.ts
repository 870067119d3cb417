import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JOB_STATUSES } from '../jobs-admin/jobs-admin.schema.js';

// Process metrics (CPU, memory, event loop, GC) exist once per process, however many apps a
// test run builds; the HTTP, job and pool metrics belong to one app.
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * Prometheus metrics of one app: requests by route pattern (never the raw URL, which would
 * explode the label space), latency histogram, jobs by status and database pool usage.
 */
export function installMetrics(app: FastifyInstance): { render(): Promise<{ contentType: string; body: string }> } {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const kefu = app.kefu;
  new Gauge({
    name: 'kefu_jobs',
    help: 'Background jobs by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await sql<{ status: string; n: number }>`SELECT status, count(*)::int AS n FROM jobs GROUP BY status`.execute(kefu.db);
      const counts = new Map(rows.rows.map((r) => [r.status, r.n]));
      for (const s of JOB_STATUSES) this.set({ status: s }, counts.get(s) ?? 0);
    },
  });
  new Gauge({
    name: 'kefu_jobs_oldest_due_seconds',
    help: 'How long the oldest due job has been waiting (queue lag)',
    registers: [registry],
    async collect() {
      const r = await sql<{ lag: number | null }>`
        SELECT extract(epoch FROM now() - min(run_at))::float8 AS lag FROM jobs WHERE status = 'queued' AND run_at <= now()`.execute(kefu.db);
      this.set(Math.max(0, r.rows[0]?.lag ?? 0));
    },
  });
  new Gauge({
    name: 'kefu_db_pool_connections',
    help: 'Database pool connections by state (total, idle, waiting requests)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = kefu.database.pool;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new Gauge({
    name: 'kefu_info',
    help: 'Kefu build and database engine',
    labelNames: ['engine', 'node'],
    registers: [registry],
    collect() {
      this.set({ engine: kefu.database.engine, node: kefu.config.nodeId }, 1);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? '(unmatched)';
    const labels = { method: req.method, route, status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  return {
    async render() {
      const proc = processMetrics();
      return { contentType: registry.contentType, body: `${await proc.metrics()}\n${await registry.metrics()}` };
    },
  };
}
