import type { Kefu } from '../../platform/context.js';
import { purgeIdempotencyKeys } from '../../platform/http/idempotency.js';
import { purgeRateLimits } from '../../platform/http/rate-limit.js';
import { purgeWebhookDeliveries } from '../../platform/webhooks/delivery.js';

export const API_MAINTENANCE_JOB = 'api.maintenance';
const EVERY_SECONDS = 15 * 60;

/**
 * Quarter-hourly housekeeping of the API plumbing: idempotency keys past 24 h, rate-limit windows
 * long over, and finished webhook deliveries past 30 days.
 */
export function registerSystemJobs(kefu: Kefu): void {
  kefu.jobs.register(API_MAINTENANCE_JOB, async (_payload, ctx) => ({
    idempotencyKeys: await purgeIdempotencyKeys(ctx.db),
    rateLimitWindows: await purgeRateLimits(ctx.db),
    webhookDeliveries: await purgeWebhookDeliveries(ctx.db),
  }));
  void kefu.jobs.schedule(API_MAINTENANCE_JOB, EVERY_SECONDS);
}
