import { loadActor } from '../../../platform/actor.js';
import type { Kefu } from '../../../platform/context.js';
import { PermanentJobError } from '../../../platform/jobs.js';
import { GIN_MERGE_JOB, runImport } from './import-run.js';
import { IMPORT_JOB } from './import.service.js';
import * as repo from './import.repo.js';

/**
 * The import run as a durable job. Idempotent: the run commits its customers and the import's
 * `done` status in one transaction, so a job delivered again after success finds the import
 * done and does nothing; one that died mid-run left nothing behind and simply runs again.
 */
export function registerCustomerImportJobs(kefu: Kefu): void {
  kefu.jobs.register(GIN_MERGE_JOB, async (_payload, ctx) => ({ pagesMerged: await repo.mergeGinPendingLists(ctx.db) }));
  kefu.jobs.register(IMPORT_JOB, async (payload, ctx) => {
    const { orgId, importId, userId, ip } = payload as { orgId: string; importId: string; userId: string; ip?: string };
    const imp = await repo.findImport(ctx.db, orgId, importId);
    if (!imp || imp.status !== 'running') return { skipped: imp?.status ?? 'missing' };
    // The importer as they are now: a user disabled meanwhile cannot import.
    const actor = await loadActor(ctx.db, orgId, userId, { ip: ip ?? 'job' });
    if (!actor || !actor.permissions.has('customers.import')) {
      await repo.updateImport(ctx.db, orgId, importId, { status: 'failed', failure: 'forbidden' });
      throw new PermanentJobError('the importer may no longer import customers');
    }
    try {
      return await runImport(kefu, actor, importId);
    } catch (err) {
      // runImport marked the import failed with a readable reason; retrying the same file would fail the same way.
      throw new PermanentJobError(err instanceof Error ? err.message : String(err));
    }
  });
}
