import type { FastifyInstance } from 'fastify';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { reportQuery, standardCreateBody, standardUpdateBody } from './standards.schema.js';
import * as svc from './standards.service.js';

const MANAGE = ['automations.manage', 'sla.manage'];
const READ = [...MANAGE, 'reports.read', 'tickets.read'];
const tags = ['service-standards'];

/** §5.10 service standards and the report of actuals against them. */
export function registerStandardsRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/service-standards',
    summary: 'List service standards',
    tags,
    permission: READ,
    handler: async ({ kefu, actor }) => ({ items: await svc.listStandards(kefu.db, actor), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/service-standards/report',
    summary: 'Each active standard measured over [from, to): actual, attainment, met or not, or no data yet',
    tags,
    permission: READ,
    query: reportQuery,
    handler: ({ kefu, actor, query }) => svc.standardsReport(kefu.db, actor, new Date(query.from), new Date(query.to), new Date()),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/service-standards/:id',
    summary: 'Get a service standard',
    tags,
    permission: READ,
    params: idParams,
    handler: ({ kefu, actor, params }) => svc.getStandard(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/service-standards',
    summary: 'Create a service standard (one per channel and metric)',
    tags,
    permission: MANAGE,
    body: standardCreateBody,
    handler: ({ kefu, actor, body }) => svc.createStandard(kefu.db, actor, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/service-standards/load-recommended',
    summary: 'Add the recommended standards that are missing',
    tags,
    permission: MANAGE,
    status: 200,
    handler: ({ kefu, actor }) => svc.loadRecommended(kefu.db, actor),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/service-standards/:id',
    summary: 'Update a service standard (If-Match)',
    tags,
    permission: MANAGE,
    params: idParams,
    body: standardUpdateBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => svc.updateStandard(kefu.db, actor, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/service-standards/:id',
    summary: 'Delete a service standard',
    tags,
    permission: MANAGE,
    params: idParams,
    handler: ({ kefu, actor, params }) => svc.deleteStandard(kefu.db, actor, params.id),
  });
}
