import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../platform/http/route.js';
import {
  itemCreateBody,
  itemParams,
  itemsQuery,
  itemUpdateBody,
  picklistCreateBody,
  picklistParams,
  picklistUpdateBody,
  reorderBody,
} from './picklists.schema.js';
import * as service from './picklists.service.js';

const MANAGE = 'config.picklists.manage';
const tags = ['config'];

/** Picklists (§1.5): ticket categories tree, complaint causes, churn reasons, dispositions, not-ready reasons. */
export function registerPicklistRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/picklists',
    summary: 'List picklists with their active item counts',
    tags,
    handler: async ({ kefu, actor }) => ({ items: await service.listPicklists(kefu.db, actor), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/picklists',
    summary: 'Create a picklist',
    tags,
    permission: MANAGE,
    body: picklistCreateBody,
    handler: ({ kefu, actor, body }) => service.createPicklist(kefu.db, actor, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/picklists/:code',
    summary: 'Get a picklist with its items as a tree',
    tags,
    params: picklistParams,
    query: itemsQuery,
    handler: ({ kefu, actor, params, query }) => service.getPicklist(kefu.db, actor, params.code, query.includeInactive),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/picklists/:code',
    summary: 'Rename a picklist (If-Match)',
    tags,
    permission: MANAGE,
    params: picklistParams,
    body: picklistUpdateBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updatePicklist(kefu.db, actor, params.code, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/picklists/:code/items',
    summary: 'Items of a picklist as a tree (active only unless includeInactive=true)',
    tags,
    params: picklistParams,
    query: itemsQuery,
    handler: async ({ kefu, actor, params, query }) => ({ items: await service.listItems(kefu.db, actor, params.code, query.includeInactive), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/picklists/:code/items',
    summary: 'Add an item (under parentId in a hierarchical list)',
    tags,
    permission: MANAGE,
    params: picklistParams,
    body: itemCreateBody,
    handler: ({ kefu, actor, params, body }) => service.createItem(kefu.db, actor, params.code, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/picklists/:code/items/reorder',
    summary: 'Reorder the children of one parent',
    tags,
    permission: MANAGE,
    status: 200,
    params: picklistParams,
    body: reorderBody,
    handler: async ({ kefu, actor, params, body }) => ({ items: await service.reorderItems(kefu.db, actor, params.code, body), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/picklists/:code/items/:id',
    summary: 'Edit, move, deactivate or reactivate an item (If-Match)',
    tags,
    permission: MANAGE,
    params: itemParams,
    body: itemUpdateBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateItem(kefu.db, actor, params.code, params.id, ifMatch!, body),
  });
}
