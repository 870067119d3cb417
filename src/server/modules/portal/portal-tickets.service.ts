import type { Kefu } from '../../platform/context.js';
import type { Page } from '../../platform/http/pagination.js';
import type { PortalRating, PortalTicket, PortalTicketCreate, PortalTicketSummary } from '../../../shared/portal.js';
import { createTicketFromChannel } from '../channels/channel-tickets.service.js';
import { announceAssignments } from '../routing/assignment.service.js';
import type { Assignment } from '../routing/routing.service.js';
import { type CustomerRef, getCustomerTicket, listCustomerTickets, lockCustomerTicket, rateCustomerTicket, ticketClosed } from '../tickets/customer-tickets.service.js';
import { addCustomerMessage } from '../tickets/ticket-messages.service.js';
import type { PortalActor } from './portal-session.js';

/** §5.11 what a signed-in customer does with tickets: list, open, submit, reply, rate. */

const refOf = (a: PortalActor): CustomerRef => ({ orgId: a.orgId, customerId: a.customerId, displayName: a.displayName, locale: a.locale });
const via = (a: PortalActor) => `portal:${a.email}`;

export function listTickets(kefu: Kefu, actor: PortalActor, o: { cursor?: string; limit: number }): Promise<Page<PortalTicketSummary>> {
  return listCustomerTickets(kefu.db, refOf(actor), o);
}

export function getTicket(kefu: Kefu, actor: PortalActor, id: string): Promise<PortalTicket> {
  return getCustomerTicket(kefu.db, refOf(actor), id);
}

/** A ticket submitted on the portal: routed, on the SLA clock, on the customer's timeline, like any other. */
export async function submitTicket(kefu: Kefu, actor: PortalActor, body: PortalTicketCreate): Promise<PortalTicket> {
  let assignments: Assignment[] = [];
  const made = await kefu.db.transaction().execute(async (tx) => {
    const created = await createTicketFromChannel(tx, {
      orgId: actor.orgId,
      channel: 'portal',
      type: body.type,
      subtype: body.subtype ?? null,
      subject: body.subject,
      description: body.body,
      customerId: actor.customerId,
      requesterName: actor.displayName || null,
      requesterEmail: actor.email,
      via: via(actor),
    });
    assignments = created.assignments;
    return created;
  });
  await announceAssignments(kefu, actor.orgId, assignments);
  await kefu.events.publish({ orgId: actor.orgId, type: 'ticket.created', data: { id: made.ticketId, number: made.number }, permission: 'tickets.read' });
  return getTicket(kefu, actor, made.ticketId);
}

/** The customer writes on their ticket: a waiting or solved ticket opens again; a closed one takes nothing. */
export async function replyToTicket(kefu: Kefu, actor: PortalActor, id: string, text: string): Promise<PortalTicket> {
  const ref = refOf(actor);
  const stored = await kefu.db.transaction().execute(async (tx) => {
    const ticket = await lockCustomerTicket(tx, ref, id);
    if (ticket.status === 'closed') throw ticketClosed(actor.locale);
    return addCustomerMessage(tx, { orgId: actor.orgId, ticketId: id, channel: 'portal', bodyText: text, authorName: actor.displayName || actor.email });
  });
  await kefu.events.publish({ orgId: actor.orgId, type: 'ticket.message', data: { ticketId: id, messageId: stored.messageId, kind: 'customer' }, permission: 'tickets.read' });
  return getTicket(kefu, actor, id);
}

export async function rateTicket(kefu: Kefu, actor: PortalActor, id: string, rating: PortalRating): Promise<PortalTicket> {
  await rateCustomerTicket(kefu.db, refOf(actor), id, { ...rating, actorName: via(actor), ip: actor.ip });
  await kefu.events.publish({ orgId: actor.orgId, type: 'ticket.rated', data: { ticketId: id, score: rating.score }, permission: 'tickets.read' });
  return getTicket(kefu, actor, id);
}
