import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestKefu } from '../../testing/harness.js';

describe('request edge', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    ctx = await createTestKefu({ bodyLimit: 1024 });
    app = await buildApp({ kefu: ctx.kefu });
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('answers unknown routes with the one error shape, in Chinese by default', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'route_not_found', message: '接口不存在' } });
  });

  it('answers in English when the client asks for it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.json().error.message).toBe('No such endpoint');
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x'.repeat(5000), password: 'y' } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('refuses NUL bytes and lone surrogates with 400, never 500', async () => {
    for (const payload of ['{"username":"a\\u0000b","password":"x"}', '{"username":"\\ud800","password":"x"}']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_text');
    }
    const q = await app.inject({ method: 'GET', url: '/api/v1/nothing?x=%00' });
    expect(q.statusCode).toBe(400);
  });
});
