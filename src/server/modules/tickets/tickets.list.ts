import { type Expression, type Kysely, sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { SLA_STATES, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, TICKET_VIEWS } from '../../../shared/tickets.js';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db-schema.js';
import { type CursorValue, pageQuery } from '../../platform/http/pagination.js';
import { queryTokens } from '../../platform/text-tokens.js';
import * as repo from './tickets.repo.js';

const statusList = z
  .string()
  .max(100)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(TICKET_STATUSES)).max(TICKET_STATUSES.length));

export const TICKET_SORTS = ['-updated_at', 'updated_at', '-created_at', 'created_at', 'due'] as const;

export const listTicketsQuery = z.strictObject({
  view: z.enum(TICKET_VIEWS).default('all'),
  q: z.string().trim().max(100).optional(),
  status: statusList.optional(),
  type: z.enum(TICKET_TYPES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  channel: z.enum(TICKET_CHANNELS).optional(),
  assigneeId: z.union([z.uuid(), z.literal('me'), z.literal('none')]).optional(),
  teamId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  slaState: z.enum(SLA_STATES).optional(),
  tag: z.string().trim().min(1).max(20).optional(),
  sort: z.enum(TICKET_SORTS).default('-updated_at'),
  ...pageQuery,
});
export type TicketListQuery = z.infer<typeof listTicketsQuery>;

const DUE = sql`coalesce(least(t.first_response_due_at, t.next_response_due_at, t.resolution_due_at), 'infinity'::timestamptz)`;

/** Sort expression and direction of each allowed sort; the id breaks ties. */
function sortOf(sort: TicketListQuery['sort']) {
  switch (sort) {
    case '-updated_at':
      return { expr: sql`t.updated_at`, desc: true };
    case 'updated_at':
      return { expr: sql`t.updated_at`, desc: false };
    case '-created_at':
      return { expr: sql`t.created_at`, desc: true };
    case 'created_at':
      return { expr: sql`t.created_at`, desc: false };
    case 'due':
      return { expr: DUE, desc: false };
  }
}

/** The filters of a list query, without paging: what a saved view keeps and counts. */
export type TicketFilterQuery = Omit<TicketListQuery, 'limit' | 'cursor'>;

/** Whether the view needs the ids of the actor's teams. */
export const isTeamView = (view: TicketFilterQuery['view']) => view === 'team' || view === 'team_unassigned';

/**
 * The where-expressions of a list query: organization, standard view, data scope and filters.
 * The list and the saved-view counts both build on it, so a count is what the list shows.
 */
export function ticketFilterConditions(db: Kysely<DB>, actor: Actor, query: TicketFilterQuery, teamIds: string[] | undefined): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [
    sql<SqlBool>`t.org_id = ${actor.orgId}`,
    sql<SqlBool>`t.deleted_at IS NULL`,
    repo.viewCondition(db, actor, query.view, isTeamView(query.view) ? teamIds : undefined),
  ];
  // My own and my teams' tickets are visible by definition; other views add the scope filter.
  if (query.view !== 'mine' && !isTeamView(query.view)) c.push(repo.visibleTo(db, actor));
  if (query.status?.length) c.push(sql<SqlBool>`t.status IN (${sql.join(query.status)})`);
  if (query.type) c.push(sql<SqlBool>`t.type = ${query.type}`);
  if (query.priority) c.push(sql<SqlBool>`t.priority = ${query.priority}`);
  if (query.channel) c.push(sql<SqlBool>`t.channel = ${query.channel}`);
  if (query.assigneeId === 'me') c.push(sql<SqlBool>`t.assignee_id = ${actor.userId}`);
  else if (query.assigneeId === 'none') c.push(sql<SqlBool>`t.assignee_id IS NULL`);
  else if (query.assigneeId) c.push(sql<SqlBool>`t.assignee_id = ${query.assigneeId}`);
  if (query.teamId) c.push(sql<SqlBool>`t.team_id = ${query.teamId}`);
  if (query.customerId) c.push(sql<SqlBool>`t.customer_id = ${query.customerId}`);
  if (query.slaState) c.push(sql<SqlBool>`t.sla_state = ${query.slaState}`);
  if (query.tag) c.push(sql<SqlBool>`t.tags @> ARRAY[${query.tag}]::text[]`);
  if (query.q) {
    const number = /^#?(\d{3,18})$/.exec(query.q)?.[1];
    const tokens = queryTokens(query.q);
    const byTokens = tokens.length > 0 ? sql<SqlBool>`t.search_tokens @> ARRAY[${sql.join(tokens)}]::text[]` : sql<SqlBool>`false`;
    c.push(number ? sql<SqlBool>`(t.number = ${number}::bigint OR ${byTokens})` : byTokens);
  }
  return c;
}

/**
 * One page (limit + 1 rows) of the tickets the actor may see. The sort value travels in the
 * cursor as PostgreSQL's own text of the timestamp, so microseconds survive the round trip.
 */
export async function listTicketRows(db: Kysely<DB>, actor: Actor, query: TicketListQuery, cursor: CursorValue | null) {
  const { expr, desc } = sortOf(query.sort);
  const teamIds = isTeamView(query.view) ? await repo.teamIdsOf(db, actor) : undefined;
  let q = repo
    .ticketsWithNames(db)
    .select(sql<string>`(${expr})::text`.as('sort_value'))
    .where((eb) => eb.and(ticketFilterConditions(db, actor, query, teamIds)));
  if (cursor) {
    const op = desc ? sql.raw('<') : sql.raw('>');
    q = q.where(sql<SqlBool>`(${expr}, t.id) ${op} (${cursor.v}::timestamptz, ${cursor.id}::uuid)`);
  }
  const dir = sql.raw(desc ? 'DESC' : 'ASC');
  return q.orderBy(sql`${expr} ${dir}`).orderBy(sql`t.id ${dir}`).limit(query.limit + 1).execute();
}

/** How many tickets a list query matches (no paging), with the same conditions as the list. */
export async function countTicketRows(db: Kysely<DB>, actor: Actor, query: TicketFilterQuery, teamIds: string[] | undefined): Promise<number> {
  const row = await db
    .selectFrom('tickets as t')
    .select(sql<string>`count(*)`.as('n'))
    .where((eb) => eb.and(ticketFilterConditions(db, actor, query, teamIds)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
