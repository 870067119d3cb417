import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { FileStore, contentDisposition, resolveFilesDir } from '../../platform/files.js';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { fileView } from './files.schema.js';
import * as service from './files.service.js';

/** Attachments: upload (type checked by content), metadata, download as attachment, soft delete. */
export async function registerFilesRoutes(app: FastifyInstance): Promise<void> {
  const store = new FileStore(resolveFilesDir(app.kefu.config));
  const limit = app.kefu.config.uploadLimit;
  // Multipart parsing only where uploads are accepted; everything else stays JSON-only.
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) {
      await scope.register(multipart, { limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 1024, parts: 12 } });
    }
    defineRoute(scope, {
      method: 'POST',
      url: '/api/v1/files',
      summary: `Upload one file (multipart/form-data, field "file"); allowed: png, jpg, gif, webp, pdf, docx, xlsx, pptx, csv, txt, mp3, wav, ogg, eml`,
      tags: ['files'],
      permission: 'files.upload',
      response: fileView,
      handler: async ({ req, kefu, actor }) => {
        if (!req.isMultipart()) throw new AppError('file_multipart_required', 415);
        const part = await req.file({ limits: { fileSize: limit } });
        if (!part) throw new AppError('file_missing', 400);
        return service.upload(kefu.db, store, {
          actor,
          source: part.file,
          filename: part.filename,
          declaredType: part.mimetype,
          limit,
          locale: req.locale,
        });
      },
    });
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/files/:id',
    summary: 'File metadata',
    tags: ['files'],
    params: idParams,
    response: fileView,
    handler: ({ kefu, actor, params }) => service.getFile(kefu.db, actor, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/files/:id/content',
    summary: 'Download the file (always as an attachment, with its checked content type)',
    tags: ['files'],
    params: idParams,
    handler: async ({ reply, kefu, actor, params }) => {
      const { file, stream } = await service.openContent(kefu.db, store, actor, params.id);
      // The bytes are untrusted: never rendered by the browser as a page of ours.
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('cache-control', 'private, no-cache')
        .header('etag', `"${file.sha256}"`)
        .send(stream);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/files/:id',
    summary: 'Delete a file (soft delete; the uploader or files.manage)',
    tags: ['files'],
    params: idParams,
    handler: ({ kefu, actor, params }) => service.deleteFile(kefu.db, actor, params.id),
  });
}
