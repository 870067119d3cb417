import { z } from 'zod';
import type { Kefu } from '../../../platform/context.js';
import { PermanentJobError } from '../../../platform/jobs.js';
import { enqueueScheduledRuns, RETENTION_DAILY_JOB, RETENTION_RUN_JOB, runKey, runRetention } from './retention.service.js';

const runPayload = z.object({
  orgId: z.uuid(),
  cutoff: z.iso.datetime({ offset: true }),
  inactiveYears: z.number().int().min(1).max(30),
  trigger: z.enum(['manual', 'schedule']),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
});

/**
 * §2.11 retention: one run per organization (`customers.retention.run`), and a daily sweep that
 * queues a run for every organization whose policy is enabled.
 */
export function registerCustomerPrivacyJobs(kefu: Kefu): void {
  kefu.jobs.register(RETENTION_RUN_JOB, async (payload, ctx) => {
    const parsed = runPayload.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`invalid payload: ${parsed.error.message}`);
    return runRetention(ctx.db, parsed.data, ctx);
  });
  kefu.jobs.register(RETENTION_DAILY_JOB, async (_payload, ctx) => ({
    queued: await enqueueScheduledRuns(ctx.db, (orgId, payload) => kefu.jobs.enqueue(ctx.db, RETENTION_RUN_JOB, payload, { orgId, uniqueKey: runKey(orgId), maxAttempts: 3 })),
  }));
  void kefu.jobs.schedule(RETENTION_DAILY_JOB, 24 * 3600, {});
}
