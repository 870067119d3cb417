import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../../testing/harness.js';

describe('answers that carry a one-time secret', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('are never stored for Idempotency-Key replays', async () => {
    const api = as(t.app, t.adminCookie);
    const token = await api({ method: 'POST', url: '/api/v1/api-tokens', headers: { 'idempotency-key': 'tok-1' }, payload: { name: '报表导出' } });
    expect(token.statusCode).toBe(201);
    const totp = await api({ method: 'POST', url: '/api/v1/me/totp/setup', headers: { 'idempotency-key': 'totp-1' } });
    expect(totp.statusCode).toBe(200);
    const stored = JSON.stringify(await t.kefu.db.selectFrom('idempotency_keys').selectAll().execute());
    expect(stored).not.toContain(token.json().secret);
    expect(stored).not.toContain(totp.json().secret);
    // a retry with the same key creates a new token rather than handing out the old secret again
    const again = await api({ method: 'POST', url: '/api/v1/api-tokens', headers: { 'idempotency-key': 'tok-1' }, payload: { name: '报表导出' } });
    expect(again.json().secret).not.toBe(token.json().secret);
  });
});
