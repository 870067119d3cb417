import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../platform/http/route.js';
import * as service from './departments.service.js';
import { createDepartmentBody, departmentList, departmentView, updateDepartmentBody } from './departments.schema.js';

const READ = ['org.departments.read', 'org.departments.manage', 'org.users.read', 'org.users.manage'];
const tags = ['org'];

export function registerDepartmentRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/departments',
    summary: 'List departments (flat, with parentId, path and member counts; the client builds the tree)',
    tags,
    permission: READ,
    query: z.strictObject({}),
    response: departmentList,
    handler: async ({ kefu, actor }) => ({ items: await service.listDepartments({ kefu, actor }), nextCursor: null }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/departments/:id',
    summary: 'Get one department',
    tags,
    permission: READ,
    params: idParams,
    response: departmentView,
    handler: ({ kefu, actor, params }) => service.getDepartment({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/departments',
    summary: 'Create a department',
    tags,
    permission: 'org.departments.manage',
    body: createDepartmentBody,
    response: departmentView,
    handler: ({ kefu, actor, body }) => service.createDepartment({ kefu, actor }, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/departments/:id',
    summary: 'Rename, re-sort or move a department (its subtree moves along; cycles are refused)',
    tags,
    permission: 'org.departments.manage',
    params: idParams,
    body: updateDepartmentBody,
    response: departmentView,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateDepartment({ kefu, actor }, params.id, ifMatch!, body),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/departments/:id',
    summary: 'Delete an empty department (refused while it has sub-departments or members)',
    tags,
    permission: 'org.departments.manage',
    params: idParams,
    handler: async ({ kefu, actor, params, ifMatch }) => {
      await service.deleteDepartment({ kefu, actor }, params.id, ifMatch);
    },
  });
}
