/** Wire shapes of /api/v1/jobs (see src/server/modules/jobs-admin). */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export type JobProgress = { done: number; total: number; message?: string } | null;

export type JobSummary = {
  id: string;
  name: string;
  status: JobStatus;
  orgId: string | null;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lockedBy: string | null;
  lockedAt: string | null;
  lastError: string | null;
  progress: JobProgress;
  createdAt: string;
  finishedAt: string | null;
};
export type JobDetail = JobSummary & { payload: Record<string, unknown>; result: unknown; uniqueKey: string | null };

export type JobStats = {
  counts: Record<JobStatus, number>;
  oldestDueAt: string | null;
  byName: { name: string; queued: number; running: number; failed: number; dead: number }[];
};

export type Schedule = { name: string; everySeconds: number; nextRunAt: string; lastEnqueuedAt: string | null; lastJobId: string | null; payload: Record<string, unknown> };

export const STATUS_COLORS: Record<JobStatus, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'warning',
  dead: 'error',
  cancelled: 'default',
};

/** Retry applies to finished-unsuccessfully jobs and to queued ones waiting out a backoff. */
export const canRetry = (j: JobSummary) => j.status === 'dead' || j.status === 'failed' || j.status === 'cancelled' || (j.status === 'queued' && j.attempts > 0);
export const canCancel = (j: JobSummary) => j.status === 'queued' || j.status === 'running';

/** Human name of a job type in the UI language; unknown types show their code. */
export const jobNameKey = (name: string) => `jobs.names.${name.replace(/\./g, '_')}`;
