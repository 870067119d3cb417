import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CryptoHost, encryptSecret } from '../../platform/crypto.js';
import { createTestApp, loginCookie, type TestApp } from '../../testing/harness.js';
import { auditActions, createUser, login, sessionCookieOf } from './auth.fixtures.js';

const codeFor = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate();

describe('administrators helping with sign-in', () => {
  let t: TestApp;
  let userId: string;
  const creds = { username: 'lostphone', password: 'Lost-Phone-2026' };
  const admin = (url: string) => t.app.inject({ method: 'POST', url, headers: { cookie: t.adminCookie } });

  beforeAll(async () => {
    t = await createTestApp();
    userId = await createUser(t.kefu.db, t.orgId, creds);
    await createUser(t.kefu.db, t.orgId, { username: 'plainagent', password: 'Plain-Agent-2026' });
  });
  afterAll(() => t.close());

  it('resets a lost second factor; the user signs in with the password again', async () => {
    const cookie = await loginCookie(t.app, creds.username, creds.password);
    const { secret } = (await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: { cookie } })).json();
    await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers: { cookie }, payload: { code: codeFor(secret) } });
    expect((await login(t.app, creds)).json().mfaRequired).toBe(true);
    const res = await admin(`/api/v1/auth/users/${userId}/totp-reset`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ totpEnabled: false });
    expect((await login(t.app, creds)).json().mfaRequired).toBe(false);
    expect((await auditActions(t.kefu.db, t.orgId, 'auth.totp_reset')).length).toBe(1);
  });

  it('lifts a lockout', async () => {
    for (let i = 0; i < 10; i++) await login(t.app, { username: creds.username, password: 'wrong' }, `10.9.0.${i + 1}`);
    expect((await login(t.app, creds, '10.9.1.1')).statusCode).toBe(429);
    expect((await admin(`/api/v1/auth/users/${userId}/unlock`)).statusCode).toBe(204);
    expect((await login(t.app, creds, '10.9.1.1')).statusCode).toBe(200);
  }, 120_000);

  it('needs org.users.manage: others get 403, recorded as access.denied; unknown users 404', async () => {
    const cookie = await loginCookie(t.app, 'plainagent', 'Plain-Agent-2026');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/auth/users/${userId}/totp-reset`, headers: { cookie } });
    expect(res.statusCode).toBe(403);
    const denied = await auditActions(t.kefu.db, t.orgId, 'access.denied');
    expect(denied.some((d) => d.entity_id === `POST /api/v1/auth/users/${userId}/totp-reset`)).toBe(true);
    expect((await admin('/api/v1/auth/users/0190e0e0-0000-7000-8000-000000000000/unlock')).statusCode).toBe(404);
  });

  it('says so when a TOTP secret can no longer be decrypted (master key changed)', async () => {
    const foreign: CryptoHost = { config: { ...t.kefu.config, secret: 'some-other-master-secret' }, database: { engine: 'pglite' } as CryptoHost['database'] };
    const unreadable = await encryptSecret(foreign, 'JBSWY3DPEHPK3PXP', `users.totp_secret:${userId}`);
    await t.kefu.db.updateTable('users').set({ totp_secret: unreadable, totp_enabled: true }).where('id', '=', userId).execute();
    const first = await login(t.app, creds, '10.9.2.1');
    expect(first.json().mfaRequired).toBe(true);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: { cookie: sessionCookieOf(first) }, payload: { code: '123456' } });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('totp_secret_unreadable');
  });
});
