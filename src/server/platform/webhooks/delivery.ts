import { sql, type Kysely } from 'kysely';
import type { JobContext } from '../context.js';
import { type CryptoHost, decryptSecret, encryptSecret, isEncrypted } from '../crypto.js';
import type { DB } from '../db-schema.js';
import { uuidv7 } from '../ids.js';
import { PermanentJobError } from '../jobs.js';
import { type SendResult, sendWebhookRequest } from './sender.js';
import type { LookupFn } from './ssrf.js';
import { signWebhook } from './signer.js';

export const DELIVER_JOB = 'webhooks.deliver';
/** With the queue's backoff (2 s doubling, capped at 10 min) ten attempts span about 25 minutes. */
export const DELIVERY_MAX_ATTEMPTS = 10;

/** `*` matches every event, `tickets.*` every event under `tickets.`, anything else exactly. */
export function matchesEvent(patterns: readonly string[], event: string): boolean {
  return patterns.some((p) => p === '*' || p === event || (p.endsWith('.*') && event.startsWith(p.slice(0, -1))));
}

/**
 * Queues `event` for every active webhook of the organization subscribed to it: one delivery
 * row and one job each. Call it with the transaction of the change the event reports, so the
 * deliveries exist exactly when the change commits. Returns the delivery ids.
 */
export async function emitWebhookEvent(db: Kysely<DB>, orgId: string, event: string, payload: Record<string, unknown>): Promise<string[]> {
  const hooks = await db.selectFrom('webhooks').select(['id', 'events']).where('org_id', '=', orgId).where('active', '=', true).execute();
  const ids: string[] = [];
  for (const hook of hooks) {
    if (!matchesEvent(hook.events, event)) continue;
    ids.push(await queueDelivery(db, orgId, hook.id, event, payload));
  }
  return ids;
}

/** One pending delivery and its job (the job row is written here so it joins the caller's transaction). */
export async function queueDelivery(db: Kysely<DB>, orgId: string, webhookId: string, event: string, payload: Record<string, unknown>): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('webhook_deliveries')
    .values({ org_id: orgId, id, webhook_id: webhookId, event, payload: JSON.stringify(payload) })
    .execute();
  await db
    .insertInto('jobs')
    .values({ id: uuidv7(), org_id: orgId, name: DELIVER_JOB, payload: JSON.stringify({ orgId, deliveryId: id }), max_attempts: DELIVERY_MAX_ATTEMPTS })
    .execute();
  return id;
}

/** Signing secrets are kept encrypted, bound to their webhook (a copied ciphertext does not decrypt elsewhere). */
const secretContext = (orgId: string, webhookId: string) => `webhook:${orgId}:${webhookId}`;

export function sealWebhookSecret(host: CryptoHost, orgId: string, webhookId: string, secret: string): Promise<string> {
  return encryptSecret(host, secret, secretContext(orgId, webhookId));
}

export function openWebhookSecret(host: CryptoHost, orgId: string, webhookId: string, stored: string): Promise<string> {
  return isEncrypted(stored) ? decryptSecret(host, stored, secretContext(orgId, webhookId)) : Promise.resolve(stored);
}

export type AttemptOptions = {
  /** Where the secret's decryption key comes from. */
  host: CryptoHost;
  allowPrivate: boolean;
  /** When true a failure is final (status `failed`); otherwise the delivery stays `pending` for a retry. */
  final: boolean;
  lookup?: LookupFn;
  timeoutMs?: number;
};

export type AttemptOutcome = { outcome: 'delivered' | 'failed' | 'retry' | 'skipped'; result?: SendResult };

/**
 * Makes one delivery attempt and records it. The body is the same for every attempt (receivers
 * de-duplicate on `id` = X-Kefu-Delivery); the timestamp and signature are fresh each time.
 */
export async function attemptDelivery(db: Kysely<DB>, orgId: string, deliveryId: string, opts: AttemptOptions): Promise<AttemptOutcome> {
  const row = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', (j) => j.onRef('w.org_id', '=', 'd.org_id').onRef('w.id', '=', 'd.webhook_id'))
    .select(['d.id', 'd.event', 'd.payload', 'd.status', 'd.created_at', 'd.webhook_id', 'w.url', 'w.secret', 'w.active'])
    .where('d.org_id', '=', orgId)
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  // Deleted with its webhook, or already done by an earlier run of this at-least-once job.
  if (!row || row.status !== 'pending') return { outcome: 'skipped' };
  if (!row.active && row.event !== 'ping') {
    await db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', last_error: 'webhook disabled' })
      .where('org_id', '=', orgId)
      .where('id', '=', deliveryId)
      .execute();
    return { outcome: 'failed' };
  }

  const body = JSON.stringify({ id: row.id, event: row.event, createdAt: new Date(row.created_at).toISOString(), data: row.payload });
  const secret = await openWebhookSecret(opts.host, orgId, row.webhook_id, row.secret);
  const timestamp = Math.floor(Date.now() / 1000);
  const result = await sendWebhookRequest({
    url: row.url,
    body,
    allowPrivate: opts.allowPrivate,
    lookup: opts.lookup,
    timeoutMs: opts.timeoutMs,
    headers: {
      'x-kefu-event': row.event,
      'x-kefu-delivery': row.id,
      'x-kefu-timestamp': String(timestamp),
      'x-kefu-signature': signWebhook(secret, timestamp, body),
    },
  });

  const outcome: AttemptOutcome['outcome'] = result.ok ? 'delivered' : opts.final || result.refused ? 'failed' : 'retry';
  await db.transaction().execute(async (tx) => {
    const counted = await tx
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        response_status: result.status,
        last_error: result.error,
        status: outcome === 'retry' ? 'pending' : outcome,
        delivered_at: result.ok ? new Date() : null,
      }))
      .where('org_id', '=', orgId)
      .where('id', '=', deliveryId)
      .returning('attempts')
      .executeTakeFirst();
    if (!counted) return;
    await tx
      .insertInto('webhook_delivery_attempts')
      .values({
        org_id: orgId,
        delivery_id: deliveryId,
        attempt: counted.attempts,
        response_status: result.status,
        error: result.error,
        duration_ms: result.durationMs,
        response_excerpt: result.excerpt,
      })
      .onConflict((oc) => oc.columns(['org_id', 'delivery_id', 'attempt']).doNothing())
      .execute();
  });
  return { outcome, result };
}

/**
 * The delivery job. A failed attempt throws so the queue retries it with backoff; the last
 * attempt marks the delivery failed (and the job dead). A refusal by the SSRF guard is final at once.
 */
export function deliveryJobHandler(host: CryptoHost, extra: { lookup?: LookupFn } = {}) {
  return async (payload: Record<string, unknown>, ctx: JobContext) => {
    const orgId = String(payload.orgId);
    const deliveryId = String(payload.deliveryId);
    const final = ctx.attempt >= DELIVERY_MAX_ATTEMPTS;
    const { outcome, result } = await attemptDelivery(ctx.db, orgId, deliveryId, { host, allowPrivate: host.config.webhookAllowPrivate, final, lookup: extra.lookup });
    // A refused address cannot become acceptable by retrying: the job ends `failed` at once.
    if (result?.refused) throw new PermanentJobError(`webhook delivery refused: ${result.error}`);
    if (outcome === 'retry' || (outcome === 'failed' && result)) {
      throw new Error(`webhook delivery failed: ${result?.error ?? 'unknown'}`);
    }
    return { outcome, status: result?.status ?? null };
  };
}

/** Deliveries (and their attempts) older than the retention period are removed by maintenance. */
export async function purgeWebhookDeliveries(db: Kysely<DB>, olderThanDays = 30): Promise<number> {
  const res = await db
    .deleteFrom('webhook_deliveries')
    .where('created_at', '<', sql<Date>`now() - make_interval(days => ${olderThanDays})`)
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}
