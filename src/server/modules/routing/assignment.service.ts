import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { findVisibleTicket } from '../tickets/ticket-access.js';
import * as repo from './routing.repo.js';
import { type Assignment, appendRoutingNote, drainTeamQueue, routeTicket } from './routing.service.js';
import { routingFieldError } from './routing.errors.js';
import type { AssignBody } from './routing.schema.js';

export type AssignResult = { id: string; number: string; teamId: string | null; assigneeId: string | null; queued: boolean };

/** Tells each new assignee about their ticket (after commit: an event must not announce a rolled-back write). */
export async function announceAssignments(kefu: Kefu, orgId: string, assignments: readonly Assignment[]): Promise<void> {
  for (const a of assignments) {
    await kefu.events.publish({ orgId, type: 'ticket.assigned', userIds: [a.assigneeId], data: { ticketId: a.ticketId, number: a.number, teamId: a.teamId, assigneeId: a.assigneeId } });
  }
}

/** Locks the member rows of several teams in one global order, so crossing reassignments never deadlock. */
async function lockTeams(tx: Kysely<DB>, orgId: string, teamIds: (string | null)[]) {
  for (const id of [...new Set(teamIds.filter((x): x is string => !!x))].sort()) await repo.lockMembers(tx, orgId, id);
}

/**
 * Manual assignment (§5.5): to a person (optionally within a team they belong to), or to a team
 * whose strategy then picks the person. Afterwards the ticket's previous team serves its queue,
 * since the ticket no longer takes room there.
 */
export async function assignTicket(kefu: Kefu, actor: Actor, ticketId: string, body: AssignBody): Promise<AssignResult> {
  if (!body.teamId && !body.assigneeId) throw routingFieldError(actor, 'routing_assign_empty', 'assigneeId');
  const now = new Date();
  const { result, assignments } = await kefu.db.transaction().execute(async (tx) => {
    const visible = await findVisibleTicket(tx, actor, ticketId);
    if (body.teamId) {
      const team = await repo.findTeamForRouting(tx, actor.orgId, body.teamId);
      if (!team) throw routingFieldError(actor, 'routing_unknown_team', 'teamId');
      if (!team.active && !body.assigneeId) throw routingFieldError(actor, 'routing_team_inactive', 'teamId');
    }
    const assignee = body.assigneeId ? await repo.isActiveUser(tx, actor.orgId, body.assigneeId) : undefined;
    if (body.assigneeId && !assignee) throw routingFieldError(actor, 'routing_unknown_assignee', 'assigneeId');
    if (body.teamId && assignee && !(await repo.findMember(tx, actor.orgId, body.teamId, assignee.id))) {
      throw routingFieldError(actor, 'routing_assignee_not_member', 'assigneeId');
    }
    // Ticket first, then teams — the order routing and the tickets service lock in too.
    const ticket = (await repo.lockTicket(tx, actor.orgId, visible.id))!;
    await lockTeams(tx, actor.orgId, [ticket.team_id, body.teamId ?? null]);
    const before = { teamId: ticket.team_id, assigneeId: ticket.assignee_id };
    const teamId = body.teamId ?? ticket.team_id;
    let result: AssignResult;
    const assignments: Assignment[] = [];
    if (assignee) {
      const row = await repo.assignTicketRow(tx, actor.orgId, ticketId, { teamId, assigneeId: assignee.id, departmentId: assignee.department_id }, now);
      const team = teamId ? await repo.findTeamForRouting(tx, actor.orgId, teamId) : undefined;
      if (team && (await repo.findMember(tx, actor.orgId, team.id, assignee.id))) await repo.touchMember(tx, actor.orgId, team.id, assignee.id, now);
      await appendRoutingNote(
        tx,
        actor.orgId,
        ticketId,
        { event: 'routing.assigned', strategy: 'manual', teamId: team?.id ?? null, teamName: team?.name ?? null, assigneeId: assignee.id, assigneeName: assignee.display_name, byId: actor.userId, byName: actor.displayName },
        now,
      );
      result = { id: row.id, number: String(row.number), teamId: row.team_id, assigneeId: assignee.id, queued: false };
      if (assignee.id !== before.assigneeId) assignments.push({ ticketId, number: String(row.number), assigneeId: assignee.id, teamId: teamId ?? null });
    } else {
      // To a team: the ticket leaves its current holder and the new team's strategy decides.
      await tx.updateTable('tickets').set((eb) => ({ team_id: teamId, assignee_id: null, queued_at: null, version: eb('version', '+', 1), updated_at: now })).where('org_id', '=', actor.orgId).where('id', '=', ticketId).execute();
      const routed = await routeTicket(tx, actor.orgId, ticketId, now);
      result = { id: ticketId, number: String(ticket.number), teamId: routed.teamId, assigneeId: routed.assigneeId, queued: routed.queued };
      if (routed.assigneeId) assignments.push({ ticketId, number: String(ticket.number), assigneeId: routed.assigneeId, teamId: routed.teamId });
    }
    // The previous holder has room again in the previous team.
    if (before.teamId && (before.assigneeId !== result.assigneeId || before.teamId !== result.teamId)) {
      assignments.push(...(await drainTeamQueue(tx, actor.orgId, before.teamId, now)));
    }
    await recordAudit(
      tx,
      auditBy(actor, { action: 'ticket.assign', entityType: 'ticket', entityId: ticketId, before, after: { teamId: result.teamId, assigneeId: result.assigneeId, queued: result.queued } }),
    );
    return { result, assignments };
  });
  await announceAssignments(kefu, actor.orgId, assignments);
  return result;
}
