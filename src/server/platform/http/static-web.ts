import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './error-handler.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/web');

/**
 * Serves the built single-page app. Unknown non-API GET paths answer index.html so
 * client-side routes survive a reload; API paths keep the JSON 404.
 */
export async function registerStaticWeb(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: false,
    index: false,
    setHeaders(res, filePath) {
      // Vite names assets by content hash: cache them forever; index.html never.
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const indexHtml = fs.readFileSync(path.join(WEB_DIST, 'index.html'));
  app.get('/*', (req, reply) => {
    const rel = decodeURIComponent(req.url.split('?')[0]).replace(/^\/+/, '');
    if (rel.startsWith('api/') || rel === 'api') return reply.code(404).send(errorBody(req.locale ?? 'zh-CN', 'route_not_found'));
    const file = path.join(WEB_DIST, rel);
    if (rel && file.startsWith(WEB_DIST + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(rel);
    if (path.extname(rel)) return reply.code(404).send(errorBody(req.locale ?? 'zh-CN', 'route_not_found'));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
}
