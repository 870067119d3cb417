import type { Kefu } from '../../platform/context.js';
import { COMMITMENT_SCAN_EVERY_SECONDS, COMMITMENT_SCAN_JOB, scanCommitments } from './commitments.scan.js';

/** §5.7: every minute, due-soon reminders and breaches of customer commitments. */
export function registerCommitmentJobs(kefu: Kefu): void {
  kefu.jobs.register(COMMITMENT_SCAN_JOB, async (_payload, ctx) => scanCommitments(ctx.db, (e) => kefu.events.publish(e), new Date()));
  void kefu.jobs.schedule(COMMITMENT_SCAN_JOB, COMMITMENT_SCAN_EVERY_SECONDS);
}
