import type { Selectable } from 'kysely';
import type { WebhookDeliveriesTable, WebhookDeliveryAttemptsTable, WebhooksTable } from '../../platform/db-schema.js';
import type { DeliveryOut, WebhookOut } from './webhooks.schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The secret is never part of a webhook's representation (only the create/rotate answers carry it). */
export function toWebhook(row: Selectable<WebhooksTable>): WebhookOut {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events,
    active: row.active,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function toDelivery(row: Selectable<WebhookDeliveriesTable>, attempts: Selectable<WebhookDeliveryAttemptsTable>[]): DeliveryOut {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.response_status,
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    deliveredAt: row.delivered_at ? iso(row.delivered_at) : null,
    payload: row.payload,
    attemptLog: attempts
      .sort((a, b) => a.attempt - b.attempt)
      .map((a) => ({
        attempt: a.attempt,
        at: iso(a.at),
        responseStatus: a.response_status,
        error: a.error,
        durationMs: a.duration_ms,
        responseExcerpt: a.response_excerpt,
      })),
  };
}
