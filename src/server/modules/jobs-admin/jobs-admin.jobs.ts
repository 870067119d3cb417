import type { Kefu } from '../../platform/context.js';
import { pruneJobs, pruneNodes } from './jobs-admin.repo.js';

/** Finished jobs are kept for the admin page for a while, then removed once a day. */
export const JOB_RETENTION_DAYS = 14;
export const FAILED_JOB_RETENTION_DAYS = 60;

export function registerJobsAdminJobs(kefu: Kefu): void {
  kefu.jobs.register('jobs.prune', async (_payload, ctx) => {
    const removed = await pruneJobs(ctx.db, JOB_RETENTION_DAYS, FAILED_JOB_RETENTION_DAYS);
    await pruneNodes(ctx.db);
    return { removed };
  });
  void kefu.jobs.schedule('jobs.prune', 24 * 3600, {});
}
