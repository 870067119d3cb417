import type { FastifyInstance } from 'fastify';
import { defineRoute, idParams } from '../../platform/http/route.js';
import * as service from './users.service.js';
import { createUserBody, listUsersQuery, resetPasswordBody, updateUserBody, userPage, userView } from './users.schema.js';

const READ = ['org.users.read', 'org.users.manage'];
const tags = ['org'];

export function registerUserRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/users',
    summary: 'List staff users in the caller’s data scope (phone and email masked per field rules)',
    tags,
    permission: READ,
    query: listUsersQuery,
    response: userPage,
    handler: ({ kefu, actor, query }) => service.listUsers({ kefu, actor }, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/users/:id',
    summary: 'Get one user (404 outside the caller’s data scope)',
    tags,
    permission: READ,
    params: idParams,
    response: userView,
    handler: ({ kefu, actor, params }) => service.getUser({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/users',
    summary: 'Create a staff user',
    tags,
    permission: 'org.users.manage',
    body: createUserBody,
    response: userView,
    handler: ({ kefu, actor, body }) => service.createUser({ kefu, actor }, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/users/:id',
    summary: 'Update a user: profile, department, position, roles, status (disabling ends their sessions)',
    tags,
    permission: 'org.users.manage',
    params: idParams,
    body: updateUserBody,
    response: userView,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateUser({ kefu, actor }, params.id, ifMatch!, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/users/:id/reset-password',
    summary: 'Set a new password for a user (ends all their sessions)',
    tags,
    permission: 'org.users.manage',
    params: idParams,
    body: resetPasswordBody,
    status: 204,
    handler: async ({ kefu, actor, params, body }) => {
      await service.resetPassword({ kefu, actor }, params.id, body.password);
    },
  });
}
