import { type Insertable, type Kysely, sql, type SqlBool, type Updateable } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db-schema.js';
import { OPEN_STATUSES, type TicketStatus, type TicketView } from '../../../shared/tickets.js';
import type { TicketsTable } from './service-desk.tables.js';
import { ticketScopeFilter } from './ticket-access.js';

type Tx = Kysely<DB>;

/** Ticket columns with the names lists and the detail page show beside them. */
export function ticketsWithNames(db: Tx) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('customers as c', (j) => j.onRef('c.org_id', '=', 't.org_id').onRef('c.id', '=', 't.customer_id'))
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 't.org_id').onRef('u.id', '=', 't.assignee_id'))
    .leftJoin('teams as tm', (j) => j.onRef('tm.org_id', '=', 't.org_id').onRef('tm.id', '=', 't.team_id'))
    .selectAll('t')
    .select(['c.name as customer_name', 'u.display_name as assignee_name', 'tm.name as team_name']);
}
export type TicketWithNames = Awaited<ReturnType<ReturnType<typeof ticketsWithNames>['executeTakeFirstOrThrow']>>;

export function findTicketWithNames(db: Tx, orgId: string, id: string) {
  return ticketsWithNames(db).where('t.org_id', '=', orgId).where('t.id', '=', id).where('t.deleted_at', 'is', null).executeTakeFirst();
}

export function lockTicket(tx: Tx, orgId: string, id: string) {
  return tx.selectFrom('tickets').selectAll().where('org_id', '=', orgId).where('id', '=', id).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
}

export function insertTicket(tx: Tx, values: Insertable<TicketsTable>) {
  return tx.insertInto('tickets').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Applies a change and bumps the version; with `version`, only when the row still has it (optimistic concurrency). */
export function updateTicket(tx: Tx, orgId: string, id: string, patch: Updateable<TicketsTable>, version?: number) {
  let q = tx
    .updateTable('tickets')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  return q.returningAll().executeTakeFirst();
}

export async function insertStatusHistory(tx: Tx, row: { org_id: string; id: string; ticket_id: string; from_status: TicketStatus | null; to_status: TicketStatus; reason: string; actor_id: string | null; at: Date }) {
  await tx.insertInto('ticket_status_history').values(row).execute();
}

/** Teams the actor belongs to, as a subquery. */
const myTeams = (db: Tx, actor: Actor) => db.selectFrom('team_members').select('team_id').where('org_id', '=', actor.orgId).where('user_id', '=', actor.userId);

/** Rows the actor may see: scope by assignee/department, the actor's teams, and what they registered. */
export function visibleTo(db: Tx, actor: Actor) {
  return sql<SqlBool>`(${ticketScopeFilter(actor, 't')} OR t.team_id IN (${myTeams(db, actor)}) OR t.created_by = ${actor.userId})`;
}

const OPEN = sql.join(OPEN_STATUSES.map((s) => sql.lit(s)));

/** The ids of the actor's teams, looked up once so a team view can use the team index. */
export async function teamIdsOf(db: Tx, actor: Actor): Promise<string[]> {
  return (await myTeams(db, actor).execute()).map((r) => r.team_id);
}

/**
 * The where-expression of a standard view. With `teamIds` given, team views filter on that
 * literal list (the planner then walks tickets_team_open_idx) instead of a subquery.
 */
export function viewCondition(db: Tx, actor: Actor, view: TicketView, teamIds?: string[]) {
  const teams = teamIds ? (teamIds.length > 0 ? sql.join(teamIds) : sql`NULL`) : myTeams(db, actor);
  switch (view) {
    case 'mine':
      return sql<SqlBool>`(t.assignee_id = ${actor.userId} AND t.status IN (${OPEN}))`;
    case 'team_unassigned':
      return sql<SqlBool>`(t.assignee_id IS NULL AND t.team_id IN (${teams}) AND t.status IN (${OPEN}))`;
    case 'team':
      return sql<SqlBool>`(t.team_id IN (${teams}) AND t.status IN (${OPEN}))`;
    case 'all_open':
      return sql<SqlBool>`t.status IN (${OPEN})`;
    case 'breached':
      return sql<SqlBool>`(t.sla_state = 'breached' AND t.status IN (${OPEN}))`;
    case 'recent_solved':
      return sql<SqlBool>`(t.status IN ('resolved', 'closed') AND t.updated_at > now() - interval '7 days')`;
    case 'all':
      return sql<SqlBool>`true`;
  }
}

/** Live counts of the standard views (all but 'all'), in one pass over the actor's open and recent work. */
export async function countViews(db: Tx, actor: Actor): Promise<Record<Exclude<TicketView, 'all'>, number>> {
  const views = ['mine', 'team_unassigned', 'team', 'all_open', 'breached', 'recent_solved'] as const;
  const row = await db
    .selectFrom('tickets as t')
    .select(views.map((v) => sql<string>`count(*) FILTER (WHERE ${viewCondition(db, actor, v)})`.as(v)))
    .where('t.org_id', '=', actor.orgId)
    .where('t.deleted_at', 'is', null)
    .where(sql<SqlBool>`(t.status IN (${OPEN}) OR t.updated_at > now() - interval '7 days')`)
    .where(visibleTo(db, actor))
    .executeTakeFirstOrThrow();
  return Object.fromEntries(views.map((v) => [v, Number((row as Record<string, string>)[v])])) as Record<(typeof views)[number], number>;
}

export function findActiveUser(db: Tx, orgId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'department_id']).where('org_id', '=', orgId).where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
}

export function findTeam(db: Tx, orgId: string, id: string) {
  return db.selectFrom('teams').select(['id', 'name', 'active', 'strategy']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findCategory(db: Tx, orgId: string, id: string) {
  return db.selectFrom('ticket_categories').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Names from the root down to the category. */
export async function categoryPath(db: Tx, orgId: string, id: string | null): Promise<string[]> {
  if (!id) return [];
  const rows = await sql<{ name: string }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, name, 0 AS depth FROM ticket_categories WHERE org_id = ${orgId} AND id = ${id}
      UNION ALL
      SELECT c.id, c.parent_id, c.name, up.depth + 1 FROM ticket_categories c JOIN up ON c.org_id = ${orgId} AND c.id = up.parent_id WHERE up.depth < 20
    ) SELECT name FROM up ORDER BY depth DESC`.execute(db);
  return rows.rows.map((r) => r.name);
}

export function contactOf(db: Tx, orgId: string, customerId: string, contactId: string) {
  return db.selectFrom('customer_contacts').select('id').where('org_id', '=', orgId).where('customer_id', '=', customerId).where('id', '=', contactId).executeTakeFirst();
}

/** Links in both directions, with the other ticket's number, subject and status. */
export function linksOf(db: Tx, orgId: string, ticketId: string) {
  return db
    .selectFrom('ticket_links as l')
    .innerJoin('tickets as o', (j) =>
      j.onRef('o.org_id', '=', 'l.org_id').on(sql<SqlBool>`o.id = CASE WHEN l.ticket_id = ${ticketId} THEN l.other_id ELSE l.ticket_id END`),
    )
    .select(['o.id', 'o.number', 'o.subject', 'o.status', 'l.kind', 'l.ticket_id'])
    .where('l.org_id', '=', orgId)
    .where((eb) => eb.or([eb('l.ticket_id', '=', ticketId), eb('l.other_id', '=', ticketId)]))
    .where('o.deleted_at', 'is', null)
    .orderBy('o.number')
    .execute();
}
