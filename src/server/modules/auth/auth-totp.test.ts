import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, loginCookie, type TestApp } from '../../testing/harness.js';
import { auditActions, createUser, login, sessionCookieOf, setSecuritySettings } from './auth.fixtures.js';

/** Codes as an authenticator app would show them; `offset` steps ahead (accepted within ±1 step). */
function codeFor(secret: string, offset = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offset * 30_000 });
}

describe('TOTP second factor', () => {
  let t: TestApp;
  const creds = { username: 'secure01', password: 'Secure-One-2026' };
  let cookie: string;
  let secret: string;
  const post = (url: string, c: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: { cookie: c }, payload });
  const me = (c: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: c } });

  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.kefu.db, t.orgId, creds);
    cookie = await loginCookie(t.app, creds.username, creds.password);
  });
  afterAll(() => t.close());

  it('enrols: setup gives a secret and otpauth URL, stored encrypted; enable needs a right code', async () => {
    const setup = await post('/api/v1/me/totp/setup', cookie);
    expect(setup.statusCode).toBe(200);
    secret = setup.json().secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.json().otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]{32}/);
    expect(setup.json().otpauthUrl).toContain('issuer=Kefu');
    const row = await t.kefu.db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('username', '=', creds.username).executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(false);
    expect(row.totp_secret).toMatch(/^enc1:/);
    expect(row.totp_secret).not.toContain(secret);
    const wrong = await post('/api/v1/me/totp/enable', cookie, { code: '000000' === codeFor(secret) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('totp_invalid');
    const ok = await post('/api/v1/me/totp/enable', cookie, { code: codeFor(secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ totpEnabled: true });
    expect((await me(cookie)).json().totpEnabled).toBe(true);
    expect((await post('/api/v1/me/totp/setup', cookie)).json().error.code).toBe('totp_already_enabled');
    expect((await auditActions(t.kefu.db, t.orgId, 'auth.totp_enable')).length).toBe(1);
  });

  it('a password alone gives a pending session that reaches nothing until the code is given', async () => {
    const first = await login(t.app, creds);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ mfaRequired: true, mfaSetupRequired: false });
    const pending = sessionCookieOf(first);
    expect((await me(pending)).statusCode).toBe(401);
    const bad = await post('/api/v1/auth/totp', pending, { code: '12345' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('totp_invalid');
    const done = await post('/api/v1/auth/totp', pending, { code: codeFor(secret, 1) });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ mfaRequired: false, user: { username: creds.username } });
    const full = sessionCookieOf(done);
    expect(full).not.toBe(pending);
    expect((await me(full)).statusCode).toBe(200);
    // The pending cookie itself never becomes a full session.
    expect((await me(pending)).statusCode).toBe(401);
    expect((await post('/api/v1/auth/totp', pending, { code: codeFor(secret, 1) })).statusCode).toBe(401);
  });

  it('accepts password and code in one request, and never the same code twice', async () => {
    // Pretend the steps used above are long past, instead of waiting for the next 30 s window.
    await t.kefu.db.updateTable('users').set({ totp_last_step: null }).where('username', '=', creds.username).execute();
    const code = codeFor(secret);
    const ok = await login(t.app, { ...creds, totp: code });
    expect(ok.json().mfaRequired).toBe(false);
    expect((await me(sessionCookieOf(ok))).statusCode).toBe(200);
    const replay = await login(t.app, { ...creds, totp: code });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().mfaRequired).toBe(true);
    expect((await me(sessionCookieOf(replay))).statusCode).toBe(401);
    expect((await post('/api/v1/auth/totp', sessionCookieOf(replay), { code })).statusCode).toBe(401);
    expect((await auditActions(t.kefu.db, t.orgId, 'auth.mfa_failed')).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses an unauthenticated /auth/totp call', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp', payload: { code: '123456' } });
    expect(res.statusCode).toBe(401);
  });

  it('disable needs the password or a code; a wrong password is refused', async () => {
    const wrong = await post('/api/v1/me/totp/disable', cookie, { password: 'not-it-at-all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('current_password_invalid');
    expect((await post('/api/v1/me/totp/disable', cookie, {})).statusCode).toBe(400);
    expect((await post('/api/v1/me/totp/disable', cookie, { password: 'x', code: '123456' })).statusCode).toBe(400);
    const ok = await post('/api/v1/me/totp/disable', cookie, { password: creds.password });
    expect(ok.json()).toEqual({ totpEnabled: false });
    const plain = await login(t.app, creds);
    expect(plain.json().mfaRequired).toBe(false);
    expect((await me(sessionCookieOf(plain))).statusCode).toBe(200);
    // Enrol again and turn it off with a code this time.
    const again = (await post('/api/v1/me/totp/setup', cookie)).json().secret as string;
    expect(again).not.toBe(secret);
    const used = codeFor(again);
    expect((await post('/api/v1/me/totp/enable', cookie, { code: used })).statusCode).toBe(200);
    expect((await post('/api/v1/me/totp/disable', cookie, { code: used })).statusCode).toBe(400);
    const byCode = await post('/api/v1/me/totp/disable', cookie, { code: codeFor(again, 1) });
    expect(byCode.json()).toEqual({ totpEnabled: false });
  });

  it('API tokens cannot manage the second factor', async () => {
    const created = await post('/api/v1/api-tokens', cookie, { name: 'ci' });
    const bearer = { authorization: `Bearer ${created.json().secret}` };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: bearer });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('session_required');
  });
});

describe('TOTP required for administrators (security.requireTotpForAdmins)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setSecuritySettings(t.kefu.db, t.orgId, { requireTotpForAdmins: true });
    await createUser(t.kefu.db, t.orgId, { username: 'agent02', password: 'Agent-Two-2026' });
  });
  afterAll(() => t.close());

  it('an admin without TOTP may only reach /me, /me/totp/* and logout until enrolled', async () => {
    const res = await login(t.app, { username: 'admin', password: ADMIN_PASSWORD });
    expect(res.json()).toMatchObject({ mfaRequired: false, mfaSetupRequired: true });
    const cookie = sessionCookieOf(res);
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const me = await get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().mfaSetupRequired).toBe(true);
    const blocked = await get('/api/v1/auth/sessions');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('mfa_setup_required');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: { cookie }, payload: { name: 'x' } })).statusCode).toBe(403);
    const patched = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie }, payload: { locale: 'en' } });
    expect(patched.statusCode).toBe(200);

    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: { cookie } });
    const enable = await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers: { cookie }, payload: { code: codeFor(setup.json().secret) } });
    expect(enable.statusCode).toBe(200);
    expect((await get('/api/v1/auth/sessions')).statusCode).toBe(200);
    expect((await get('/api/v1/me')).json().mfaSetupRequired).toBe(false);
  });

  it('does not concern users without the admin role', async () => {
    const res = await login(t.app, { username: 'agent02', password: 'Agent-Two-2026' });
    expect(res.json().mfaSetupRequired).toBe(false);
    const sessions = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: { cookie: sessionCookieOf(res) } });
    expect(sessions.statusCode).toBe(200);
  });

  it('logout stays reachable for an admin who has not enrolled', async () => {
    await createUser(t.kefu.db, t.orgId, { username: 'admin2', password: 'Admin-Two-2026', roleCode: 'admin' });
    const cookie = sessionCookieOf(await login(t.app, { username: 'admin2', password: 'Admin-Two-2026' }));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: { cookie } })).statusCode).toBe(403);
    const relogin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { cookie }, payload: { username: 'agent02', password: 'Agent-Two-2026' } });
    expect(relogin.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
