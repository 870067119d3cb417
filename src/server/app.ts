import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Actor } from './platform/actor.js';
import type { Kefu } from './platform/context.js';
import { installAuthentication } from './platform/auth/authenticate.js';
import { installErrorHandler } from './platform/http/error-handler.js';
import { installRateLimit } from './platform/http/rate-limit.js';
import { findBadText } from './platform/http/validation.js';
import { AppError } from './platform/errors.js';
import { type Locale, pickLocale } from './platform/i18n.js';
import { installRealtime } from './platform/realtime.js';
import { registerModules } from './modules/index.js';
import { registerStaticWeb } from './platform/http/static-web.js';

declare module 'fastify' {
  interface FastifyInstance {
    kefu: Kefu;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    /** Set by the auth layer: records a refused access in the audit log. */
    onForbidden?: (permission: string) => Promise<void>;
  }
  interface FastifyContextConfig {
    kefuRoute?: unknown;
  }
}

export type BuildOptions = { kefu: Kefu; logger?: FastifyServerOptions['logger'] };

/** Builds the HTTP application: plugins, hooks, error handling and every module's routes. */
export async function buildApp({ kefu, logger = false }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    bodyLimit: kefu.config.bodyLimit,
    // Only named proxies may set the client address and protocol (KEFU_TRUST_PROXY).
    trustProxy: kefu.config.trustProxy,
    // `__proto__` / `constructor.prototype` keys are dropped, never merged into objects.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    // Ids are generated here, never taken from the client, so they stay unique across nodes.
    requestIdHeader: false,
    // Unique across nodes and restarts, so a log line found by its id is the right one.
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.decorate('kefu', kefu);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  await app.register(cookie);

  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(undefined, req.headers['accept-language']);
  });
  installAuthentication(app);
  // API answers carry personal data and depend on the session: never stored by browsers or proxies.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  // After authentication: limits are per actor, per client address when anonymous.
  installRateLimit(app);
  app.addHook('preValidation', async (req) => {
    const bad = findBadText(req.body, ['body']) ?? findBadText(req.query, ['query']) ?? findBadText(req.params, ['params']);
    if (bad) throw new AppError('invalid_text', 400, { path: bad });
  });

  installErrorHandler(app);
  // The WebSocket plugin wraps route handlers as they are added, so it precedes every route.
  await installRealtime(app);
  await registerModules(app);
  await registerStaticWeb(app);
  return app;
}
