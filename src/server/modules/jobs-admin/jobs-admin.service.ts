import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.js';
import { cancelJob, retryJob } from '../../platform/jobs.js';
import * as repo from './jobs-admin.repo.js';
import { presentJobDetail, presentJobSummary, presentSchedule } from './jobs-admin.presenter.js';
import { JOB_STATUSES, type JobDetail, type JobListQuery, type JobStats, type JobSummary, type ScheduleView } from './jobs-admin.schema.js';

export async function listJobs(db: Kysely<DB>, actor: Actor, q: JobListQuery): Promise<Page<JobSummary>> {
  const rows = await repo.listJobs(db, { orgId: actor.orgId, status: q.status, name: q.name, limit: q.limit, cursor: decodeCursor(q.cursor) });
  return toPage(rows, q.limit, (r) => r.id, presentJobSummary);
}

export async function getJob(db: Kysely<DB>, actor: Actor, id: string): Promise<JobDetail> {
  const row = await repo.findJob(db, actor.orgId, id);
  if (!row) throw notFound('job');
  return presentJobDetail(row);
}

export async function jobStats(db: Kysely<DB>, actor: Actor): Promise<JobStats> {
  const [counts, byName, oldest] = await Promise.all([
    repo.countByStatus(db, actor.orgId),
    repo.pendingByName(db, actor.orgId),
    repo.oldestDue(db, actor.orgId),
  ]);
  const byStatus = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as JobStats['counts'];
  for (const c of counts) if (c.status in byStatus) byStatus[c.status as keyof JobStats['counts']] = c.n;
  return { counts: byStatus, oldestDueAt: oldest?.toISOString() ?? null, byName };
}

/** "Retry now" for a dead, failed, cancelled or backing-off job; audited with the state before and after. */
export async function retry(db: Kysely<DB>, actor: Actor, id: string): Promise<JobDetail> {
  return db.transaction().execute(async (tx) => {
    const before = await repo.findJob(tx, actor.orgId, id, true);
    if (!before) throw notFound('job');
    let ok: boolean;
    try {
      ok = await retryJob(tx, id);
    } catch (err) {
      // The same unique_key is already pending in another job: retrying would run the work twice.
      if ((err as { code?: string }).code === '23505') throw new AppError('job_duplicate', 409, { uniqueKey: before.unique_key });
      throw err;
    }
    if (!ok) throw new AppError('job_not_retryable', 409, { status: before.status });
    const after = (await repo.findJob(tx, actor.orgId, id))!;
    await recordAudit(
      tx,
      auditBy(actor, { action: 'job.retry', entityType: 'job', entityId: id, before: { status: before.status, attempts: before.attempts, maxAttempts: before.max_attempts }, after: { status: after.status, maxAttempts: after.max_attempts } }),
    );
    return presentJobDetail(after);
  });
}

/** Cancels a queued or running job (a running handler stops at its next progress report). */
export async function cancel(db: Kysely<DB>, actor: Actor, id: string): Promise<JobDetail> {
  return db.transaction().execute(async (tx) => {
    const before = await repo.findJob(tx, actor.orgId, id, true);
    if (!before) throw notFound('job');
    if (!(await cancelJob(tx, id))) throw new AppError('job_not_cancellable', 409, { status: before.status });
    const after = (await repo.findJob(tx, actor.orgId, id))!;
    await recordAudit(tx, auditBy(actor, { action: 'job.cancel', entityType: 'job', entityId: id, before: { status: before.status }, after: { status: after.status } }));
    return presentJobDetail(after);
  });
}

export async function listSchedules(db: Kysely<DB>): Promise<{ items: ScheduleView[] }> {
  return { items: (await repo.listSchedules(db)).map(presentSchedule) };
}

/** Makes a schedule due now: the next job-loop tick on any node enqueues its run. */
export async function runScheduleNow(db: Kysely<DB>, actor: Actor, name: string): Promise<ScheduleView> {
  return db.transaction().execute(async (tx) => {
    const before = await repo.findSchedule(tx, name);
    if (!before) throw notFound('job_schedule');
    await repo.makeScheduleDue(tx, name);
    const after = (await repo.findSchedule(tx, name))!;
    await recordAudit(
      tx,
      auditBy(actor, { action: 'job_schedule.run_now', entityType: 'job_schedule', entityId: name, before: { nextRunAt: before.next_run_at }, after: { nextRunAt: after.next_run_at } }),
    );
    return presentSchedule(after);
  });
}
