import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../platform/http/route.js';
import * as service from './positions.service.js';
import { createPositionBody, positionList, positionView, updatePositionBody } from './positions.schema.js';

const READ = ['org.positions.manage', 'org.users.read', 'org.users.manage'];
const tags = ['org'];

export function registerPositionRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/positions',
    summary: 'List positions (岗位) with responsibilities, requirements and holder counts',
    tags,
    permission: READ,
    query: z.strictObject({}),
    response: positionList,
    handler: async ({ kefu, actor }) => ({ items: await service.listPositions({ kefu, actor }), nextCursor: null }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/positions/:id',
    summary: 'Get one position',
    tags,
    permission: READ,
    params: idParams,
    response: positionView,
    handler: ({ kefu, actor, params }) => service.getPosition({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/positions',
    summary: 'Create a position',
    tags,
    permission: 'org.positions.manage',
    body: createPositionBody,
    response: positionView,
    handler: ({ kefu, actor, body }) => service.createPosition({ kefu, actor }, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/positions/:id',
    summary: 'Update a position',
    tags,
    permission: 'org.positions.manage',
    params: idParams,
    body: updatePositionBody,
    response: positionView,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updatePosition({ kefu, actor }, params.id, ifMatch!, body),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/positions/:id',
    summary: 'Delete a position nobody holds',
    tags,
    permission: 'org.positions.manage',
    params: idParams,
    handler: async ({ kefu, actor, params, ifMatch }) => {
      await service.deletePosition({ kefu, actor }, params.id, ifMatch);
    },
  });
}
