import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { decodeCursor, type CursorValue, toPage } from '../../platform/http/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import { attemptDelivery, sealWebhookSecret } from '../../platform/webhooks/delivery.js';
import { newWebhookSecret } from '../../platform/webhooks/signer.js';
import { checkUrlLiteral, UnsafeUrlError } from '../../platform/webhooks/ssrf.js';
import { toDelivery, toWebhook } from './webhooks.presenter.js';
import * as repo from './webhooks.repo.js';
import type { CreateWebhookBody, ListDeliveriesQuery, UpdateWebhookBody } from './webhooks.schema.js';

type Ctx = { kefu: Kefu; actor: Actor };

/** Refuses URLs that are not http(s) or name a private/loopback address literally (400 with a clear code). */
function vetUrl(kefu: Kefu, url: string): string {
  try {
    return checkUrlLiteral(url, kefu.config.webhookAllowPrivate).toString();
  } catch (err) {
    if (err instanceof UnsafeUrlError) throw new AppError(err.code, 400, { path: ['body', 'url'] });
    throw err;
  }
}

function cursorOf(raw: string | undefined): CursorValue | null {
  const c = decodeCursor(raw);
  if (c && !z.uuid().safeParse(c.id).success) {
    throw new AppError('validation', 400, [{ path: ['query', 'cursor'], code: 'invalid_cursor', message: 'invalid cursor' }]);
  }
  return c;
}

async function mustFind(db: Kysely<DB>, orgId: string, id: string) {
  const row = await repo.findWebhook(db, orgId, id);
  if (!row) throw notFound('webhook');
  return row;
}

export async function listWebhooks({ kefu, actor }: Ctx, q: { limit: number; cursor?: string }) {
  const rows = await repo.listWebhooks(kefu.db, actor.orgId, q.limit, cursorOf(q.cursor));
  return toPage(rows, q.limit, (r) => r.id, toWebhook);
}

export async function getWebhook({ kefu, actor }: Ctx, id: string) {
  return toWebhook(await mustFind(kefu.db, actor.orgId, id));
}

export async function createWebhook({ kefu, actor }: Ctx, body: CreateWebhookBody) {
  const url = vetUrl(kefu, body.url);
  const secret = newWebhookSecret();
  const id = uuidv7();
  const sealed = await sealWebhookSecret(kefu, actor.orgId, id, secret);
  return kefu.db.transaction().execute(async (tx) => {
    const row = await repo.insertWebhook(tx, {
      org_id: actor.orgId,
      id,
      name: body.name,
      url,
      secret: sealed,
      events: [...new Set(body.events)],
      active: body.active,
    });
    const out = toWebhook(row);
    await recordAudit(tx, auditBy(actor, { action: 'webhook.create', entityType: 'webhook', entityId: row.id, after: out }));
    return { ...out, secret };
  });
}

export async function updateWebhook({ kefu, actor }: Ctx, id: string, version: number, body: UpdateWebhookBody) {
  const url = body.url === undefined ? undefined : vetUrl(kefu, body.url);
  return kefu.db.transaction().execute(async (tx) => {
    const before = await mustFind(tx, actor.orgId, id);
    if (before.version !== version) throw preconditionFailed();
    const row = await repo.updateWebhook(tx, actor.orgId, id, version, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(url !== undefined ? { url } : {}),
      ...(body.events !== undefined ? { events: [...new Set(body.events)] } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    });
    if (!row) throw preconditionFailed();
    const out = toWebhook(row);
    await recordAudit(tx, auditBy(actor, { action: 'webhook.update', entityType: 'webhook', entityId: id, before: toWebhook(before), after: out }));
    return out;
  });
}

export async function deleteWebhook({ kefu, actor }: Ctx, id: string) {
  await kefu.db.transaction().execute(async (tx) => {
    const row = await repo.deleteWebhook(tx, actor.orgId, id);
    if (!row) throw notFound('webhook');
    await recordAudit(tx, auditBy(actor, { action: 'webhook.delete', entityType: 'webhook', entityId: id, before: toWebhook(row) }));
  });
}

/** A new signing secret; the old one stops working at once. */
export async function rotateSecret({ kefu, actor }: Ctx, id: string) {
  const secret = newWebhookSecret();
  const sealed = await sealWebhookSecret(kefu, actor.orgId, id, secret);
  return kefu.db.transaction().execute(async (tx) => {
    const before = await mustFind(tx, actor.orgId, id);
    const row = await repo.updateWebhook(tx, actor.orgId, id, before.version, { secret: sealed });
    if (!row) throw preconditionFailed();
    await recordAudit(tx, auditBy(actor, { action: 'webhook.rotate_secret', entityType: 'webhook', entityId: id }));
    return { ...toWebhook(row), secret };
  });
}

export async function listDeliveries({ kefu, actor }: Ctx, webhookId: string, q: ListDeliveriesQuery) {
  await mustFind(kefu.db, actor.orgId, webhookId);
  const rows = await repo.listDeliveries(kefu.db, actor.orgId, webhookId, { limit: q.limit, after: cursorOf(q.cursor), status: q.status, event: q.event });
  const attempts = await repo.attemptsOf(kefu.db, actor.orgId, rows.slice(0, q.limit).map((r) => r.id));
  return toPage(rows, q.limit, (r) => r.id, (r) => toDelivery(r, attempts.filter((a) => a.delivery_id === r.id)));
}

/**
 * Sends a `ping` to the webhook now and answers with the recorded attempt, so an administrator
 * sees at once whether the receiver is reachable and verifies signatures. Pings are not retried.
 */
export async function sendPing({ kefu, actor }: Ctx, webhookId: string) {
  const hook = await mustFind(kefu.db, actor.orgId, webhookId);
  const deliveryId = await kefu.db.transaction().execute(async (tx) => {
    const id = await queueDeliveryWithoutJob(tx, actor, hook.id);
    await recordAudit(tx, auditBy(actor, { action: 'webhook.ping', entityType: 'webhook', entityId: hook.id }));
    return id;
  });
  await attemptDelivery(kefu.db, actor.orgId, deliveryId, { host: kefu, allowPrivate: kefu.config.webhookAllowPrivate, final: true });
  const row = await repo.findDelivery(kefu.db, actor.orgId, deliveryId);
  if (!row) throw notFound('webhook_delivery');
  return toDelivery(row, await repo.attemptsOf(kefu.db, actor.orgId, [deliveryId]));
}

async function queueDeliveryWithoutJob(tx: Kysely<DB>, actor: Actor, webhookId: string): Promise<string> {
  const id = uuidv7();
  await tx
    .insertInto('webhook_deliveries')
    .values({
      org_id: actor.orgId,
      id,
      webhook_id: webhookId,
      event: 'ping',
      payload: JSON.stringify({ webhookId, message: 'Kefu webhook test', sentBy: actor.username }),
    })
    .execute();
  return id;
}

