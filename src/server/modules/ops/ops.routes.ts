import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorBody } from '../../platform/http/error-handler.js';
import { defineRoute } from '../../platform/http/route.js';
import { installMetrics } from './ops.metrics.js';
import { readiness } from './ops.service.js';
import { registerTestRoutes } from './ops.test-routes.js';

const state = new WeakMap<FastifyInstance, { shuttingDown: boolean }>();

/** Called first thing on SIGTERM: /readyz answers 503 from then on, so balancers drain this node. */
export function markShuttingDown(app: FastifyInstance): void {
  const s = state.get(app);
  if (s) s.shuttingDown = true;
}

const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: z.string(), migrations: z.string(), shuttingDown: z.boolean() }),
});

/** Health, readiness, Prometheus metrics, request ids on every response. */
export async function registerOpsRoutes(app: FastifyInstance): Promise<void> {
  const s = { shuttingDown: false };
  state.set(app, s);
  const metrics = installMetrics(app);

  // Every answer names its request id, so a user's report can be matched to the log line.
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // While shutting down, answers close their connection: a kept-alive client socket would
  // otherwise hold the listener open until its idle timeout.
  app.addHook('onSend', async (_req, reply) => {
    if (s.shuttingDown) reply.header('connection', 'close');
  });

  defineRoute(app, {
    method: 'GET',
    url: '/healthz',
    summary: 'Liveness: the process is up (does not touch the database)',
    tags: ['ops'],
    auth: 'public',
    response: z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }),
    handler: async ({ reply }) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/readyz',
    summary: 'Readiness: database answers within 2 s, migrations applied, not shutting down (else 503)',
    tags: ['ops'],
    auth: 'public',
    response: readinessSchema,
    handler: async ({ kefu, reply }) => {
      const r = await readiness(kefu, s.shuttingDown);
      reply.code(r.ready ? 200 : 503).header('cache-control', 'no-store');
      return reply.send({ status: r.ready ? 'ready' : 'not_ready', checks: r.checks });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/metrics',
    summary: 'Prometheus metrics (text format); needs `Authorization: Bearer $KEFU_METRICS_TOKEN` when that is set',
    tags: ['ops'],
    auth: 'public',
    handler: async ({ reply, req }) => {
      const token = process.env.KEFU_METRICS_TOKEN;
      if (token && req.headers.authorization !== `Bearer ${token}`) {
        return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody(req.locale, 'unauthenticated'));
      }
      const { contentType, body } = await metrics.render();
      return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
    },
  });

  registerTestRoutes(app);
}
