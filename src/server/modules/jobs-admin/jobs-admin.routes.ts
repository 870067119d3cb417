import type { FastifyInstance } from 'fastify';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { jobDetail, jobListQuery, jobPage, jobStats, scheduleParams, scheduleView } from './jobs-admin.schema.js';
import * as service from './jobs-admin.service.js';
import { z } from 'zod';

/** The jobs admin page: what runs in the background, what failed, and the levers to retry or cancel. */
export async function registerJobsAdminRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['jobs'];
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/jobs',
    summary: 'List background jobs, newest first (filters: status, name)',
    tags,
    permission: 'jobs.read',
    query: jobListQuery,
    response: jobPage,
    handler: ({ kefu, actor, query }) => service.listJobs(kefu.db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/jobs/stats',
    summary: 'Job counts by status, queue lag and pending work per job name',
    tags,
    permission: 'jobs.read',
    response: jobStats,
    handler: ({ kefu, actor }) => service.jobStats(kefu.db, actor),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/jobs/schedules',
    summary: 'Recurring schedules with their next run',
    tags,
    permission: 'jobs.read',
    response: z.object({ items: z.array(scheduleView) }),
    handler: ({ kefu }) => service.listSchedules(kefu.db),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/jobs/schedules/:name/run',
    summary: 'Make a schedule due now (its run is enqueued on the next tick)',
    tags,
    permission: 'jobs.manage',
    params: scheduleParams,
    response: scheduleView,
    status: 200,
    handler: ({ kefu, actor, params }) => service.runScheduleNow(kefu.db, actor, params.name),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/jobs/:id',
    summary: 'One job with payload, result, progress and last error',
    tags,
    permission: 'jobs.read',
    params: idParams,
    response: jobDetail,
    handler: ({ kefu, actor, params }) => service.getJob(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/jobs/:id/retry',
    summary: 'Retry now: a dead, failed or cancelled job goes back to the queue; a backing-off job becomes due',
    tags,
    permission: 'jobs.manage',
    params: idParams,
    response: jobDetail,
    status: 200,
    handler: ({ kefu, actor, params }) => service.retry(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/jobs/:id/cancel',
    summary: 'Cancel a queued or running job (running handlers stop at their next progress report)',
    tags,
    permission: 'jobs.manage',
    params: idParams,
    response: jobDetail,
    status: 200,
    handler: ({ kefu, actor, params }) => service.cancel(kefu.db, actor, params.id),
  });
}
