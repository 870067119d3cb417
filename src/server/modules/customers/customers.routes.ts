import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { changeStatusBody, createCustomerBody, customerPage, customerView, duplicateCandidate, noteBody, timelinePage, updateCustomerBody } from '../../../shared/customers.js';
import { registerRevealable } from '../org/reveal.registry.js';
import { loadContactPii } from './contacts.service.js';
import { checkDuplicates } from './duplicate-check.service.js';
import * as service from './customers.service.js';
import { countCustomersQuery, countView, duplicateCheckBody, listCustomersQuery, statusHistoryView, timelineQuery } from './customers.schema.js';
import { addNote, getStatusHistory, getTimeline } from './customer-timeline.service.js';

const tags = ['customers'];

/** §2.1 info card, §2.5 timeline, §2.6 register and search. */
export function registerCustomerCoreRoutes(app: FastifyInstance): void {
  registerRevealable('customer', service.loadCustomerPii, ['phone', 'email', 'address', 'id_number']);
  registerRevealable('contact', loadContactPii, ['phone', 'email']);

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers',
    summary: 'The customer register: search, filter, sort; personal data presented by field rules',
    tags,
    permission: 'customers.read',
    query: listCustomersQuery,
    response: customerPage,
    handler: ({ kefu, actor, query }) => service.listCustomers({ kefu, actor }, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/count',
    summary: 'How many customers in the caller’s scope match a search and filter',
    tags,
    permission: 'customers.read',
    query: countCustomersQuery,
    response: countView,
    handler: async ({ kefu, actor, query }) => ({ count: await service.countCustomers({ kefu, actor }, query) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/check-duplicates',
    summary: 'Possible duplicates of a customer being entered (phone, e-mail, credit code, ID number, name)',
    tags,
    permission: ['customers.create', 'customers.update'],
    body: duplicateCheckBody,
    response: z.object({ candidates: z.array(duplicateCandidate) }),
    status: 200,
    handler: async ({ kefu, actor, body }) => ({ candidates: await checkDuplicates({ kefu, actor }, body) }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/:id',
    summary: 'One customer’s info card (404 outside the caller’s data scope)',
    tags,
    permission: 'customers.read',
    params: idParams,
    response: customerView,
    handler: ({ kefu, actor, params }) => service.getCustomer({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers',
    summary: 'Create a customer; 409 possible_duplicate lists candidates unless allowDuplicate is true',
    tags,
    permission: 'customers.create',
    body: createCustomerBody,
    response: customerView,
    handler: ({ kefu, actor, body }) => service.createCustomer({ kefu, actor }, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/customers/:id',
    summary: 'Update a customer (If-Match); custom values are merged key by key',
    tags,
    permission: 'customers.update',
    params: idParams,
    body: updateCustomerBody,
    response: customerView,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateCustomer({ kefu, actor }, params.id, ifMatch!, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/:id/status',
    summary: 'Move the lifecycle status along an allowed transition, with a reason',
    tags,
    permission: 'customers.update',
    params: idParams,
    body: changeStatusBody,
    response: customerView,
    status: 200,
    handler: ({ kefu, actor, params, body }) => service.changeStatus({ kefu, actor }, params.id, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/:id/status-history',
    summary: 'Lifecycle status history, newest first',
    tags,
    permission: 'customers.read',
    params: idParams,
    response: statusHistoryView,
    handler: ({ kefu, actor, params }) => getStatusHistory({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/:id/timeline',
    summary: 'The customer 360 timeline: tickets, calls, visits, surveys, orders, payments, notes, status and owner changes',
    tags,
    permission: 'customers.read',
    params: idParams,
    query: timelineQuery,
    response: timelinePage,
    handler: ({ kefu, actor, params, query }) => getTimeline({ kefu, actor }, params.id, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/:id/notes',
    summary: 'Add a note to the customer’s timeline',
    tags,
    permission: 'customers.update',
    params: idParams,
    body: noteBody,
    status: 204,
    handler: ({ kefu, actor, params, body }) => addNote({ kefu, actor }, params.id, body.text),
  });
}
