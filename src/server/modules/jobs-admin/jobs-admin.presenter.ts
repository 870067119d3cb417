import { redact } from '../../platform/audit.js';
import type { JobRow, ScheduleRow } from './jobs-admin.repo.js';
import type { JobDetail, JobSummary, ScheduleView } from './jobs-admin.schema.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentJobSummary(row: JobRow): JobSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    orgId: row.org_id,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: iso(row.run_at)!,
    lockedBy: row.locked_by,
    lockedAt: iso(row.locked_at),
    lastError: row.last_error,
    progress: row.progress ?? null,
    createdAt: iso(row.created_at)!,
    finishedAt: iso(row.finished_at),
  };
}

/** Payloads and results pass through `redact`, so a secret a handler carries never reaches the admin page. */
export function presentJobDetail(row: JobRow): JobDetail {
  return {
    ...presentJobSummary(row),
    payload: redact(row.payload ?? {}) as Record<string, unknown>,
    result: row.result === null ? null : redact(row.result),
    uniqueKey: row.unique_key,
  };
}

export function presentSchedule(row: ScheduleRow): ScheduleView {
  return {
    name: row.name,
    everySeconds: row.every_seconds,
    nextRunAt: iso(row.next_run_at)!,
    lastEnqueuedAt: iso(row.last_enqueued_at),
    lastJobId: row.last_job_id,
    payload: redact(row.payload ?? {}) as Record<string, unknown>,
  };
}
