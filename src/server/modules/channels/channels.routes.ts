import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.js';
import { receiveInbound } from './channels.service.js';

const params = z.strictObject({ channel: z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/) });
const query = z.object({ org: z.string().max(64).optional() }).catchall(z.string());

/**
 * Webhooks of messaging platforms. Public: each call is authenticated by its adapter's
 * signature check over the exact body bytes, so the body is kept raw in this scope.
 */
export async function registerChannelRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    defineRoute(scope, {
      method: 'POST',
      url: '/api/v1/channels/:channel/inbound',
      summary: 'Inbound webhook of a messaging channel (signed by the platform)',
      tags: ['channels'],
      auth: 'public',
      params,
      query,
      status: 200,
      handler: async ({ kefu, req, reply, params: p, query: q }) => {
        const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const out = await receiveInbound(kefu, p.channel, { rawBody, headers: req.headers, query: q as Record<string, string | undefined> });
        if (out.reply) return reply.code(200).type(out.reply.contentType).send(out.reply.body);
        return { received: out.results.length, duplicates: out.results.filter((r) => r.duplicate).length };
      },
    });
  });
}
