import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';

/** `tickets.created`, `tickets.*` or `*`. */
export const eventPattern = z
  .string()
  .min(1)
  .max(100)
  .regex(/^(\*|[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?)$/, 'event names look like "tickets.created", "tickets.*" or "*"');

const name = z.string().trim().min(1).max(100);
const url = z.string().trim().min(1).max(2000);
const events = z.array(eventPattern).min(1).max(50);

export const createWebhookBody = z.strictObject({ name, url, events, active: z.boolean().default(true) });
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = z
  .strictObject({ name: name.optional(), url: url.optional(), events: events.optional(), active: z.boolean().optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;

export const listWebhooksQuery = z.strictObject({ ...pageQuery });
export const listDeliveriesQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  event: eventPattern.optional(),
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;

export const webhookOut = z.object({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookOut = z.infer<typeof webhookOut>;

export const webhookWithSecretOut = webhookOut.extend({
  secret: z.string().describe('Signing secret; shown only in this answer'),
});

export const attemptOut = z.object({
  attempt: z.number().int(),
  at: z.string(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  responseExcerpt: z.string().nullable(),
});

export const deliveryOut = z.object({
  id: z.uuid(),
  webhookId: z.uuid(),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  attemptLog: z.array(attemptOut),
});
export type DeliveryOut = z.infer<typeof deliveryOut>;

export const webhookPage = z.object({ items: z.array(webhookOut), nextCursor: z.string().nullable() });
export const deliveryPage = z.object({ items: z.array(deliveryOut), nextCursor: z.string().nullable() });
