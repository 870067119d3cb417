import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db-schema.js';

type Tx = Kysely<DB>;

/** Ticket views of an organization with the owner's name. */
function ticketViews(db: Tx, orgId: string) {
  return db
    .selectFrom('saved_views as v')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'v.org_id').onRef('u.id', '=', 'v.owner_id'))
    .select(['v.id', 'v.owner_id', 'v.name', 'v.shared', 'v.definition', 'v.version', 'v.updated_at', 'u.display_name as owner_name'])
    .where('v.org_id', '=', orgId)
    .where('v.entity', '=', 'ticket');
}
export type TicketViewRow = Awaited<ReturnType<ReturnType<typeof ticketViews>['executeTakeFirstOrThrow']>>;

/** Ticket views the actor sees: their own and those shared in the organization. */
export function visibleTicketViews(db: Tx, actor: Actor) {
  return ticketViews(db, actor.orgId).where((eb) => eb.or([eb('v.owner_id', '=', actor.userId), eb('v.shared', '=', true)]));
}

export function findTicketView(db: Tx, orgId: string, id: string) {
  return ticketViews(db, orgId).where('v.id', '=', id).executeTakeFirst();
}

/** Own views first, then shared ones, each by name. */
export function listVisibleTicketViews(db: Tx, actor: Actor) {
  return visibleTicketViews(db, actor)
    .orderBy(sql`v.owner_id = ${actor.userId}`, 'desc')
    .orderBy('v.name')
    .orderBy('v.id')
    .execute();
}

export function findVisibleTicketView(db: Tx, actor: Actor, id: string) {
  return visibleTicketViews(db, actor).where('v.id', '=', id).executeTakeFirst();
}

/** Another view of the same owner with this name (case-insensitive), if any. */
export function findOwnViewByName(db: Tx, orgId: string, ownerId: string, name: string, exceptId?: string) {
  let q = db
    .selectFrom('saved_views')
    .select('id')
    .where('org_id', '=', orgId)
    .where('entity', '=', 'ticket')
    .where('owner_id', '=', ownerId)
    .where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

/**
 * Which of the ids a set of views refers to still exist: teams, users and live customers, one
 * query each (none when no view refers to any).
 */
export async function existingReferences(db: Tx, orgId: string, refs: { teamIds: string[]; userIds: string[]; customerIds: string[] }): Promise<Set<string>> {
  const [teams, users, customers] = await Promise.all([
    refs.teamIds.length ? db.selectFrom('teams').select('id').where('org_id', '=', orgId).where('id', 'in', refs.teamIds).execute() : [],
    refs.userIds.length ? db.selectFrom('users').select('id').where('org_id', '=', orgId).where('id', 'in', refs.userIds).execute() : [],
    refs.customerIds.length
      ? db.selectFrom('customers').select('id').where('org_id', '=', orgId).where('id', 'in', refs.customerIds).where('deleted_at', 'is', null).execute()
      : [],
  ]);
  return new Set([...teams, ...users, ...customers].map((r) => r.id));
}
