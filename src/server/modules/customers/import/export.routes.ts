import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { contentDisposition } from '../../../platform/files.js';
import { defineRoute } from '../../../platform/http/route.js';
import { CUSTOMER_SORTS } from '../../../../shared/customers.js';
import { sortParam } from '../../../platform/http/pagination.js';
import { filterParam } from '../customers.schema.js';
import { exportCustomers } from './export.service.js';

export const exportQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  /** The register's search box and filter, as on GET /api/v1/customers. */
  q: z.string().trim().max(100).optional(),
  filter: filterParam,
  sort: sortParam<(typeof CUSTOMER_SORTS)[number]>(CUSTOMER_SORTS, '-created_at'),
  /** Comma-separated columns (name,phone,region,owner,custom.level …); all when absent. */
  columns: z
    .string()
    .max(2000)
    .optional()
    .transform((s) => (s ? s.split(',').map((c) => c.trim()).filter(Boolean) : undefined)),
});

/** §2.8 export of the customer register as CSV (UTF-8 with BOM) or XLSX. */
export function registerCustomerExportRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/export',
    summary: 'Export the caller’s current view of the register (search, filter, sort, columns) as CSV or XLSX; personal data as the caller’s field rules show it; audited',
    tags: ['customers'],
    permission: 'data.export',
    query: exportQuery,
    handler: async ({ reply, kefu, actor, query }) => {
      const out = await exportCustomers({ kefu, actor }, query);
      return reply
        .header('content-type', out.contentType)
        .header('content-disposition', contentDisposition(out.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('x-export-rows', String(out.rows))
        .header('x-export-truncated', out.truncated ? '1' : '0')
        .send(out.body);
    },
  });
}
