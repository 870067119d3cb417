import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../platform/http/route.js';
import { renderDocsPage } from './docs-page.js';
import { openApiDocument } from './system.service.js';

/** API documentation: the OpenAPI 3.1 document and a readable page generated from it. */
export async function registerSystemRoutes(app: FastifyInstance): Promise<void> {
  defineRoute(app, {
    method: 'GET',
    url: '/api/docs/openapi.json',
    summary: 'OpenAPI 3.1 document of this API',
    tags: ['system'],
    auth: 'public',
    handler: async ({ reply }) => {
      reply.header('cache-control', 'no-cache');
      return openApiDocument();
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/docs',
    summary: 'API documentation page (HTML)',
    tags: ['system'],
    auth: 'public',
    handler: async ({ req, reply }) => {
      const nonce = randomBytes(16).toString('base64');
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        // Everything is inline; nothing may be fetched from elsewhere.
        .header(
          'content-security-policy',
          `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        );
      return renderDocsPage(openApiDocument(), req.locale, nonce);
    },
  });
}
