import { type Kysely, sql } from 'kysely';
import { defaultOrgId } from '../../platform/orgs.js';
import { recordAudit } from '../../platform/audit.js';
import { lockedFor, recordFailure, type ThrottleKey, type ThrottleRule } from '../../platform/auth/throttle.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type Locale, t } from '../../platform/i18n.js';
import type { ChatConversation, ChatMessage, ChatSession, ChatStart } from '../../../shared/chat.js';
import type { TicketStatus } from '../../../shared/tickets.js';
import { tooManyAttempts } from '../auth/auth.guard.js';
import { createTicketFromChannel } from '../channels/channel-tickets.service.js';
import { findCustomerByEmail } from '../customers/customer-lookup.service.js';
import { announceAssignments } from '../routing/assignment.service.js';
import type { Assignment } from '../routing/routing.service.js';
import { addCustomerMessage } from '../tickets/ticket-messages.service.js';
import { type ChatSessionRef, createChatSession } from './chat-session.js';

/**
 * §5.2 the chat widget: a visitor on the enterprise's website writes without signing in; the chat
 * is a ticket on channel 'chat', answered from the ordinary ticket page. The visitor sees only the
 * public conversation: their own messages and the agents' replies, never notes or system lines.
 */

/** New chats per client address: 5 in a quarter of an hour, then a quarter of an hour's wait. */
export const CHAT_SESSION_RULE: ThrottleRule = { limit: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Messages per client address: 60 a minute, then a minute's wait. */
export const CHAT_MESSAGE_RULE: ThrottleRule = { limit: 60, windowMs: 60_000, lockMs: 60_000 };

const sessionKey = (ip: string): ThrottleKey => ({ key: `chat:session:ip:${ip}`, rule: CHAT_SESSION_RULE });
const messageKey = (ip: string): ThrottleKey => ({ key: `chat:message:ip:${ip}`, rule: CHAT_MESSAGE_RULE });

export type ChatMeta = { ip: string; locale: Locale };

/** Counts one request against the key; 429 (with the wait) once the limit has been reached. */
async function throttle(kefu: Kefu, key: ThrottleKey): Promise<void> {
  const wait = await lockedFor(kefu.db, [key]);
  if (wait > 0) throw tooManyAttempts(wait);
  await recordFailure(kefu.db, [key]);
}


const chatClosed = () => new AppError('chat_ticket_closed', 409);

/** A subject people can scan in a queue: the first line-ish of the message, at most 60 characters. */
export function chatSubject(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].slice(0, 60).join('');
}

/** Opens a chat: a ticket with the first message, and the token the visitor keeps. */
export async function startChat(kefu: Kefu, body: ChatStart, meta: ChatMeta): Promise<ChatSession> {
  await throttle(kefu, sessionKey(meta.ip));
  const orgId = await defaultOrgId(kefu.db);
  const contact = body.email ?? body.phone ?? body.name;
  const via = `chat:${contact}`;
  const now = new Date();
  let assignments: Assignment[] = [];
  const made = await kefu.db.transaction().execute(async (tx) => {
    const customer = body.email ? await findCustomerByEmail(tx, orgId, body.email) : null;
    const created = await createTicketFromChannel(tx, {
      orgId,
      channel: 'chat',
      type: 'inquiry',
      subject: chatSubject(body.text),
      description: body.text,
      customerId: customer?.id ?? null,
      requesterName: body.name,
      requesterEmail: body.email ?? null,
      requesterPhone: body.phone ?? null,
      via,
      at: now,
    });
    assignments = created.assignments;
    const stored = await addCustomerMessage(tx, { orgId, ticketId: created.ticketId, channel: 'chat', bodyText: body.text, authorName: body.name, at: now });
    const session = await createChatSession(tx, { orgId, ticketId: created.ticketId, now });
    await recordAudit(tx, {
      orgId,
      action: 'chat.start',
      entityType: 'ticket',
      entityId: created.ticketId,
      actorId: null,
      actorName: via,
      ip: meta.ip,
      after: { number: created.number, customerId: customer?.id ?? null },
    });
    return { ...created, messageId: stored.messageId, session };
  });
  await announceAssignments(kefu, orgId, assignments);
  await kefu.events.publish({ orgId, type: 'ticket.created', data: { id: made.ticketId, number: made.number }, permission: 'tickets.read' });
  await kefu.events.publish({ orgId, type: 'ticket.message', data: { ticketId: made.ticketId, messageId: made.messageId, kind: 'customer' }, permission: 'tickets.read' });
  const conversation = await readConversation(kefu.db, { orgId, ticketId: made.ticketId }, undefined, meta.locale);
  return { ...conversation, token: made.session.token, expiresAt: made.session.expiresAt.toISOString() };
}

/** The public conversation after message `after` (all of it without one, or when `after` is not in this chat). */
export async function readConversation(db: Kysely<DB>, ref: Pick<ChatSessionRef, 'orgId' | 'ticketId'>, after: string | undefined, locale: Locale): Promise<ChatConversation> {
  const ticket = await db.selectFrom('tickets').select(['number', 'status', 'merged_into_id']).where('org_id', '=', ref.orgId).where('id', '=', ref.ticketId).executeTakeFirst();
  if (!ticket) throw notFound('ticket');
  const mark = after
    ? await db.selectFrom('ticket_messages').select(['id', 'created_at']).where('org_id', '=', ref.orgId).where('ticket_id', '=', ref.ticketId).where('id', '=', after).executeTakeFirst()
    : undefined;
  let q = db
    .selectFrom('ticket_messages as m')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'm.org_id').onRef('u.id', '=', 'm.author_id'))
    .select(['m.id', 'm.kind', 'm.author_name', 'm.body_text', 'm.created_at', 'u.display_name'])
    .where('m.org_id', '=', ref.orgId)
    .where('m.ticket_id', '=', ref.ticketId)
    .where('m.kind', 'in', ['reply', 'customer']);
  if (mark) q = q.where(sql`(m.created_at, m.id)`, '>', sql`(${mark.created_at}::timestamptz, ${mark.id}::uuid)`);
  const rows = await q.orderBy('m.created_at').orderBy('m.id').limit(500).execute();
  const staff = t(locale, 'chat.staffName');
  const messages: ChatMessage[] = rows.map((m) => ({
    id: m.id,
    from: m.kind === 'reply' ? 'agent' : 'visitor',
    authorName: m.kind === 'reply' ? (m.display_name ?? staff) : (m.author_name ?? ''),
    text: m.body_text,
    createdAt: m.created_at.toISOString(),
  }));
  const status = ticket.status as TicketStatus;
  return { ticketNumber: String(ticket.number), status, closed: status === 'closed' || !!ticket.merged_into_id, messages };
}

/** The visitor writes: a waiting or solved ticket opens again; a closed one takes nothing (409). */
export async function postChatMessage(kefu: Kefu, ref: ChatSessionRef, text: string, meta: ChatMeta): Promise<ChatMessage> {
  await throttle(kefu, messageKey(meta.ip));
  const now = new Date();
  const stored = await kefu.db.transaction().execute(async (tx) => {
    const ticket = await tx.selectFrom('tickets').select(['status', 'merged_into_id', 'requester_name']).where('org_id', '=', ref.orgId).where('id', '=', ref.ticketId).forUpdate().executeTakeFirst();
    if (!ticket) throw notFound('ticket');
    if (ticket.status === 'closed' || ticket.merged_into_id) throw chatClosed();
    const message = await addCustomerMessage(tx, { orgId: ref.orgId, ticketId: ref.ticketId, channel: 'chat', bodyText: text, authorName: ticket.requester_name, at: now });
    return { ...message, authorName: ticket.requester_name ?? '' };
  });
  await kefu.events.publish({ orgId: ref.orgId, type: 'ticket.message', data: { ticketId: ref.ticketId, messageId: stored.messageId, kind: 'customer' }, permission: 'tickets.read' });
  return { id: stored.messageId, from: 'visitor', authorName: stored.authorName, text, createdAt: now.toISOString() };
}
