import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { type Locale, t } from '../../platform/i18n.js';
import type { PortalMessage, PortalRating, PortalTicket, PortalTicketSummary } from '../../../shared/portal.js';
import type { TicketStatus, TicketType } from '../../../shared/tickets.js';
import { afterTicketChange } from './ticket-pipeline.js';

/**
 * A customer's own tickets, as the customer portal (§5.11) shows them: every channel's tickets of
 * that customer, public replies and the customer's own messages only — never internal notes,
 * system lines, SLA clocks, teams or tags.
 */

type Db = Kysely<DB>;
export type CustomerRef = { orgId: string; customerId: string; displayName: string; locale: Locale };

const SUMMARY = ['t.id', 't.number', 't.type', 't.subtype', 't.subject', 't.status', 't.created_at', 't.updated_at', 't.last_agent_reply_at', 't.last_customer_message_at', 't.satisfaction'] as const;

type SummaryRow = {
  id: string;
  number: string | number | bigint;
  type: string;
  subtype: string | null;
  subject: string;
  status: string;
  created_at: Date;
  updated_at: Date;
  last_agent_reply_at: Date | null;
  last_customer_message_at: Date | null;
  satisfaction: number | null;
};

const iso = (d: Date | string) => new Date(d).toISOString();

function presentSummary(r: SummaryRow): PortalTicketSummary {
  const agent = r.last_agent_reply_at ? new Date(r.last_agent_reply_at).getTime() : 0;
  const customer = r.last_customer_message_at ? new Date(r.last_customer_message_at).getTime() : 0;
  return {
    id: r.id,
    number: String(r.number),
    type: r.type as TicketType,
    subtype: r.subtype,
    subject: r.subject,
    status: r.status as TicketStatus,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    awaitingCustomer: r.status === 'pending' || (agent > customer && r.status !== 'closed'),
    satisfaction: r.satisfaction,
  };
}

function ownTickets(db: Db, ref: CustomerRef) {
  return db
    .selectFrom('tickets as t')
    .where('t.org_id', '=', ref.orgId)
    .where('t.customer_id', '=', ref.customerId)
    .where('t.deleted_at', 'is', null)
    .where('t.merged_into_id', 'is', null);
}

/** Newest activity first, cursor-paged. */
export async function listCustomerTickets(db: Db, ref: CustomerRef, o: { cursor?: string; limit: number }): Promise<Page<PortalTicketSummary>> {
  const after = decodeCursor(o.cursor);
  let q = ownTickets(db, ref).select(SUMMARY);
  if (after) q = q.where(sql<boolean>`(t.updated_at, t.id) < (${String(after.v)}::timestamptz, ${after.id}::uuid)`);
  const rows = await q.orderBy('t.updated_at', 'desc').orderBy('t.id', 'desc').limit(o.limit + 1).execute();
  return toPage(rows as SummaryRow[], o.limit, (r) => iso(r.updated_at), presentSummary);
}

/** One ticket of the customer with its public conversation; 404 for anyone else's. */
export async function getCustomerTicket(db: Db, ref: CustomerRef, id: string): Promise<PortalTicket> {
  const row = await ownTickets(db, ref)
    .select([...SUMMARY, 't.channel', 't.description', 't.requester_name', 't.satisfaction_comment', 't.rated_at'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('ticket');
  const messages = await db
    .selectFrom('ticket_messages as m')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'm.org_id').onRef('u.id', '=', 'm.author_id'))
    .select(['m.id', 'm.kind', 'm.author_name', 'm.body_text', 'm.created_at', 'u.display_name'])
    .where('m.org_id', '=', ref.orgId)
    .where('m.ticket_id', '=', id)
    .where('m.kind', 'in', ['reply', 'customer'])
    .orderBy('m.created_at')
    .orderBy('m.id')
    .limit(500)
    .execute();
  const staff = t(ref.locale, 'portal.staffName');
  const list: PortalMessage[] = messages.map((m) => ({
    id: m.id,
    from: m.kind === 'reply' ? 'agent' : 'customer',
    authorName: m.kind === 'reply' ? (m.display_name ?? staff) : (m.author_name ?? ref.displayName),
    body: m.body_text,
    createdAt: iso(m.created_at),
  }));
  // A ticket opened on the portal carries the customer's words as its description, not as a message.
  if (row.channel === 'portal' && row.description.trim()) {
    list.unshift({ id: `${row.id}:description`, from: 'customer', authorName: row.requester_name ?? ref.displayName, body: row.description, createdAt: iso(row.created_at) });
  }
  const summary = presentSummary(row as SummaryRow);
  return {
    ...summary,
    messages: list,
    satisfactionComment: row.satisfaction_comment,
    ratedAt: row.rated_at ? iso(row.rated_at) : null,
    canReply: row.status !== 'closed',
    canRate: row.status === 'resolved' || (row.status === 'closed' && row.satisfaction === null),
  };
}

/** Locks the customer's ticket for a write; 404 for anyone else's, 409 once closed. */
export async function lockCustomerTicket(tx: Db, ref: CustomerRef, id: string) {
  const row = await tx
    .selectFrom('tickets')
    .select(['id', 'status', 'satisfaction', 'merged_into_id'])
    .where('org_id', '=', ref.orgId)
    .where('id', '=', id)
    .where('customer_id', '=', ref.customerId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.merged_into_id) throw notFound('ticket');
  return row;
}

export const ticketClosed = (locale: Locale) => new AppError('ticket_closed', 409, undefined, t(locale, 'errors.portal_ticket_closed'));

/**
 * The customer's satisfaction with a solved ticket (1–5 and a comment). It may be changed while
 * the ticket is resolved; a closed ticket takes a first rating but no second one. Triggers see it
 * (a condition on satisfaction), the SLA does not change.
 */
export async function rateCustomerTicket(db: Db, ref: CustomerRef, id: string, rating: PortalRating & { actorName: string; ip: string }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await lockCustomerTicket(tx, ref, id);
    const allowed = row.status === 'resolved' || (row.status === 'closed' && row.satisfaction === null);
    if (!allowed) throw new AppError('rating_not_allowed', 409, { status: row.status }, t(ref.locale, 'errors.portal_rating_not_allowed'));
    const now = new Date();
    await tx
      .updateTable('tickets')
      .set({ satisfaction: rating.score, satisfaction_comment: rating.comment?.trim() || null, rated_at: now, updated_at: now, version: sql`version + 1` })
      .where('org_id', '=', ref.orgId)
      .where('id', '=', id)
      .execute();
    await afterTicketChange(tx, ref.orgId, id, 'updated', now);
    await recordAudit(tx, { orgId: ref.orgId, action: 'ticket.rated', entityType: 'ticket', entityId: id, actorName: rating.actorName, ip: rating.ip, before: { satisfaction: row.satisfaction }, after: { satisfaction: rating.score, comment: rating.comment ?? null } });
  });
}
