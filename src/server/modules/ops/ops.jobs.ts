import { sql } from 'kysely';
import type { Kefu } from '../../platform/context.js';
import { TEST_EFFECT_JOB } from './ops.test-routes.js';

/** Test processes only: a job whose every run leaves one row, so a test can count runs per job. */
export function registerOpsJobs(kefu: Kefu): void {
  if (process.env.KEFU_TEST_ROUTES !== '1') return;
  kefu.jobs.register(TEST_EFFECT_JOB, async (_payload, ctx) => {
    await sql`INSERT INTO kefu_test_effects (job_id, node) VALUES (${ctx.jobId}, ${kefu.config.nodeId})`.execute(ctx.db);
  });
}
