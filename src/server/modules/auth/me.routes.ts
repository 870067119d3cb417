import type { FastifyInstance } from 'fastify';
import type { AuthInfo } from '../../platform/auth/authenticate.js';
import { defineRoute } from '../../platform/http/route.js';
import { requireSession, withRetryAfter } from './auth.guard.js';
import { changePasswordBody, meResponse, patchMeBody, totpCodeBody, totpDisableBody, totpSetupResponse, totpStateResponse } from './auth.schema.js';
import * as me from './me.service.js';

const tags = ['me'];

/** The signed-in user's own profile, password and second factor. */
export function registerMeRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/me',
    summary: 'Who I am: profile, effective permissions, data scopes, field rules, roles, TOTP state',
    tags,
    response: meResponse,
    handler: ({ req, kefu, actor }) => me.getMe(kefu, actor, req.kefuAuth as AuthInfo),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/me',
    summary: 'Change my display name or language (If-Match optional)',
    tags,
    body: patchMeBody,
    response: meResponse,
    concurrency: false,
    handler: ({ req, kefu, actor, body, ifMatch }) => me.updateMe(kefu, actor, req.kefuAuth as AuthInfo, body, ifMatch),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/me/password',
    summary: 'Change my password (policy: 8..128, not common, not the username); ends my other sessions',
    tags,
    body: changePasswordBody,
    status: 204,
    handler: ({ req, reply, kefu, actor, body }) =>
      withRetryAfter(reply, async () => {
        requireSession(req.kefuAuth);
        await me.changePassword(kefu, actor, req.kefuAuth.sessionId, body);
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/me/totp/setup',
    summary: 'Start TOTP enrolment: returns a new secret and otpauth:// URL (for a QR code)',
    tags,
    response: totpSetupResponse,
    // The answer holds a secret shown once: never kept for Idempotency-Key replays.
    idempotency: false,
    status: 200,
    handler: async ({ req, kefu, actor }) => {
      requireSession(req.kefuAuth);
      return me.setupTotp(kefu, actor);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/me/totp/enable',
    summary: 'Finish TOTP enrolment with a code from the authenticator app',
    tags,
    body: totpCodeBody,
    response: totpStateResponse,
    status: 200,
    handler: ({ req, reply, kefu, actor, body }) =>
      withRetryAfter(reply, async () => {
        requireSession(req.kefuAuth);
        return me.enableTotp(kefu, actor, body.code);
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/me/totp/disable',
    summary: 'Turn TOTP off, proven by a current code or the password',
    tags,
    body: totpDisableBody,
    response: totpStateResponse,
    status: 200,
    handler: ({ req, reply, kefu, actor, body }) =>
      withRetryAfter(reply, async () => {
        requireSession(req.kefuAuth);
        return me.disableTotp(kefu, actor, body);
      }),
  });
}
