import type { Kefu } from '../../platform/context.js';
import { COMPLAINT_SCAN_EVERY_SECONDS, COMPLAINT_SCAN_JOB, scanLateSteps } from './complaints.scan.js';

/** §5.4: every minute, late complaint steps are marked and their owners told once. */
export function registerComplaintJobs(kefu: Kefu): void {
  kefu.jobs.register(COMPLAINT_SCAN_JOB, async (_payload, ctx) => scanLateSteps(ctx.db, (e) => kefu.events.publish(e), new Date()));
  void kefu.jobs.schedule(COMPLAINT_SCAN_JOB, COMPLAINT_SCAN_EVERY_SECONDS);
}
