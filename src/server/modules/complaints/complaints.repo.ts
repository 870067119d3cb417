import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import './complaints.tables.js';

type Tx = Kysely<DB>;

export function lockComplaint(tx: Tx, orgId: string, ticketId: string) {
  return tx.selectFrom('complaints').selectAll().where('org_id', '=', orgId).where('ticket_id', '=', ticketId).forUpdate().executeTakeFirst();
}

export function findComplaint(db: Tx, orgId: string, ticketId: string) {
  return db.selectFrom('complaints').selectAll().where('org_id', '=', orgId).where('ticket_id', '=', ticketId).executeTakeFirst();
}

/** The seven steps with owner and completer names, in no particular order. */
export function stepsWithNames(db: Tx, orgId: string, ticketId: string) {
  return db
    .selectFrom('complaint_steps as s')
    .leftJoin('users as o', (j) => j.onRef('o.org_id', '=', 's.org_id').onRef('o.id', '=', 's.owner_id'))
    .leftJoin('users as b', (j) => j.onRef('b.org_id', '=', 's.org_id').onRef('b.id', '=', 's.completed_by'))
    .selectAll('s')
    .select(['o.display_name as owner_name', 'b.display_name as completed_by_name'])
    .where('s.org_id', '=', orgId)
    .where('s.ticket_id', '=', ticketId)
    .execute();
}
export type StepWithNames = Awaited<ReturnType<typeof stepsWithNames>>[number];

export function ticketWithNames(db: Tx, orgId: string, ticketId: string) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('customers as c', (j) => j.onRef('c.org_id', '=', 't.org_id').onRef('c.id', '=', 't.customer_id'))
    .leftJoin('ticket_categories as k', (j) => j.onRef('k.org_id', '=', 't.org_id').onRef('k.id', '=', 't.category_id'))
    .select(['t.id', 't.number', 't.subject', 't.status', 't.customer_id', 't.category_id', 'c.name as customer_name', 'k.name as category_name'])
    .where('t.org_id', '=', orgId)
    .where('t.id', '=', ticketId)
    .executeTakeFirstOrThrow();
}

export function findActiveUser(db: Tx, orgId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'display_name']).where('org_id', '=', orgId).where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
}

export type ComplaintLike = Pick<import('./complaints.tables.js').ComplaintRow, 'complainant_name' | 'matter' | 'severity'>;
