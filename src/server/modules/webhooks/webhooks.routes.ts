import type { FastifyInstance } from 'fastify';
import { defineRoute, idParams } from '../../platform/http/route.js';
import {
  createWebhookBody,
  deliveryOut,
  deliveryPage,
  listDeliveriesQuery,
  listWebhooksQuery,
  updateWebhookBody,
  webhookOut,
  webhookPage,
  webhookWithSecretOut,
} from './webhooks.schema.js';
import * as service from './webhooks.service.js';

const base = { tags: ['webhooks'], permission: 'webhooks.manage' };

/** Outgoing webhooks: CRUD, secret rotation, delivery log and a test ping. */
export async function registerWebhookRoutes(app: FastifyInstance): Promise<void> {
  defineRoute(app, {
    ...base,
    method: 'GET',
    url: '/api/v1/webhooks',
    summary: 'List webhooks',
    query: listWebhooksQuery,
    response: webhookPage,
    handler: ({ kefu, actor, query }) => service.listWebhooks({ kefu, actor }, query),
  });
  defineRoute(app, {
    ...base,
    method: 'POST',
    url: '/api/v1/webhooks',
    summary: 'Create a webhook (the signing secret is shown only in this answer)',
    body: createWebhookBody,
    response: webhookWithSecretOut,
    // The answer holds the signing secret: never kept for Idempotency-Key replays.
    idempotency: false,
    handler: ({ kefu, actor, body }) => service.createWebhook({ kefu, actor }, body),
  });
  defineRoute(app, {
    ...base,
    method: 'GET',
    url: '/api/v1/webhooks/:id',
    summary: 'Get a webhook',
    params: idParams,
    response: webhookOut,
    handler: ({ kefu, actor, params }) => service.getWebhook({ kefu, actor }, params.id),
  });
  defineRoute(app, {
    ...base,
    method: 'PATCH',
    url: '/api/v1/webhooks/:id',
    summary: 'Change a webhook (If-Match: its version)',
    params: idParams,
    body: updateWebhookBody,
    response: webhookOut,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateWebhook({ kefu, actor }, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    ...base,
    method: 'DELETE',
    url: '/api/v1/webhooks/:id',
    summary: 'Delete a webhook and its delivery log',
    params: idParams,
    handler: ({ kefu, actor, params }) => service.deleteWebhook({ kefu, actor }, params.id),
  });
  defineRoute(app, {
    ...base,
    method: 'POST',
    url: '/api/v1/webhooks/:id/rotate-secret',
    summary: 'Replace the signing secret (shown only in this answer)',
    params: idParams,
    status: 200,
    response: webhookWithSecretOut,
    // The answer holds the signing secret: never kept for Idempotency-Key replays.
    idempotency: false,
    handler: ({ kefu, actor, params }) => service.rotateSecret({ kefu, actor }, params.id),
  });
  defineRoute(app, {
    ...base,
    method: 'GET',
    url: '/api/v1/webhooks/:id/deliveries',
    summary: 'Delivery log of a webhook, newest first, with every attempt',
    params: idParams,
    query: listDeliveriesQuery,
    response: deliveryPage,
    handler: ({ kefu, actor, params, query }) => service.listDeliveries({ kefu, actor }, params.id, query),
  });
  defineRoute(app, {
    ...base,
    method: 'POST',
    url: '/api/v1/webhooks/:id/test',
    summary: 'Send a signed "ping" now and answer with the attempt',
    params: idParams,
    status: 200,
    response: deliveryOut,
    handler: ({ kefu, actor, params }) => service.sendPing({ kefu, actor }, params.id),
  });
}
