import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../platform/http/route.js';
import { revealAnswer, revealBody } from './reveal.schema.js';
import * as service from './reveal.service.js';

export function registerRevealRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reveal',
    summary: 'Show a masked personal-data value in full (needs pii.reveal and a reason; audited)',
    tags: ['org'],
    permission: 'pii.reveal',
    body: revealBody,
    // An answer, not a created resource.
    status: 200,
    response: revealAnswer,
    handler: async ({ kefu, actor, body, reply }) => {
      const answer = await service.reveal({ kefu, actor }, body);
      // Replied here rather than returned: a returned answer would be kept for Idempotency-Key
      // replays, which would store the personal data in plain text. no-store keeps it out of caches.
      reply.code(200).header('cache-control', 'no-store').send(answer);
      return answer;
    },
  });
}
