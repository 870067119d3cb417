import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../platform/http/route.js';
import { auditListQuery, auditSeqParams } from './audit.schema.js';
import * as service from './audit.service.js';

const tags = ['audit'];

/** The tamper-evident audit log (§1.4): browse with filters, verify the hash chain. */
export function registerAuditRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/audit',
    summary: 'Audit log, newest first (filters: actorId, action or prefix, entityType, entityId, from, to, q)',
    tags,
    permission: 'audit.read',
    query: auditListQuery,
    handler: ({ kefu, actor, query }) => service.listAudit(kefu.db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/audit/actions',
    summary: 'Distinct action names in the audit log (for a filter)',
    tags,
    permission: 'audit.read',
    handler: async ({ kefu, actor }) => ({ items: await service.listActions(kefu.db, actor) }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/audit/verify',
    summary: 'Recompute the hash chain and report the first broken link',
    tags,
    permission: 'audit.read',
    handler: ({ kefu, actor }) => service.verifyChain(kefu.db, actor),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/audit/:seq',
    summary: 'One audit entry',
    tags,
    permission: 'audit.read',
    params: auditSeqParams,
    handler: ({ kefu, actor, params }) => service.getAuditEntry(kefu.db, actor, params.seq),
  });
}
