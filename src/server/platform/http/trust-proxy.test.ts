import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../testing/harness.js';

const login = (t: TestApp, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.0.5', headers, payload: { username: 'admin', password: ADMIN_PASSWORD } });

describe('behind a reverse proxy', () => {
  let trusted: TestApp;
  let direct: TestApp;
  beforeAll(async () => {
    trusted = await createTestApp({ trustProxy: ['10.0.0.5'] });
    direct = await createTestApp();
  });
  afterAll(async () => {
    await trusted.close();
    await direct.close();
  });

  it('believes X-Forwarded-For/-Proto only from a trusted proxy', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' };
    const viaProxy = await login(trusted, headers);
    expect(viaProxy.statusCode).toBe(200);
    expect(viaProxy.cookies.find((c) => c.name === 'kefu_session')?.secure).toBe(true);
    const entry = await trusted.kefu.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry.ip).toBe('203.0.113.7');

    const spoofed = await login(direct, headers);
    expect(spoofed.statusCode).toBe(200);
    expect(spoofed.cookies.find((c) => c.name === 'kefu_session')?.secure).toBeFalsy();
    const raw = await direct.kefu.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(raw.ip).toBe('10.0.0.5');
  });
});
