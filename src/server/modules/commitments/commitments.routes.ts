import type { FastifyInstance } from 'fastify';
import { cancelCommitmentBody, createCommitmentBody, fulfilCommitmentBody, updateCommitmentBody } from '../../../shared/complaints.js';
import { defineRoute, idParams } from '../../platform/http/route.js';
import * as service from './commitments.service.js';

const tags = ['commitments'];

/** §5.7 customer commitments (客户承诺): what was promised, to whom, by when, and whether it was kept. */
export function registerCommitmentRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/commitments',
    summary: 'Commitments the caller may see, soonest due first (mine, status, due today, breached, customer, ticket)',
    tags,
    permission: 'tickets.read',
    query: service.listCommitmentsQuery,
    handler: ({ kefu, actor, query }) => service.listCommitments({ kefu, actor }, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/commitments',
    summary: 'Record a commitment to a customer and/or on a ticket, with a due time and an owner',
    tags,
    permission: 'tickets.update',
    body: createCommitmentBody,
    handler: ({ kefu, actor, body }) => service.createCommitment({ kefu, actor }, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/commitments/:id',
    summary: 'One commitment (404 outside the caller’s scope)',
    tags,
    permission: 'tickets.read',
    params: idParams,
    handler: ({ kefu, actor, params }) => service.getCommitment({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/commitments/:id',
    summary: 'Change the description, due time or owner of an unfinished commitment (If-Match)',
    tags,
    permission: 'tickets.update',
    params: idParams,
    body: updateCommitmentBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateCommitment({ kefu, actor }, params.id, ifMatch!, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/commitments/:id/fulfil',
    summary: 'Mark a commitment kept, with a note',
    tags,
    permission: 'tickets.update',
    params: idParams,
    body: fulfilCommitmentBody,
    status: 200,
    handler: ({ kefu, actor, params, body }) => service.fulfilCommitment({ kefu, actor }, params.id, body.note),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/commitments/:id/cancel',
    summary: 'Cancel an open commitment',
    tags,
    permission: 'tickets.update',
    params: idParams,
    body: cancelCommitmentBody,
    status: 200,
    handler: ({ kefu, actor, params, body }) => service.cancelCommitment({ kefu, actor }, params.id, body.reason),
  });
}
