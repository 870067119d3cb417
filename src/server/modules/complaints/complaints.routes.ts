import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { complaintStepParam, reassignStepBody, timeLimitsBody, updateComplaintBody } from '../../../shared/complaints.js';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { loadTimeLimits, presentTimeLimits, saveTimeLimits } from './complaint-limits.js';
import { complaintStats, listComplaints, listComplaintsQuery, statsQuery } from './complaints.list.js';
import * as service from './complaints.service.js';

const tags = ['complaints'];
const stepParams = z.strictObject({ id: z.uuid(), step: complaintStepParam });

/** §5.4 the complaint process of complaint tickets: seven steps with owners and time limits. */
export function registerComplaintRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/complaints',
    summary: 'Complaints in the caller’s scope: current step, owner, due and late flags; filters, cursor pages',
    tags,
    permission: 'tickets.read',
    query: listComplaintsQuery,
    handler: ({ kefu, actor, query }) => listComplaints(kefu.db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/complaints/stats',
    summary: 'Complaint statistics: by root cause, severity and step; late counts and average time per step',
    tags,
    permission: 'tickets.read',
    query: statsQuery,
    handler: ({ kefu, actor, query }) => complaintStats(kefu.db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/complaints/time-limits',
    summary: 'Step time limits per severity, in working minutes on the default business calendar',
    tags,
    permission: 'tickets.read',
    handler: async ({ kefu, actor }) => presentTimeLimits(await loadTimeLimits(kefu.db, actor.orgId)),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/complaints/time-limits',
    summary: 'Change step time limits (applies to steps started from now on)',
    tags,
    permission: 'complaints.handle',
    body: timeLimitsBody,
    concurrency: false,
    handler: ({ kefu, actor, body }) => saveTimeLimits(kefu.db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/tickets/:id/complaint',
    summary: 'The complaint record of a ticket with its seven steps (owner, due, done, late)',
    tags,
    permission: 'tickets.read',
    params: idParams,
    handler: ({ kefu, actor, params }) => service.getComplaint({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/tickets/:id/complaint',
    summary: 'Open the complaint record of a complaint ticket that has none (idempotent)',
    tags,
    permission: 'complaints.handle',
    params: idParams,
    status: 200,
    handler: ({ kefu, actor, params }) => service.ensureComplaint({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/tickets/:id/complaint',
    summary: 'Edit the register fields: complainant, time, matter, severity, category (If-Match)',
    tags,
    permission: 'complaints.handle',
    params: idParams,
    body: updateComplaintBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateComplaint({ kefu, actor }, params.id, ifMatch!, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/tickets/:id/complaint/steps/:step/complete',
    summary: 'Complete a step with its data; steps go in order (409 otherwise); close closes the ticket',
    tags,
    permission: 'complaints.handle',
    params: stepParams,
    body: z.unknown(),
    status: 200,
    handler: ({ kefu, actor, params, body }) => service.completeStep({ kefu, actor }, params.id, params.step, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/tickets/:id/complaint/steps/:step/owner',
    summary: 'Hand an unfinished step to another owner',
    tags,
    permission: 'complaints.handle',
    params: stepParams,
    body: reassignStepBody,
    status: 200,
    handler: ({ kefu, actor, params, body }) => service.reassignStep({ kefu, actor }, params.id, params.step, body.ownerId),
  });
}
