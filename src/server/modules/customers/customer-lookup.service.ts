import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { shareLockCustomer } from './customers.repo.js';

/**
 * What other modules (tickets, calls, portal) need to know about a customer they attach work
 * to: its name, service tier and owner. The tier is §3's pyramid level; until tiering computes
 * it, a 头顶客户 (class_management 'top') is served as VIP and everyone else as ordinary.
 */
export type CustomerBrief = {
  id: string;
  name: string;
  tier: 'vip' | 'ordinary';
  ownerId: string | null;
  departmentId: string | null;
  email: string | null;
  mergedIntoId: string | null;
  anonymized: boolean;
};

export async function findCustomerBrief(db: Kysely<DB>, orgId: string, id: string): Promise<CustomerBrief | null> {
  const row = await db
    .selectFrom('customers')
    .select(['id', 'name', 'class_management', 'owner_id', 'department_id', 'email', 'merged_into_id', 'anonymized_at'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    tier: row.class_management === 'top' ? 'vip' : 'ordinary',
    ownerId: row.owner_id,
    departmentId: row.department_id,
    email: row.email,
    mergedIntoId: row.merged_into_id,
    anonymized: !!row.anonymized_at,
  };
}

/**
 * The customer, share-locked for the caller's transaction, if it still takes new work (not
 * merged away, not anonymized); a merge committing meanwhile cannot be raced past.
 */
export async function lockCustomerForWork(tx: Kysely<DB>, orgId: string, id: string): Promise<CustomerBrief | null> {
  const locked = await shareLockCustomer(tx, orgId, id);
  if (!locked) return null;
  return findCustomerBrief(tx, orgId, id);
}

/** The customer matched by an e-mail address (case-insensitive), oldest first; for inbound mail and the portal. */
export async function findCustomerByEmail(db: Kysely<DB>, orgId: string, email: string): Promise<CustomerBrief | null> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('org_id', '=', orgId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('deleted_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .where('anonymized_at', 'is', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row ? findCustomerBrief(db, orgId, row.id) : null;
}

/**
 * The customer who has this phone number (already normalized, see `normalizeCnPhone`), oldest
 * first; merged-away, anonymized and deleted customers are passed over. For the public web form.
 */
export async function findCustomerByPhone(db: Kysely<DB>, orgId: string, phone: string): Promise<CustomerBrief | null> {
  const row = await db
    .selectFrom('customer_phones as p')
    .innerJoin('customers as c', (j) => j.onRef('c.org_id', '=', 'p.org_id').onRef('c.id', '=', 'p.customer_id'))
    .select('c.id')
    .where('p.org_id', '=', orgId)
    .where('p.phone', '=', phone)
    .where('c.deleted_at', 'is', null)
    .where('c.merged_into_id', 'is', null)
    .where('c.anonymized_at', 'is', null)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(1)
    .executeTakeFirst();
  return row ? findCustomerBrief(db, orgId, row.id) : null;
}
