import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../app.js';
import { defineRoute, idParams, routeRegistry } from '../../platform/http/route.js';
import { toOpenApiPath } from '../../platform/http/openapi.js';
import { createTestKefu } from '../../testing/harness.js';
import { schemaText } from './schema-text.js';

describe('API documentation', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    ctx = await createTestKefu();
    app = await buildApp({ kefu: ctx.kefu });
    // A route with every kind of input, to check how each becomes OpenAPI.
    defineRoute(app, {
      method: 'PATCH',
      url: '/api/v1/test-docs/:id/things',
      summary: 'Docs probe <b>not html</b>',
      tags: ['probe'],
      permission: 'jobs.manage',
      params: idParams,
      query: z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') }),
      body: z.strictObject({ name: z.string().min(1).max(100), when: z.date().optional(), tags: z.array(z.string()).max(5) }),
      response: z.object({ id: z.uuid(), version: z.number().int(), at: z.date() }),
      handler: async () => ({ id: '0190a0a0-0000-7000-8000-000000000000', version: 1, at: new Date() }),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('serves an OpenAPI 3.1 document with every registered route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(routeRegistry.length).toBeGreaterThan(5);
    for (const r of routeRegistry) {
      const op = doc.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url}`).toBeTruthy();
      expect(op.summary).toBe(r.summary);
      expect(op.responses).toBeTruthy();
    }
    expect(Object.keys(doc.paths).some((p) => p.includes(':'))).toBe(false);
    expect(doc.components.securitySchemes.cookieAuth).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'kefu_session' }));
    expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
    // operationIds are unique
    const ids = Object.values(doc.paths).flatMap((ops: any) => Object.values(ops).map((o: any) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes params, query, a strict body, headers and error responses', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/openapi.json' })).json();
    const op = doc.paths['/api/v1/test-docs/{id}/things'].patch;
    const body = op.requestBody.content['application/json'].schema;
    expect(body.type).toBe('object');
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(['name', 'tags']);
    expect(body.properties.name).toEqual({ type: 'string', minLength: 1, maxLength: 100 });
    expect(body.properties.when).toEqual({ type: 'string', format: 'date-time' });
    expect(body.$schema).toBeUndefined();
    const byName = Object.fromEntries(op.parameters.map((p: any) => [p.name, p]));
    expect(byName.id).toEqual(expect.objectContaining({ in: 'path', required: true }));
    expect(byName.id.schema.format).toBe('uuid');
    expect(byName.dryRun).toEqual(expect.objectContaining({ in: 'query', required: false }));
    expect(byName['If-Match']).toEqual(expect.objectContaining({ in: 'header', required: true }));
    expect(op.responses['200'].content['application/json'].schema.properties.at).toEqual({ type: 'string', format: 'date-time' });
    for (const code of ['400', '401', '403', '404', '409', '412', '428', '429']) {
      expect(op.responses[code], code).toEqual({ $ref: `#/components/responses/E${code}` });
    }
    expect(doc.components.responses.E429.headers['Retry-After']).toBeTruthy();
    expect(op.security).toEqual([{ cookieAuth: [] }, { bearerAuth: [] }]);
    expect(op['x-permissions']).toEqual(['jobs.manage']);

    const webhookCreate = doc.paths['/api/v1/webhooks'].post;
    expect(webhookCreate.responses['201']).toBeTruthy();
    expect(webhookCreate.responses['422']).toBeTruthy();
    expect(webhookCreate.parameters.find((p: any) => p.name === 'Idempotency-Key')).toEqual(expect.objectContaining({ in: 'header', required: false }));
    expect(webhookCreate.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    const docs = doc.paths['/api/docs/openapi.json'].get;
    expect(docs.security).toEqual([]);
    expect(docs.responses['401']).toBeUndefined();
    expect(doc.tags.find((tg: { name: string }) => tg.name === 'webhooks').description).toContain('X-Kefu-Signature');
  });

  it('serves a self-contained HTML page grouped by tag, escaping what it prints', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    const html = res.body;
    // nothing is fetched from elsewhere
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/i);
    expect(html).not.toMatch(/https?:\/\/(?!json-schema\.org)/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain('<h2>webhooks');
    expect(html).toContain('<h2>probe');
    expect(html).toContain('<code>/api/v1/webhooks/{id}/deliveries</code>');
    expect(html).toContain('Docs probe &lt;b&gt;not html&lt;/b&gt;');
    expect(html).not.toContain('<b>not html</b>');
    expect(html).toContain('API documentation');
    // request bodies are rendered as readable text
    expect(html).toMatch(/name: string {2}\/\/ 1–100 chars/);
    expect(html).toContain('// no other fields accepted');
    const zh = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(zh.body).toContain('接口文档');
  });

  it('renders JSON schema as readable text', () => {
    const s = z.toJSONSchema(
      z.strictObject({
        name: z.string().max(10),
        kind: z.enum(['a', 'b']).optional(),
        tags: z.array(z.string()),
        meta: z.record(z.string(), z.number()),
        maybe: z.string().nullable(),
      }),
    ) as Record<string, unknown>;
    const text = schemaText(s);
    expect(text).toContain('name: string  // ≤ 10 chars');
    expect(text).toContain('kind?: "a" | "b"');
    expect(text).toContain('tags: string[]');
    expect(text).toContain('[key: string]: number');
    expect(text).toContain('maybe: string | null');
  });
});
