import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { clearSessionCookie, sessionIdFromCookie, setSessionCookie } from '../../platform/auth/session.js';
import { defineRoute } from '../../platform/http/route.js';
import { registerApiTokenRoutes } from './api-tokens.routes.js';
import { registerAuthAdminRoutes } from './auth-admin.routes.js';
import { withRetryAfter } from './auth.guard.js';
import { listQuery, loginBody, loginResponse, logoutAllResponse, sessionList, sessionParams, totpCodeBody } from './auth.schema.js';
import * as service from './auth.service.js';
import { registerMeRoutes } from './me.routes.js';

const tags = ['auth'];

/** §1.3 authentication: sign-in, sessions, own profile, TOTP, personal API tokens. */
export async function registerAuthRoutes(app: FastifyInstance): Promise<void> {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    summary: 'Sign in with username and password (and TOTP code when enabled); sets the kefu_session cookie',
    tags,
    auth: 'public',
    body: loginBody,
    response: loginResponse,
    status: 200,
    handler: ({ req, reply, kefu, body }) =>
      withRetryAfter(reply, async () => {
        const result = await service.login(kefu, body, { ip: req.ip, userAgent: req.headers['user-agent'] });
        setSessionCookie(reply, req, kefu.config, result.cookieValue);
        return result.body;
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/totp',
    summary: 'Complete a sign-in that is waiting for the TOTP code; replaces the session cookie',
    tags,
    auth: 'public',
    body: totpCodeBody,
    response: loginResponse,
    status: 200,
    handler: ({ req, reply, kefu, body }) =>
      withRetryAfter(reply, async () => {
        const result = await service.completeTotpLogin(kefu, sessionIdFromCookie(req), body.code, { ip: req.ip, userAgent: req.headers['user-agent'] });
        setSessionCookie(reply, req, kefu.config, result.cookieValue);
        return result.body;
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/logout',
    summary: 'End the current session (server-side) and clear the cookie',
    tags,
    auth: 'public',
    body: z.strictObject({}).optional(),
    status: 204,
    handler: async ({ req, reply, kefu }) => {
      await service.logout(kefu, sessionIdFromCookie(req), { ip: req.ip });
      clearSessionCookie(reply, req, kefu.config);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/logout-all',
    summary: 'End every session of the signed-in user, this one included',
    tags,
    body: z.strictObject({}).optional(),
    response: logoutAllResponse,
    status: 200,
    handler: async ({ req, reply, kefu, actor }) => {
      const revoked = await service.logoutAll(kefu, actor);
      if (req.kefuAuth?.kind === 'session') clearSessionCookie(reply, req, kefu.config);
      return { revoked };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/auth/sessions',
    summary: 'My open sessions, newest first (the current one is flagged)',
    tags,
    query: listQuery,
    response: sessionList,
    handler: ({ kefu, actor, query }) => service.listSessions(kefu, actor, query),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/auth/sessions/:id',
    summary: 'End one of my sessions',
    tags,
    params: sessionParams,
    handler: async ({ req, reply, kefu, actor, params }) => {
      await service.revokeMySession(kefu, actor, params.id);
      if (params.id === actor.sessionId) clearSessionCookie(reply, req, kefu.config);
    },
  });

  registerMeRoutes(app);
  registerApiTokenRoutes(app);
  registerAuthAdminRoutes(app);
}
