import { z, type ZodType } from 'zod';
import { SESSION_COOKIE } from '../auth/tokens.js';
import type { RouteDef } from './route.js';

/** A JSON Schema object as produced by Zod (draft 2020-12). */
export type JsonSchema = Record<string, unknown>;

type Operation = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  servers: { url: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};

const ERROR_REF = { $ref: '#/components/schemas/Error' };

/** What integrators need to know beyond the endpoints themselves, per tag. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  webhooks:
    'Each delivery is a POST of JSON {id, event, createdAt, data} with headers X-Kefu-Event, X-Kefu-Delivery (= id, the same on ' +
    'every retry: de-duplicate on it), X-Kefu-Timestamp (Unix seconds) and X-Kefu-Signature: sha256=<hex HMAC-SHA256 of ' +
    '"<timestamp>.<raw body>" keyed with the webhook secret>. Verify the signature in constant time and refuse timestamps more ' +
    'than 5 minutes off. Answer 2xx within 10 s; anything else (redirects included — they are not followed) is retried with ' +
    'exponential backoff, up to 10 attempts. Event filters: exact names, "prefix.*" or "*". Destinations on private, loopback ' +
    'or link-local addresses are refused unless the installation sets KEFU_WEBHOOK_ALLOW_PRIVATE=true.',
  portal:
    'The customer portal (§5.11). A customer is whoever the kefu_portal cookie names (set by /portal/auth/link/consume or ' +
    '/portal/auth/login); staff sessions and API tokens are not accepted here, nor a portal cookie by staff routes. ' +
    'A link request always answers 202, whether or not the address is known. Public articles need no sign-in.',
  'web-form': 'The public "contact us" form: no sign-in; at least one of email/phone; at most 10 submissions per client address in 15 minutes (429 with Retry-After).',
  chat:
    'The website chat widget (embed <script src="<kefu>/widget.js">). POST /public/chat/sessions answers a token once; send it as ' +
    'X-Kefu-Chat on every later call. Poll GET /public/chat/messages?after=<last message id>. Sessions last 7 days.',
  system: 'This document and the documentation page. Realtime events: WebSocket GET /api/v1/realtime (session cookie or Bearer token at the handshake); messages are JSON {type, data, at}; send {"type":"ping"} to get {"type":"pong"}.',
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (validation details in error.details)',
  401: 'Not signed in',
  403: 'Missing permission',
  404: 'Not found or outside the caller’s data scope',
  409: 'Conflict with existing data, or the same Idempotency-Key is still in progress',
  412: 'If-Match names a stale version (version_conflict)',
  422: 'Idempotency-Key reused with a different request (idempotency_mismatch)',
  428: 'If-Match header required',
  429: 'Rate limit exceeded; see Retry-After',
};

/**
 * Zod → JSON Schema (draft 2020-12). Types JSON has no word for become `{}` instead of failing,
 * and dates are described as what they are on the wire: ISO 8601 strings.
 */
export function toJsonSchema(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  try {
    const out = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      override: (ctx) => {
        const def = (ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def;
        if (def?.type === 'date') {
          ctx.jsonSchema.type = 'string';
          ctx.jsonSchema.format = 'date-time';
        }
      },
    }) as JsonSchema;
    delete out.$schema;
    return out;
  } catch {
    return {};
  }
}

/** `/api/v1/users/:id` → `/api/v1/users/{id}` */
export function toOpenApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(schema: ZodType | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return [];
  const json = toJsonSchema(schema, 'input');
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' ? true : required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function header(name: string, description: string, required: boolean, schema: JsonSchema = { type: 'string' }) {
  return { name, in: 'header', required, description, schema };
}

function errorStatuses(def: RouteDef<any, any, any, any>): number[] {
  const s = new Set<number>([429]);
  const writes = def.method !== 'GET';
  if (def.body || def.query || def.params) s.add(400);
  if (def.auth !== 'public') s.add(401);
  if (def.auth !== 'public' && def.permission) s.add(403);
  if (def.params) s.add(404);
  if (writes) s.add(409);
  if ((def.method === 'PATCH' || def.method === 'PUT') && def.concurrency !== false) {
    s.add(412);
    s.add(428);
  }
  if (def.method === 'POST' && def.auth !== 'public') s.add(422);
  return [...s].sort((a, b) => a - b);
}

function operation(def: RouteDef<any, any, any, any>): Operation {
  const isPublic = def.auth === 'public';
  const params: Record<string, unknown>[] = [...parameters(def.params, 'path'), ...parameters(def.query, 'query')];
  if (def.method === 'POST' && !isPublic) {
    params.push(
      header('Idempotency-Key', 'Optional. A retry with the same key and body replays the first answer (24 h).', false, {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        pattern: '^[\\x21-\\x7E]+$',
      }),
    );
  }
  if ((def.method === 'PATCH' || def.method === 'PUT') && def.concurrency !== false) {
    params.push(header('If-Match', 'The ETag (version) the change is based on, e.g. "3".', true));
  }

  const status = def.status ?? (def.method === 'POST' ? 201 : def.method === 'DELETE' && !def.response ? 204 : 200);
  const success: Record<string, unknown> = { description: status === 204 ? 'No content' : 'Success' };
  if (def.response && status !== 204) success.content = { 'application/json': { schema: toJsonSchema(def.response, 'output') } };
  const responses: Record<string, unknown> = { [String(status)]: success };
  for (const code of errorStatuses(def)) {
    responses[String(code)] = { $ref: `#/components/responses/E${code}` };
  }

  const op: Operation = {
    operationId: operationId(def),
    summary: def.summary,
    tags: def.tags.length > 0 ? def.tags : ['default'],
    parameters: params,
    responses,
  };
  if (def.permission) {
    const list = Array.isArray(def.permission) ? def.permission : [def.permission];
    op['x-permissions'] = list;
    op.description = `Requires permission: ${list.join(' or ')}`;
  }
  if (def.body) op.requestBody = { required: true, content: { 'application/json': { schema: toJsonSchema(def.body, 'input') } } };
  op.security = isPublic ? [] : [{ cookieAuth: [] }, { bearerAuth: [] }];
  return op;
}

function operationId(def: RouteDef<any, any, any, any>): string {
  const words = def.url
    .replace(/^\/api\/(v\d+\/)?/, '')
    .split(/[/\-_.]+/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `By${cap(w.slice(1))}` : cap(w)));
  return `${def.method.toLowerCase()}${words.join('')}`;
}
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** The OpenAPI 3.1 document of the given routes (the last definition of a method + path wins). */
export function buildOpenApi(routes: readonly RouteDef<any, any, any, any>[], info: { version: string } = { version: '0.1.0' }): OpenApiDocument {
  const unique = new Map<string, RouteDef<any, any, any, any>>();
  for (const r of routes) unique.set(`${r.method} ${r.url}`, r);
  const sorted = [...unique.values()].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));

  const paths: OpenApiDocument['paths'] = {};
  const tags = new Set<string>();
  for (const def of sorted) {
    const p = toOpenApiPath(def.url);
    paths[p] ??= {};
    paths[p][def.method.toLowerCase()] = operation(def);
    for (const t of def.tags.length > 0 ? def.tags : ['default']) tags.add(t);
  }

  const errorResponses: Record<string, unknown> = {};
  for (const [code, description] of Object.entries(ERROR_DESCRIPTIONS)) {
    errorResponses[`E${code}`] = {
      description,
      ...(code === '429'
        ? {
            headers: {
              'Retry-After': { description: 'Seconds until the window resets', schema: { type: 'integer' } },
              'RateLimit-Limit': { schema: { type: 'integer' } },
              'RateLimit-Remaining': { schema: { type: 'integer' } },
              'RateLimit-Reset': { schema: { type: 'integer' } },
            },
          }
        : {}),
      content: { 'application/json': { schema: ERROR_REF } },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Kefu 客服 API',
      version: info.version,
      description:
        'REST + JSON under /api/v1. Errors: {"error":{"code","message","details"?}} with messages in the caller’s language. ' +
        'Lists answer {items,nextCursor} (cursor pagination). POST accepts Idempotency-Key; PATCH requires If-Match (ETag = version). ' +
        'Requests are rate limited per user (per address when anonymous). Realtime events: WebSocket at /api/v1/realtime.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [...tags].sort().map((name) => (TAG_DESCRIPTIONS[name] ? { name, description: TAG_DESCRIPTIONS[name] } : { name })),
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          additionalProperties: false,
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: 'Stable machine-readable code, e.g. validation, not_found' },
                message: { type: 'string', description: 'Localized human-readable message' },
                details: { description: 'Code-specific details, e.g. validation issues [{path, code, message}]' },
              },
            },
          },
        },
      },
      responses: errorResponses,
      securitySchemes: {
        cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Session cookie set by POST /api/v1/auth/login' },
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'API token (kefu_…) created in the user’s settings' },
      },
    },
  };
}
