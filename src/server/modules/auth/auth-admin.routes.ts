import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../platform/http/route.js';
import * as admin from './auth-admin.service.js';
import { requireSession } from './auth.guard.js';
import { totpStateResponse } from './auth.schema.js';

const tags = ['auth'];

/** User administrators' sign-in help: reset a lost second factor, lift a lockout. */
export function registerAuthAdminRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/users/:id/totp-reset',
    summary: "Turn off a user's TOTP (lost phone); needs org.users.manage and the user in scope",
    tags,
    permission: 'org.users.manage',
    params: idParams,
    body: z.strictObject({}).optional(),
    response: totpStateResponse,
    status: 200,
    handler: async ({ req, kefu, actor, params }) => {
      requireSession(req.kefuAuth);
      return admin.resetUserTotp(kefu, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/users/:id/unlock',
    summary: "Lift a user's sign-in lockout now; needs org.users.manage and the user in scope",
    tags,
    permission: 'org.users.manage',
    params: idParams,
    body: z.strictObject({}).optional(),
    status: 204,
    handler: async ({ req, kefu, actor, params }) => {
      requireSession(req.kefuAuth);
      await admin.unlockUser(kefu, actor, params.id);
    },
  });
}
