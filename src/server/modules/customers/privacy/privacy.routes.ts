import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../../platform/http/route.js';
import { contentDisposition } from '../../../platform/files.js';
import { anonymizeOnRequest } from './anonymize.service.js';
import { listConsents, recordConsent, withdrawConsent } from './consents.service.js';
import { exportPersonalData } from './personal-data.export.js';
import {
  anonymizeBody,
  anonymizeResult,
  consentBody,
  consentParams,
  consentView,
  exportQuery,
  retentionBody,
  retentionDryRun,
  retentionDryRunBody,
  retentionRunBody,
  retentionRunResult,
  retentionView,
  withdrawConsentBody,
} from './privacy.schema.js';
import { dryRun, getPolicy, putPolicy, requestRun } from './retention.service.js';

const tags = ['customers'];

/** §2.11 personal-information rights: consents, the personal-data export, anonymization, retention. */
export function registerPrivacyRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/:id/consents',
    summary: 'Consent records of a customer (purpose, scope, channel, time, withdrawal), newest first',
    tags,
    permission: 'customers.read',
    params: idParams,
    response: z.array(consentView),
    handler: ({ kefu, actor, params }) => listConsents({ kefu, actor }, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/:id/consents',
    summary: 'Record a consent given or refused (append-only)',
    tags,
    permission: 'customers.update',
    params: idParams,
    body: consentBody,
    response: consentView,
    handler: ({ kefu, actor, params, body }) => recordConsent({ kefu, actor }, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/:id/consents/:consentId/withdraw',
    summary: 'Withdraw a given consent (the record stays, stamped with the withdrawal time)',
    tags,
    permission: 'customers.update',
    params: consentParams,
    body: withdrawConsentBody,
    response: consentView,
    status: 200,
    handler: ({ kefu, actor, params, body }) => withdrawConsent({ kefu, actor }, params.id, params.consentId, body?.reason),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/:id/personal-data.zip',
    summary: 'Everything held on one person, unmasked, as a ZIP (customer.json and CSVs); audited as data.export with ?reason=',
    tags,
    permission: 'privacy.manage',
    params: idParams,
    query: exportQuery,
    handler: async ({ reply, kefu, actor, params, query }) => {
      const archive = await exportPersonalData({ kefu, actor }, params.id, query.reason);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(archive.filename))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(archive.bytes));
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/:id/anonymize',
    summary: 'Anonymize a customer: identifying data erased, statistics kept; irreversible',
    tags,
    permission: 'privacy.manage',
    params: idParams,
    body: anonymizeBody,
    response: anonymizeResult,
    status: 200,
    handler: ({ kefu, actor, params, body }) => anonymizeOnRequest({ kefu, actor }, params.id, body.reason),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customer-retention',
    summary: 'The retention policy: anonymize customers inactive for N years',
    tags,
    permission: 'privacy.manage',
    response: retentionView,
    handler: ({ kefu, actor }) => getPolicy({ kefu, actor }),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/customer-retention',
    summary: 'Save the retention policy (If-Match; "0" creates it); when enabled it runs daily',
    tags,
    permission: 'privacy.manage',
    body: retentionBody,
    response: retentionView,
    handler: ({ kefu, actor, body, ifMatch }) => putPolicy({ kefu, actor }, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customer-retention/dry-run',
    summary: 'How many customers a run would anonymize now, with a sample of 20',
    tags,
    permission: 'privacy.manage',
    body: retentionDryRunBody,
    response: retentionDryRun,
    status: 200,
    handler: ({ kefu, actor, body }) => dryRun({ kefu, actor }, body?.inactiveYears),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customer-retention/run',
    summary: 'Run the policy now as a background job (confirm: true); one audit entry per run',
    tags,
    permission: 'privacy.manage',
    body: retentionRunBody,
    response: retentionRunResult,
    status: 202,
    handler: ({ kefu, actor }) => requestRun({ kefu, actor }),
  });
}
