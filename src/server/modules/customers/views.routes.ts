import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { bulkBody, createViewBody, savedViewView, updateViewBody } from '../../../shared/customers.js';
import { bulkUpdate } from './bulk.service.js';
import * as views from './views.service.js';

const tags = ['customers'];

/** §2.6 saved and shared views, segments with live counts, bulk actions. */
export function registerCustomerViewRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customer-views',
    summary: 'Saved views and segments (own and shared), segments with live counts',
    tags,
    permission: 'customers.read',
    response: z.array(savedViewView),
    handler: ({ kefu, actor }) => views.listViews({ kefu, actor }),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customer-views',
    summary: 'Save a view (columns, filter, sort) or a segment (a dynamic rule)',
    tags,
    permission: 'customers.read',
    body: createViewBody,
    response: savedViewView,
    handler: ({ kefu, actor, body }) => views.createView({ kefu, actor }, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/customer-views/:id',
    summary: 'Rename, share or change a view you own (If-Match)',
    tags,
    permission: 'customers.read',
    params: idParams,
    body: updateViewBody,
    response: savedViewView,
    handler: ({ kefu, actor, params, body, ifMatch }) => views.updateView({ kefu, actor }, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/customer-views/:id',
    summary: 'Delete a view you own',
    tags,
    permission: 'customers.read',
    params: idParams,
    handler: ({ kefu, actor, params }) => views.deleteView({ kefu, actor }, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/bulk',
    summary: 'Bulk action on selected customers: assign owner, add or remove tags, change status',
    tags,
    permission: 'customers.update',
    body: bulkBody,
    status: 200,
    response: z.object({ updated: z.number().int(), skipped: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })) }),
    handler: ({ kefu, actor, body }) => bulkUpdate({ kefu, actor }, body),
  });
}
