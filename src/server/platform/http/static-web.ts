import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// KEFU_WEB_DIST points a development server at another build (e.g. `vite build --outDir`).
export const WEB_DIST = process.env.KEFU_WEB_DIST ? path.resolve(process.env.KEFU_WEB_DIST) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/web');

/**
 * Serves the built single-page app: one route per built file (Vite names assets by content
 * hash, so they are cached forever). Client-side routes are answered by `spaFallback` from the
 * not-found handler, so unknown API paths keep their JSON 404.
 */
export async function registerStaticWeb(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) return;
  const indexHtml = fs.readFileSync(path.join(WEB_DIST, 'index.html'));
  app.decorate('spaIndex', indexHtml);
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: false,
    index: false,
    setHeaders(res, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    },
  });
}

/** Answers index.html for a GET of a client-side route; false when the request is not one. */
export function spaFallback(req: FastifyRequest, reply: FastifyReply): boolean {
  const index = (req.server as FastifyInstance & { spaIndex?: Buffer }).spaIndex;
  const url = req.url.split('?')[0];
  if (!index || (req.method !== 'GET' && req.method !== 'HEAD') || url.startsWith('/api/') || url === '/api' || path.extname(url)) return false;
  void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  return true;
}
