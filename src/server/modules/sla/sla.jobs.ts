import { z } from 'zod';
import type { Kefu } from '../../platform/context.js';
import { PermanentJobError } from '../../platform/jobs.js';
import { SLA_SCAN_EVERY_SECONDS, SLA_SCAN_JOB, scanDueSlas } from './sla-scan.service.js';
import { recomputeOpenTickets, SLA_RECOMPUTE_JOB } from './sla.service.js';

const recomputePayload = z.object({ orgId: z.uuid() });

/** §5.6: the SLA scan every minute, and the recompute of open tickets after a policy change. */
export function registerSlaJobs(kefu: Kefu): void {
  kefu.jobs.register(SLA_SCAN_JOB, async (_payload, ctx) => scanDueSlas(ctx.db, (e) => kefu.events.publish(e), new Date()));
  kefu.jobs.register(SLA_RECOMPUTE_JOB, async (payload, ctx) => {
    const parsed = recomputePayload.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`invalid payload: ${parsed.error.message}`);
    const recomputed = await recomputeOpenTickets(ctx.db, parsed.data.orgId, new Date(), { onProgress: (done) => ctx.reportProgress(done, done) });
    return { recomputed };
  });
  void kefu.jobs.schedule(SLA_SCAN_JOB, SLA_SCAN_EVERY_SECONDS);
}
