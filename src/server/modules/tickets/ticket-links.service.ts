import type { Kysely } from 'kysely';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { TicketDetail } from '../../../shared/tickets.js';
import type { TicketRow } from './service-desk.tables.js';
import { findVisibleTicket } from './ticket-access.js';
import { afterTicketChange } from './ticket-pipeline.js';
import { applyStatus } from './ticket-status.service.js';
import { invalidField, type TicketCtx } from './tickets.common.js';
import * as repo from './tickets.repo.js';
import { loadDetail, ticketTokens } from './tickets.service.js';

type Tx = Kysely<DB>;

/** Both tickets visible to the actor and locked, in id order so two opposite merges cannot deadlock. */
async function lockPair(tx: Tx, ctx: TicketCtx, id: string, otherId: string, field: string): Promise<[TicketRow, TicketRow]> {
  const { actor } = ctx;
  if (id === otherId) throw invalidField(actor, field, 'ticket_link_self');
  await findVisibleTicket(tx, actor, id);
  try {
    await findVisibleTicket(tx, actor, otherId);
  } catch {
    throw invalidField(actor, field, 'ticket_link_unknown');
  }
  const [first, second] = [id, otherId].sort();
  const a = await repo.lockTicket(tx, actor.orgId, first);
  const b = await repo.lockTicket(tx, actor.orgId, second);
  if (!a || !b) throw notFound('ticket');
  return first === id ? [a, b] : [b, a];
}

async function systemLine(tx: Tx, ticket: TicketRow, actorId: string, text: string, now: Date) {
  await tx.insertInto('ticket_messages').values({ org_id: ticket.org_id, id: uuidv7(), ticket_id: ticket.id, kind: 'system', author_type: 'system', author_id: actorId, channel: ticket.channel, body_text: text, created_at: now }).execute();
}

export async function linkTickets(ctx: TicketCtx, id: string, otherId: string): Promise<TicketDetail> {
  const { kefu, actor } = ctx;
  return kefu.db.transaction().execute(async (tx) => {
    await lockPair(tx, ctx, id, otherId, 'otherId');
    const exists = await tx.selectFrom('ticket_links').select('kind').where('org_id', '=', actor.orgId).where((eb) => eb.or([eb.and([eb('ticket_id', '=', id), eb('other_id', '=', otherId)]), eb.and([eb('ticket_id', '=', otherId), eb('other_id', '=', id)])])).executeTakeFirst();
    if (exists) throw invalidField(actor, 'otherId', 'ticket_link_exists');
    await tx.insertInto('ticket_links').values({ org_id: actor.orgId, ticket_id: id, other_id: otherId, kind: 'related', created_by: actor.userId }).execute();
    await recordAudit(tx, auditBy(actor, { action: 'ticket.link', entityType: 'ticket', entityId: id, after: { otherId } }));
    return loadDetail(tx, actor.orgId, id);
  });
}

export async function unlinkTickets(ctx: TicketCtx, id: string, otherId: string): Promise<TicketDetail> {
  const { kefu, actor } = ctx;
  return kefu.db.transaction().execute(async (tx) => {
    await findVisibleTicket(tx, actor, id);
    const removed = await tx
      .deleteFrom('ticket_links')
      .where('org_id', '=', actor.orgId)
      .where('kind', '=', 'related')
      .where((eb) => eb.or([eb.and([eb('ticket_id', '=', id), eb('other_id', '=', otherId)]), eb.and([eb('ticket_id', '=', otherId), eb('other_id', '=', id)])]))
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('ticket_link');
    await recordAudit(tx, auditBy(actor, { action: 'ticket.unlink', entityType: 'ticket', entityId: id, before: { otherId } }));
    return loadDetail(tx, actor.orgId, id);
  });
}

/**
 * Merges a ticket into another: its conversation moves to the target (each message keeps its
 * time), a system line on both says so, and the source is closed pointing at the target.
 */
export async function mergeTicket(ctx: TicketCtx, id: string, targetId: string): Promise<TicketDetail> {
  const { kefu, actor } = ctx;
  const now = new Date();
  return kefu.db.transaction().execute(async (tx) => {
    const [source, target] = await lockPair(tx, ctx, id, targetId, 'targetId');
    if (source.merged_into_id) throw new AppError('ticket_merged', 409, { mergedIntoId: source.merged_into_id });
    if (target.merged_into_id || target.status === 'closed') throw invalidField(actor, 'targetId', 'ticket_merge_target_closed');
    const moved = await tx.updateTable('ticket_messages').set({ ticket_id: target.id }).where('org_id', '=', actor.orgId).where('ticket_id', '=', source.id).executeTakeFirst();
    await tx.insertInto('ticket_links').values({ org_id: actor.orgId, ticket_id: source.id, other_id: target.id, kind: 'merged_into', created_by: actor.userId }).onConflict((oc) => oc.doNothing()).execute();
    await systemLine(tx, target, actor.userId, `merged:#${source.number}`, now);
    await systemLine(tx, source, actor.userId, `merged_into:#${target.number}`, now);
    const tags = [...new Set([...target.tags, ...source.tags])];
    const cc = [...new Set([...target.cc, ...source.cc])];
    await repo.updateTicket(tx, actor.orgId, target.id, { tags, cc, search_tokens: ticketTokens({ ...target, tags }) });
    const updatedSource = (await repo.updateTicket(tx, actor.orgId, source.id, { merged_into_id: target.id }))!;
    if (source.status !== 'closed') await applyStatus(tx, updatedSource, 'closed', { actorId: actor.userId, reason: 'merged', now });
    await afterTicketChange(tx, actor.orgId, source.id, 'status', now);
    await afterTicketChange(tx, actor.orgId, target.id, 'message', now);
    await recordAudit(tx, auditBy(actor, { action: 'ticket.merge', entityType: 'ticket', entityId: source.id, after: { targetId: target.id, messagesMoved: Number(moved.numUpdatedRows) } }));
    return loadDetail(tx, actor.orgId, target.id);
  });
}

/** Splits chosen messages off into a new ticket of the same customer and type. */
export async function splitTicket(ctx: TicketCtx, id: string, body: { messageIds: string[]; subject: string }): Promise<TicketDetail> {
  const { kefu, actor } = ctx;
  const now = new Date();
  return kefu.db.transaction().execute(async (tx) => {
    await findVisibleTicket(tx, actor, id);
    const source = await repo.lockTicket(tx, actor.orgId, id);
    if (!source) throw notFound('ticket');
    if (source.merged_into_id) throw new AppError('ticket_merged', 409, { mergedIntoId: source.merged_into_id });
    const ids = [...new Set(body.messageIds)];
    const found = await tx.selectFrom('ticket_messages').select('id').where('org_id', '=', actor.orgId).where('ticket_id', '=', id).where('id', 'in', ids).where('kind', '!=', 'system').execute();
    if (found.length !== ids.length) throw invalidField(actor, 'messageIds', 'ticket_split_unknown_messages');
    const newId = uuidv7();
    const created = await repo.insertTicket(tx, {
      org_id: actor.orgId,
      id: newId,
      type: source.type,
      subtype: source.subtype,
      category_id: source.category_id,
      subject: body.subject,
      channel: source.channel,
      priority: source.priority,
      customer_id: source.customer_id,
      contact_id: source.contact_id,
      requester_name: source.requester_name,
      requester_email: source.requester_email,
      requester_phone: source.requester_phone,
      customer_tier: source.customer_tier,
      team_id: source.team_id,
      assignee_id: source.assignee_id,
      department_id: source.department_id,
      split_from_id: source.id,
      search_tokens: ticketTokens({ ...source, subject: body.subject }),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.insertStatusHistory(tx, { org_id: actor.orgId, id: uuidv7(), ticket_id: newId, from_status: null, to_status: 'new', reason: 'split', actor_id: actor.userId, at: now });
    await tx.updateTable('ticket_messages').set({ ticket_id: newId }).where('org_id', '=', actor.orgId).where('id', 'in', ids).execute();
    await tx.insertInto('ticket_links').values({ org_id: actor.orgId, ticket_id: newId, other_id: source.id, kind: 'split_from', created_by: actor.userId }).execute();
    await systemLine(tx, source, actor.userId, `split_to:#${created.number}`, now);
    await systemLine(tx, created, actor.userId, `split_from:#${source.number}`, now);
    await repo.updateTicket(tx, actor.orgId, source.id, {});
    await afterTicketChange(tx, actor.orgId, newId, 'created', now);
    await afterTicketChange(tx, actor.orgId, source.id, 'message', now);
    await recordAudit(tx, auditBy(actor, { action: 'ticket.split', entityType: 'ticket', entityId: source.id, after: { newTicketId: newId, messages: ids.length } }));
    return loadDetail(tx, actor.orgId, newId);
  });
}
