import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addMessageBody, changeTicketStatusBody, createTicketBody, linkTicketBody, mergeTicketBody, splitTicketBody, updateTicketBody } from '../../../shared/tickets.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { registerTicketCategoryRoutes } from './ticket-categories.js';
import { registerTicketViewRoutes } from './ticket-views.routes.js';
import { linkTickets, mergeTicket, splitTicket, unlinkTickets } from './ticket-links.service.js';
import { addMessage, listMessages } from './ticket-messages.service.js';
import { changeTicketStatus, ticketStatusHistory } from './ticket-status.service.js';
import { listTicketsQuery } from './tickets.list.js';
import * as service from './tickets.service.js';

const tags = ['tickets'];

/** §5.1–§5.3 tickets: register, list and views, work (status, replies, notes), merge, split, link. */
export function registerTicketRoutes(app: FastifyInstance): void {
  registerTicketCategoryRoutes(app);
  registerTicketViewRoutes(app);

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/tickets',
    summary: 'Tickets in the caller’s scope: a standard view, filters, search by number or words, cursor pages',
    tags,
    permission: 'tickets.read',
    query: listTicketsQuery,
    handler: ({ kefu, actor, query }) => service.listTickets({ kefu, actor }, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/tickets/view-counts',
    summary: 'Live counts of the standard views (mine, my teams’ unassigned, all open, breached, recently solved)',
    tags,
    permission: 'tickets.read',
    handler: ({ kefu, actor }) => service.ticketViewCounts({ kefu, actor }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/tickets',
    summary: 'Register a ticket; routing and the SLA clock start in the same transaction',
    tags,
    permission: 'tickets.create',
    body: createTicketBody,
    handler: ({ kefu, actor, body }) => service.createTicket({ kefu, actor }, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/tickets/:id',
    summary: 'One ticket (404 outside the caller’s scope)',
    tags,
    permission: 'tickets.read',
    params: idParams,
    handler: ({ kefu, actor, params }) => service.getTicket({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/tickets/:id',
    summary: 'Edit a ticket (If-Match: a stale version is 412, so no update is lost)',
    tags,
    permission: 'tickets.update',
    params: idParams,
    body: updateTicketBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateTicket({ kefu, actor }, params.id, ifMatch!, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/tickets/:id/status',
    summary: 'Move the ticket along its lifecycle (new → open → pending / on hold → resolved → closed, reopen)',
    tags,
    permission: 'tickets.update',
    params: idParams,
    body: changeTicketStatusBody,
    status: 200,
    handler: ({ kefu, actor, params, body }) => changeTicketStatus({ kefu, actor }, params.id, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/tickets/:id/status-history',
    summary: 'Every status change, oldest first (what the SLA clock is computed from)',
    tags,
    permission: 'tickets.read',
    params: idParams,
    handler: ({ kefu, actor, params }) => ticketStatusHistory({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/tickets/:id/messages',
    summary: 'The conversation: replies, internal notes, the customer’s messages, system lines',
    tags,
    permission: 'tickets.read',
    params: idParams,
    query: z.strictObject({ ...pageQuery }),
    handler: ({ kefu, actor, params, query }) => listMessages({ kefu, actor }, params.id, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/tickets/:id/messages',
    summary: 'A public reply (checked for forbidden phrases) or an internal note',
    tags,
    permission: 'tickets.update',
    params: idParams,
    body: addMessageBody,
    handler: ({ kefu, actor, params, body }) => addMessage({ kefu, actor }, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/tickets/:id/links',
    summary: 'Link two related tickets',
    tags,
    permission: 'tickets.update',
    params: idParams,
    body: linkTicketBody,
    status: 200,
    handler: ({ kefu, actor, params, body }) => linkTickets({ kefu, actor }, params.id, body.otherId),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/tickets/:id/links/:otherId',
    summary: 'Remove a link between two tickets',
    tags,
    permission: 'tickets.update',
    params: z.strictObject({ id: z.uuid(), otherId: z.uuid() }),
    handler: async ({ kefu, actor, params }) => {
      await unlinkTickets({ kefu, actor }, params.id, params.otherId);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/tickets/:id/merge',
    summary: 'Merge this ticket into another: the conversation moves, this one closes',
    tags,
    permission: 'tickets.update',
    params: idParams,
    body: mergeTicketBody,
    status: 200,
    handler: ({ kefu, actor, params, body }) => mergeTicket({ kefu, actor }, params.id, body.targetId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/tickets/:id/split',
    summary: 'Split chosen messages off into a new ticket of the same customer',
    tags,
    permission: ['tickets.update'],
    params: idParams,
    body: splitTicketBody,
    handler: ({ kefu, actor, params, body }) => splitTicket({ kefu, actor }, params.id, body),
  });
}
