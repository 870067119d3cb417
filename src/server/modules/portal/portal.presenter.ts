import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import type { PortalMe } from '../../../shared/portal.js';
import type { PortalActor } from './portal-session.js';

/** The signed-in customer as the portal shows them: their address, name, and whose portal it is. */
export async function portalMe(db: Kysely<DB>, actor: PortalActor): Promise<PortalMe> {
  const row = await db
    .selectFrom('customers as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(['c.name', 'o.name as org_name'])
    .where('c.org_id', '=', actor.orgId)
    .where('c.id', '=', actor.customerId)
    .executeTakeFirst();
  return { email: actor.email, displayName: actor.displayName || row?.name || actor.email, customerName: row?.name ?? '', hasPassword: actor.hasPassword, orgName: row?.org_name ?? '' };
}
