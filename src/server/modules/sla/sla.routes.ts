import type { FastifyInstance } from 'fastify';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { policyCreateBody, policyUpdateBody, reorderBody, ticketRefParams } from './sla-policies.schema.js';
import * as policies from './sla-policies.service.js';
import { explainTicketSla, ticketIdByNumber } from './sla.service.js';

const MANAGE = 'sla.manage';
const READ = ['tickets.read', MANAGE];
const tags = ['sla'];

/** §5.6 SLA policies and the explanation of a ticket's SLA clock. */
export function registerSlaRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/sla-policies',
    summary: 'List SLA policies in evaluation order',
    tags,
    permission: READ,
    handler: async ({ kefu, actor }) => ({ items: await policies.listPolicies(kefu.db, actor), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/sla-policies/:id',
    summary: 'Get an SLA policy',
    tags,
    permission: READ,
    params: idParams,
    handler: ({ kefu, actor, params }) => policies.getPolicy(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/sla-policies',
    summary: 'Create an SLA policy (placed last); open tickets are recomputed',
    tags,
    permission: MANAGE,
    body: policyCreateBody,
    handler: ({ kefu, actor, body }) => policies.createPolicy(kefu, actor, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/sla-policies/:id',
    summary: 'Update an SLA policy (If-Match); open tickets are recomputed',
    tags,
    permission: MANAGE,
    params: idParams,
    body: policyUpdateBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => policies.updatePolicy(kefu, actor, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/sla-policies/:id',
    summary: 'Delete an SLA policy; open tickets are recomputed',
    tags,
    permission: MANAGE,
    params: idParams,
    handler: ({ kefu, actor, params, ifMatch }) => policies.deletePolicy(kefu, actor, params.id, ifMatch),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/sla-policies/reorder',
    summary: 'Set the evaluation order of all SLA policies (the first match wins)',
    tags,
    permission: MANAGE,
    status: 200,
    body: reorderBody,
    handler: ({ kefu, actor, body }) => policies.reorderPolicies(kefu, actor, body.ids),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/tickets/:id/sla',
    summary: "Explain a ticket's SLA clock: policy, calendar, and per metric the intervals counted or paused (id or ticket number)",
    tags,
    permission: 'tickets.read',
    params: ticketRefParams,
    handler: async ({ kefu, actor, params }) => explainTicketSla(kefu.db, actor, await ticketIdByNumber(kefu.db, actor, params.id), new Date()),
  });
}
