import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorBody } from '../errors.js';
import { type Locale, t } from '../i18n.js';
import { spaFallback } from './static-web.js';

/** Fastify's own error codes mapped onto ours, so every error has the one shape. */
const FASTIFY_CODES: Record<string, { code: string; status: number }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', status: 413 },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', status: 400 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', status: 400 },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', status: 415 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', status: 400 },
  FST_ERR_CTP_INVALID_CHARSET: { code: 'unsupported_media_type', status: 415 },
  FST_ERR_VALIDATION: { code: 'validation', status: 400 },
  FST_ERR_BAD_URL: { code: 'bad_request', status: 400 },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'bad_request', status: 400 },
};

export function errorBody(locale: Locale, code: string, details?: unknown, message?: string): ErrorBody {
  return { error: { code, message: message ?? t(locale, `errors.${code}`), ...(details === undefined ? {} : { details }) } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const locale = req.locale ?? 'zh-CN';
    if (err instanceof AppError) {
      return reply.code(err.status).send(errorBody(locale, err.code, err.details, err.explicitMessage));
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return reply.code(mapped.status).send(errorBody(locale, mapped.code));
    if (err instanceof SyntaxError || (err as { statusCode?: number }).statusCode === 400) {
      return reply.code(400).send(errorBody(locale, 'bad_request'));
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 429) return reply.code(429).send(errorBody(locale, 'rate_limited'));
    if (status === 413) return reply.code(413).send(errorBody(locale, 'payload_too_large'));
    if (status === 415) return reply.code(415).send(errorBody(locale, 'unsupported_media_type'));
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody(locale, 'internal'));
  });
  app.setNotFoundHandler((req, reply) => {
    if (spaFallback(req, reply)) return;
    reply.code(404).send(errorBody(req.locale ?? 'zh-CN', 'route_not_found'));
  });
}
