import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, WebhooksTable } from '../../platform/db-schema.js';
import type { CursorValue } from '../../platform/http/pagination.js';

export function findWebhook(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Newest first; `limit + 1` rows so the caller knows whether there is a next page. */
export function listWebhooks(db: Kysely<DB>, orgId: string, limit: number, after: CursorValue | null) {
  let q = db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId);
  if (after) q = q.where('id', '<', after.id);
  return q.orderBy('id', 'desc').limit(limit + 1).execute();
}

export async function insertWebhook(db: Kysely<DB>, row: Insertable<WebhooksTable>) {
  return db.insertInto('webhooks').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic update: matches only the expected version, bumps it. Undefined when stale or gone. */
export function updateWebhook(db: Kysely<DB>, orgId: string, id: string, version: number, changes: Updateable<WebhooksTable>) {
  return db
    .updateTable('webhooks')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function deleteWebhook(db: Kysely<DB>, orgId: string, id: string) {
  return db.deleteFrom('webhooks').where('org_id', '=', orgId).where('id', '=', id).returningAll().executeTakeFirst();
}

export function listDeliveries(
  db: Kysely<DB>,
  orgId: string,
  webhookId: string,
  opts: { limit: number; after: CursorValue | null; status?: string; event?: string },
) {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('org_id', '=', orgId).where('webhook_id', '=', webhookId);
  if (opts.after) q = q.where('id', '<', opts.after.id);
  if (opts.status) q = q.where('status', '=', opts.status as 'pending' | 'delivered' | 'failed');
  if (opts.event) q = q.where('event', '=', opts.event);
  return q.orderBy('id', 'desc').limit(opts.limit + 1).execute();
}

export function findDelivery(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom('webhook_deliveries').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function attemptsOf(db: Kysely<DB>, orgId: string, deliveryIds: string[]) {
  if (deliveryIds.length === 0) return [];
  return db
    .selectFrom('webhook_delivery_attempts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('attempt')
    .execute();
}
