import type { FastifyInstance } from 'fastify';
import type { AuthInfo } from '../../platform/auth/authenticate.js';
import { defineRoute, idParams } from '../../platform/http/route.js';
import * as tokens from './api-tokens.service.js';
import { requireSession } from './auth.guard.js';
import { createdToken, createTokenBody, listQuery, tokenList } from './auth.schema.js';

const tags = ['api-tokens'];

/** Personal API tokens of the signed-in user. */
export function registerApiTokenRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/api-tokens',
    summary: 'My API tokens (never their secrets), newest first',
    tags,
    query: listQuery,
    response: tokenList,
    handler: ({ kefu, actor, query }) => tokens.listTokens(kefu, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/api-tokens',
    summary: 'Create an API token; the secret (kefu_…) is in this answer only',
    tags,
    body: createTokenBody,
    response: createdToken,
    // The answer holds a secret shown once: never kept for Idempotency-Key replays.
    idempotency: false,
    handler: async ({ req, kefu, actor, body }) => {
      requireSession(req.kefuAuth);
      return tokens.createToken(kefu, actor, body);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/api-tokens/:id',
    summary: 'Revoke one of my API tokens; takes effect at once on every node',
    tags,
    params: idParams,
    handler: ({ req, kefu, actor, params }) => tokens.revokeToken(kefu, actor, req.kefuAuth as AuthInfo, params.id),
  });
}
