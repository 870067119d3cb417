import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createTicketViewBody, ticketSavedViewView, updateTicketViewBody } from '../../../shared/tickets.js';
import { defineRoute, idParams } from '../../platform/http/route.js';
import * as views from './ticket-views.service.js';

const tags = ['tickets'];

/** §5.9 saved ticket views: private or shared, each with a live count in the caller's scope. */
export function registerTicketViewRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/ticket-views',
    summary: 'Own ticket views, then those colleagues shared, each with a live count in the caller’s scope (stale ones flagged)',
    tags,
    permission: 'tickets.read',
    response: z.array(ticketSavedViewView),
    handler: ({ kefu, actor }) => views.listTicketViews({ kefu, actor }),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/ticket-views',
    summary: 'Save the ticket list’s filters and sort under a name, private or shared',
    tags,
    permission: 'tickets.read',
    body: createTicketViewBody,
    response: ticketSavedViewView,
    handler: ({ kefu, actor, body }) => views.createTicketView({ kefu, actor }, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/ticket-views/:id',
    summary: 'Rename, share or change a ticket view (its owner or tickets.configure; If-Match)',
    tags,
    permission: 'tickets.read',
    params: idParams,
    body: updateTicketViewBody,
    response: ticketSavedViewView,
    handler: ({ kefu, actor, params, body, ifMatch }) => views.updateTicketView({ kefu, actor }, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/ticket-views/:id',
    summary: 'Delete a ticket view (its owner or tickets.configure)',
    tags,
    permission: 'tickets.read',
    params: idParams,
    handler: ({ kefu, actor, params }) => views.deleteTicketView({ kefu, actor }, params.id),
  });
}
