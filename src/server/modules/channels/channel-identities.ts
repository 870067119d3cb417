import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { appendTimeline } from '../customers/timeline.service.js';
import { tokensOf } from '../customers/customers.service.js';

type Tx = Kysely<DB>;

/** The customer-file source channel of a customer first met on a messaging platform. */
const sourceChannelOf = (channel: string) => (channel === 'wechat' || channel === 'wecom' ? 'wechat' : 'other');

/**
 * The customer behind a platform user (channel_identities). An unknown user becomes a new
 * individual customer named from the platform profile, or from the user id when there is
 * none; a second message finds the same customer. A concurrent first message is settled by
 * the identity's primary key.
 */
export async function customerForIdentity(
  tx: Tx,
  input: { orgId: string; channel: string; externalUserId: string; displayName?: string | null },
): Promise<{ customerId: string; created: boolean }> {
  const known = await tx
    .selectFrom('channel_identities as i')
    .innerJoin('customers as c', (j) => j.onRef('c.org_id', '=', 'i.org_id').onRef('c.id', '=', 'i.customer_id'))
    .select(['c.id', 'c.merged_into_id'])
    .where('i.org_id', '=', input.orgId)
    .where('i.channel', '=', input.channel)
    .where('i.external_id', '=', input.externalUserId)
    .executeTakeFirst();
  if (known) return { customerId: known.merged_into_id ?? known.id, created: false };
  const name = (input.displayName?.trim() || `${input.channel}:${input.externalUserId}`).slice(0, 100);
  const id = uuidv7();
  const source = sourceChannelOf(input.channel);
  const row = await tx
    .insertInto('customers')
    .values({
      org_id: input.orgId,
      id,
      kind: 'individual',
      name,
      phones: JSON.stringify([]),
      custom: {},
      preferences: {},
      source_channel: source,
      created_by: null,
      search_tokens: tokensOf({ name, name_en: null, email: null, credit_code: null, wechat: null, phones: [] }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx.insertInto('customer_status_history').values({ org_id: input.orgId, id: uuidv7(), customer_id: id, from_status: null, to_status: row.lifecycle_status, reason: '', actor_id: null }).execute();
  await tx.insertInto('channel_identities').values({ org_id: input.orgId, channel: input.channel, external_id: input.externalUserId, customer_id: id }).execute();
  await appendTimeline(tx, { orgId: input.orgId, customerId: id, kind: 'created', title: name, actorId: null, detail: { source, channel: input.channel } });
  await recordAudit(tx, { orgId: input.orgId, action: 'customer.create', entityType: 'customer', entityId: id, actorId: null, actorName: `channel:${input.channel}`, after: { name, kind: 'individual', sourceChannel: source } });
  return { customerId: id, created: true };
}

/** The platform user id of a customer on a channel (for sending), newest identity first. */
export async function identityOf(db: Tx, orgId: string, channel: string, customerId: string): Promise<string | null> {
  const row = await db
    .selectFrom('channel_identities')
    .select('external_id')
    .where('org_id', '=', orgId)
    .where('channel', '=', channel)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.external_id ?? null;
}
