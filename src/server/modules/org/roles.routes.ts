import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../platform/http/route.js';
import * as service from './roles.service.js';
import { createRoleBody, permissionCatalogue, roleList, roleView, updateRoleBody } from './roles.schema.js';

// Reading roles is needed to assign them (user forms) and to filter users by role.
const READ = ['org.roles.manage', 'org.users.read', 'org.users.manage'];
const tags = ['org'];

export function registerRoleRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/permissions',
    summary: 'The permission catalogue: permissions, scoped resources, data scopes, maskable fields and field rules',
    tags,
    response: permissionCatalogue,
    handler: async () => service.permissionCatalogue(),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/roles',
    summary: 'List roles with their permissions, data scopes, field rules and holder counts',
    tags,
    permission: READ,
    query: z.strictObject({}),
    response: roleList,
    handler: async ({ kefu, actor }) => ({ items: await service.listRoles({ kefu, actor }), nextCursor: null }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/roles/:id',
    summary: 'Get one role',
    tags,
    permission: READ,
    params: idParams,
    response: roleView,
    handler: ({ kefu, actor, params }) => service.getRole({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/roles',
    summary: 'Create a role (only permissions, scopes and field rules the caller holds may be granted)',
    tags,
    permission: 'org.roles.manage',
    body: createRoleBody,
    response: roleView,
    handler: ({ kefu, actor, body }) => service.createRole({ kefu, actor }, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/roles/:id',
    summary: 'Update a role (the system administrator role keeps its rights)',
    tags,
    permission: 'org.roles.manage',
    params: idParams,
    body: updateRoleBody,
    response: roleView,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateRole({ kefu, actor }, params.id, ifMatch!, body),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/roles/:id',
    summary: 'Delete a role nobody holds (the system role cannot be deleted)',
    tags,
    permission: 'org.roles.manage',
    params: idParams,
    handler: async ({ kefu, actor, params, ifMatch }) => {
      await service.deleteRole({ kefu, actor }, params.id, ifMatch);
    },
  });
}
