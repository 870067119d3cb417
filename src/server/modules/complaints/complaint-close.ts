import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db-schema.js';
import { notFound } from '../../platform/errors.js';
import type { Assignment } from '../routing/routing.service.js';
import { applyStatus, assertTransition } from '../tickets/ticket-status.service.js';
import { afterTicketChange } from '../tickets/ticket-pipeline.js';
import { lockTicket } from '../tickets/tickets.repo.js';

/**
 * The close step closes the ticket: resolved first when it is not yet (so resolution time is
 * stamped), then closed. Returns routing's assignments for the caller to announce after commit.
 */
export async function closeComplaintTicket(tx: Kysely<DB>, actor: Actor, ticketId: string, now: Date): Promise<Assignment[]> {
  let ticket = await lockTicket(tx, actor.orgId, ticketId);
  if (!ticket) throw notFound('ticket');
  if (ticket.status === 'closed') return [];
  const reason = 'complaint closed';
  if (ticket.status !== 'resolved') {
    assertTransition(actor.locale, ticket, 'resolved');
    ticket = await applyStatus(tx, ticket, 'resolved', { actorId: actor.userId, reason, now });
  }
  assertTransition(actor.locale, ticket, 'closed');
  await applyStatus(tx, ticket, 'closed', { actorId: actor.userId, reason, now });
  return afterTicketChange(tx, actor.orgId, ticketId, 'status', now);
}
