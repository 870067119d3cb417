import type { Kefu } from '../../platform/context.js';
import { DELIVER_JOB, deliveryJobHandler } from '../../platform/webhooks/delivery.js';

/** Outgoing webhook deliveries, retried with the queue's backoff. */
export function registerWebhookJobs(kefu: Kefu): void {
  kefu.jobs.register(DELIVER_JOB, deliveryJobHandler(kefu));
}
