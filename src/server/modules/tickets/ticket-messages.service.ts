import { type Kysely, sql } from 'kysely';
import { authorize } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, type Page } from '../../platform/http/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import type { AddMessageBody, TicketChannel, TicketMessage, TicketStatus } from '../../../shared/tickets.js';
import { linkFiles } from '../files/files.service.js';
import { queueReplyDelivery } from '../channels/reply-delivery.js';
import type { TicketMessageRow, TicketRow } from './service-desk.tables.js';
import { findVisibleTicket } from './ticket-access.js';
import { afterTicketChange, beforeReplySent } from './ticket-pipeline.js';
import { applyStatus, assertTransition } from './ticket-status.service.js';
import { invalidField, type TicketCtx } from './tickets.common.js';
import { type AttachmentInfo, presentMessage } from './tickets.presenter.js';
import * as repo from './tickets.repo.js';

type Tx = Kysely<DB>;

async function attachmentInfo(db: Tx, orgId: string, rows: TicketMessageRow[]): Promise<Map<string, AttachmentInfo>> {
  const ids = [...new Set(rows.flatMap((r) => r.attachments))];
  if (ids.length === 0) return new Map();
  const files = await db.selectFrom('files').select(['id', 'filename', 'size', 'content_type']).where('org_id', '=', orgId).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  return new Map(files.map((f) => [f.id, { id: f.id, filename: f.filename, size: Number(f.size), contentType: f.content_type }]));
}

/** The conversation, oldest first: replies, notes, the customer's messages and system lines. */
export async function listMessages(ctx: TicketCtx, id: string, query: { cursor?: string; limit: number }): Promise<Page<TicketMessage>> {
  const db = ctx.kefu.db;
  await findVisibleTicket(db, ctx.actor, id);
  const cursor = decodeCursor(query.cursor);
  let q = db
    .selectFrom('ticket_messages as m')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'm.org_id').onRef('u.id', '=', 'm.author_id'))
    .selectAll('m')
    .select(['u.display_name as author_display', sql<string>`m.created_at::text`.as('sort_value')])
    .where('m.org_id', '=', ctx.actor.orgId)
    .where('m.ticket_id', '=', id);
  if (cursor) q = q.where(sql`(m.created_at, m.id)`, '>', sql`(${cursor.v}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await q.orderBy('m.created_at').orderBy('m.id').limit(query.limit + 1).execute();
  const more = rows.length > query.limit;
  const slice = more ? rows.slice(0, query.limit) : rows;
  const files = await attachmentInfo(db, ctx.actor.orgId, slice);
  const last = slice[slice.length - 1];
  return { items: slice.map((m) => presentMessage(m, files)), nextCursor: more && last ? encodeCursor({ v: last.sort_value, id: last.id }) : null };
}

async function presentOne(db: Tx, orgId: string, id: string): Promise<TicketMessage> {
  const row = await db
    .selectFrom('ticket_messages as m')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'm.org_id').onRef('u.id', '=', 'm.author_id'))
    .selectAll('m')
    .select('u.display_name as author_display')
    .where('m.org_id', '=', orgId)
    .where('m.id', '=', id)
    .executeTakeFirstOrThrow();
  return presentMessage(row, await attachmentInfo(db, orgId, [row]));
}

/** An agent's public reply or internal note. A reply is checked for forbidden phrases first. */
export async function addMessage(ctx: TicketCtx, id: string, body: AddMessageBody): Promise<TicketMessage> {
  const { kefu, actor } = ctx;
  authorize(actor, 'tickets.update');
  const now = new Date();
  const message = await kefu.db.transaction().execute(async (tx) => {
    await findVisibleTicket(tx, actor, id);
    const ticket = await repo.lockTicket(tx, actor.orgId, id);
    if (!ticket) throw notFound('ticket');
    if (ticket.merged_into_id) throw new AppError('ticket_merged', 409, { mergedIntoId: ticket.merged_into_id });
    if (body.kind === 'reply') await beforeReplySent(tx, actor, body.body, body.acknowledgeWarnings);
    const messageId = uuidv7();
    await tx
      .insertInto('ticket_messages')
      .values({ org_id: actor.orgId, id: messageId, ticket_id: id, kind: body.kind, author_type: 'agent', author_id: actor.userId, channel: ticket.channel, body_text: body.body, attachments: body.attachments, cc: body.cc, created_at: now })
      .execute();
    if (body.attachments.length > 0 && (await linkFiles(tx, actor.orgId, body.attachments, 'ticket', id)) !== body.attachments.length) {
      throw invalidField(actor, 'attachments', 'ticket_attachment_unknown');
    }
    // A public reply goes out to the customer (mail or messaging channel) once this commits.
    if (body.kind === 'reply') await queueReplyDelivery(tx, kefu.jobs, actor.orgId, id, messageId, { mailConfigured: !!kefu.config.smtpUrl });
    let current: TicketRow = ticket;
    if (body.kind === 'reply') {
      current = (await repo.updateTicket(tx, actor.orgId, id, { first_response_at: ticket.first_response_at ?? now, last_agent_reply_at: now }))!;
      const target: TicketStatus | null = body.statusAfter ?? (current.status === 'new' ? 'open' : null);
      if (target && target !== current.status) {
        assertTransition(actor.locale, current, target);
        current = await applyStatus(tx, current, target, { actorId: actor.userId, reason: '', now });
      }
    } else {
      await repo.updateTicket(tx, actor.orgId, id, {});
    }
    await afterTicketChange(tx, actor.orgId, id, 'message', now);
    await recordAudit(tx, auditBy(actor, { action: body.kind === 'reply' ? 'ticket.reply' : 'ticket.note', entityType: 'ticket', entityId: id, after: { messageId, length: body.body.length, attachments: body.attachments.length, status: current.status } }));
    return presentOne(tx, actor.orgId, messageId);
  });
  await kefu.events.publish({ orgId: actor.orgId, type: 'ticket.message', data: { ticketId: id, messageId: message.id, kind: message.kind }, permission: 'tickets.read' });
  return message;
}

export type CustomerMessageInput = {
  orgId: string;
  ticketId: string;
  channel: TicketChannel;
  bodyText: string;
  bodyHtml?: string | null;
  attachments?: string[];
  authorName?: string | null;
  emailMessageId?: string | null;
  inReplyTo?: string | null;
  externalId?: string | null;
  at?: Date;
};

/**
 * A message from the customer (mail, portal, messaging channel). It wakes a ticket waiting on
 * the customer and reopens a resolved one; a closed ticket takes no more messages (the caller
 * opens a new ticket). Delivered twice with the same external id, it is stored once.
 */
export async function addCustomerMessage(tx: Tx, input: CustomerMessageInput): Promise<{ messageId: string; duplicate: boolean; status: TicketStatus }> {
  const now = input.at ?? new Date();
  const ticket = await repo.lockTicket(tx, input.orgId, input.ticketId);
  if (!ticket) throw notFound('ticket');
  if (ticket.status === 'closed' || ticket.merged_into_id) throw new AppError('ticket_closed', 409, { id: ticket.id });
  const messageId = uuidv7();
  const inserted = await tx
    .insertInto('ticket_messages')
    .values({
      org_id: input.orgId,
      id: messageId,
      ticket_id: input.ticketId,
      kind: 'customer',
      author_type: 'customer',
      author_name: input.authorName ?? null,
      channel: input.channel,
      body_text: input.bodyText,
      body_html: input.bodyHtml ?? null,
      attachments: input.attachments ?? [],
      email_message_id: input.emailMessageId ?? null,
      in_reply_to: input.inReplyTo ?? null,
      external_id: input.externalId ?? null,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['org_id', 'channel', 'external_id']).where('external_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await tx.selectFrom('ticket_messages').select('id').where('org_id', '=', input.orgId).where('channel', '=', input.channel).where('external_id', '=', input.externalId!).executeTakeFirstOrThrow();
    return { messageId: existing.id, duplicate: true, status: ticket.status };
  }
  let current = (await repo.updateTicket(tx, input.orgId, input.ticketId, { last_customer_message_at: now }))!;
  if (current.status === 'pending' || current.status === 'resolved') {
    current = await applyStatus(tx, current, 'open', { actorId: null, reason: 'customer_replied', now });
  }
  await afterTicketChange(tx, input.orgId, input.ticketId, 'message', now);
  return { messageId, duplicate: false, status: current.status };
}
