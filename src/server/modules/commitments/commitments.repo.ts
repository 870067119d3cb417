import { type Kysely, sql, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { scopeOf } from '../../platform/access.js';
import type { DB } from '../../platform/db-schema.js';
import { visibleTo } from '../tickets/tickets.repo.js';
import '../complaints/complaints.tables.js';

type Tx = Kysely<DB>;

/** Commitments with the names shown beside them (alias cm; ticket t; customer cu). */
export function commitmentsWithNames(db: Tx) {
  return db
    .selectFrom('commitments as cm')
    .leftJoin('tickets as t', (j) => j.onRef('t.org_id', '=', 'cm.org_id').onRef('t.id', '=', 'cm.ticket_id'))
    .leftJoin('customers as cu', (j) => j.onRef('cu.org_id', '=', 'cm.org_id').onRef('cu.id', '=', 'cm.customer_id'))
    .leftJoin('users as o', (j) => j.onRef('o.org_id', '=', 'cm.org_id').onRef('o.id', '=', 'cm.owner_id'))
    .leftJoin('users as cb', (j) => j.onRef('cb.org_id', '=', 'cm.org_id').onRef('cb.id', '=', 'cm.created_by'))
    .selectAll('cm')
    .select(['t.number as ticket_number', 't.subject as ticket_subject', 'cu.name as customer_name', 'o.display_name as owner_name', 'cb.display_name as created_by_name']);
}
export type CommitmentWithNames = Awaited<ReturnType<ReturnType<typeof commitmentsWithNames>['executeTakeFirstOrThrow']>>;

/**
 * Who sees a commitment: its owner and creator; whoever sees its ticket; with an unlimited
 * ticket scope, every commitment of the organization.
 */
export function commitmentVisibleTo(db: Tx, actor: Actor) {
  if (scopeOf(actor, 'tickets') === 'all') return sql<SqlBool>`true`;
  return sql<SqlBool>`(cm.owner_id = ${actor.userId} OR cm.created_by = ${actor.userId} OR (cm.ticket_id IS NOT NULL AND t.deleted_at IS NULL AND ${visibleTo(db, actor)}))`;
}

export function findVisible(db: Tx, actor: Actor, id: string) {
  return commitmentsWithNames(db).where('cm.org_id', '=', actor.orgId).where('cm.id', '=', id).where(commitmentVisibleTo(db, actor)).executeTakeFirst();
}

export function lock(tx: Tx, orgId: string, id: string) {
  return tx.selectFrom('commitments').selectAll().where('org_id', '=', orgId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findActiveUser(db: Tx, orgId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'display_name']).where('org_id', '=', orgId).where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
}
