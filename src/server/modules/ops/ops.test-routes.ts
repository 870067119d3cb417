import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.js';

export const TEST_EFFECT_JOB = 'ops.test_effect';

/**
 * Routes that exist only in test processes, switched on by environment variables:
 * KEFU_TEST_SLOW_ROUTE=1 → GET /__test/slow (graceful-shutdown test);
 * KEFU_TEST_ROUTES=1 → publish a realtime event / enqueue counted jobs (two-node test).
 */
export function registerTestRoutes(app: FastifyInstance): void {
  if (process.env.KEFU_TEST_SLOW_ROUTE === '1') {
    app.get('/__test/slow', async (req) => {
      const ms = Math.min(30_000, Number((req.query as { ms?: string }).ms ?? 1500) || 1500);
      await new Promise((r) => setTimeout(r, ms));
      return { ok: true, waitedMs: ms };
    });
  }
  if (process.env.KEFU_TEST_ROUTES !== '1') return;
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/__test/events',
    summary: 'TEST ONLY: publish a realtime event to the caller’s organization',
    tags: ['test'],
    body: z.strictObject({ type: z.string().min(1).max(100), data: z.unknown() }),
    status: 202,
    handler: async ({ kefu, actor, body }) => {
      await kefu.events.publish({ orgId: actor.orgId, type: body.type, data: body.data ?? null });
      return { published: true, node: kefu.config.nodeId };
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/__test/jobs',
    summary: 'TEST ONLY: enqueue jobs whose handler records one row in kefu_test_effects',
    tags: ['test'],
    body: z.strictObject({ count: z.number().int().min(1).max(1000) }),
    status: 202,
    handler: async ({ kefu, actor, body }) => {
      const ids = await kefu.db.transaction().execute(async (tx) => {
        const out: string[] = [];
        for (let i = 0; i < body.count; i++) out.push(await kefu.jobs.enqueue(tx, TEST_EFFECT_JOB, { i }, { orgId: actor.orgId }));
        return out;
      });
      return { ids };
    },
  });
}
