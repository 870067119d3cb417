import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { OPEN_STATUSES } from '../../../shared/tickets.js';
import { QUEUE_PRIORITY_ORDER, QUEUE_TIER_ORDER } from './assign-select.js';

/** Queries of ticket routing. Every function takes `db` first: a transaction in practice. */

export type RoutableTicket = {
  id: string;
  number: string;
  type: string;
  subtype: string | null;
  category_id: string | null;
  channel: string;
  tags: string[];
  status: string;
  team_id: string | null;
  assignee_id: string | null;
  queued_at: Date | null;
};

const ROUTABLE = ['id', 'number', 'type', 'subtype', 'category_id', 'channel', 'tags', 'status', 'team_id', 'assignee_id', 'queued_at'] as const;

/** The ticket, row-locked so two routings of the same ticket run one after the other. */
export function lockTicket(db: Kysely<DB>, orgId: string, ticketId: string): Promise<RoutableTicket | undefined> {
  return db.selectFrom('tickets').select(ROUTABLE).where('org_id', '=', orgId).where('id', '=', ticketId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
}

/**
 * The active team that takes this type and channel by default (empty list = any). Teams that
 * name the type or channel come before catch-all teams, so a "complaints" team wins over "everything".
 */
export function findDefaultTeam(db: Kysely<DB>, orgId: string, type: string, channel: string) {
  return db
    .selectFrom('teams')
    .select(['id'])
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where(sql<boolean>`(cardinality(ticket_types) = 0 OR ${type} = ANY(ticket_types))`)
    .where(sql<boolean>`(cardinality(channels) = 0 OR ${channel} = ANY(channels))`)
    .orderBy(sql`cardinality(ticket_types) = 0`)
    .orderBy(sql`cardinality(channels) = 0`)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
}

export function findTeamForRouting(db: Kysely<DB>, orgId: string, teamId: string) {
  return db.selectFrom('teams').select(['id', 'name', 'strategy', 'active']).where('org_id', '=', orgId).where('id', '=', teamId).executeTakeFirst();
}

export type LockedMember = {
  user_id: string;
  capacity: number;
  skills: Record<string, number>;
  available: boolean;
  last_assigned_at: Date | null;
  display_name: string;
  department_id: string | null;
  active: boolean;
};

/**
 * Locks every member row of the team (SELECT … FOR UPDATE, in user order so lockers never
 * deadlock) and returns them with their open-ticket counts in this team. Concurrent routings
 * into one team, on this node or another, wait here for each other: the counts they read are
 * the counts after the previous assignment committed, so nobody is handed work beyond capacity.
 */
export async function lockMembers(db: Kysely<DB>, orgId: string, teamId: string): Promise<(LockedMember & { open_count: number })[]> {
  const rows = await db
    .selectFrom('team_members')
    .select(['user_id', 'capacity', 'skills', 'available', 'last_assigned_at'])
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .orderBy('user_id')
    .forUpdate()
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.user_id);
  const [users, counts] = await Promise.all([
    db.selectFrom('users').select(['id', 'display_name', 'department_id', 'status']).where('org_id', '=', orgId).where('id', 'in', ids).execute(),
    openCounts(db, orgId, teamId, ids),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => {
    const u = byId.get(r.user_id);
    return {
      ...r,
      display_name: u?.display_name ?? '',
      department_id: u?.department_id ?? null,
      active: u?.status === 'active',
      open_count: counts.get(r.user_id) ?? 0,
    };
  });
}

/** Open tickets each user holds in the team (statuses that still need work). */
export async function openCounts(db: Kysely<DB>, orgId: string, teamId: string, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .where('assignee_id', 'in', userIds)
    .where('status', 'in', OPEN_STATUSES)
    .where('deleted_at', 'is', null)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

export async function setTicketTeam(db: Kysely<DB>, orgId: string, ticketId: string, teamId: string, now: Date): Promise<void> {
  await db
    .updateTable('tickets')
    .set((eb) => ({ team_id: teamId, version: eb('version', '+', 1), updated_at: now }))
    .where('org_id', '=', orgId)
    .where('id', '=', ticketId)
    .execute();
}

export async function assignTicketRow(db: Kysely<DB>, orgId: string, ticketId: string, to: { teamId: string | null; assigneeId: string; departmentId: string | null }, now: Date) {
  return db
    .updateTable('tickets')
    .set((eb) => ({ team_id: to.teamId, assignee_id: to.assigneeId, department_id: to.departmentId, queued_at: null, version: eb('version', '+', 1), updated_at: now }))
    .where('org_id', '=', orgId)
    .where('id', '=', ticketId)
    .returning(['id', 'number', 'subject', 'team_id', 'assignee_id', 'queued_at', 'version'])
    .executeTakeFirstOrThrow();
}

/** Puts the ticket in its team's waiting queue; a ticket already waiting keeps its place. */
export async function queueTicket(db: Kysely<DB>, orgId: string, ticketId: string, now: Date): Promise<void> {
  await db
    .updateTable('tickets')
    .set((eb) => ({ queued_at: sql<Date>`coalesce(queued_at, ${now})`, version: eb('version', '+', 1), updated_at: now }))
    .where('org_id', '=', orgId)
    .where('id', '=', ticketId)
    .execute();
}

export async function touchMember(db: Kysely<DB>, orgId: string, teamId: string, userId: string, now: Date): Promise<void> {
  await db.updateTable('team_members').set({ last_assigned_at: now }).where('org_id', '=', orgId).where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

export async function insertSystemMessage(db: Kysely<DB>, row: { orgId: string; id: string; ticketId: string; body: string; actorId: string | null; actorName: string | null; at: Date }) {
  await db
    .insertInto('ticket_messages')
    .values({
      org_id: row.orgId,
      id: row.id,
      ticket_id: row.ticketId,
      kind: 'system',
      author_type: 'system',
      author_id: row.actorId,
      author_name: row.actorName,
      channel: 'system',
      body_text: row.body,
      created_at: row.at,
    })
    .execute();
}

const tierOrder = sql`CASE t.customer_tier ${sql.join(
  QUEUE_TIER_ORDER.map((tier, i) => sql`WHEN ${tier} THEN ${sql.lit(i)}`),
  sql` `,
)} ELSE ${sql.lit(QUEUE_TIER_ORDER.length)} END`;
const priorityOrder = sql`CASE t.priority ${sql.join(
  QUEUE_PRIORITY_ORDER.map((p, i) => sql`WHEN ${p} THEN ${sql.lit(i)}`),
  sql` `,
)} END`;

/** The team's waiting tickets in the order they are served (assign-select's `compareQueue`). */
export function queuedTickets(db: Kysely<DB>, orgId: string, teamId: string, opts: { limit: number; lock?: boolean }) {
  let q = db
    .selectFrom('tickets as t')
    .select(['t.id', 't.number', 't.subject', 't.type', 't.subtype', 't.category_id', 't.tags', 't.priority', 't.customer_tier', 't.queued_at', 't.customer_id', 't.channel'])
    .where('t.org_id', '=', orgId)
    .where('t.team_id', '=', teamId)
    .where('t.assignee_id', 'is', null)
    .where('t.queued_at', 'is not', null)
    .where('t.deleted_at', 'is', null)
    .where('t.status', 'in', OPEN_STATUSES)
    .orderBy(tierOrder)
    .orderBy(priorityOrder)
    .orderBy('t.queued_at')
    .orderBy('t.id')
    .limit(opts.limit);
  // A ticket someone is editing right now is skipped, not waited for: it is served next time.
  if (opts.lock) q = q.forUpdate().skipLocked();
  return q.execute();
}

export function isActiveUser(db: Kysely<DB>, orgId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'department_id']).where('org_id', '=', orgId).where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
}

export function findMember(db: Kysely<DB>, orgId: string, teamId: string, userId: string) {
  return db.selectFrom('team_members').select(['user_id']).where('org_id', '=', orgId).where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
}
