import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import type { Actor } from '../actor.js';
import type { Kefu } from '../context.js';
import { AppError, forbidden, preconditionRequired, unauthenticated } from '../errors.js';
import type { Locale } from '../i18n.js';
import { readIdempotencyKey, type StoredAnswer, withIdempotency } from './idempotency.js';
import { zodErrorMap, zodIssues } from './validation.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteContext<B, Q, P> = {
  req: FastifyRequest;
  reply: FastifyReply;
  kefu: Kefu;
  actor: Actor;
  body: B;
  query: Q;
  params: P;
  /** PATCH/PUT with optimistic concurrency: the version named by If-Match. */
  ifMatch: number | undefined;
};

export type RouteDef<B = unknown, Q = unknown, P = unknown, R = unknown> = {
  method: HttpMethod;
  url: string;
  summary: string;
  tags: string[];
  /** `public` needs no actor; `user` (default) needs a signed-in staff user or API token. */
  auth?: 'public' | 'user';
  /** The actor needs at least one of these permissions (else 403, audited by the auth layer). */
  permission?: string | string[];
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  response?: ZodType<R>;
  /** Success status; POST defaults to 201. */
  status?: number;
  /**
   * false: an Idempotency-Key is not honoured, so the answer is never stored (answers that
   * carry personal data in full, such as a reveal, must not sit in the replay table).
   */
  idempotency?: false;
  /** PATCH/PUT require If-Match unless this is false. */
  concurrency?: boolean;
  handler: (ctx: RouteContext<B, Q, P>) => Promise<R>;
};

/** Every registered route, for the OpenAPI document. */
export const routeRegistry: RouteDef<any, any, any, any>[] = [];

function parseIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!m) throw new AppError('validation', 400, [{ path: ['If-Match'], message: 'If-Match must be an ETag like "3"' }]);
  return Number(m[1]);
}

function parsePart<T>(schema: ZodType<T> | undefined, value: unknown, where: string, locale: Locale): T {
  if (!schema) return value as T;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}), { error: zodErrorMap(locale) });
  if (!result.success) throw new AppError('validation', 400, zodIssues(result.error, where, locale));
  return result.data;
}

/** Headers a replayed idempotent answer must carry again. */
function replayableHeaders(reply: FastifyReply): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const name of ['etag', 'location', 'content-type']) {
    const v = reply.getHeader(name);
    if (typeof v === 'string') out[name] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}


/** Registers one endpoint: parse → authenticate → authorize → handle → present. */
export function defineRoute<B, Q, P, R>(app: FastifyInstance, def: RouteDef<B, Q, P, R>): void {
  routeRegistry.push(def);
  const permissions = def.permission ? (Array.isArray(def.permission) ? def.permission : [def.permission]) : [];
  const needsIfMatch = (def.method === 'PATCH' || def.method === 'PUT') && def.concurrency !== false;
  app.route({
    method: def.method,
    url: def.url,
    config: { kefuRoute: def },
    handler: async (req, reply) => {
      const actor = req.actor;
      if (def.auth !== 'public') {
        if (!actor) throw unauthenticated();
        if (permissions.length > 0 && !permissions.some((p) => actor.permissions.has(p))) {
          await req.onForbidden?.(permissions.join('|'));
          throw forbidden(permissions.join('|'));
        }
      }
      const params = parsePart(def.params, req.params, 'params', req.locale);
      const query = parsePart(def.query, req.query, 'query', req.locale);
      const body = parsePart(def.body, req.body, 'body', req.locale);
      const ifMatch = parseIfMatch(req.headers['if-match'] as string | undefined);
      if (needsIfMatch && ifMatch === undefined) throw preconditionRequired();
      const run = async (): Promise<StoredAnswer | null> => {
        const result = await def.handler({ req, reply, kefu: req.server.kefu, actor: actor as Actor, body, query, params, ifMatch });
        // A handler that streamed or sent its own answer returns the reply (Fastify's idiom).
        if (reply.sent || (result as unknown) === reply) return null;
        if (result && typeof result === 'object' && 'version' in result && typeof (result as { version: unknown }).version === 'number') {
          reply.header('etag', `"${(result as { version: number }).version}"`);
        }
        if (result === undefined) return { status: def.status ?? 204, body: undefined };
        return { status: def.status ?? (def.method === 'POST' ? 201 : 200), body: result, headers: replayableHeaders(reply) };
      };
      // Idempotency-Key on an authenticated POST: a retried request gets the first answer again.
      const idempotencyKey = def.method === 'POST' && actor && def.auth !== 'public' && def.idempotency !== false ? readIdempotencyKey(req) : undefined;
      const answer = idempotencyKey ? await withIdempotency(req, reply, actor as Actor, idempotencyKey, run) : await run();
      if (answer === null) return reply;
      if (answer.body === undefined || (answer.status === 204 && answer.body === null)) return reply.code(answer.status).send();
      reply.code(answer.status);
      return answer.body;
    },
  });
}

/** Shared schema pieces. */
export const idParams = z.strictObject({ id: z.uuid() });
export type IdParams = z.infer<typeof idParams>;
