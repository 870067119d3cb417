import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// KEFU_WEB_DIST points a development server at another build (e.g. `vite build --outDir`).
export const WEB_DIST = process.env.KEFU_WEB_DIST ? path.resolve(process.env.KEFU_WEB_DIST) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/web');

/**
 * Who may show our pages in a frame. The staff app and the portal act for a signed-in person, so
 * another site framing them could trick that person into clicking (clickjacking): framing is
 * refused. The chat widget page (/chat) is made to be framed by the enterprise's own websites,
 * whatever their address; it is anonymous and acts only on the chat whose token it holds, so a
 * framing site gains nothing it could not do by calling the public chat API itself.
 */
export function frameHeaders(url: string): Record<string, string> {
  const pathname = url.split('?')[0]!.replace(/\/+$/, '');
  if (pathname === '/chat') return { 'content-security-policy': 'frame-ancestors *' };
  return { 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'" };
}

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
      if (filePath.endsWith('.html')) for (const [k, v] of Object.entries(frameHeaders('/'))) res.setHeader(k, v);
    },
  });
}

/** Answers index.html for a GET of a client-side route; false when the request is not one. */
export function spaFallback(req: FastifyRequest, reply: FastifyReply): boolean {
  const index = (req.server as FastifyInstance & { spaIndex?: Buffer }).spaIndex;
  const url = req.url.split('?')[0];
  if (!index || (req.method !== 'GET' && req.method !== 'HEAD') || url.startsWith('/api/') || url === '/api' || path.extname(url)) return false;
  void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').headers(frameHeaders(url)).send(index);
  return true;
}
