import { type Kysely, sql, type SqlBool } from 'kysely';
import type { SlaMetric, SlaState, TicketStatus } from '../../../shared/tickets.js';
import type { DB } from '../../platform/db-schema.js';
import { OPEN_STATUSES } from '../../../shared/tickets.js';
import type { SlaPolicyRow } from '../tickets/service-desk.tables.js';

/** Queries of the SLA engine on tickets, their history and sla_events; set-based per batch. */

export const slaTicketColumns = [
  'org_id',
  'id',
  'number',
  'subject',
  'type',
  'priority',
  'status',
  'customer_tier',
  'team_id',
  'assignee_id',
  'department_id',
  'created_at',
  'deleted_at',
  'sla_next_check_at',
] as const;
export type SlaTicketRow = {
  org_id: string;
  id: string;
  number: string;
  subject: string;
  type: string;
  priority: string;
  status: TicketStatus;
  customer_tier: string | null;
  team_id: string | null;
  assignee_id: string | null;
  department_id: string | null;
  created_at: Date;
  deleted_at: Date | null;
  sla_next_check_at: Date | null;
};

export function findTicket(db: Kysely<DB>, orgId: string, id: string): Promise<SlaTicketRow | undefined> {
  return db.selectFrom('tickets').select(slaTicketColumns).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findTicketByNumber(db: Kysely<DB>, orgId: string, num: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('tickets').select('id').where('org_id', '=', orgId).where('number', '=', num).executeTakeFirst();
}

/** Tickets whose next SLA check is due, locked for this scan; rows another node holds are skipped. */
export function claimDueTickets(db: Kysely<DB>, now: Date, limit: number): Promise<SlaTicketRow[]> {
  return db
    .selectFrom('tickets')
    .select(slaTicketColumns)
    .where('sla_next_check_at', '<=', now)
    .orderBy('sla_next_check_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** A page of an organization's open tickets by id (for recomputing after a policy change). */
export function openTicketsPage(db: Kysely<DB>, orgId: string, afterId: string | null, limit: number): Promise<SlaTicketRow[]> {
  let q = db
    .selectFrom('tickets')
    .select(slaTicketColumns)
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .where('status', 'in', [...OPEN_STATUSES]);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

export async function countOpenTickets(db: Kysely<DB>, orgId: string, upTo: number): Promise<number> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .where('status', 'in', [...OPEN_STATUSES])
    .limit(upTo + 1)
    .execute();
  return rows.length;
}

/** One array parameter instead of hundreds: a batch's statements parse and bind in constant time. */
const anyOf = (ids: string[]) => sql<SqlBool>`ticket_id = ANY(${ids}::uuid[])`;

export function statusHistory(db: Kysely<DB>, orgId: string, ticketIds: string[]) {
  return db
    .selectFrom('ticket_status_history')
    .select(['ticket_id', 'to_status', 'at'])
    .where('org_id', '=', orgId)
    .where(anyOf(ticketIds))
    .orderBy('ticket_id')
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Public agent replies and customer messages, the events the response clocks run on. */
export function conversation(db: Kysely<DB>, orgId: string, ticketIds: string[]) {
  return db
    .selectFrom('ticket_messages')
    .select(['ticket_id', 'kind', 'created_at'])
    .where('org_id', '=', orgId)
    .where(anyOf(ticketIds))
    .where('kind', 'in', ['reply', 'customer'])
    .orderBy('ticket_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function eventKeys(db: Kysely<DB>, orgId: string, ticketIds: string[]) {
  return db.selectFrom('sla_events').select(['ticket_id', 'metric', 'kind', 'due_at']).where('org_id', '=', orgId).where(anyOf(ticketIds)).execute();
}

export type NewSlaEvent = { org_id: string; id: string; ticket_id: string; metric: SlaMetric; kind: 'warning' | 'breach'; due_at: Date; at: Date };

/** Inserts events; those already recorded are skipped by the unique key. Returns the ids inserted. */
export async function insertEvents(db: Kysely<DB>, events: NewSlaEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = await db
    .insertInto('sla_events')
    .values(events.map((e) => ({ ...e, actions: '[]' })))
    .onConflict((oc) => oc.columns(['org_id', 'ticket_id', 'metric', 'kind', 'due_at']).doNothing())
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function setEventActions(db: Kysely<DB>, orgId: string, id: string, actions: unknown[]): Promise<void> {
  await db.updateTable('sla_events').set({ actions: JSON.stringify(actions) }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export type SlaColumns = {
  org_id: string;
  id: string;
  sla_policy_id: string | null;
  first_response_due_at: Date | null;
  next_response_due_at: Date | null;
  resolution_due_at: Date | null;
  sla_state: SlaState;
  sla_next_check_at: Date | null;
};

/**
 * Writes the derived SLA columns of many tickets in one statement. Neither `version` nor
 * `updated_at` moves: the figures are derived, and an agent's open edit form must not turn stale.
 */
export async function writeSla(db: Kysely<DB>, rows: SlaColumns[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      sql`(${r.org_id}::uuid, ${r.id}::uuid, ${r.sla_policy_id}::uuid, ${r.first_response_due_at}::timestamptz, ${r.next_response_due_at}::timestamptz, ${r.resolution_due_at}::timestamptz, ${r.sla_state}::text, ${r.sla_next_check_at}::timestamptz)`,
  );
  await sql`
    UPDATE tickets AS t SET
      sla_policy_id = v.policy_id, first_response_due_at = v.fr, next_response_due_at = v.nr,
      resolution_due_at = v.res, sla_state = v.state, sla_next_check_at = v.next_check
    FROM (VALUES ${sql.join(values)}) AS v(org_id, id, policy_id, fr, nr, res, state, next_check)
    WHERE t.org_id = v.org_id AND t.id = v.id`.execute(db);
}

export function activePolicies(db: Kysely<DB>, orgId: string): Promise<SlaPolicyRow[]> {
  return db.selectFrom('sla_policies').selectAll().where('org_id', '=', orgId).where('active', '=', true).orderBy('position').orderBy('id').execute();
}
