import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import type { AfterSalesSubtype, TicketChannel, TicketStatus, TicketType } from '../../../shared/tickets.js';
import { openComplaint } from '../complaints/complaints.service.js';
import { findCustomerBrief } from '../customers/customer-lookup.service.js';
import { appendTimeline } from '../customers/timeline.service.js';
import { announceAssignments } from '../routing/assignment.service.js';
import type { Assignment } from '../routing/routing.service.js';
import { addCustomerMessage, type CustomerMessageInput } from '../tickets/ticket-messages.service.js';
import { afterTicketChange } from '../tickets/ticket-pipeline.js';
import { ticketTokens } from '../tickets/tickets.service.js';
import * as ticketsRepo from '../tickets/tickets.repo.js';

type Tx = Kysely<DB>;

export type ChannelTicketInput = {
  orgId: string;
  channel: TicketChannel;
  /** What the customer chose (the portal); a mail or a chat message opens an inquiry. */
  type?: TicketType;
  subtype?: AfterSalesSubtype | null;
  subject: string;
  description: string;
  customerId?: string | null;
  requesterName?: string | null;
  requesterEmail?: string | null;
  /** Normalized (see `normalizeCnPhone`); the web form asks for it. */
  requesterPhone?: string | null;
  cc?: string[];
  emailThreadId?: string | null;
  /** Who it came through, for the audit log (`mail`, `channel:wechat`). */
  via: string;
  /** A closed ticket this one continues: linked 'related'. */
  relatedTo?: string | null;
  at?: Date;
};

export type ChannelTicketCreated = { ticketId: string; number: string; assignments: Assignment[] };

/**
 * A ticket opened by a customer through a channel (mail, messaging platform, portal, web form): no staff
 * actor, `created_by` null, an inquiry unless the customer chose a type; a complaint starts its
 * §5.4 process at once. Same steps as a ticket registered at the desk: row, search
 * tokens, first status, customer timeline, routing and SLA, audit. Runs in the caller's transaction.
 */
export async function createTicketFromChannel(tx: Tx, input: ChannelTicketInput): Promise<ChannelTicketCreated> {
  const now = input.at ?? new Date();
  const customer = input.customerId ? await findCustomerBrief(tx, input.orgId, input.customerId) : null;
  const usable = customer && !customer.mergedIntoId && !customer.anonymized ? customer : null;
  const id = uuidv7();
  const type = input.type ?? 'inquiry';
  const row = await ticketsRepo.insertTicket(tx, {
    org_id: input.orgId,
    id,
    type,
    subtype: type === 'after_sales' ? (input.subtype ?? null) : null,
    subject: input.subject.slice(0, 500),
    description: input.description.slice(0, 20_000),
    channel: input.channel,
    customer_id: usable?.id ?? null,
    requester_name: input.requesterName ?? null,
    requester_email: input.requesterEmail ?? usable?.email ?? null,
    requester_phone: input.requesterPhone ?? null,
    customer_tier: usable?.tier ?? null,
    cc: input.cc ?? [],
    email_thread_id: input.emailThreadId ?? null,
    search_tokens: ticketTokens({ subject: input.subject.slice(0, 500), requester_name: input.requesterName ?? null, requester_email: input.requesterEmail ?? usable?.email ?? null, requester_phone: input.requesterPhone ?? null, tags: [] }),
    created_by: null,
    created_at: now,
    updated_at: now,
  });
  await ticketsRepo.insertStatusHistory(tx, { org_id: input.orgId, id: uuidv7(), ticket_id: id, from_status: null, to_status: 'new', reason: '', actor_id: null, at: now });
  if (input.relatedTo) {
    await tx.insertInto('ticket_links').values({ org_id: input.orgId, ticket_id: id, other_id: input.relatedTo, kind: 'related', created_by: null }).execute();
  }
  if (usable) {
    await appendTimeline(tx, {
      orgId: input.orgId,
      customerId: usable.id,
      kind: 'ticket',
      title: `#${row.number} ${row.subject}`,
      detail: { event: 'created', type, channel: input.channel },
      sourceType: 'ticket',
      sourceId: id,
      actorId: null,
      at: now,
    });
  }
  const assignments = await afterTicketChange(tx, input.orgId, id, 'created', now);
  if (type === 'complaint') await openComplaint(tx, input.orgId, id, now);
  await recordAudit(tx, {
    orgId: input.orgId,
    action: 'ticket.create',
    entityType: 'ticket',
    entityId: id,
    actorId: null,
    actorName: input.via,
    after: { number: String(row.number), type, channel: input.channel, subject: row.subject, customerId: usable?.id ?? null, relatedTo: input.relatedTo ?? null },
  });
  return { ticketId: id, number: String(row.number), assignments };
}

/** Thrown inside a transaction to roll back a ticket opened for a message that turned out to be a duplicate. */
class DuplicateDelivery extends Error {}

export type DeliveredMessage = { ticketId: string; messageId: string; duplicate: boolean; created: boolean; status: TicketStatus | null };

/**
 * One inbound customer message, stored once: onto `ticketId` when given and still open, else
 * onto a new ticket (linked to the closed one it answers). Events are published after commit.
 */
export async function deliverCustomerMessage(
  kefu: Kefu,
  input: {
    orgId: string;
    ticketId: string | null;
    message: Omit<CustomerMessageInput, 'orgId' | 'ticketId'>;
    newTicket: Omit<ChannelTicketInput, 'orgId' | 'relatedTo'>;
    /** Runs inside the transaction before the message is stored (attachments, identities). */
    prepare?: (tx: Tx, ticketId: string) => Promise<Partial<CustomerMessageInput> | void>;
  },
): Promise<DeliveredMessage> {
  let assignments: Assignment[] = [];
  let result: DeliveredMessage;
  try {
    result = await kefu.db.transaction().execute(async (tx) => {
      const existing = input.message.externalId ? await findByExternalId(tx, input.orgId, input.message.channel, input.message.externalId) : undefined;
      if (existing) return { ticketId: existing.ticket_id, messageId: existing.id, duplicate: true, created: false, status: null };
      let ticketId = input.ticketId;
      let relatedTo: string | null = null;
      if (ticketId) {
        const ticket = await ticketsRepo.lockTicket(tx, input.orgId, ticketId);
        if (!ticket || ticket.status === 'closed' || ticket.merged_into_id) {
          relatedTo = ticket?.id ?? null;
          ticketId = null;
        }
      }
      let created = false;
      if (!ticketId) {
        const made = await createTicketFromChannel(tx, { ...input.newTicket, orgId: input.orgId, relatedTo });
        assignments = made.assignments;
        ticketId = made.ticketId;
        created = true;
      }
      const extra = (await input.prepare?.(tx, ticketId)) ?? {};
      const stored = await addCustomerMessage(tx, { ...input.message, ...extra, orgId: input.orgId, ticketId });
      if (stored.duplicate && created) throw new DuplicateDelivery();
      return { ticketId, messageId: stored.messageId, duplicate: stored.duplicate, created, status: stored.status };
    });
  } catch (err) {
    if (!(err instanceof DuplicateDelivery)) throw err;
    // A concurrent delivery of the same message won the race: report what it stored.
    const existing = await findByExternalId(kefu.db, input.orgId, input.message.channel, input.message.externalId!);
    return { ticketId: existing!.ticket_id, messageId: existing!.id, duplicate: true, created: false, status: null };
  }
  if (!result.duplicate) {
    await announceAssignments(kefu, input.orgId, assignments);
    if (result.created) {
      const row = await kefu.db.selectFrom('tickets').select('number').where('org_id', '=', input.orgId).where('id', '=', result.ticketId).executeTakeFirst();
      await kefu.events.publish({ orgId: input.orgId, type: 'ticket.created', data: { id: result.ticketId, number: String(row?.number ?? '') }, permission: 'tickets.read' });
    }
    await kefu.events.publish({ orgId: input.orgId, type: 'ticket.message', data: { ticketId: result.ticketId, messageId: result.messageId, kind: 'customer' }, permission: 'tickets.read' });
  }
  return result;
}

function findByExternalId(db: Tx, orgId: string, channel: string, externalId: string) {
  return db.selectFrom('ticket_messages').select(['id', 'ticket_id']).where('org_id', '=', orgId).where('channel', '=', channel).where('external_id', '=', externalId).executeTakeFirst();
}
