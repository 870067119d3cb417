import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { checkText } from '../scripts/phrases.service.js';
import { runTicketTriggers } from '../automations/automation-runner.js';
import { type Assignment, drainTeamQueue, routeTicket } from '../routing/routing.service.js';
import { refreshTicketSla } from '../sla/sla.service.js';

/**
 * What follows every change of a ticket, inside the change's transaction: triggers (§5.9),
 * routing hands a new or released ticket to an agent, then the SLA clocks are recomputed from
 * the status history. Order matters: the clock reads what the steps before it wrote.
 */
export type TicketChange = 'created' | 'updated' | 'status' | 'message' | 'assigned';

/**
 * Returns the assignments routing made, for the caller to announce once the transaction has
 * committed (an event must not announce a rolled-back write).
 */
export async function afterTicketChange(tx: Kysely<DB>, orgId: string, ticketId: string, change: TicketChange, now: Date): Promise<Assignment[]> {
  const assignments: Assignment[] = [];
  // §5.9 triggers first, so one can choose the team routing then uses
  if (change !== 'assigned') await runTicketTriggers(tx, orgId, ticketId, change === 'created' ? 'created' : 'updated', now);
  const ticket = await tx.selectFrom('tickets').select(['number', 'status', 'team_id', 'assignee_id']).where('org_id', '=', orgId).where('id', '=', ticketId).executeTakeFirst();
  if (!ticket) return assignments;
  if (change === 'created' && !ticket.assignee_id) {
    const routed = await routeTicket(tx, orgId, ticketId, now);
    if (routed.assigneeId) assignments.push({ ticketId, number: String(ticket.number), assigneeId: routed.assigneeId, teamId: routed.teamId });
  }
  // A solved ticket frees room in its team: the waiting queue moves on.
  if (change === 'status' && ticket.team_id && (ticket.status === 'resolved' || ticket.status === 'closed')) {
    assignments.push(...(await drainTeamQueue(tx, orgId, ticket.team_id, now)));
  }
  // The clock last: it reads the status history and conversation everything above has written.
  await refreshTicketSla(tx, orgId, ticketId, now);
  return assignments;
}

/**
 * Checks an outgoing reply against the organization's forbidden phrases (反面用语): a blocking
 * phrase refuses the reply; warnings refuse it until the agent has seen them and sends anyway.
 */
export async function beforeReplySent(tx: Kysely<DB>, actor: Actor, text: string, acknowledged: boolean): Promise<void> {
  const { hits, blocked } = await checkText(tx, actor.orgId, text);
  if (blocked) throw new AppError('text_blocked', 400, hits.filter((h) => h.severity === 'block').map((h) => ({ path: ['body', 'body'], code: 'text_blocked', message: t(actor.locale, 'errors.text_blocked'), hit: h })));
  if (hits.length > 0 && !acknowledged) throw new AppError('text_check_warnings', 409, hits);
}
