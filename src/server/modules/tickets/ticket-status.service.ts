import type { Kysely } from 'kysely';
import { TICKET_TRANSITIONS, type ChangeTicketStatusBody, type TicketDetail, type TicketStatus } from '../../../shared/tickets.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import { appendTimeline } from '../customers/timeline.service.js';
import { announceAssignments } from '../routing/assignment.service.js';
import type { Assignment } from '../routing/routing.service.js';
import type { TicketRow } from './service-desk.tables.js';
import { findVisibleTicket } from './ticket-access.js';
import { afterTicketChange } from './ticket-pipeline.js';
import type { TicketCtx } from './tickets.common.js';
import * as repo from './tickets.repo.js';
import { loadDetail } from './tickets.service.js';

/**
 * Moves a locked ticket to `to`, writing the status history the SLA clock is computed from.
 * Resolving stamps resolved_at, closing closed_at; leaving resolved/closed for open is a
 * reopen and counts. The caller has checked the transition and holds the row lock.
 */
export async function applyStatus(
  tx: Kysely<DB>,
  ticket: TicketRow,
  to: TicketStatus,
  opts: { actorId: string | null; reason: string; now: Date },
): Promise<TicketRow> {
  const reopening = (ticket.status === 'resolved' || ticket.status === 'closed') && to === 'open';
  const updated = await repo.updateTicket(tx, ticket.org_id, ticket.id, {
    status: to,
    resolved_at: to === 'resolved' ? opts.now : reopening ? null : ticket.resolved_at,
    closed_at: to === 'closed' ? opts.now : reopening ? null : ticket.closed_at,
    reopen_count: reopening ? ticket.reopen_count + 1 : ticket.reopen_count,
  });
  if (!updated) throw notFound('ticket');
  await repo.insertStatusHistory(tx, { org_id: ticket.org_id, id: uuidv7(), ticket_id: ticket.id, from_status: ticket.status, to_status: to, reason: opts.reason, actor_id: opts.actorId, at: opts.now });
  if (ticket.customer_id && (to === 'resolved' || to === 'closed' || reopening)) {
    await appendTimeline(tx, {
      orgId: ticket.org_id,
      customerId: ticket.customer_id,
      kind: 'ticket',
      title: `#${ticket.number} ${ticket.subject}`,
      detail: { event: reopening ? 'reopened' : to },
      sourceType: 'ticket',
      sourceId: ticket.id,
      actorId: opts.actorId,
      at: opts.now,
    });
  }
  return updated;
}

export function assertTransition(locale: 'zh-CN' | 'en', ticket: TicketRow, to: TicketStatus): void {
  if (ticket.merged_into_id) throw new AppError('ticket_merged', 409, { mergedIntoId: ticket.merged_into_id });
  if (!TICKET_TRANSITIONS[ticket.status].includes(to)) {
    throw new AppError('ticket_transition_invalid', 409, { from: ticket.status, to }, t(locale, 'errors.ticket_transition_invalid', { from: t(locale, `ticketStatus.${ticket.status}`), to: t(locale, `ticketStatus.${to}`) }));
  }
}

export async function changeTicketStatus(ctx: TicketCtx, id: string, body: ChangeTicketStatusBody): Promise<TicketDetail> {
  const { kefu, actor } = ctx;
  const now = new Date();
  let assignments: Assignment[] = [];
  const detail = await kefu.db.transaction().execute(async (tx) => {
    await findVisibleTicket(tx, actor, id);
    const ticket = await repo.lockTicket(tx, actor.orgId, id);
    if (!ticket) throw notFound('ticket');
    assertTransition(actor.locale, ticket, body.status);
    await applyStatus(tx, ticket, body.status, { actorId: actor.userId, reason: body.reason, now });
    assignments = await afterTicketChange(tx, actor.orgId, id, 'status', now);
    await recordAudit(tx, auditBy(actor, { action: 'ticket.status', entityType: 'ticket', entityId: id, before: { status: ticket.status }, after: { status: body.status, reason: body.reason } }));
    return loadDetail(tx, actor.orgId, id);
  });
  await announceAssignments(kefu, actor.orgId, assignments);
  await kefu.events.publish({ orgId: actor.orgId, type: 'ticket.updated', data: { id, status: detail.status }, permission: 'tickets.read' });
  return detail;
}

/** Status history, oldest first, with who changed it. */
export async function ticketStatusHistory(ctx: TicketCtx, id: string) {
  const db = ctx.kefu.db;
  await findVisibleTicket(db, ctx.actor, id);
  const rows = await db
    .selectFrom('ticket_status_history as h')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'h.org_id').onRef('u.id', '=', 'h.actor_id'))
    .select(['h.id', 'h.from_status', 'h.to_status', 'h.reason', 'h.at', 'u.display_name as actor_name'])
    .where('h.org_id', '=', ctx.actor.orgId)
    .where('h.ticket_id', '=', id)
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({ id: r.id, from: r.from_status, to: r.to_status, reason: r.reason, at: new Date(r.at).toISOString(), actorName: r.actor_name }));
}
