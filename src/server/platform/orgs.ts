import type { Kysely } from 'kysely';
import type { DB } from './db-schema.js';
import { notFound } from './errors.js';

/**
 * An organization by id, or — without one — the default organization: the first one created
 * (single-tenant installs have only it; public pages such as the portal, the contact form and the
 * chat widget belong to it).
 */
export async function findOrg(db: Kysely<DB>, orgId?: string) {
  let q = db.selectFrom('orgs').select(['id', 'name', 'settings']);
  q = orgId ? q.where('id', '=', orgId) : q.orderBy('created_at').orderBy('id').limit(1);
  return q.executeTakeFirst();
}

/** The default organization's id; 404 on an install that has none yet. */
export async function defaultOrgId(db: Kysely<DB>): Promise<string> {
  const org = await findOrg(db);
  if (!org) throw notFound('org');
  return org.id;
}
