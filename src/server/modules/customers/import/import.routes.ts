import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { contentDisposition, FileStore, resolveFilesDir } from '../../../platform/files.js';
import { defineRoute, idParams } from '../../../platform/http/route.js';
import { t } from '../../../platform/i18n.js';
import { registerCustomerExportRoutes } from './export.routes.js';
import { MAX_BYTES } from './import-parse.js';
import { importList, importView, updateImportBody } from './import.schema.js';
import * as service from './import.service.js';

const tags = ['customers'];
const permission = 'customers.import';

/** §2.8 import (upload → mapping → dry run → run → report) and export of customers. */
export async function registerCustomerImportRoutes(app: FastifyInstance): Promise<void> {
  const store = new FileStore(resolveFilesDir(app.kefu.config));
  // Multipart parsing only where an import is uploaded; the rest of the API stays JSON-only.
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) {
      await scope.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12 } });
    }
    defineRoute(scope, {
      method: 'POST',
      url: '/api/v1/customer-imports',
      summary: 'Upload a CSV (UTF-8 or GBK) or XLSX of customers (multipart field "file", ≤ 50 MB, ≤ 200,000 rows); answers the headers and a suggested column mapping',
      tags,
      permission,
      response: importView,
      handler: async ({ req, kefu, actor }) => {
        if (!req.isMultipart()) throw new AppError('file_multipart_required', 415);
        const part = await req.file({ limits: { fileSize: MAX_BYTES } });
        if (!part) throw new AppError('file_missing', 400);
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('import_too_large', 413, { limit: MAX_BYTES }, t(actor.locale, 'errors.import_too_large', { limit: '50 MB' }));
          }
          throw err;
        }
        return service.createImport({ kefu, actor }, store, { bytes, filename: part.filename, declaredType: part.mimetype });
      },
    });
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customer-imports',
    summary: 'The caller’s recent customer imports, newest first',
    tags,
    permission,
    response: importList,
    handler: ({ kefu, actor }) => service.listImports({ kefu, actor }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customer-imports/:id',
    summary: 'One import: status, mapping, counts, progress (live while running) and the first problems',
    tags,
    permission,
    params: idParams,
    response: importView,
    handler: ({ kefu, actor, params }) => service.getImport({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/customer-imports/:id',
    summary: 'Set the column mapping (header → field) and the duplicate mode (skip | update | merge); a dry run must be repeated',
    tags,
    permission,
    params: idParams,
    body: updateImportBody,
    response: importView,
    concurrency: false,
    handler: ({ kefu, actor, params, body }) => service.updateImport({ kefu, actor }, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customer-imports/:id/validate',
    summary: 'Dry run: validate every row and find duplicates (database and file); stores counts and problems, writes no customer',
    tags,
    permission,
    params: idParams,
    response: importView,
    status: 200,
    handler: ({ kefu, actor, params }) => service.validate({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customer-imports/:id/run',
    summary: 'Run the import as a background job (one transaction); progress arrives as customer_import.progress realtime events',
    tags,
    permission,
    params: idParams,
    response: importView,
    status: 202,
    handler: ({ kefu, actor, params }) => service.startRun({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customer-imports/:id/report.xlsx',
    summary: 'The validation report as XLSX: row, column, problem (headers in the caller’s language)',
    tags,
    permission,
    params: idParams,
    handler: async ({ reply, kefu, actor, params }) => {
      const report = await service.reportFile({ kefu, actor }, params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(report.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(report.bytes);
    },
  });

  registerCustomerExportRoutes(app);
}
