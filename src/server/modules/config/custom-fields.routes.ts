import type { FastifyInstance } from 'fastify';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { customFieldCreateBody, customFieldListQuery, customFieldUpdateBody } from './custom-fields.schema.js';
import * as service from './custom-fields.service.js';

const MANAGE = 'config.custom_fields.manage';
const tags = ['config'];

/** Custom field definitions for customers, contacts and tickets (§1.5). */
export function registerCustomFieldRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/custom-fields',
    summary: 'List custom field definitions (filter by entity, active)',
    tags,
    query: customFieldListQuery,
    handler: async ({ kefu, actor, query }) => ({ items: await service.listCustomFields(kefu.db, actor, query), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/custom-fields/:id',
    summary: 'Get a custom field definition',
    tags,
    params: idParams,
    handler: ({ kefu, actor, params }) => service.getCustomField(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/custom-fields',
    summary: 'Create a custom field',
    tags,
    permission: MANAGE,
    body: customFieldCreateBody,
    handler: ({ kefu, actor, body }) => service.createCustomField(kefu.db, actor, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/custom-fields/:id',
    summary: 'Update a custom field (If-Match); entity, key and type are fixed',
    tags,
    permission: MANAGE,
    params: idParams,
    body: customFieldUpdateBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateCustomField(kefu.db, actor, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/custom-fields/:id',
    summary: 'Delete a custom field definition (stored values are kept)',
    tags,
    permission: MANAGE,
    params: idParams,
    handler: ({ kefu, actor, params, ifMatch }) => service.deleteCustomField(kefu.db, actor, params.id, ifMatch),
  });
}
