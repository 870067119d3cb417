import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../../platform/http/route.js';
import { transferBody, transferPreview, transferPreviewQuery, transferResult } from './transfer.schema.js';
import { previewTransfer, transferOwnership } from './transfer.service.js';

const tags = ['customers'];

/** §2.9 ownership transfer: what a person holds, and handing it over in one audited step. */
export function registerTransferRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/transfer-preview',
    summary: 'What a person holds that a transfer would move: live customers and every other registered participant (open tickets, tasks)',
    tags,
    permission: 'customers.transfer',
    query: transferPreviewQuery,
    response: transferPreview,
    handler: ({ kefu, actor, query }) => previewTransfer({ kefu, actor }, query.fromOwnerId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/transfer',
    summary: 'Hand everything a person holds to one person, several people (round-robin) or a department’s active members, in one audited transaction',
    tags,
    permission: 'customers.transfer',
    body: transferBody,
    response: transferResult,
    status: 200,
    handler: ({ kefu, actor, body }) => transferOwnership({ kefu, actor }, body),
  });
}
