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
    // A stored answer for Idempotency-Key replays would keep the personal data in plain text.
    idempotency: false,
    handler: async ({ kefu, actor, body }) => service.reveal({ kefu, actor }, body),
  });
}
