import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled'] as const;

export const jobListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(JOB_STATUSES).optional(),
  name: z.string().trim().min(1).max(100).optional(),
});
export type JobListQuery = z.infer<typeof jobListQuery>;

const progress = z.object({ done: z.number(), total: z.number(), message: z.string().optional() }).nullable();

export const jobSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(JOB_STATUSES),
  /** null for system jobs that belong to no organization. */
  orgId: z.uuid().nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lockedBy: z.string().nullable(),
  lockedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  progress,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobSummary = z.infer<typeof jobSummary>;

export const jobDetail = jobSummary.extend({
  payload: z.record(z.string(), z.unknown()),
  result: z.unknown().nullable(),
  uniqueKey: z.string().nullable(),
});
export type JobDetail = z.infer<typeof jobDetail>;

export const jobPage = z.object({ items: z.array(jobSummary), nextCursor: z.string().nullable() });

export const jobStats = z.object({
  counts: z.object(Object.fromEntries(JOB_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof JOB_STATUSES)[number], z.ZodNumber>),
  /** When the oldest due job has been waiting since (queue lag), or null. */
  oldestDueAt: z.string().nullable(),
  /** Per job name, the jobs that need attention or are pending. */
  byName: z.array(z.object({ name: z.string(), queued: z.number().int(), running: z.number().int(), failed: z.number().int(), dead: z.number().int() })),
});
export type JobStats = z.infer<typeof jobStats>;

export const scheduleView = z.object({
  name: z.string(),
  everySeconds: z.number().int(),
  nextRunAt: z.string(),
  lastEnqueuedAt: z.string().nullable(),
  lastJobId: z.uuid().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type ScheduleView = z.infer<typeof scheduleView>;

export const scheduleParams = z.strictObject({ name: z.string().min(1).max(200) });
