import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { authorize, inScope, scopeFilter } from '../../platform/access.js';
import type { DB } from '../../platform/db-schema.js';
import { notFound } from '../../platform/errors.js';
import type { TicketRow } from './service-desk.tables.js';

/**
 * Who may see a ticket. The 'tickets' data scope is read off the assignee (本人) and the
 * assignee's department (本部门 / 本部门及下级); a ticket nobody holds yet belongs to its
 * team, so members of the ticket's team see it too. Every §5 module asks here.
 */

/** A where-expression for `tickets` (aliased `t` or not) limiting rows to the actor's scope. */
export function ticketScopeFilter(actor: Actor, table: 'tickets' | 't' = 'tickets') {
  return scopeFilter(actor, 'tickets', { ownerColumn: `${table}.assignee_id`, departmentColumn: `${table}.department_id` });
}

export async function ticketInScope(db: Kysely<DB>, actor: Actor, ticket: Pick<TicketRow, 'assignee_id' | 'department_id' | 'team_id' | 'created_by'>): Promise<boolean> {
  if (await inScope(db, actor, 'tickets', { ownerId: ticket.assignee_id, departmentId: ticket.department_id })) return true;
  // The agent who registered it keeps sight of it.
  if (ticket.created_by === actor.userId) return true;
  if (!ticket.team_id) return false;
  const member = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('org_id', '=', actor.orgId)
    .where('team_id', '=', ticket.team_id)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return !!member;
}

/**
 * The ticket if it exists in the actor's organization, is not deleted and lies in the actor's
 * scope; else 404 (the caller must not learn it exists). Asserts `tickets.read` first.
 */
export async function findVisibleTicket(db: Kysely<DB>, actor: Actor, id: string): Promise<TicketRow> {
  authorize(actor, 'tickets.read');
  const row = await db.selectFrom('tickets').selectAll().where('org_id', '=', actor.orgId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || !(await ticketInScope(db, actor, row))) throw notFound('ticket');
  return row;
}
